"""Loading the administrative units and answering scope questions about them."""

import datetime
import json
import unicodedata
from pathlib import Path

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction

from .constants import Era, UnitLevel
from .models import REORGANISATION_DATE, AdministrativeUnit, UnitSuccession

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "admin_units_lang_son.json"
_OLD_VALID_TO = REORGANISATION_DATE - datetime.timedelta(days=1)


def _upsert(code: str, era: str, **fields) -> AdministrativeUnit:
    unit, _ = AdministrativeUnit.objects.update_or_create(code=code, era=era, defaults=fields)
    return unit


@transaction.atomic
def load_admin_units(path: Path = FIXTURE) -> dict[str, int]:
    """Load (or refresh) both eras and the succession; idempotent."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    p = data["province"]
    province = _upsert(
        p["code"],
        Era.BOTH,
        name=p["name"],
        short_name=p["short_name"],
        unit_type=p["unit_type"],
        level=UnitLevel.PROVINCE,
        parent=None,
        valid_from=None,
        valid_to=None,
    )
    old_by_code: dict[str, AdministrativeUnit] = {}
    for d in data["old_era"]["districts"]:
        district = _upsert(
            d["code"],
            Era.BEFORE_2025,
            name=d["name"],
            short_name=d["short_name"],
            unit_type=d["unit_type"],
            level=UnitLevel.DISTRICT,
            parent=province,
            valid_from=None,
            valid_to=_OLD_VALID_TO,
        )
        for c in d["communes"]:
            old_by_code[c["code"]] = _upsert(
                c["code"],
                Era.BEFORE_2025,
                name=c["name"],
                short_name=c["short_name"],
                unit_type=c["unit_type"],
                level=UnitLevel.COMMUNE,
                parent=district,
                valid_from=None,
                valid_to=_OLD_VALID_TO,
            )
    new_by_code: dict[str, AdministrativeUnit] = {}
    for c in data["new_era"]["communes"]:
        new_by_code[c["code"]] = _upsert(
            c["code"],
            Era.FROM_2025,
            name=c["name"],
            short_name=c["short_name"],
            unit_type=c["unit_type"],
            level=UnitLevel.COMMUNE,
            parent=province,
            valid_from=REORGANISATION_DATE,
            valid_to=None,
        )
    for row in data["succession"]:
        UnitSuccession.objects.update_or_create(
            old_unit=old_by_code[row["old_code"]],
            new_unit=new_by_code[row["new_code"]],
            defaults={"whole": row["whole"]},
        )
    invalidate_scope_cache()
    return {
        "districts": len(data["old_era"]["districts"]),
        "old_communes": len(old_by_code),
        "new_communes": len(new_by_code),
        "successions": len(data["succession"]),
    }


_CLOSURE_KEY = "unit-closure:v1"


def invalidate_scope_cache() -> None:
    cache.delete(_CLOSURE_KEY)


def _closure_maps() -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """children-by-parent and related-by-succession (both directions), cached."""
    maps = cache.get(_CLOSURE_KEY)
    if maps is None:
        children: dict[int, list[int]] = {}
        for uid, parent_id in AdministrativeUnit.objects.values_list("id", "parent_id"):
            if parent_id:
                children.setdefault(parent_id, []).append(uid)
        related: dict[int, list[int]] = {}
        for old_id, new_id in UnitSuccession.objects.values_list("old_unit_id", "new_unit_id"):
            related.setdefault(old_id, []).append(new_id)
            related.setdefault(new_id, []).append(old_id)
        maps = (children, related)
        cache.set(_CLOSURE_KEY, maps, 3600)
    return maps


def scope_unit_ids(unit_ids: set[int]) -> frozenset[int]:
    """Units a user scoped to `unit_ids` may see: each unit, the units under it, and
    the units of the other era that cover the same ground (old communes merged into
    a new commune, or the new communes an old district's communes went into), so a
    case keeps its officer across the 2025 reorganisation."""
    children, related = _closure_maps()
    seen: set[int] = set()
    stack = list(unit_ids)
    while stack:  # descendants first
        uid = stack.pop()
        if uid in seen:
            continue
        seen.add(uid)
        stack.extend(children.get(uid, ()))
    # Cross the era boundary once: successors or predecessors of every commune.
    across = {rid for uid in seen for rid in related.get(uid, ())}
    return frozenset(seen | across)


def current_unit_for(unit: AdministrativeUnit) -> AdministrativeUnit:
    """The unit of today's era that covers an old commune (when it
    was split, the part first by code); any other unit is returned as it is."""
    if unit.era == Era.BEFORE_2025 and unit.level == UnitLevel.COMMUNE:
        row = unit.succession_to.select_related("new_unit").order_by("-whole", "new_unit__code")
        first = row.first()
        if first:
            return first.new_unit
    return unit


# -- finding a unit by its name on a date ----------------------------------------

_TYPE_WORDS = (
    ("thanh pho", "thành phố"),
    ("thi tran", "thị trấn"),
    ("thi xa", "thị xã"),
    ("phuong", "phường"),
    ("huyen", "huyện"),
    ("xa", "xã"),
    ("tp", "thành phố"),
    ("tt", "thị trấn"),
)


class UnitLookupError(ValidationError):
    """A name that means no unit in force on the date; `code` says why (unit_unknown,
    unit_not_in_force, unit_ambiguous, district_unknown, district_after_2025) and the
    message, for the user, names the unit and the date."""


def fold(text: str) -> str:
    """Lower case without diacritics, punctuation or repeated spaces ("Xã  Sơn Hà." ->
    "xa son ha"), so names compare as people write them."""
    text = (text or "").replace("Đ", "D").replace("đ", "d")
    plain = "".join(
        ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn"
    )
    return " ".join("".join(ch if ch.isalnum() else " " for ch in plain.lower()).split())


def _split_type(name: str) -> tuple[str | None, str]:
    """("Xã Sơn Hà") -> ("xã", "son ha"); ("Sơn Hà") -> (None, "son ha")."""
    folded = fold(name)
    for word, unit_type in _TYPE_WORDS:
        if folded.startswith(word + " "):
            return unit_type, folded[len(word) + 1 :]
    return None, folded


def _named(units, name: str) -> list[AdministrativeUnit]:
    unit_type, short = _split_type(name)
    return [u for u in units if fold(u.short_name) == short and unit_type in (None, u.unit_type)]


def _d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def unit_named(
    name: str, district_name: str | None = None, *, on: datetime.date
) -> AdministrativeUnit:
    """The commune-level unit called `name` in force on `on` ("Hòa Thắng", "xa hoa
    thang", "Xã Hòa Thắng": accents, case and the type word optional), within the
    district-level unit `district_name` of that date when given. There are no
    districts from 2025-07-01: naming one then is an error. Every refusal is a
    UnitLookupError whose message names the unit and the date; nothing is written."""
    district = None
    if (district_name or "").strip():
        if on >= REORGANISATION_DATE:
            raise UnitLookupError(
                f"Từ ngày 01/07/2025 không còn đơn vị cấp huyện: chỉ ghi xã, phường "
                f"(không ghi “{district_name}”) cho ngày {_d(on)}.",
                code="district_after_2025",
            )
        districts = AdministrativeUnit.objects.filter(level=UnitLevel.DISTRICT)
        found = [d for d in _named(districts, district_name) if d.is_valid_on(on)]
        if len(found) != 1:
            raise UnitLookupError(
                f"Không có đơn vị cấp huyện tên “{district_name}”.", code="district_unknown"
            )
        district = found[0]
    communes = AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE).select_related("parent")
    named = _named(communes, name)
    if district is not None:
        named = [u for u in named if u.parent_id == district.pk]
    current = [u for u in named if u.is_valid_on(on)]
    if len(current) == 1:
        return current[0]
    if len(current) > 1:
        raise UnitLookupError(
            f"“{name}” là tên xã, phường của nhiều huyện vào ngày {_d(on)}: ghi thêm huyện.",
            code="unit_ambiguous",
        )
    if named:
        unit = named[0]
        since = f"từ {_d(unit.valid_from)}" if unit.valid_from else ""
        until = f"đến {_d(unit.valid_to)}" if unit.valid_to else ""
        raise UnitLookupError(
            f"{unit} không còn hoặc chưa có hiệu lực vào ngày {_d(on)} "
            f"(có hiệu lực {' '.join(p for p in (since, until) if p)}).",
            code="unit_not_in_force",
        )
    where = f" thuộc {district.name}" if district is not None else ""
    raise UnitLookupError(
        f"Không có xã, phường, thị trấn tên “{name}”{where}.", code="unit_unknown"
    )
