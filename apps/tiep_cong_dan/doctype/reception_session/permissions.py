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

# Who runs a session's meeting room: the Board and the technicians of the network.
CONFERENCE_OPERATORS = BOARD | {Role.TECHNICIAN}
# What lets anyone into the meeting, or into its chair: only for those who run it.
# Every other participant reads its own point's details on the meeting page.
ROOM_SECRETS = frozenset({"conference_alias", "host_pin", "guest_pin", "conference_reference"})
# What is said and who sits at the point during a hearing: at a denunciation's
# hearing it names the denouncer, like the petition's identity fields.
HEARING_WORDS = frozenset({"attendees", "minutes", "conclusion_draft"})


class ReceptionSessionRule(DocRule):
    model = ReceptionSession
    unscoped_roles = PROVINCE_WIDE | {Role.ADMINISTRATOR, Role.TECHNICIAN}
    add_roles = BOARD
    change_roles = BOARD
    # The Board attaches the minutes and the recordings' references.
    attachments = True

    def may_read_attachments(self, user, obj) -> bool:
        # The session's minutes speak of every case heard, denouncers included.
        from ..petition.models import Petition
        from ..petition.permissions import reads_every_case

        if not self.can_view(user, obj):
            return False
        return reads_every_case(user, Petition.objects.filter(agenda_items__session=obj))

    def log_attachment_read(self, request, obj) -> None:
        from ..petition.models import Petition
        from ..petition.permissions import log_denunciations_read

        log_denunciations_read(request, Petition.objects.filter(agenda_items__session=obj))

    def can_operate_conference(self, user, session) -> bool:
        """Preparing the room, calling and hanging up points: the Board's and the
        technicians' work, whatever the session's state lets its form edit."""
        return bool(roles_of(user) & CONFERENCE_OPERATORS) and self.can_view(user, session)

    def masked_fields(self, user, obj):
        return frozenset() if roles_of(user) & CONFERENCE_OPERATORS else ROOM_SECRETS

    def masked_paths(self, user):
        return frozenset() if roles_of(user) & CONFERENCE_OPERATORS else ROOM_SECRETS

    def may_join_from(self, user, point) -> bool:
        """Whether the viewer may read how `point` (a bridge point of the session)
        joins the meeting: those who run the room, every point; anyone else only their
        own rooms (their unit's or agency's, the central board's for its observer),
        never the chair's."""
        from ..bridge_point.constants import PointLevel

        roles = roles_of(user)
        if roles & CONFERENCE_OPERATORS:
            return True
        if point is None or point.level == PointLevel.PROVINCE:
            return False
        if roles & UNIT_SCOPED and point.unit_id in unit_scope_ids(user):
            return True
        if roles & AGENCY_SCOPED and point.agency_id in agency_scope_ids(user):
            return True
        return Role.CENTRAL_OBSERVER in roles and point.level == PointLevel.CENTRAL

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
            from ..result_notice.models import Assignment

            agencies = agency_scope_ids(user)
            condition |= Q(
                Exists(
                    ReceptionSession.invited_agencies.through.objects.filter(
                        receptionsession_id=OuterRef("pk"), agency_id__in=agencies
                    )
                )
            ) | Q(
                # A department given a task by the session's notice reads the session
                # the task came from (the notice links to it).
                Exists(
                    Assignment.objects.filter(
                        notice__session_id=OuterRef("pk"), agency_id__in=agencies
                    )
                )
            )
        if Role.CENTRAL_OBSERVER in roles:
            condition |= Q(central_board_invited=True) | Q(kind=SessionKind.CENTRAL_REQUEST)
        return condition


class AgendaItemRule(DocRule):
    """A hearing is seen by whoever sees its session and its case: the petition rule
    decides for each hearing, on every session page (form, agenda board, console,
    meeting page, API, print). What was said at a denunciation's hearing is masked
    from those not cleared for the denouncer's identity."""

    model = AgendaItem
    unscoped_roles = frozenset()  # always narrowed: by session and case

    def queryset(self, user, qs=None):
        from ..petition.models import Petition

        qs = self.model._default_manager.all() if qs is None else qs
        petitions, sessions = rule_for(Petition), rule_for(ReceptionSession)
        if not (petitions.can_view(user) and sessions.can_view(user)):
            return qs.none()
        if not petitions.sees_all(user):
            qs = qs.filter(petition__in=petitions.queryset(user).values("pk"))
        if not sessions.sees_all(user):
            qs = qs.filter(session__in=sessions.queryset(user).values("pk"))
        return qs

    def masked_fields(self, user, obj):
        from ..petition.models import Petition

        if rule_for(Petition).free_text_masked(user, obj.petition):
            return HEARING_WORDS
        return frozenset()

    def masked_paths(self, user):
        return frozenset() if roles_of(user) & IDENTITY_CLEARED else HEARING_WORDS


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
