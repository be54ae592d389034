"""Who sees and registers recordings. The Board registers them and reads them all, the
Chairman and his office read them all. A commune, district or department officer reads
the recording of a hearing they see (the hearing's rule: its session and its case),
and a recording of the whole meeting only when they see every online hearing it holds;
never, unless cleared for the denouncer's identity, one in which a denunciation is
heard (the denouncer is seen and heard on it). Deleting is the Board head's, and only
once the retention is over (services.delete_recording)."""

from django.db.models import Exists, OuterRef, Q

from ...access.roles import (
    AGENCY_SCOPED,
    BOARD,
    IDENTITY_CLEARED,
    PROVINCE_WIDE,
    UNIT_SCOPED,
    Role,
    roles_of,
)
from ...access.rules import DocRule, rule_for
from ..petition.constants import PetitionKind
from ..reception_session.constants import HearingMode
from ..reception_session.models import AgendaItem, ReceptionSession
from .models import Recording


class RecordingRule(DocRule):
    model = Recording
    view_roles = PROVINCE_WIDE | UNIT_SCOPED | AGENCY_SCOPED
    unscoped_roles = PROVINCE_WIDE
    add_roles = BOARD
    change_roles = frozenset()  # what the system read of the file is not edited
    delete_roles = frozenset({Role.BOARD_HEAD})

    def scope_filter(self, user, roles):
        hearings = rule_for(AgendaItem).queryset(user).values("pk")
        cleared = bool(roles_of(user) & IDENTITY_CLEARED)
        own = Q(agenda_item__in=hearings)
        if not cleared:
            own &= ~Q(agenda_item__petition__kind=PetitionKind.DENUNCIATION)
        # The whole meeting: no online hearing of it the user may not see.
        unseen = AgendaItem.objects.filter(
            session_id=OuterRef("session_id"), mode=HearingMode.ONLINE
        ).filter(~Q(pk__in=hearings) | Q(petition__kind=PetitionKind.DENUNCIATION))
        if cleared:
            unseen = AgendaItem.objects.filter(
                session_id=OuterRef("session_id"), mode=HearingMode.ONLINE
            ).exclude(pk__in=hearings)
        sessions = rule_for(ReceptionSession).queryset(user).values("pk")
        whole = Q(agenda_item__isnull=True, session__in=sessions) & ~Exists(unseen)
        return own | whole
