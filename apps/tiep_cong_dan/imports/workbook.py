"""Opening an uploaded workbook without letting it take the server.

An .xlsx is a zip of XML parts, so two tricks come with it: a small file inflating
to gigabytes (a "zip bomb": 1.1 MB once kept a request busy for 190 s) and XML
entities (a bomb of nested entities, or an entity reading a file). Before openpyxl
opens anything, the zip's directory is read with zipfile: members, their sizes and
compression ratios are bounded, and no XML part may declare a document type. openpyxl
then parses with defusedxml (installed with the project, it is what openpyxl uses
when present), so an entity that slipped past is refused too. Rows and columns are
bounded while reading. Every refusal is a message to the uploader, never an error
page."""

import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import ParseError

from django.conf import settings
from django.core.exceptions import ValidationError

from ..core.uploads import check_zip_bounds, xml_declares_entities

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A register of a few thousand rows inflates to a few MB of XML.
MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_COLUMNS = 50
NOT_A_WORKBOOK = "Không đọc được tệp Excel: tệp không phải sổ Excel (.xlsx)."


class WorkbookRefused(Exception):
    """The file cannot be read as an import: `str(exc)` tells the uploader why."""


def max_rows() -> int:
    return settings.TCD_IMPORT_MAX_ROWS


def check_package(source) -> None:
    """Refuse, from the zip's directory alone, a file (a path or an open file) that is
    no workbook, that would inflate beyond the bounds, or whose XML declares entities."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise WorkbookRefused(NOT_A_WORKBOOK) from exc
    with archive:
        try:
            check_zip_bounds(archive, "", max_uncompressed=MAX_UNCOMPRESSED)
        except ValidationError as exc:
            raise WorkbookRefused(
                "Tệp Excel giải nén ra quá lớn so với một sổ tiếp công dân (nghi là "
                f'"bom nén"): giới hạn {MAX_UNCOMPRESSED // 1048576} MB dữ liệu.'
            ) from exc
        names = set(archive.namelist())
        if "xl/workbook.xml" not in names:
            raise WorkbookRefused(NOT_A_WORKBOOK)
        for member in names:
            if member.endswith((".xml", ".rels")) and xml_declares_entities(archive, member):
                raise WorkbookRefused(
                    "Tệp Excel có khai báo thực thể XML (DOCTYPE/ENTITY), điều mà Excel "
                    "không bao giờ tạo ra: không đọc tệp này. Hãy mở tệp bằng Excel và lưu lại."
                )


def read_rows(path: Path, *, limit: int | None = None) -> Iterator[tuple[int, tuple]]:
    """(row number, values) of the first sheet, the header row included, within the
    bounds (`limit` data rows, the register import's setting by default). Raises
    WorkbookRefused with the reason."""
    for _title, rows in _sheets(path, limit=limit, first_only=True):
        yield from rows


def read_sheets(path: Path, *, limit: int | None = None) -> list[tuple[str, list]]:
    """Every sheet as (title, [(row number, values), ...]), each within the bounds
    (`limit` rows besides a header; at most MAX_SHEETS sheets)."""
    return [(title, list(rows)) for title, rows in _sheets(path, limit=limit, first_only=False)]


MAX_SHEETS = 10


def _sheets(path: Path, *, limit: int | None, first_only: bool):
    from openpyxl import load_workbook

    check_package(path)
    limit = (limit or max_rows()) + 1  # the header row
    book = None
    try:
        book = load_workbook(path, read_only=True, data_only=True)
        sheets = book.worksheets[:1] if first_only else book.worksheets[:MAX_SHEETS]
        for sheet in sheets:
            declared = sheet.max_row or 0  # from the sheet's own dimension, when it has one
            if declared > limit:
                raise _too_many_rows(limit - 1)
            yield sheet.title, _bounded(sheet, limit)
    except WorkbookRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl and the XML parsers raise many kinds
        raise WorkbookRefused(_unreadable(exc)) from exc
    finally:
        if book is not None:
            book.close()


def _bounded(sheet, limit: int) -> Iterator[tuple[int, tuple]]:
    # Rows are parsed as they are read: a refusal met on the way is the uploader's too.
    try:
        for number, values in enumerate(
            sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1
        ):
            if number > limit:
                raise _too_many_rows(limit - 1)
            yield number, values
    except WorkbookRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl and the XML parsers raise many kinds
        raise WorkbookRefused(_unreadable(exc)) from exc


def _too_many_rows(limit: int) -> WorkbookRefused:
    return WorkbookRefused(
        f"Sổ có hơn {limit:,} dòng".replace(",", ".")
        + ": hãy chia thành nhiều tệp nhỏ hơn và nhập lần lượt."
    )


def _unreadable(exc: Exception) -> str:
    from defusedxml import DefusedXmlException

    # openpyxl wraps what the XML parser raised: look down the chain.
    chain, cause = [], exc
    while cause is not None and len(chain) < 10:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    if any(isinstance(e, DefusedXmlException) for e in chain):
        return "Tệp Excel có khai báo thực thể XML, không đọc tệp này. Hãy lưu lại bằng Excel."
    if any(isinstance(e, ParseError) or type(e).__name__ == "XMLSyntaxError" for e in chain):
        return (
            "Tệp Excel có nội dung XML không hợp lệ (ví dụ một thực thể không khai báo): "
            "hãy mở bằng Excel và lưu lại."
        )
    return "Không đọc được tệp Excel: tệp hỏng hoặc không đúng định dạng .xlsx."
