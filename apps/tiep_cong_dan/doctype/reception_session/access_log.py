"""What a session's form shows of denouncers to a viewer cleared for them, written to
the access log (Law on Denunciation 2018 Art. 47): the citizens invited to a
denunciation's hearing (the invitations tab) and who attends at the point (the
agenda). Those not cleared never see either (the invitation and hearing rules)."""

from django.db.models import Prefetch

from ...access.confidential import log_confidential_access
from ...access.rules import rule_for
from ..citizen.personal_data import log_denouncers_shown
from ..petition.constants import PetitionKind
from ..petition.models import Petition
from .constants import InviteeKind
from .models import AgendaItem, Invitation, ReceptionSession


def log_identities_on_form(request, session: ReceptionSession) -> None:
    # Only denunciations put anything on record: the rows of other cases are not read
    # (a session of fifteen hearings read its thirty invitations' cases in full).
    user = request.user
    denunciations = Petition.objects.filter(kind=PetitionKind.DENUNCIATION)
    invitations = (
        rule_for(Invitation)
        .queryset(
            user,
            session.invitations.filter(
                kind=InviteeKind.CITIZEN, petitions__kind=PetitionKind.DENUNCIATION
            ).distinct(),
        )
        .prefetch_related(Prefetch("petitions", queryset=denunciations))
    )
    invited = [(i.citizen_id, p) for i in invitations for p in i.petitions.all()]
    log_denouncers_shown(request, invited, fields={"full_name"})
    hearings = rule_for(AgendaItem)
    heard = session.agenda_items.filter(petition__kind=PetitionKind.DENUNCIATION).exclude(
        attendees=""
    )
    attended = [
        item.petition_id
        for item in hearings.queryset(user, heard).select_related("petition")
        if item.petition.is_denunciation
        and item.attendees
        and not hearings.masked_fields(user, item)
    ]
    log_confidential_access(
        request, object_type="petition", object_ids=attended, fields={"attendees"}
    )
