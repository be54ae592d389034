"""Registrations from the Board's existing Excel registers (modelled on form 03/TCD).

Layout: the first sheet, a header row, then one row per reception; columns by header
text (order free, case and diacritics as written below):

| header | required | meaning |
|---|---|---|
| Ngày tiếp | yes | date of the reception (a date cell, or dd/mm/yyyy) |
| Họ tên | yes | the petitioner |
| Địa chỉ | yes | their address |
| Mã đơn vị | yes | official code of their commune (the era is chosen by the date) |
| CCCD | no | ID number (an existing citizen with it is reused) |
| Nội dung | yes | summary of the case |
| Loại đơn | yes | KN, TC, KNg or PA (khiếu nại, tố cáo, kiến nghị, phản ánh) |
| Số người | no | petitioners with the same content (default 1); from 5, the |
|  |  | person named is the group's representative |
| Cơ quan đã giải quyết | no | earlier handling |
| Thuộc thẩm quyền | no | "x" when within the Chairman's jurisdiction |
| Ghi chú | no | added to the case's content |

A dry run checks every row with the same validation as the desk and lists every error;
a commit registers all rows in one transaction, or none.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import load_workbook

from ..core.validators import normalise_text
from ..doctype.admin_unit.constants import Era
from ..doctype.admin_unit.models import REORGANISATION_DATE, AdministrativeUnit
from ..doctype.citizen.models import Citizen
from ..doctype.citizen.services import record_citizen
from ..doctype.petition.constants import GROUP_MIN_SIZE, Channel, Jurisdiction, PetitionKind
from ..doctype.petition.models import Petition
from ..doctype.petition.services import register_petition

COLUMNS = {
    "ngày tiếp": "date",
    "họ tên": "name",
    "địa chỉ": "address",
    "mã đơn vị": "unit",
    "cccd": "id_number",
    "nội dung": "summary",
    "loại đơn": "kind",
    "số người": "people",
    "cơ quan đã giải quyết": "earlier",
    "thuộc thẩm quyền": "jurisdiction",
    "ghi chú": "note",
}
REQUIRED = ("date", "name", "address", "unit", "summary", "kind")
KINDS = {
    "kn": PetitionKind.COMPLAINT,
    "tc": PetitionKind.DENUNCIATION,
    "kng": PetitionKind.RECOMMENDATION,
    "pa": PetitionKind.FEEDBACK,
}
HEADERS = {v: k for k, v in COLUMNS.items()}


@dataclass
class ImportResult:
    rows: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, message)
    registered: list[str] = field(default_factory=list)  # registration numbers

    @property
    def ok(self) -> bool:
        return not self.errors


class _Rollback(Exception):
    pass


def _date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.datetime.strptime(str(value).strip(), "%d/%m/%Y").date()


def _unit(code: str, day: datetime.date) -> AdministrativeUnit:
    era = Era.BEFORE_2025 if day < REORGANISATION_DATE else Era.FROM_2025
    units = AdministrativeUnit.objects.filter(code=str(code).strip(), level="commune")
    return units.filter(era=era).first() or units.get()


def _header(sheet) -> dict[str, int]:
    first = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    found = {}
    for index, text in enumerate(first):
        key = COLUMNS.get(str(text or "").strip().lower())
        if key:
            found[key] = index
    return found


def _row(values, columns, number, by, result) -> None:
    cell = {key: values[i] if i < len(values) else None for key, i in columns.items()}

    def fail(key, message):
        result.errors.append((number, HEADERS.get(key, key), message))

    for key in REQUIRED:
        if cell.get(key) in (None, ""):
            fail(key, "Thiếu dữ liệu bắt buộc.")
    if any(e[0] == number for e in result.errors):
        return
    try:
        day = _date(cell["date"])
    except ValueError:
        return fail("date", "Ngày không đúng dạng ngày/tháng/năm.")
    try:
        unit = _unit(cell["unit"], day)
    except (AdministrativeUnit.DoesNotExist, AdministrativeUnit.MultipleObjectsReturned):
        return fail("unit", f"Không có đơn vị hành chính cấp xã mã {cell['unit']}.")
    kind = KINDS.get(str(cell["kind"]).strip().lower())
    if kind is None:
        return fail("kind", "Loại đơn phải là KN, TC, KNg hoặc PA.")
    try:
        people = int(cell.get("people") or 1)
    except (TypeError, ValueError):
        return fail("people", "Số người phải là số nguyên.")
    id_number = str(cell.get("id_number") or "").strip()
    citizen = Citizen.objects.filter(id_number=id_number).first() if id_number else None
    try:
        with transaction.atomic():
            if citizen is None:
                citizen = Citizen(
                    full_name=normalise_text(str(cell["name"])),
                    id_number=id_number,
                    address=normalise_text(str(cell["address"])),
                    residence_unit=unit,
                )
                record_citizen(citizen, by=by)
            note = normalise_text(str(cell.get("note") or ""), multiline=True)
            petition = register_petition(
                Petition(
                    received_date=day,
                    channel=Channel.IN_PERSON,
                    kind=kind,
                    citizen=citizen,
                    summary=normalise_text(str(cell["summary"]))[:300],
                    content=normalise_text(str(cell["summary"]), multiline=True)
                    + (f"\n{note}" if note else ""),
                    group_size=people,
                    matter_unit=unit,
                    earlier_handling=normalise_text(str(cell.get("earlier") or ""), multiline=True),
                    jurisdiction=(
                        Jurisdiction.CHAIRMAN
                        if str(cell.get("jurisdiction") or "").strip().lower() == "x"
                        else Jurisdiction.UNDETERMINED
                    ),
                ),
                by=by,
                # A group's register names its representative (Law Art. 29).
                representatives=[citizen] if people >= GROUP_MIN_SIZE else (),
            )
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        for name, messages in errors.items():
            for message in messages:
                fail(name, message)
        return
    result.registered.append(petition.registration_number)


def import_register(path, *, by, commit: bool) -> ImportResult:
    """Check (and with `commit`, register) every row of the register in `path`."""
    result = ImportResult()
    try:
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # noqa: BLE001 - any unreadable file is the user's answer
        result.errors.append((0, "", f"Không đọc được tệp Excel: {exc}"))
        return result
    columns = _header(sheet)
    missing = [HEADERS[k] for k in REQUIRED if k not in columns]
    if missing:
        result.errors.append((1, "", "Thiếu cột: " + ", ".join(missing)))
        return result
    try:
        with transaction.atomic():
            for number, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), 2):
                if not any(v not in (None, "") for v in values):
                    continue
                result.rows += 1
                _row(values, columns, number, by, result)
            if result.errors or not commit:
                raise _Rollback  # a dry run, or any error: nothing stays
    except _Rollback:
        result.registered = []  # nothing was kept: no number was given
    return result
