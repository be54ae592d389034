"""Rules and effects of the monthly report workflow (workflow/monthly_report.yaml)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...access.roles import PROVINCE_WIDE, Role
from ...core.naming import take_next_number
from ...workflow.registry import condition, effect
from ..notification.services import notify_roles
from .constants import REPORT_SERIES

R = "monthly_report"


@condition(R, "period_over", gettext_lazy("The reported period has ended"))
def period_over(ctx):
    if ctx.doc.period_end >= ctx.today:
        return _("The period is not over yet: sign the report after %(day)s.") % {
            "day": ctx.doc.period_end.strftime("%d/%m/%Y")
        }


@effect(R, "assign_report_number", gettext_lazy("Number the report from the year's register"))
def assign_report_number(ctx):
    report = ctx.doc
    if report.number:
        return
    year = ctx.today.year
    seq = take_next_number(f"{REPORT_SERIES}-{year}")
    report.number_year, report.number_seq = year, seq
    # Decree 30/2020: numbers below 10 take a leading zero ("05/BC-BTCD").
    report.number = f"{seq:02d}/{REPORT_SERIES}"
    report.issued_date = ctx.today


@effect(
    R,
    "notify_report_readers",
    gettext_lazy("Tell the Chairman and the provincial leaders the report is out"),
    after_commit=True,
)
def notify_report_readers(doc, event):
    notify_roles(
        PROVINCE_WIDE - {Role.BOARD_OFFICER},
        _("The monthly report %(number)s (%(period)s) has been sent to you.")
        % {"number": doc.number, "period": doc.period.label},
        doc,
        event,
    )
