"""Reading the register's rows: each into its hearing, petition and petitioner,
validated as the desk validates them, the unit found by name within the era of the
reception date (units of the era: doctype/admin_unit/services.py `unit_named`)."""

import datetime

from django.core.exceptions import ValidationError

from ...doctype.admin_unit.models import REORGANISATION_DATE
from ...doctype.admin_unit.services import fold, unit_named
from ...doctype.bridge_point.models import BridgePoint
from ...doctype.citizen.constants import IdKind
from ...doctype.citizen.models import Citizen
from ...doctype.petition.constants import ACCEPTANCE_WORKING_DAYS, Channel, Jurisdiction
from ...doctype.petition.models import Petition
from ...doctype.reception_session.constants import SessionKind
from ...doctype.working_calendar.services import add_working_days
from . import cells
from .cells import CellError
from .errors import SESSION_KIND_WORDS, Errors, day_text
from .layout import (
    ACCEPTANCE,
    GROUNDS,
    HEARD,
    KINDS,
    MODES,
    OUTCOMES,
    REGISTER,
    SESSION_KINDS,
    Sheet,
    match_header,
)
from .plan import Hearing

_d = day_text


def _id_kind(number: str) -> str:
    if number.isdigit():
        return (
            IdKind.CCCD if len(number) == 12 else IdKind.CMND if len(number) == 9 else IdKind.OTHER
        )
    return IdKind.PASSPORT if number[:1].isalpha() and number[1:].isdigit() else IdKind.OTHER


def _split_person(value: str) -> tuple[str, str]:
    """ "Hoàng Văn An, thôn Nà Làng, xã …" -> ("Hoàng Văn An", "thôn Nà Làng, xã …")."""
    for mark in (",", " - ", "\n"):
        if mark in value:
            name, _, address = value.partition(mark)
            return name.strip(), address.strip()
    return value.strip(), ""


class UnitFinder:
    """Units by name on a date, each name looked up once per era it is found in."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str], list] = {}

    def find(self, name: str, district: str, day: datetime.date):
        key = (fold(name), fold(district))
        for unit in self.found.get(key, ()):
            if unit.is_valid_on(day):
                return unit
        unit = unit_named(name, district or None, on=day)
        self.found.setdefault(key, []).append(unit)
        return unit


class SheetRows:
    """One sheet's rows as {key: value} after its header row (and the form's row of
    column numbers, when there is one)."""

    def __init__(self, kind: Sheet, rows: list, errors: Errors) -> None:
        self.kind, self.rows, self.columns = kind, [], {}
        start = None
        for index, (_number, values) in enumerate(rows[:10]):
            found = match_header(kind, values)
            if len(found) > len(self.columns):
                self.columns, start = found, index
        missing = [c.header for c in kind.columns if c.required and c.key not in self.columns]
        if start is None or missing:
            row = rows[start][0] if start is not None else 1
            errors.add(kind, row, "", "Thiếu cột: " + ", ".join(missing or ["tiêu đề các cột"]))
            return
        body = rows[start + 1 :]
        if body and _numbering(body[0][1]):
            body = body[1:]
        for number, values in body:
            cell = {k: values[i] if i < len(values) else None for k, i in self.columns.items()}
            if any(cells.text(v) for v in cell.values()):
                self.rows.append((number, cell))


def _numbering(values) -> bool:
    """The form's row of column numbers under the header: (1) (2) … or 1 2 …"""
    found = [cells.text(v).strip("()") for v in values if cells.text(v)]
    return len(found) >= 3 and found == [str(i) for i in range(1, len(found) + 1)]


PETITION_FIELDS = {
    "summary": "content",
    "content": "content",
    "group_size": "people",
    "earlier_handling": "earlier",
    "matter_unit": "commune",
    "acceptance_outcome": "art28",
    "acceptance_notified_on": "art28_date",
}
CITIZEN_FIELDS = {"full_name": "name_address", "address": "name_address", "id_number": "id_number"}


class RegisterRows:
    """The Checker's reading of one register row (a mixin: it keeps the checker's
    errors, plan, and what `_prefetch` loaded)."""

    def _hearing(self, row: int, cell: dict) -> Hearing | None:
        before = len(self.errors.items)
        read: dict = {}

        def take(key, reader, *args, **kwargs):
            value = cell.get(key)
            if cells.text(value) == "" and not isinstance(value, datetime.date):
                return None
            try:
                read[key] = reader(value, *args, **kwargs)
            except CellError as exc:
                self.errors.add(REGISTER, row, key, exc)
            return read.get(key)

        for key in (
            "stt",
            "date",
            "name_address",
            "content",
            "kind",
            "session_kind",
            "mode",
            "commune",
        ):
            if cells.text(cell.get(key)) == "" and not isinstance(cell.get(key), datetime.date):
                self.errors.add(REGISTER, row, key, "Thiếu dữ liệu bắt buộc.")
        take("stt", cells.integer)
        day = take("date", cells.date)
        take("kind", cells.choice, KINDS, "KN, TC, KNg, PA")
        take("people", cells.integer)
        take("jurisdiction", cells.mark)
        take("session_kind", cells.choice, SESSION_KINDS, SESSION_KIND_WORDS)
        take("mode", cells.choice, MODES, "trực tiếp, trực tuyến")
        take("group", cells.mark)
        take("attending", cells.integer, least=0)
        take("outcome", cells.choice, OUTCOMES, "Đã tiếp, Kết thúc, Rút đơn")
        registered = take("registered", cells.date)
        take("ground", cells.choice, GROUNDS, "a, b")
        take("art28", cells.choice, ACCEPTANCE, "thụ lý, gia hạn, không thụ lý")
        art28_date = take("art28_date", cells.date)
        unit = None
        district_missing = day is not None and day < REORGANISATION_DATE
        if district_missing and not cells.text(cell.get("district")):
            # Before the two-level government a commune's name is read in its district
            # (names repeat across districts).
            self.errors.add(
                REGISTER,
                row,
                "district",
                "Ghi huyện, thành phố của xã (ngày tiếp trước 01/07/2025).",
            )
        elif day is not None and cells.text(cell.get("commune")):
            try:
                unit = self.units.find(
                    cells.text(cell["commune"]), cells.text(cell.get("district")), day
                )
            except ValidationError as exc:
                key = (
                    "district"
                    if exc.code in ("district_unknown", "district_after_2025")
                    else "commune"
                )
                self.errors.add(REGISTER, row, key, exc.messages[0])
        if day is not None:
            registered = registered or day
            if registered > day:
                self.errors.add(REGISTER, row, "registered", "Ngày nhận đơn sau ngày tiếp.")
            if read.get("art28") and art28_date is None:
                self.errors.add(REGISTER, row, "art28_date", "Ghi ngày thông báo thụ lý.")
            if art28_date and not read.get("art28"):
                self.errors.add(
                    REGISTER,
                    row,
                    "art28",
                    "Ghi nội dung đã thông báo (thụ lý, gia hạn, không thụ lý).",
                )
            if art28_date and not registered <= art28_date <= day:
                self.errors.add(
                    REGISTER,
                    row,
                    "art28_date",
                    f"Ngày thông báo thụ lý phải từ ngày nhận đơn ({_d(registered)}) "
                    f"đến ngày tiếp ({_d(day)}).",
                )
        kind = read.get("session_kind")
        if day is not None and kind:
            self.sessions_named.add((day, kind))
        if read.get("ground") and kind and kind != SessionKind.AD_HOC:
            self.errors.add(
                REGISTER, row, "ground", "Chỉ kỳ tiếp đột xuất có căn cứ tiếp đột xuất."
            )
        point = None
        if unit is not None and read.get("mode") == "online":
            point = self._point(unit, day)
            if point is None:
                self.errors.add(
                    REGISTER,
                    row,
                    "mode",
                    f"{unit} không có điểm cầu vào ngày {_d(day)}: "
                    "không thể là lượt tiếp trực tuyến.",
                )
        if len(self.errors.items) > before:
            return None
        citizen = self._citizen(row, cell, unit)
        if citizen is None:
            return None
        petition = self._petition(row, cell, read, citizen, unit, registered)
        if petition is None:
            return None
        acceptance = (read["art28"], art28_date) if read.get("art28") else None
        return Hearing(
            row=row,
            stt=read["stt"],
            day=day,
            session_key=(day, kind),
            mode=read["mode"],
            ground=read.get("ground", ""),
            presiding=cells.text(cell.get("presiding")),
            unit=unit,
            citizen=citizen,
            petition=petition,
            group=read.get("group", False) if "group" in self.register.columns else None,
            attending=read.get("attending"),
            outcome=read.get("outcome", HEARD),
            conclusion=cells.text(cell.get("conclusion")),
            registered=registered,
            acceptance=acceptance,
            point=point,
        )

    def _point(self, unit, day: datetime.date) -> BridgePoint | None:
        for point in self.points.get(unit.pk, ()):
            if point.retired_on is None or point.retired_on > day:
                return point
        return None

    def _citizen(self, row: int, cell: dict, unit) -> Citizen | None:
        name, address = _split_person(cells.text(cell.get("name_address")))
        number = cells.id_paper(cell.get("id_number"))
        kind = _id_kind(number) if number else IdKind.CCCD
        key = ("id", kind, number) if number else ("name", fold(name), fold(address), unit.pk)
        known = self.citizens.get((kind, number)) if number else None
        if known is not None:
            if fold(known.full_name) != fold(name):
                self.errors.add(
                    REGISTER,
                    row,
                    "id_number",
                    f"Số giấy tờ {number} trong hệ thống là của {known.full_name}, "
                    f"không phải {name}.",
                )
                return None
            if known.anonymised_at:
                self.errors.add(
                    REGISTER,
                    row,
                    "id_number",
                    "Dữ liệu cá nhân của người này đã bị xóa hết thời hạn lưu trữ: ghi như "
                    "một công dân mới (không ghi số giấy tờ).",
                )
                return None
            return known
        if key in self.new_by_key:
            first, citizen = self.new_by_key[key]
            if fold(citizen.full_name) != fold(name):
                self.errors.add(
                    REGISTER,
                    row,
                    "id_number",
                    f"Số giấy tờ {number} đã ghi cho {citizen.full_name} ở dòng {first}.",
                )
                return None
            return citizen
        citizen = Citizen(
            full_name=name,
            id_kind=kind,
            id_number=number,
            address=address or str(unit),
            residence_unit=unit,
        )
        try:
            citizen.full_clean(
                exclude=["residence_unit"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            self.errors.model(REGISTER, row, exc, CITIZEN_FIELDS)
            return None
        self.new_by_key[key] = (row, citizen)
        self.plan.new_citizens.append(citizen)
        return citizen

    def _petition(self, row, cell, read, citizen, unit, registered) -> Petition | None:
        content = cells.text(cell.get("content"))
        extras = [
            (label, cells.text(cell.get(key)))
            for key, label in (
                ("guidance", "Hướng dẫn công dân"),
                ("handled_by", "Cơ quan, đơn vị thụ lý"),
                ("follow_up", "Theo dõi kết quả giải quyết"),
                ("note", "Ghi chú"),
            )
        ]
        petition = Petition(
            received_date=registered,
            channel=Channel.IN_PERSON,
            kind=read["kind"],
            citizen=citizen,
            summary=content[:300],
            content="\n".join([content] + [f"{label}: {text}" for label, text in extras if text]),
            group_size=read.get("people") or 1,
            residence_unit=unit,
            matter_unit=unit,
            earlier_handling=cells.text(cell.get("earlier")),
            jurisdiction=Jurisdiction.CHAIRMAN
            if read.get("jurisdiction")
            else Jurisdiction.OTHER_AGENCY,
            acceptance_outcome=read.get("art28", ""),
            acceptance_notified_on=read.get("art28_date") if read.get("art28") else None,
            # Law Art. 28's deadline on the working calendar, so a notice the register
            # dates after it counts as late in the reports as any other.
            acceptance_deadline=add_working_days(registered, ACCEPTANCE_WORKING_DAYS)
            if registered
            else None,
            created_by=self.by,
        )
        fields = {
            **PETITION_FIELDS,
            "received_date": "registered" if cells.text(cell.get("registered")) else "date",
        }
        try:
            petition.full_clean(
                exclude=[
                    "registration_number",
                    "citizen",
                    "residence_unit",
                    "matter_unit",
                    "created_by",
                ],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            self.errors.model(REGISTER, row, exc, fields)
            return None
        return petition

    # -- across rows ---------------------------------------------------------------
