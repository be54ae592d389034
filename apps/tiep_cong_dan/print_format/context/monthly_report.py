"""The Board's monthly report to the Chairman (scheme V.2): the period's figures in the
scheme's words, the tables and two charts. The figures are read from the records (the
reporting module); a signed report is frozen by its stored files."""

import datetime

from ...reporting import charts
from ...reporting.figures import OUTCOMES, compute, monthly_trend
from ...reporting.wording import KIND_LABELS, MODE_LABELS, decimal, number, shares, summary
from .common import OUTSIDE_READER, board_frame, board_head_signature, date_line, recipients

SESSION_KINDS = {
    "periodic": "Định kỳ",
    "ad_hoc": "Đột xuất",
    "central_request": "Theo đề nghị của Trung ương",
}


def _rows(f) -> list[tuple[str, str]]:
    rows = [("Số đơn tiếp nhận trong kỳ", number(f.received))]
    rows += [
        (f"Số phiên tiếp {label.lower()}", number(f.sessions.get(k, 0)))
        for k, label in SESSION_KINDS.items()
    ]
    rows += [
        ("Số lượt tiếp", number(f.total.hearings)),
        ("Số lượt công dân", number(f.total.citizens)),
        ("Trong đó: lượt đoàn đông người", number(f.total.group_hearings)),
        ("Lượt công dân trong các đoàn đông người", number(f.total.group_citizens)),
    ]
    rows += [
        (f"Tiếp {label.lower()}", number(f.by_mode.get(k, 0))) for k, label in MODE_LABELS.items()
    ]
    rows += [(label, number(f.outcomes.get(state, 0))) for state, label in OUTCOMES.items()]
    rows += [
        ("Vụ việc chờ được tiếp cuối kỳ", number(f.backlog)),
        ("Vụ việc chưa đến lượt, chuyển kỳ sau", number(f.rolled_over)),
        (
            "Thời gian chờ bình quân (ngày)",
            decimal(f.wait_average) if f.wait_average is not None else "—",
        ),
        ("Nhiệm vụ đến hạn trong kỳ", number(f.assignments["due"])),
        ("Nhiệm vụ hoàn thành đúng hạn", number(f.assignments["on_time"])),
        ("Nhiệm vụ hoàn thành quá hạn", number(f.assignments["late"])),
        ("Nhiệm vụ đang thực hiện cuối kỳ", number(f.assignments["open"])),
        ("Trong đó quá hạn", number(f.assignments["overdue"])),
    ]
    return rows


def report_tables(report, user=None) -> dict:
    """The figures as tables (for the document and the workbook), counted over the
    cases `user` may see (the outside reader's copy: all, as the Board's; the report
    names no one)."""
    user = None if user == OUTSIDE_READER else user
    f = compute(report.period, user, report.units_mode)
    unit_share = shares(dict(f.by_unit))
    kind_share = shares(f.by_kind)
    return {
        "figures": f,
        "rows": _rows(f),
        "units": [(name, people, unit_share[name]) for name, people in f.by_unit],
        "kinds": [(KIND_LABELS[k], n, kind_share[k]) for k, n in f.by_kind.items()],
        "overdue": f.overdue_by_agency,
        "trend": monthly_trend(report.period, user),
    }


def monthly_report_context(report, user=None) -> dict:
    tables = report_tables(report, user)
    f = tables["figures"]
    issued = report.state in ("issued", "sent")
    day = report.issued_date or min(
        report.period_end + datetime.timedelta(days=1), datetime.date.today()
    )
    return board_frame(
        draft=not issued,
        number=report.number or "      /BC-BTCD",
        place_date=date_line(day),
        title="BÁO CÁO",
        subject=f"Kết quả tiếp công dân trực tuyến của Chủ tịch UBND tỉnh {report.period.label}",
        addressee="Chủ tịch Ủy ban nhân dân tỉnh",
        period={
            "label": report.period.label,
            "from": report.period_start.strftime("%d/%m/%Y"),
            "to": report.period_end.strftime("%d/%m/%Y"),
        },
        summary=summary(f),
        figures=[{"label": label, "value": value} for label, value in tables["rows"]],
        units=[{"name": n, "citizens": number(c), "share": s} for n, c, s in tables["units"]],
        kinds=[{"name": n, "hearings": number(c), "share": s} for n, c, s in tables["kinds"]],
        overdue=[{"agency": a, "count": number(n)} for a, n in tables["overdue"]],
        chart_units=charts.shares_chart(f.by_unit, "Lượt công dân theo địa bàn"),
        chart_trend=charts.trend_chart(tables["trend"], "Lượt tiếp và lượt công dân theo tháng"),
        remarks=[line for line in report.remarks.splitlines() if line.strip()],
        signature=board_head_signature(),
        recipients=recipients(
            ["Như trên;", "Các PCT UBND tỉnh;", "Các cơ quan, đơn vị liên quan (để phối hợp);"]
        ),
    )
