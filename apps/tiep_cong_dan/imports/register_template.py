"""The template of the Board's Excel register (.xlsx): the columns the import reads
(registers.py `COLUMNS`), headed as the import expects them, one example row that
imports as it stands, and a guide sheet. The import reads the first sheet only, so the
guide beside it is never taken for rows."""

import datetime
import io

from django.db.models import Q
from openpyxl import Workbook
from openpyxl.styles import Font

from ..doctype.admin_unit.models import AdministrativeUnit
from .registers import COLUMNS, REQUIRED

# Each column as written in the header (the import ignores case), with what it holds.
HEADERS = {
    "date": ("Ngày tiếp", "Ngày tiếp công dân (ô ngày, hoặc ngày/tháng/năm)."),
    "name": ("Họ tên", "Họ tên người có đơn."),
    "address": ("Địa chỉ", "Địa chỉ nơi cư trú."),
    "unit": (
        "Mã đơn vị",
        "Mã đơn vị hành chính cấp xã (mã chính thức, theo thời kỳ của ngày tiếp).",
    ),
    "id_number": ("CCCD", "Số định danh cá nhân; công dân đã có số này được dùng lại."),
    "id_issued_on": ("Ngày cấp", "Ngày cấp giấy tờ (ngày/tháng/năm)."),
    "id_issued_by": ("Nơi cấp", "Nơi cấp giấy tờ."),
    "summary": ("Nội dung", "Tóm tắt nội dung vụ việc."),
    "kind": ("Loại đơn", "KN (khiếu nại), TC (tố cáo), KNg (kiến nghị) hoặc PA (phản ánh)."),
    "people": (
        "Số người",
        "Số người cùng nội dung (mặc định 1); từ 5 người, người có tên là người đại diện.",
    ),
    "earlier": ("Cơ quan đã giải quyết", "Cơ quan đã giải quyết trước đây, nếu có."),
    "jurisdiction": ("Thuộc thẩm quyền", "Ghi x khi thuộc thẩm quyền của Chủ tịch UBND tỉnh."),
    "note": ("Ghi chú", "Ghi chú, thêm vào nội dung vụ việc."),
}
EXAMPLE = {
    "date": datetime.date(2026, 3, 16),
    "name": "Hoàng Văn An",
    # The address and the unit's code: a commune of the site in force on the date.
    "id_number": "020090000001",
    "id_issued_on": datetime.date(2021, 6, 10),
    "id_issued_by": "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
    "summary": "Khiếu nại quyết định thu hồi đất, bồi thường giải phóng mặt bằng",
    "kind": "KN",
    "people": 1,
    "earlier": "UBND cấp huyện (trước ngày 01/07/2025)",
    "jurisdiction": "x",
    "note": "Dòng ví dụ: xóa trước khi ghi sổ thật.",
}
DATE_KEYS = ("date", "id_issued_on")
FILE_NAME = "mau-so-tiep-cong-dan.xlsx"


def example_row() -> dict:
    """The example, placed in a commune of this site's master data in force on its
    date (the first by code), so that it imports as it stands in any province."""
    day = EXAMPLE["date"]
    unit = (
        AdministrativeUnit.objects.filter(level="commune", valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .order_by("code")
        .first()
    )
    place = {"address": f"Khối 5, {unit.name}", "unit": unit.code} if unit else {}
    return {"address": "", "unit": "", **EXAMPLE, **place}


def template_bytes() -> bytes:
    # Every column the import reads, in the order it declares them.
    keys = list(dict.fromkeys(COLUMNS.values()))
    book = Workbook()
    sheet = book.active
    sheet.title = "Sổ tiếp công dân"
    sheet.append([HEADERS[k][0] for k in keys])
    example = example_row()
    sheet.append([example[k] for k in keys])
    for index, key in enumerate(keys, start=1):
        header = sheet.cell(row=1, column=index)
        header.font = Font(bold=True)
        sheet.column_dimensions[header.column_letter].width = max(12, len(HEADERS[key][0]) + 6)
        if key in DATE_KEYS:
            sheet.cell(row=2, column=index).number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A2"
    guide = book.create_sheet("Hướng dẫn")
    guide.append(["Cột", "Bắt buộc", "Cách ghi"])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for key in keys:
        guide.append([HEADERS[key][0], "có" if key in REQUIRED else "", HEADERS[key][1]])
    guide.append([])
    guide.append(
        [
            "",
            "",
            "Tiêu đề các cột giữ nguyên, thứ tự tùy ý. Mọi dòng được kiểm tra trước; không "
            "ghi gì cho đến khi tệp không còn lỗi.",
        ]
    )
    guide.column_dimensions["A"].width = 24
    guide.column_dimensions["C"].width = 90
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
