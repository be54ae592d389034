"""Finding an agency by its name or code as it was on a date (imports of past records).

A People's Committee lives as long as its unit (the district committees until
2025-06-30, the new communes' from 2025-07-01); a provincial department as the master
data says (the departments merged on 2025-03-01 until 2025-02-28, those made then from
2025-03-01). An agency that did not exist on the date is refused, with its dates."""

import datetime
import json
from functools import lru_cache

from django.core.exceptions import ValidationError

from ..admin_unit.constants import UnitLevel
from ..admin_unit.services import fold
from .models import Agency
from .services import FIXTURE

# How officials shorten the committees' names.
_EXPANSIONS = (("ubnd ", "uy ban nhan dan "),)


class AgencyLookupError(ValidationError):
    """A name or code that means no agency in force on the date (code agency_unknown or
    agency_not_in_force); the message names the agency and the date."""


def _key(text: str) -> str:
    folded = fold(text) + " "
    for short, long in _EXPANSIONS:
        folded = folded.replace(short, long) if folded.startswith(short) else folded
    return folded.strip()


@lru_cache(maxsize=1)
def _department_dates() -> dict[str, tuple[datetime.date | None, datetime.date | None]]:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))

    def day(value):
        return datetime.date.fromisoformat(value) if value else None

    return {
        row["code"]: (day(row.get("valid_from")), day(row.get("valid_to")))
        for row in data["departments"]
    }


def agency_validity(agency: Agency) -> tuple[datetime.date | None, datetime.date | None]:
    """(first day, last day) the agency existed; None where the records have no limit."""
    if agency.code in _department_dates():
        return _department_dates()[agency.code]
    if agency.unit_id and agency.unit.level != UnitLevel.PROVINCE:
        return agency.unit.valid_from, agency.unit.valid_to
    return None, None


def _d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


class AgencyDirectory:
    """Every agency, read once, to look many names up (an import's thousands of rows)."""

    def __init__(self) -> None:
        self.agencies = list(Agency.objects.select_related("unit"))
        self.by_key: dict[str, list[Agency]] = {}
        for agency in self.agencies:
            for text in {agency.code, agency.name, agency.short_name} - {""}:
                found = self.by_key.setdefault(_key(text), [])
                if agency not in found:
                    found.append(agency)

    def named(self, text: str, *, on: datetime.date) -> Agency:
        """The agency called `text` (its name, short name or code; accents, case and
        "UBND" for "Ủy ban nhân dân" as people write them) that existed on `on`."""
        candidates = self.by_key.get(_key(text), [])
        for agency in candidates:
            start, end = agency_validity(agency)
            if (start is None or start <= on) and (end is None or on <= end):
                return agency
        if not candidates:
            raise AgencyLookupError(
                f"Không có cơ quan, đơn vị tên hoặc mã “{text}” trong danh mục.",
                code="agency_unknown",
            )
        agency = candidates[0]
        start, end = agency_validity(agency)
        if start is not None and on < start:
            message = f"{agency.name} chưa được thành lập vào ngày {_d(on)} (có từ {_d(start)})."
        else:
            message = f"{agency.name} không còn vào ngày {_d(on)} (hoạt động đến {_d(end)})."
        raise AgencyLookupError(message, code="agency_not_in_force")


def agency_named(text: str, *, on: datetime.date) -> Agency:
    """One lookup (see AgencyDirectory.named)."""
    return AgencyDirectory().named(text, on=on)
