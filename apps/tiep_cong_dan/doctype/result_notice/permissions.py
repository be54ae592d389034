from django.db.models import Exists, OuterRef, Q

from ...access.roles import AGENCY_SCOPED, BOARD, PROVINCE_WIDE, UNIT_SCOPED, Role, roles_of
from ...access.rules import DocRule, rule_for
from ...access.scope import agency_scope_ids
from ..petition.models import Petition
from .models import Assignment, Conclusion, ResultNotice


class ResultNoticeRule(DocRule):
    model = ResultNotice
    view_roles = (
        PROVINCE_WIDE | UNIT_SCOPED | AGENCY_SCOPED | {Role.CENTRAL_OBSERVER, Role.ADMINISTRATOR}
    )
    unscoped_roles = PROVINCE_WIDE | {Role.ADMINISTRATOR}
    add_roles = BOARD
    change_roles = BOARD

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

    def scope_filter(self, user, roles):
        condition = Q(petition__in=rule_for(Petition).queryset(user).values("pk"))
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
