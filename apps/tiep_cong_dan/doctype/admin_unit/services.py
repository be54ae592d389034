"""Loading the administrative units and answering scope questions about them."""

import datetime
import json
from pathlib import Path

from django.core.cache import cache
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
