"""The report's tables as an Excel workbook (openpyxl), for the Board to reuse."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from ..core.spreadsheets import append_row
from .wording import TALLY_COLUMNS, YEAR_COLUMNS

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _sheet(wb, title: str, heading: str, header: list[str], rows: list[list], widths: list[int]):
    ws = wb.create_sheet(title)
    append_row(ws, [heading])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([])
    append_row(ws, header)
    for cell in ws[3]:
        cell.font, cell.border = Font(bold=True), BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        append_row(ws, row)
        for cell in ws[ws.max_row]:
            cell.border = BOX
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A4"
    return ws


def report_workbook(report, tables: dict) -> bytes:
    """Numbers stay numbers (not the formatted text), so the Board can compute with them;
    the shares are the report's own (adding up to 100,0), as numbers."""
    f = tables["figures"]
    label = report.period.label
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(
        wb,
        "Tổng hợp",
        tables["subject"],
        ["STT", "Nội dung"],
        [[i, line] for i, line in enumerate(tables["summary"], start=1)],
        [6, 120],
    )
    _sheet(
        wb,
        "Theo loại phiên",
        f"Kết quả theo loại phiên tiếp {label}",
        ["Loại phiên tiếp"] + [name for _, name in TALLY_COLUMNS],
        [[r["label"]] + [_number(v) for v in r["values"]] for r in tables["by_kind"]],
        [28] + [14] * len(TALLY_COLUMNS),
    )
    if tables["by_year"]:
        _sheet(
            wb,
            "Theo năm",
            f"Kết quả theo năm, {label}",
            ["Năm"] + list(YEAR_COLUMNS),
            [[r["label"]] + [_number(v) for v in r["values"]] for r in tables["by_year"]],
            [34] + [14] * len(YEAR_COLUMNS),
        )
    _sheet(
        wb,
        "Theo địa bàn",
        f"Lượt công dân tiếp định kỳ theo địa bàn {label}",
        ["STT", "Địa bàn", "Lượt công dân", "Tỷ lệ (%)"],
        [[i, n, c, _number(s.rstrip("%"))] for i, (n, c, s) in enumerate(tables["units"], 1)],
        [6, 40, 16, 12],
    )
    _sheet(
        wb,
        "Đột xuất, Trung ương",
        f"Tiếp đột xuất, tiếp theo yêu cầu của Trung ương {label}",
        ["Loại phiên tiếp", "Số cuộc", "Lượt tiếp", "Lượt công dân", "Công dân của"],
        [
            [s["kind"], s["sessions"], s["hearings"], s["citizens"], s["places"]]
            for s in tables["special"]
        ],
        [28, 10, 12, 14, 60],
    )
    _sheet(
        wb,
        "Chỉ tiêu khác",
        f"Các chỉ tiêu khác {label}",
        ["STT", "Chỉ tiêu", "Số lượng"],
        [[i, name, _number(value)] for i, (name, value) in enumerate(tables["rows"], start=1)],
        [6, 60, 14],
    )
    _sheet(
        wb,
        "Theo loại đơn",
        f"Lượt tiếp theo loại đơn {label}",
        ["STT", "Loại đơn", "Lượt tiếp"],
        [[i, n, c] for i, (n, c, _) in enumerate(tables["kinds"], start=1)],
        [6, 30, 14],
    )
    kinds = ("periodic", "ad_hoc", "central_request")
    _sheet(
        wb,
        "Theo tháng",
        "Lượt tiếp và lượt công dân theo tháng, theo loại phiên tiếp",
        [
            "Tháng",
            "Lượt tiếp định kỳ",
            "Lượt công dân định kỳ",
            "Lượt tiếp đột xuất",
            "Lượt công dân đột xuất",
            "Lượt tiếp theo yêu cầu Trung ương",
            "Lượt công dân theo yêu cầu Trung ương",
        ],
        [[m.label] + [n for kind in kinds for n in m.kinds[kind]] for m in tables["trend"]],
        [12] + [16] * 6,
    )
    _sheet(
        wb,
        "Nhiệm vụ quá hạn",
        f"Nhiệm vụ quá hạn cuối kỳ theo cơ quan ({f.assignments['overdue']})",
        ["STT", "Cơ quan, đơn vị", "Số nhiệm vụ"],
        [[i, a, n] for i, (a, n) in enumerate(tables["overdue"], start=1)],
        [6, 50, 14],
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _number(text: str):
    """ "1.234" -> 1234, "25,7" -> 25.7; anything else stays text."""
    cleaned = text.replace(".", "").replace(",", ".")
    try:
        return int(cleaned)
    except ValueError:
        try:
            return float(cleaned)
        except ValueError:
            return text
