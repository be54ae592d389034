from django.db.models import Exists, OuterRef, Q

from ...access.roles import AGENCY_SCOPED, BOARD, PROVINCE_WIDE, UNIT_SCOPED, Role, roles_of
from ...access.rules import DocRule, rule_for
from ...access.scope import agency_scope_ids
from ..petition.models import Petition
from ..petition.permissions import log_denunciations_read, reads_every_case
from .constants import OPEN_ASSIGNMENT_STATES
from .models import Assignment, Conclusion, ResultNotice


def _cases_of(notice):
    """The cases a notice speaks of: its conclusions' and its tasks'."""
    return Petition.objects.filter(
        Q(conclusions__notice=notice) | Q(assignments__notice=notice)
    ).distinct()


class ResultNoticeRule(DocRule):
    model = ResultNotice
    view_roles = (
        PROVINCE_WIDE | UNIT_SCOPED | AGENCY_SCOPED | {Role.CENTRAL_OBSERVER, Role.ADMINISTRATOR}
    )
    unscoped_roles = PROVINCE_WIDE | {Role.ADMINISTRATOR}
    add_roles = BOARD
    change_roles = BOARD
    # The signed notice's scan, its annexes.
    attachments = True

    def may_read_attachments(self, user, obj) -> bool:
        # A file of the whole notice: for readers of every case in it, in full (the
        # others read their extract, print_format/documents.py).
        if not self.can_view(user, obj):
            return False
        return reads_every_case(user, _cases_of(obj))

    def log_attachment_read(self, request, obj) -> None:
        log_denunciations_read(request, _cases_of(obj))

    def scope_filter(self, user, roles):
        petitions = rule_for(Petition).queryset(user).values("pk")
        condition = Q(
            Exists(Conclusion.objects.filter(notice_id=OuterRef("pk"), petition_id__in=petitions))
        )
        if roles & AGENCY_SCOPED:
            condition |= Q(
                Exists(
                    Assignment.objects.filter(
                        notice_id=OuterRef("pk"), agency_id__in=agency_scope_ids(user)
                    )
                )
            )
        return condition


class AssignmentRule(DocRule):
    """An assignment is seen by whoever sees its petition, and by the agency it is given
    to; the agency reports on it, the Board follows it up."""

    model = Assignment
    view_roles = ResultNoticeRule.view_roles
    unscoped_roles = PROVINCE_WIDE | {Role.ADMINISTRATOR}
    # Given by the Board in a notice it may still edit (the notice's form, the API).
    add_roles = BOARD
    change_roles = BOARD | AGENCY_SCOPED | UNIT_SCOPED
    # The agency's report letter, the Board's reminders.
    attachments = True

    def may_read_attachments(self, user, obj) -> bool:
        # A letter on a denunciation's task may name the denouncer.
        if not self.can_view(user, obj):
            return False
        return not rule_for(Petition).free_text_masked(user, obj.petition)

    def log_attachment_read(self, request, obj) -> None:
        log_denunciations_read(request, Petition.objects.filter(pk=obj.petition_id))

    def may_attach(self, user, obj) -> bool:
        # The agency attaches its report letter to its own task while the task is
        # followed up, even once reported (its form is then frozen for the agency);
        # the Board, to any task it reads.
        if not self.may_read_attachments(user, obj):
            return False
        if roles_of(user) & BOARD:
            return True
        return obj.state in OPEN_ASSIGNMENT_STATES and obj.agency_id in agency_scope_ids(user)

    def may_remove_attachments(self, user, obj) -> bool:
        # The agency removes its own files only; the Board's letters stay.
        return bool(roles_of(user) & BOARD) and self.can_view(user, obj)

    def scope_filter(self, user, roles):
        petitions = rule_for(Petition)
        units, agencies_only = petitions.unit_scope(user), petitions.agency_scope(user)
        if units is not None:
            # A unit officer's cases are those living or arising in their units: each
            # task carries its case's units (kept by `save`, the import and
            # `update_petition`), read from the task itself. Through its petition, each
            # of the 72,000 tasks of a million cases was looked up to count a
            # district's (190 ms; 21 ms so).
            units = sorted(units)
            condition = Q(case_residence_unit__in=units) | Q(case_matter_unit__in=units)
        elif agencies_only is not None:
            # An agency officer's cases, as the links' keys (the petition rule's own set
            # for them): asked through the cases, MariaDB looked up the case of each of
            # the 72,000 tasks of a million cases (a department's list: 280 ms of SQL,
            # 80 ms so).
            condition = Q(petition_id__in=petitions.agency_cases(agencies_only))
        else:
            condition = Q(petition__in=petitions.queryset(user).values("pk"))
        agencies = agency_scope_ids(user)
        if agencies:
            condition |= Q(agency_id__in=agencies)
        return condition

    def can_change(self, user, obj=None) -> bool:
        # A commune or district officer sees the tasks of their petitions but writes
        # the report only for a task given to their own agency.
        if not super().can_change(user, obj):
            return False
        if obj is None or roles_of(user) & BOARD:
            return True
        return obj.agency_id in agency_scope_ids(user)


class ConclusionRule(DocRule):
    """A conclusion is seen by whoever sees its petition (a notice's form shows each
    reader only the hearings of cases they may read)."""

    model = Conclusion
    view_roles = ResultNoticeRule.view_roles
    unscoped_roles = PROVINCE_WIDE | {Role.ADMINISTRATOR}
    add_roles = change_roles = delete_roles = BOARD

    def scope_filter(self, user, roles):
        return Q(petition__in=rule_for(Petition).queryset(user).values("pk"))
