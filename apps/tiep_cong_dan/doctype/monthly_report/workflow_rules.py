"""Rules and effects of the monthly report workflow (monthly_report.yaml)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...access.roles import Role
from ...core.naming import take_next_number
from ...workflow.notifications import message_values
from ...workflow.registry import condition, effect, reserve
from .constants import REPORT_SERIES

R = "monthly_report"


@condition(R, "period_over", gettext_lazy("The reported period has ended"))
def period_over(ctx):
    if ctx.doc.period_end >= ctx.today:
        return _("The period is not over yet: sign the report after %(day)s.") % {
            "day": ctx.doc.period_end.strftime("%d/%m/%Y")
        }


@condition(
    R, "assessment_written", gettext_lazy("Section III (assessment and proposals) is written")
)
def assessment_written(ctx):
    # A report goes to the Chairman for his decisions: signed without the Board's
    # assessment and proposals it tells him the figures and nothing to decide.
    if not (ctx.doc.remarks or "").strip():
        return _(
            "Write section III “Đánh giá, kiến nghị” (assessment and proposals) before "
            "the report is signed."
        )


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


@message_values(R, placeholders=("number", "period"))
def report_values(doc) -> dict:
    """What a message about a report may name (monthly_report.yaml `notify`)."""
    return {"number": doc.number, "period": doc.period.label}


def agencies_concerned(report):
    """Agencies with an assignment due in the period or overdue at its end, and those
    invited to a session of it: the agencies the scheme sends the report to (V.2)."""
    from django.db.models import Q

    from ..agency.models import Agency
    from ..result_notice.constants import OPEN_ASSIGNMENT_STATES

    start, end = report.period_start, report.period_end
    return (
        Agency.objects.filter(
            Q(assignments__deadline__range=(start, end))
            | Q(assignments__state__in=OPEN_ASSIGNMENT_STATES, assignments__deadline__lte=end)
            | Q(invited_sessions__date__range=(start, end))
        )
        .distinct()
        .order_by("name")
    )


# -- Steps the law and the scheme reserve ------------------------------------
# The Board head signs the Board's report once its period (a month, a year…) is over.
reserve(
    R,
    "issue",
    roles={Role.BOARD_HEAD},
    conditions=("period_over",),
    effects=("assign_report_number", "sign_document"),
    from_states={"draft"},
    guards=("issued", "sent"),
    source="Đề án tiếp công dân trực tuyến, mục V.2; Nghị định 154/2026/NĐ-CP, Điều 6 khoản 5 "
    "và Điều 24 khoản 2",
)
reserve(
    R,
    "send",
    conditions=("sealed_if_signed",),
    source="Nghị định 30/2020/NĐ-CP, Phụ lục I (chữ ký số của cơ quan, tổ chức)",
)
