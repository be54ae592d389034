"""The petitions the global search finds (access/finders.py): by registration number,
the petitioner's or a representative's name or ID number, through the rule's search,
which never finds a denunciation by its denouncer for those not cleared."""

from ...access.confidential import MASK
from ...access.finders import Finder, register
from .models import Petition


def _label(user, petition: Petition) -> str:
    summary = petition.summary if len(petition.summary) <= 70 else petition.summary[:67] + "…"
    return f"{petition.registration_number} — {summary}"


def _detail(user, petition: Petition) -> str:
    # The palette names no denouncer, even to those cleared (the list and the form,
    # which log what they show, do).
    who = MASK if petition.is_denunciation else petition.citizen.full_name
    return f"{who} · {petition.received_date:%d/%m/%Y} · {petition.get_state_display()}"


register(Finder(Petition, _label, _detail, order=10, related=("citizen",)))
