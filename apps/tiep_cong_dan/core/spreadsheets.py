"""Cells written to files that spreadsheets open (Excel workbooks, CSV tables), made
inert. A text beginning with `=`, `+`, `-` or `@` is a formula to Excel and LibreOffice
(`=HYPERLINK("http://…"&A1,…)` sends a neighbouring cell away, `=cmd|' /C calc'!A0`
runs a program), and a leading tab or carriage return hides such a start. OWASP's
advice against CSV injection: prefix the text with a single quote so the program shows
it as text. Every writer of a workbook or a CSV file goes through here."""

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value):
    """`value` as a cell that cannot be read as a formula: a text starting like one gets
    a leading single quote; numbers, dates and booleans stay what they are (a negative
    number is a number, not a formula)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def append_row(ws, row: Iterable) -> None:
    """Append `row` to an openpyxl sheet, every text cell stored as a string: openpyxl
    would otherwise store a text starting with "=" as a live formula."""
    ws.append([inert(value) for value in row])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def csv_bytes(header: list[str], rows: Iterable[Iterable]) -> bytes:
    """A CSV table as every export writes it: UTF-8 with the BOM that makes Excel read
    Vietnamese correctly, every cell inert."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([inert(value) for value in header])
    writer.writerows([inert(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8")
