"""The hearing dossiers the global search finds (access/finders.py): by the agency's
name or the due date, each within the dossier rule (an agency finds only its own)."""

from ...access.finders import Finder, register
from .models import HearingDossier


def _detail(user, dossier: HearingDossier) -> str:
    return f"{dossier.get_state_display()} · {dossier.session} · {dossier.due_date:%d/%m/%Y}"


register(
    Finder(
        HearingDossier,
        lambda user, d: f"{d.agency} — {d.petition}",
        _detail,
        order=45,
        related=("session", "agency", "petition"),
    )
)
