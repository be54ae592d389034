"""The template of a register of past years (.xlsx), made from the layout: the three
sheets with their headers in the form's order and an example row each (the register
with the form's row of column numbers, as the printed form has it), and a guide sheet
explaining every column. Offered in the desk and by `import_history --template`."""

import datetime
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .layout import NOTICES, REGISTER, TASKS, Sheet

FORM_COLUMNS = 13  # form 03/TCD's own columns, numbered (1) to (13)
GUIDE = "Hướng dẫn"

EXAMPLE = {
    REGISTER.title: {
        "stt": 1,
        "date": datetime.date(2023, 3, 15),
        "name_address": "Hoàng Văn An, thôn Nà Làng, phường Vĩnh Trại",
        "id_number": "020090000001",
        "content": "Khiếu nại quyết định thu hồi đất, bồi thường giải phóng mặt bằng",
        "kind": "KN",
        "people": 1,
        "earlier": "UBND thành phố Lạng Sơn",
        "jurisdiction": "x",
        "session_kind": "định kỳ",
        "mode": "trực tiếp",
        "commune": "Phường Vĩnh Trại",
        "district": "Thành phố Lạng Sơn",
        "attending": 1,
        "outcome": "Kết thúc",
        "conclusion": "Giao UBND thành phố Lạng Sơn kiểm tra, trả lời công dân trong 30 ngày.",
        "registered": datetime.date(2023, 2, 20),
        "art28": "thụ lý",
        "art28_date": datetime.date(2023, 2, 27),
        "presiding": "Chủ tịch UBND tỉnh",
    },
    NOTICES.title: {
        "number": "05/TB-UBND",
        "date": datetime.date(2023, 3, 22),
        "session_date": datetime.date(2023, 3, 15),
        "session_kind": "định kỳ",
        "signer": "Hồ Tiến Thiệu",
        "signer_title": "Chủ tịch",
        "rows": "1",
        "recipients": "UBND thành phố Lạng Sơn; công dân có tên",
    },
    TASKS.title: {
        "notice": "05/TB-UBND",
        "notice_date": datetime.date(2023, 3, 22),
        "stt": 1,
        "agency": "UBND thành phố Lạng Sơn",
        "task": "Kiểm tra, trả lời công dân về việc bồi thường.",
        "deadline": datetime.date(2023, 4, 21),
        "status": "đã hoàn thành",
        "reported": datetime.date(2023, 4, 18),
        "report": "Đã trả lời công dân bằng văn bản.",
    },
}


def _sheet(book: Workbook, sheet: Sheet, *, first: bool):
    ws = book.active if first else book.create_sheet()
    ws.title = sheet.title
    ws.append([c.header for c in sheet.columns])
    if sheet is REGISTER:
        ws.append([f"({i})" for i in range(1, FORM_COLUMNS + 1)])
    example = EXAMPLE[sheet.title]
    ws.append([example.get(c.key) for c in sheet.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(sheet.columns, start=1):
        letter = ws.cell(row=1, column=index).column_letter
        ws.column_dimensions[letter].width = max(12, min(40, len(column.header) + 4))
        if column.key in (
            "date",
            "registered",
            "art28_date",
            "session_date",
            "deadline",
            "reported",
            "notice_date",
        ):
            for row in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                row[0].number_format = "DD/MM/YYYY"
    ws.freeze_panes = "B2"


def template_bytes() -> bytes:
    book = Workbook()
    for position, sheet in enumerate((REGISTER, NOTICES, TASKS)):
        _sheet(book, sheet, first=position == 0)
    guide = book.create_sheet(GUIDE)
    guide.append(["Trang", "Cột", "Bắt buộc", "Cách ghi"])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for sheet in (REGISTER, NOTICES, TASKS):
        for column in sheet.columns:
            guide.append(
                [sheet.title, column.header, "có" if column.required else "", column.explains]
            )
    guide.append([])
    guide.append(
        [
            "",
            "",
            "",
            "Mỗi trang có một dòng ví dụ: xóa dòng ví dụ trước khi ghi hồ sơ thật. Tên các "
            "trang và tiêu đề các cột giữ nguyên; thứ tự cột tùy ý. Nhập thử trước: mọi lỗi "
            "được liệt kê theo dòng và cột, không ghi gì cho đến khi tệp không còn lỗi.",
        ]
    )
    guide.column_dimensions["A"].width = 22
    guide.column_dimensions["B"].width = 34
    guide.column_dimensions["C"].width = 10
    guide.column_dimensions["D"].width = 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
