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
from ...access.scope import agency_scope_ids, unit_scope_ids
from .constants import InviteeKind, SessionKind
from .models import AgendaItem, Invitation, ReceptionSession


class ReceptionSessionRule(DocRule):
    model = ReceptionSession
    unscoped_roles = PROVINCE_WIDE | {Role.ADMINISTRATOR, Role.TECHNICIAN}
    add_roles = BOARD
    change_roles = BOARD

    def can_operate_conference(self, user, session) -> bool:
        """Preparing the room, calling and hanging up points: the Board's and the
        technicians' work, whatever the session's state lets its form edit."""
        return bool(roles_of(user) & (BOARD | {Role.TECHNICIAN})) and self.can_view(user, session)

    def can_run_console(self, user, session) -> bool:
        """Starting and ending hearings, minutes and conclusions: the Board's."""
        return bool(roles_of(user) & BOARD) and self.can_view(user, session)

    def scope_filter(self, user, roles):
        condition = Q(pk__in=[])
        if roles & UNIT_SCOPED:
            units = unit_scope_ids(user)
            condition |= Q(
                Exists(
                    AgendaItem.objects.filter(
                        Q(petition__residence_unit_id__in=units)
                        | Q(bridge_point__unit_id__in=units),
                        session_id=OuterRef("pk"),
                    )
                )
            ) | Q(
                Exists(
                    ReceptionSession.invited_units.through.objects.filter(
                        receptionsession_id=OuterRef("pk"), administrativeunit_id__in=units
                    )
                )
            )
        if roles & AGENCY_SCOPED:
            condition |= Q(
                Exists(
                    ReceptionSession.invited_agencies.through.objects.filter(
                        receptionsession_id=OuterRef("pk"), agency_id__in=agency_scope_ids(user)
                    )
                )
            )
        if Role.CENTRAL_OBSERVER in roles:
            condition |= Q(central_board_invited=True) | Q(kind=SessionKind.CENTRAL_REQUEST)
        return condition


class InvitationRule(DocRule):
    """An invitation is seen by whoever sees its session and every case it names; a
    letter to a denouncer only by those cleared for the denouncer's identity."""

    model = Invitation
    unscoped_roles = frozenset()  # always narrowed: by session, cases and identity
    change_roles = BOARD

    def scope_filter(self, user, roles):
        from ..petition.constants import PetitionKind
        from ..petition.models import Petition

        sessions = rule_for(ReceptionSession).queryset(user).values("pk")
        petitions = rule_for(Petition).queryset(user).values("pk")
        links = Invitation.petitions.through.objects.filter(invitation_id=OuterRef("pk"))
        condition = Q(session__in=sessions) & ~Exists(links.exclude(petition_id__in=petitions))
        if not roles & IDENTITY_CLEARED:
            condition &= ~(
                Q(kind=InviteeKind.CITIZEN)
                & Exists(links.filter(petition__kind=PetitionKind.DENUNCIATION))
            )
        return condition
