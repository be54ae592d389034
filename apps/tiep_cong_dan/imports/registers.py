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
| Ngày cấp | no | date of issue of that paper (a date cell, or dd/mm/yyyy) |
| Nơi cấp | no | place of issue of that paper |
| Nội dung | yes | summary of the case |
| Loại đơn | yes | KN, TC, KNg or PA (khiếu nại, tố cáo, kiến nghị, phản ánh) |
| Số người | no | petitioners with the same content (default 1); from 5, the |
|  |  | person named is the group's representative |
| Cơ quan đã giải quyết | no | earlier handling |
| Thuộc thẩm quyền | no | "x" when within the Chairman's jurisdiction |
| Ghi chú | no | added to the case's content |

A dry run checks every row with the same validation as the desk and lists every error,
writing nothing; a commit checks again and registers all rows in one transaction, or
none. The file is opened within bounds (imports/workbook.py). The desk runs both as a
background job (imports/jobs.py).
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from ..core.validators import normalise_text
from ..doctype.admin_unit.models import AdministrativeUnit
from ..doctype.admin_unit.services import UnitLookupError, unit_by_code
from ..doctype.citizen.models import Citizen
from ..doctype.citizen.services import record_citizen
from ..doctype.petition.constants import GROUP_MIN_SIZE, Channel, Jurisdiction, PetitionKind
from ..doctype.petition.models import Petition
from ..doctype.petition.services import register_petition, validate_group
from .workbook import WorkbookRefused, read_rows

COLUMNS = {
    "ngày tiếp": "date",
    "họ tên": "name",
    "địa chỉ": "address",
    "mã đơn vị": "unit",
    "cccd": "id_number",
    "ngày cấp": "id_issued_on",
    "nơi cấp": "id_issued_by",
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
# The model fields a row fills, named by the column they come from (an error found by
# the model's own validation names its field).
HEADERS.update(
    {
        "received_date": "ngày tiếp",
        "full_name": "họ tên",
        "citizen": "họ tên",
        "residence_unit": "mã đơn vị",
        "matter_unit": "mã đơn vị",
        "content": "nội dung",
        "group_size": "số người",
        "earlier_handling": "cơ quan đã giải quyết",
        "jurisdiction": "thuộc thẩm quyền",
    }
)
CHECKING = "Đang kiểm tra từng dòng"
WRITING = "Đang ghi vào sổ"


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
    # A code may name different units in different eras (06040: Xã Đại Đồng, then
    # Thị trấn Thất Khê, then Xã Thất Khê): the one in force on the day.
    return unit_by_code(code, on=day)


def _header(first_row) -> dict[str, int]:
    found = {}
    for index, text in enumerate(first_row):
        key = COLUMNS.get(str(text or "").strip().lower())
        if key:
            found[key] = index
    return found


@dataclass
class _Row:
    """A row checked and ready to register: nothing of it is in the database yet."""

    number: int
    citizen: Citizen
    petition: Petition
    people: int


def _check_row(values, columns, number, result, new_citizens) -> _Row | None:
    """The row's petition (and its petitioner, when new) validated as the desk
    validates them, without writing anything; its errors go to `result`."""
    cell = {key: values[i] if i < len(values) else None for key, i in columns.items()}

    def fail(key, message):
        result.errors.append((number, HEADERS.get(key, key), message))

    for key in REQUIRED:
        if cell.get(key) in (None, ""):
            fail(key, "Thiếu dữ liệu bắt buộc.")
    if any(e[0] == number for e in result.errors):
        return None
    try:
        day = _date(cell["date"])
    except ValueError:
        return fail("date", "Ngày không đúng dạng ngày/tháng/năm.")
    try:
        unit = _unit(cell["unit"], day)
    except UnitLookupError as refusal:
        if refusal.code == "unit_not_in_force":
            return fail("unit", refusal.messages[0])
        return fail("unit", f"Không có đơn vị hành chính cấp xã mã {cell['unit']}.")
    kind = KINDS.get(str(cell["kind"]).strip().lower())
    if kind is None:
        return fail("kind", "Loại đơn phải là KN, TC, KNg hoặc PA.")
    try:
        people = int(cell.get("people") or 1)
    except (TypeError, ValueError):
        return fail("people", "Số người phải là số nguyên.")
    id_number = str(cell.get("id_number") or "").strip()
    issued_on = None
    if cell.get("id_issued_on") not in (None, ""):
        try:
            issued_on = _date(cell["id_issued_on"])
        except ValueError:
            return fail("id_issued_on", "Ngày cấp không đúng dạng ngày/tháng/năm.")
    citizen = Citizen.objects.filter(id_number=id_number).first() if id_number else None
    citizen = citizen or new_citizens.get(id_number)
    note = normalise_text(str(cell.get("note") or ""), multiline=True)
    petition = Petition(
        received_date=day,
        channel=Channel.IN_PERSON,
        kind=kind,
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
    )
    try:
        if citizen is None:
            citizen = Citizen(
                full_name=normalise_text(str(cell["name"])),
                id_number=id_number,
                id_issued_on=issued_on,
                id_issued_by=normalise_text(str(cell.get("id_issued_by") or "")),
                address=normalise_text(str(cell["address"])),
                residence_unit=unit,
            )
            citizen.full_clean()
            if id_number:
                new_citizens[id_number] = citizen  # a later row names the same person
        exclude = ["registration_number"]
        if citizen.pk:
            petition.citizen, petition.residence_unit = citizen, citizen.residence_unit
        else:
            exclude += ["citizen", "residence_unit"]
        petition.full_clean(exclude=exclude)
        # A group's register names its representative (Law Art. 29).
        validate_group(people, 1 if people >= GROUP_MIN_SIZE else 0)
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        for name, messages in errors.items():
            for message in messages:
                fail(name, message)
        return None
    return _Row(number, citizen, petition, people)


def _write(row: _Row, by, result) -> None:
    citizen = row.citizen
    try:
        if citizen.pk is None:
            # Checked again: someone may have registered the number meanwhile.
            record_citizen(citizen, by=by)
        row.petition.citizen = citizen
        petition = register_petition(
            row.petition,
            by=by,
            representatives=[citizen] if row.people >= GROUP_MIN_SIZE else (),
            # The register's cases: the Board issues a code to whoever asks for one.
            issue_code=False,
        )
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        for name, messages in errors.items():
            for message in messages:
                result.errors.append((row.number, HEADERS.get(name, name), message))
        return
    result.registered.append(petition.registration_number)


def _no_progress(step: str, done: int, total: int) -> None:
    pass


def import_register(path, *, by, commit: bool, progress=_no_progress) -> ImportResult:
    """Check (and with `commit`, register) every row of the register in `path`.

    The check reads only, outside any transaction, so a long register holds no lock
    that would stop other officers saving. The commit checks again, then writes every
    row in one transaction (all or none): the lock is held for the writing alone.
    `progress(step, done, total)` is told how far it got."""
    result = ImportResult()
    try:
        rows = list(read_rows(Path(path)))
    except WorkbookRefused as exc:
        result.errors.append((0, "", str(exc)))
        return result
    columns = _header(rows[0][1] if rows else ())
    missing = [HEADERS[k] for k in REQUIRED if k not in columns]
    if missing:
        result.errors.append((1, "", "Thiếu cột: " + ", ".join(missing)))
        return result
    body = [(n, values) for n, values in rows[1:] if any(v not in (None, "") for v in values)]
    result.rows = len(body)
    checked, new_citizens = [], {}
    for done, (number, values) in enumerate(body, 1):
        row = _check_row(values, columns, number, result, new_citizens)
        if row is not None:
            checked.append(row)
        progress(CHECKING, done, len(body))
    if result.errors or not commit:
        return result
    try:
        with transaction.atomic():
            for done, row in enumerate(checked, 1):
                _write(row, by, result)
                progress(WRITING, done, len(checked))
            if result.errors:
                raise _Rollback  # nothing stays
    except _Rollback:
        result.registered = []  # nothing was kept: no number was given
    return result
