from ...access.roles import BOARD, PROVINCE_WIDE, Role
from ...access.rules import DocRule
from .models import MonthlyReport


class MonthlyReportRule(DocRule):
    """The report counts every case of the province: the province-wide roles read it,
    the Board drafts it."""

    model = MonthlyReport
    view_roles = PROVINCE_WIDE | {Role.ADMINISTRATOR}
    add_roles = BOARD
    change_roles = BOARD
    # Annexes, the signed copy.
    attachments = True
