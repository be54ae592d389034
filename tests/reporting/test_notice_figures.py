"""Notices the law times, in the month's figures and the monthly report: the Law
Art. 28 notice (10 working days) and form 01/TCD (3 working days of a refusal), given
late in the month, and owed past their deadline at its end."""

import datetime

from tiep_cong_dan.core.period import Period
from tiep_cong_dan.doctype.monthly_report.models import MonthlyReport
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.print_format.context.monthly_report import monthly_report_context
from tiep_cong_dan.reporting.figures import compute

from ..conftest import make_citizen, make_petition, new_unit

MARCH = Period.month(2026, 3)


def _cases(count: int) -> list[Petition]:
    dk = new_unit("05977")
    return [
        make_petition(dk, make_citizen(dk, f"Công dân {i}", f"02009000{i:04d}"))
        for i in range(count)
    ]


def _set(p: Petition, **fields) -> None:
    Petition.objects.filter(pk=p.pk).update(**fields)


def test_late_and_missing_notices_are_counted_and_printed(master_data):
    # Received 02/03/2026: the Art. 28 notice is due by 16/03/2026.
    on_time, late, untold, told_in_april, refused_late, refused_untold = _cases(6)
    _set(on_time, acceptance_outcome="accepted", acceptance_notified_on=datetime.date(2026, 3, 16))
    _set(late, acceptance_outcome="accepted", acceptance_notified_on=datetime.date(2026, 3, 17))
    _set(
        told_in_april,
        acceptance_outcome="accepted",
        acceptance_notified_on=datetime.date(2026, 4, 2),
    )
    _set(
        refused_late,
        acceptance_outcome="rejected",
        acceptance_notified_on=datetime.date(2026, 3, 3),
        refusal_notice_due=datetime.date(2026, 3, 9),
        refusal_notice_number="1/TB",
        refusal_notice_date=datetime.date(2026, 3, 11),
    )
    _set(
        refused_untold,
        acceptance_outcome="rejected",
        acceptance_notified_on=datetime.date(2026, 3, 3),
        refusal_notice_due=datetime.date(2026, 3, 20),
    )
    f = compute(MARCH)
    assert f.notices == {
        "acceptance_late": 1,  # late
        "acceptance_missing": 2,  # untold, and told only in April
        "refusal_notice_late": 1,
        "refusal_notice_missing": 1,
    }
    report = MonthlyReport(period_start=MARCH.start, period_end=MARCH.end)
    rows = {r["label"]: r["value"] for r in monthly_report_context(report)["figures"]}
    assert rows["Thông báo thụ lý (Điều 28 Luật TCD) trễ hạn trong kỳ"] == "1"
    assert rows["Vụ việc quá hạn chưa thông báo thụ lý cuối kỳ"] == "2"
    assert rows["Thông báo từ chối (Mẫu 01/TCD) trễ hạn trong kỳ"] == "1"
    assert rows["Vụ việc quá hạn chưa có Thông báo từ chối (Mẫu 01/TCD) cuối kỳ"] == "1"
