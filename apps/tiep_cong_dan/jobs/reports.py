"""The report's job: on its day, the Board finds last month's report drafted, and in
January last year's as well (one report type for any period)."""

import datetime

from django.utils.translation import gettext as _

from ..access.roles import BOARD
from ..core.period import Period
from ..doctype.monthly_report.models import MonthlyReport
from ..doctype.monthly_report.services import draft_monthly_report
from ..doctype.notification.services import desk_link, notify, users_in_roles


def _draft(period: Period) -> MonthlyReport:
    report = MonthlyReport.objects.filter(period_start=period.start, period_end=period.end).first()
    if report is None:
        report = draft_monthly_report(
            MonthlyReport(period_start=period.start, period_end=period.end), by=None
        )
    notify(
        users_in_roles(BOARD),
        _("The report for %(period)s is drafted: review it and submit it to the Board head.")
        % {"period": period.label},
        link=desk_link(report),
        key=f"monthly-report:{period.start}:{period.end}"
        if not period.is_month
        else f"monthly-report:{period.start}",
    )
    return report


def draft_last_months_report(today: datetime.date) -> MonthlyReport:
    """Last month's report; in January, last year's too (drafted first)."""
    if today.month == 1:
        _draft(Period.year(today.year - 1))
    return _draft(Period.last_month(today))
