"""The Board's report to the Chairman (scheme V.2) for any period — a month, a quarter,
a year, several years: the period's figures in the scheme's words, split by kind of
session, the tables and two charts. The figures are read from the records (the
reporting module); a signed report is frozen by its stored files."""

import datetime

from ...reporting import charts
from ...reporting.areas import places_words
from ...reporting.figures import OUTCOMES, PERIODIC, SPECIAL_KINDS, compute, monthly_trend
from ...reporting.overrides import overrides_of
from ...reporting.wording import (
    KIND_LABELS,
    MODE_LABELS,
    TALLY_COLUMNS,
    YEAR_COLUMNS,
    decimal,
    number,
    reception_words,
    shares,
    subject,
    summary,
)
from .common import OUTSIDE_READER, board_frame, board_head_signature, date_line, recipients

SESSION_KINDS = {
    "periodic": "Định kỳ",
    "ad_hoc": "Đột xuất",
    "central_request": "Theo yêu cầu của Trung ương",
}


def _tally_row(label: str, tally) -> dict:
    return {"label": label, "values": [number(getattr(tally, name)) for name, _ in TALLY_COLUMNS]}


def _by_kind(reception) -> list[dict]:
    rows = [_tally_row(SESSION_KINDS[k], reception.kinds[k]) for k in SESSION_KINDS]
    return rows + [_tally_row("Tổng cộng", reception.total)]


def _by_year(f) -> list[dict]:
    """Per calendar year of a period that spans several: each kind's sessions and
    citizens."""
    rows = []
    for year in f.years:
        cells = []
        for kind in SESSION_KINDS:
            t = year.kinds[kind]
            cells += [number(t.sessions), number(t.hearings), number(t.citizens)]
        p = year.kinds[PERIODIC]
        rows.append(
            {
                "label": year.period.label,
                "values": cells[:3]
                + [number(p.group_hearings), number(p.group_citizens)]
                + cells[3:],
            }
        )
    return rows


def _special(reception) -> list[dict]:
    return [
        {
            "kind": SESSION_KINDS[kind],
            "sessions": reception.kinds[kind].sessions,
            "hearings": reception.kinds[kind].hearings,
            "citizens": reception.kinds[kind].citizens,
            "places": places_words(reception.kinds[kind].places),
        }
        for kind in SPECIAL_KINDS
        if reception.kinds[kind].sessions or reception.kinds[kind].hearings
    ]


def _rows(f) -> list[tuple[str, str]]:
    """The other figures of the period (those by kind of session have their table)."""
    rows = [
        ("Số đơn tiếp nhận trong kỳ", number(f.received)),
        ("Số vụ việc mới tiếp nhận trong kỳ", number(f.received_matters)),
    ]
    rows += [
        (f"Lượt tiếp {label.lower()}", number(f.by_mode.get(k, 0)))
        for k, label in MODE_LABELS.items()
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
        ("Số lần vượt điều kiện của quy trình", number(f.overrides)),
        # Law Art. 28 and Decree 154 Art. 4(3): the notices the law times.
        (
            "Thông báo thụ lý (Điều 28 Luật TCD) trễ hạn trong kỳ",
            number(f.notices["acceptance_late"]),
        ),
        (
            "Vụ việc quá hạn chưa thông báo thụ lý cuối kỳ",
            number(f.notices["acceptance_missing"]),
        ),
        (
            "Thông báo từ chối (Mẫu 01/TCD) trễ hạn trong kỳ",
            number(f.notices["refusal_notice_late"]),
        ),
        (
            "Vụ việc quá hạn chưa có Thông báo từ chối (Mẫu 01/TCD) cuối kỳ",
            number(f.notices["refusal_notice_missing"]),
        ),
    ]
    return rows


def report_tables(report, user=None) -> dict:
    """The figures as tables (for the document and the workbook), counted over the
    cases `user` may see (the outside reader's copy: all, as the Board's; the report
    names no one)."""
    outside = user == OUTSIDE_READER
    user = None if outside else user
    f = compute(report.period, user, report.units_mode)
    unit_share = shares({place: n for place, n in f.reception.areas})
    kind_share = shares(f.by_kind)
    return {
        "figures": f,
        "subject": subject(f.reception),
        "summary": summary(f),
        "by_kind": _by_kind(f.reception),
        "by_year": _by_year(f),
        "special": _special(f.reception),
        "rows": _rows(f),
        "units": [(place.name, n, unit_share[place]) for place, n in f.reception.areas],
        "kinds": [(KIND_LABELS[k], n, kind_share[k]) for k, n in f.by_kind.items()],
        "overdue": f.overdue_by_agency,
        "trend": monthly_trend(report.period, user),
        # Every rule overridden in the period, whatever the document (the event log).
        "overrides": overrides_of(report.period, user, outside=outside),
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
        subject=tables["subject"],
        addressee="Chủ tịch Ủy ban nhân dân tỉnh",
        period={
            "label": report.period.label,
            "from": report.period_start.strftime("%d/%m/%Y"),
            "to": report.period_end.strftime("%d/%m/%Y"),
        },
        reception=reception_words(f.reception.mode),
        summary=tables["summary"],
        tally_columns=[label for _, label in TALLY_COLUMNS],
        by_kind=tables["by_kind"],
        year_columns=list(YEAR_COLUMNS),
        by_year=tables["by_year"],
        special=[
            {**s, **{k: number(s[k]) for k in ("sessions", "hearings", "citizens")}}
            for s in tables["special"]
        ],
        figures=[{"label": label, "value": value} for label, value in tables["rows"]],
        units=[{"name": n, "citizens": number(c), "share": s} for n, c, s in tables["units"]],
        kinds=[{"name": n, "hearings": number(c), "share": s} for n, c, s in tables["kinds"]],
        overdue=[{"agency": a, "count": number(n)} for a, n in tables["overdue"]],
        overrides=[
            {
                "day": row.day,
                "document": row.document,
                "step": row.step,
                "rules": "; ".join(row.rules),
                "who": row.who,
                "reason": row.reason,
            }
            for row in tables["overrides"]
        ],
        chart_units=charts.shares_chart(
            [(n, c, s) for n, c, s in tables["units"]], "Lượt công dân tiếp định kỳ theo địa bàn"
        ),
        chart_trend=charts.trend_chart(
            tables["trend"], "Lượt tiếp và lượt công dân theo tháng, theo loại phiên tiếp"
        ),
        remarks=[line for line in report.remarks.splitlines() if line.strip()],
        signature=board_head_signature(),
        recipients=recipients(
            ["Như trên;", "Các PCT UBND tỉnh;", "Các cơ quan, đơn vị liên quan (để phối hợp);"]
        ),
    )
