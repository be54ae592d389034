"""Where a hearing's citizens live, named as the period's era names places.

A case keeps the unit it was registered with. A report names that unit as it stood on
the period's last day: a commune that had been merged by then is followed through its
successors (the part first by code when it was split), one that had not is named as it
was. While districts existed (before 2025-07-01) the shares are by district, as the
scheme counts them ("địa bàn Thành phố … Lộc Bình … Hữu Lũng"); from then on by the
new communes. Two queries load every unit and succession, whatever the number of rows.
"""

import datetime
from dataclasses import dataclass

from ..doctype.admin_unit.constants import UnitLevel
from ..doctype.admin_unit.models import AdministrativeUnit, UnitSuccession

# The scheme writes the provincial capital, the only city of the province, as
# "Thành phố" (Đề án, mục I.2: "địa bàn Thành phố là 136 lượt công dân").
CITY = "thành phố"


@dataclass(frozen=True)
class Place:
    """A unit as a report writes it: `name` in tables ("Huyện Hữu Lũng"), `short` in
    the shares' sentence ("Hữu Lũng", "Thành phố", "phường Đông Kinh"), `long` among
    the places of a session ("huyện Hữu Lũng", "xã Hòa Thắng")."""

    name: str
    short: str
    long: str


UNKNOWN = Place("Không xác định", "không xác định", "không xác định")


@dataclass(frozen=True)
class _Unit:
    name: str
    short_name: str
    unit_type: str
    level: str
    parent_id: int | None
    valid_to: datetime.date | None


class UnitNames:
    """Every unit and succession, loaded once, to name residence units on any day."""

    def __init__(self) -> None:
        self.units = {
            pk: _Unit(*rest)
            for pk, *rest in AdministrativeUnit.objects.values_list(
                "pk", "name", "short_name", "unit_type", "level", "parent_id", "valid_to"
            )
        }
        rows = UnitSuccession.objects.values_list(
            "old_unit_id", "new_unit_id", "whole", "new_unit__code"
        ).order_by("old_unit_id", "-whole", "new_unit__code")
        self.successor: dict[int, int] = {}
        for old, new, _whole, _code in rows:
            self.successor.setdefault(old, new)  # the whole successor, else the first part

    def in_force(self, unit_id: int, day: datetime.date) -> int:
        """The unit that covered `unit_id`'s ground on `day`."""
        seen = set()
        while unit_id not in seen:
            seen.add(unit_id)
            unit = self.units[unit_id]
            if unit.valid_to is None or unit.valid_to >= day or unit_id not in self.successor:
                break
            unit_id = self.successor[unit_id]
        return unit_id

    def place(self, unit_id: int) -> Place:
        unit = self.units[unit_id]
        words = f"{unit.unit_type} {unit.short_name}".strip()
        if unit.level == UnitLevel.DISTRICT:
            short = "Thành phố" if unit.unit_type == CITY else unit.short_name
        else:
            short = words
        return Place(unit.name, short, words)

    def district_of(self, unit_id: int) -> int | None:
        """The district a unit lies in (itself for a district), None without one."""
        unit = self.units[unit_id]
        if unit.level == UnitLevel.DISTRICT:
            return unit_id
        parent = self.units.get(unit.parent_id) if unit.parent_id else None
        return unit.parent_id if parent and parent.level == UnitLevel.DISTRICT else None

    def area(self, unit_id: int | None, day: datetime.date) -> Place:
        """The area a case is counted under in the shares of a period ending on `day`."""
        if unit_id is None or unit_id not in self.units:
            return UNKNOWN
        unit_id = self.in_force(unit_id, day)
        return self.place(self.district_of(unit_id) or unit_id)

    def where(self, unit_id: int | None, day: datetime.date) -> tuple[Place, Place | None]:
        """(commune, its district or None) of a case, as of `day`."""
        if unit_id is None or unit_id not in self.units:
            return UNKNOWN, None
        unit_id = self.in_force(unit_id, day)
        district = self.district_of(unit_id)
        if district == unit_id:
            return self.place(unit_id), None
        return self.place(unit_id), self.place(district) if district else None


def places_words(places: list[tuple[Place, Place | None]]) -> str:
    """ "xã Hòa Thắng, xã Sơn Hà, huyện Hữu Lũng": the communes in the order they were
    first heard, each district after its communes; several districts joined by "và"."""
    groups: dict[Place | None, list[Place]] = {}
    for commune, district in places:
        members = groups.setdefault(district, [])
        if commune not in members:
            members.append(commune)
    parts = []
    for district, communes in groups.items():
        words = [c.long for c in communes] + ([district.long] if district else [])
        parts.append(", ".join(words))
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " và " + parts[-1]
