"""Loading the administrative units and answering questions about them across eras:
which units a scope covers, which unit holds a place on a date, which unit a name
means on a date."""

import copy
import datetime
import json
import time
from pathlib import Path

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...core.graphs import reachable
from ...core.search import fold as fold_words
from .constants import Era, UnitLevel
from .models import REORGANISATION_DATE, AdministrativeUnit, UnitSuccession

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "admin_units_lang_son.json"
_OLD_VALID_TO = REORGANISATION_DATE - datetime.timedelta(days=1)


def _differs(obj: models.Model, name: str, value) -> bool:
    field = obj._meta.get_field(name)
    if field.is_relation:
        return getattr(obj, field.attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


def sync_row(model: type[models.Model], lookup: dict, fields: dict) -> models.Model:
    """Create the row, or write only the fields that differ: loading the same data
    again saves nothing (and adds nothing to a unit's change history)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **fields)
        obj.save()
        return obj
    changed = [name for name, value in fields.items() if _differs(obj, name, value)]
    for name in changed:
        setattr(obj, name, fields[name])
    if changed:
        obj.save(update_fields=changed)
    return obj


def _upsert(code: str, era: str, **fields) -> AdministrativeUnit:
    return sync_row(AdministrativeUnit, {"code": code, "era": era}, fields)


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _unit_fields(row: dict, level: str, parent, valid_from, valid_to) -> dict:
    return {
        "name": row["name"],
        "short_name": row["short_name"],
        "unit_type": row["unit_type"],
        "level": level,
        "parent": parent,
        "valid_from": valid_from,
        "valid_to": valid_to,
    }


@transaction.atomic
def load_admin_units(path: Path = FIXTURE) -> dict[str, int]:
    """Load (or refresh) the three eras and their successions; idempotent.

    A database holding the two eras of earlier releases is brought up to date in
    place: its rows keep their ids (every link to them stays), the communes the
    2024-12-01 merger created get their start date, the communes it ended are added
    under their districts, and the successions get their dates and sources."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    p = data["province"]
    province = _upsert(p["code"], Era.BOTH, **_unit_fields(p, UnitLevel.PROVINCE, None, None, None))
    units: dict[tuple[str, str], AdministrativeUnit] = {}
    districts: dict[str, AdministrativeUnit] = {}
    for d in data["old_era"]["districts"]:
        district = _upsert(
            d["code"],
            Era.BEFORE_2025,
            **_unit_fields(d, UnitLevel.DISTRICT, province, None, _OLD_VALID_TO),
        )
        districts[d["code"]] = district
        for c in d["communes"]:
            units[(c["code"], Era.BEFORE_2025)] = _upsert(
                c["code"],
                Era.BEFORE_2025,
                **_unit_fields(
                    c, UnitLevel.COMMUNE, district, _day(c.get("valid_from")), _OLD_VALID_TO
                ),
            )
    ended = data["before_2024"]
    for c in ended["communes"]:
        units[(c["code"], Era.BEFORE_2024)] = _upsert(
            c["code"],
            Era.BEFORE_2024,
            **_unit_fields(
                c, UnitLevel.COMMUNE, districts[c["district"]], None, _day(ended["valid_to"])
            ),
        )
    for c in data["new_era"]["communes"]:
        units[(c["code"], Era.FROM_2025)] = _upsert(
            c["code"],
            Era.FROM_2025,
            **_unit_fields(c, UnitLevel.COMMUNE, province, REORGANISATION_DATE, None),
        )
    resolutions = data["resolutions"]
    by_date: dict[str, int] = {}
    for row in data["succession"]:
        sync_row(
            UnitSuccession,
            {
                "old_unit": units[(row["old_code"], row["old_era"])],
                "new_unit": units[(row["new_code"], row["new_era"])],
            },
            {
                "whole": row["whole"],
                "main": row["main"],
                "effective_on": _day(row["effective_on"]),
                "source": resolutions[row["resolution"]]["citation"],
            },
        )
        by_date[row["effective_on"]] = by_date.get(row["effective_on"], 0) + 1
    invalidate_scope_cache()
    return {
        "districts": len(districts),
        "ended_2024": len(ended["communes"]),
        "old_communes": sum(len(d["communes"]) for d in data["old_era"]["districts"]),
        "new_communes": len(data["new_era"]["communes"]),
        "successions_2024": by_date.get("2024-12-01", 0),
        "successions": by_date.get("2025-07-01", 0),
    }


def in_force_on(day: datetime.date):
    """The units in force on `day` (the province, and the districts before 2025-07-01)."""
    return AdministrativeUnit.objects.filter(
        models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
        models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
    )


_CLOSURE_KEY = "unit-closure:v2"
_NAMES_KEY = "unit-names:v1"


def invalidate_scope_cache() -> None:
    cache.delete_many([_CLOSURE_KEY, _NAMES_KEY])


def _closure_maps() -> tuple[dict[int, list[int]], dict[int, list[int]], dict[int, list[int]]]:
    """children-by-parent, successors and predecessors, cached."""
    maps = cache.get(_CLOSURE_KEY)
    if maps is None:
        children: dict[int, list[int]] = {}
        for uid, parent_id in AdministrativeUnit.objects.values_list("id", "parent_id"):
            if parent_id:
                children.setdefault(parent_id, []).append(uid)
        later: dict[int, list[int]] = {}
        earlier: dict[int, list[int]] = {}
        for old_id, new_id in UnitSuccession.objects.values_list("old_unit_id", "new_unit_id"):
            later.setdefault(old_id, []).append(new_id)
            earlier.setdefault(new_id, []).append(old_id)
        maps = (children, later, earlier)
        cache.set(_CLOSURE_KEY, maps, 3600)
    return maps


def _reach(start: set[int], edges: dict[int, list[int]]) -> set[int]:
    """What `start` leads to along `edges` (itself only when a link comes back to it)."""
    return reachable({rid for uid in start for rid in edges.get(uid, ())}, edges)


def scope_unit_ids(unit_ids: set[int]) -> frozenset[int]:
    """Units a user scoped to `unit_ids` may see: each unit, the units under it, and
    the units of the other eras that cover the same ground, so a case keeps its
    officer across the 2024 merger and the 2025 reorganisation: going back, the
    communes merged into a commune (and those merged into them); going forward, the
    communes an old commune or district went into (and what those went into).
    Back and forward are followed separately: an officer of a commune that took part
    of a split commune does not see the other part's commune."""
    children, later, earlier = _closure_maps()
    seen: set[int] = set()
    stack = list(unit_ids)
    while stack:  # descendants first
        uid = stack.pop()
        if uid in seen:
            continue
        seen.add(uid)
        stack.extend(children.get(uid, ()))
    return frozenset(seen | _reach(seen, later) | _reach(seen, earlier))


def same_ground_unit_ids(unit_id: int) -> frozenset[int]:
    """The units of every era that cover (part of) the ground of unit `unit_id`: the
    unit, those it went into (the 2024 merger, the 2025 reorganisation), and those
    that went into any of these. A case about a commune merged since is about the
    same place as one about its successor, and so is one about a commune merged
    with it: the place is what the people still call it."""
    _children, later, earlier = _closure_maps()
    forward = {unit_id} | _reach({unit_id}, later)
    return frozenset(forward | _reach(forward, earlier))


def _next(unit: AdministrativeUnit) -> AdministrativeUnit | None:
    """The unit that took `unit` over (of a split unit, its main part)."""
    row = (
        unit.succession_to.select_related("new_unit")
        .order_by("-whole", "-main", "new_unit__code")
        .first()
    )
    return row.new_unit if row else None


def unit_on(unit: AdministrativeUnit, day: datetime.date) -> AdministrativeUnit:
    """The unit that held `unit`'s ground on `day`, following the successions forward
    (of a split unit, its main part); `unit` itself when it is in force then, when
    `day` is before it, or when nothing took it over."""
    seen = {unit.pk}
    while unit.valid_to is not None and unit.valid_to < day:
        following = _next(unit)
        if following is None or following.pk in seen:
            break
        seen.add(following.pk)
        unit = following
    return unit


def current_unit_for(unit: AdministrativeUnit) -> AdministrativeUnit:
    """The unit of today that covers `unit` (across the 2024 merger and the 2025
    reorganisation; of a split unit, its main part); any unit in force today is
    returned as it is."""
    return unit_on(unit, timezone.localdate())


def succession_chain(unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    """`unit` and the units that took it over in turn, to today's."""
    chain, seen = [unit], {unit.pk}
    following = _next(unit)
    while following is not None and following.pk not in seen:
        chain.append(following)
        seen.add(following.pk)
        following = _next(following)
    return chain


# -- finding a unit by its name or code on a date -----------------------------------

# Unit types as written before a name, folded (see `fold`); longer ones first.
_TYPE_WORDS: tuple[tuple[str, str], ...] = (
    ("thanh pho", "thành phố"),
    ("thi tran", "thị trấn"),
    ("thi xa", "thị xã"),
    ("phuong", "phường"),
    ("huyen", "huyện"),
    ("xa", "xã"),
    ("tp", "thành phố"),
    ("tt", "thị trấn"),
    ("tx", "thị xã"),
)
# Words the official lists abbreviate ("Thị trấn NT Thái Bình").
_ABBREVIATIONS = {"nong truong": "nt"}


class UnitLookupError(ValidationError):
    """A name or code that means no unit in force on the date. Its `code` says why:
    ``unit_unknown``, ``unit_not_in_force``, ``unit_ambiguous``, ``district_unknown``
    or ``district_after_2025``; its message (Vietnamese in the desk) names the unit,
    the date and, for a unit not in force, its validity and the unit of that date."""


def fold(text: str) -> str:
    """Lower case without diacritics, punctuation or repeated spaces ("Xã  Sơn Hà." ->
    "xa son ha"), so names compare as people write them."""
    folded = fold_words(text)
    for long, short in _ABBREVIATIONS.items():
        folded = f" {folded} ".replace(f" {long} ", f" {short} ").strip()
    return folded


def _split_type(name: str) -> tuple[str | None, str]:
    """("Xã Sơn Hà") -> ("xã", "son ha"); ("Sơn Hà") -> (None, "son ha")."""
    folded = fold(name)
    for word, unit_type in _TYPE_WORDS:
        if folded.startswith(word + " "):
            return unit_type, folded[len(word) + 1 :]
    return None, folded


# The units by folded name, kept in this process and rebuilt when the units are
# reloaded anywhere (the version in the shared cache changes).
_names_memo: tuple[object, dict] | None = None


def _name_index() -> dict[tuple[str, str], list[AdministrativeUnit]]:
    global _names_memo
    version = cache.get(_NAMES_KEY)
    if version is None:
        version = time.time_ns()
        cache.set(_NAMES_KEY, version, None)
    if _names_memo is None or _names_memo[0] != version:
        index: dict[tuple[str, str], list[AdministrativeUnit]] = {}
        for unit in AdministrativeUnit.objects.select_related("parent").order_by("code"):
            index.setdefault((unit.level, fold(unit.short_name)), []).append(unit)
        _names_memo = (version, index)
    return _names_memo[1]


def _named(level: str, unit_type: str | None, short: str) -> list[AdministrativeUnit]:
    """Units of `level` whose folded short name is `short` (and of that type, when
    given), from an index held in memory: an import matching thousands of rows does
    not ask the database for each (copies, so a caller cannot alter the index)."""
    found = _name_index().get((level, short), [])
    return [copy.copy(u) for u in found if unit_type in (None, u.unit_type)]


def _called(level: str, name: str) -> list[AdministrativeUnit]:
    """Units of `level` called `name`, with or without its type word (no unit of the
    province has a name beginning with a type word, so the first word is the type's
    when it reads as one)."""
    return _named(level, *_split_type(name))


def validity_text(unit) -> str:
    """ "from 01/12/2024 to 30/06/2025", "until 30/11/2024", "from 01/07/2025" (a unit or
    an agency with validity dates)."""
    start = unit.valid_from.strftime("%d/%m/%Y") if unit.valid_from else None
    end = unit.valid_to.strftime("%d/%m/%Y") if unit.valid_to else None
    if start and end:
        return _("from %(start)s to %(end)s") % {"start": start, "end": end}
    if end:
        return _("until %(end)s") % {"end": end}
    if start:
        return _("from %(start)s") % {"start": start}
    return ""


def _not_in_force(unit: AdministrativeUnit, day: datetime.date) -> UnitLookupError:
    """Name the unit, its validity and what held its ground on `day`."""
    if unit.valid_to is not None and unit.valid_to < day:
        others = [unit_on(unit, day)]
    else:  # before the unit began: the units it was made of
        earlier = _reach({unit.pk}, _closure_maps()[2])
        others = [
            u for u in AdministrativeUnit.objects.filter(pk__in=earlier) if u.is_valid_on(day)
        ]
    others = [u for u in others if u.pk != unit.pk]
    params = {"unit": str(unit), "date": day.strftime("%d/%m/%Y"), "validity": validity_text(unit)}
    if others:
        params["other"] = ", ".join(str(u) for u in sorted(others, key=lambda u: u.code))
        message = _(
            "%(unit)s was not in force on %(date)s (in force %(validity)s); "
            "on that date: %(other)s."
        )
    else:
        message = _("%(unit)s was not in force on %(date)s (in force %(validity)s).")
    return UnitLookupError(message % params, code="unit_not_in_force", params=params)


def district_named(name: str, *, on: datetime.date) -> AdministrativeUnit:
    """The district-level unit called `name` on `on` ("Hữu Lũng", "Huyện Hữu Lũng",
    "TP Lạng Sơn"; accents, case and the type word optional). There are none from
    2025-07-01 on: asking then is an error (``district_after_2025``)."""
    if on >= REORGANISATION_DATE:
        params = {"name": name, "date": on.strftime("%d/%m/%Y")}
        raise UnitLookupError(
            _(
                "There are no district-level units on %(date)s (since 01/07/2025): "
                "give the commune alone, not “%(name)s”."
            )
            % params,
            code="district_after_2025",
            params=params,
        )
    found = [d for d in _called(UnitLevel.DISTRICT, name) if d.is_valid_on(on)]
    if len(found) != 1:
        params = {"name": name}
        raise UnitLookupError(
            _("No district-level unit is named “%(name)s”.") % params,
            code="district_unknown",
            params=params,
        )
    return found[0]


def unit_named(
    name: str, district_name: str | None = None, *, on: datetime.date
) -> AdministrativeUnit:
    """The commune-level unit (xã, phường, thị trấn) called `name` on the date `on`.

    Contract, for imports of past records and anyone matching names:

    - `name` is compared without accents, case, punctuation or extra spaces, and the
      unit type before it is optional: "Sơn Hà", "xa son ha" and "Xã Sơn Hà" are the
      same; a type that is given must be the unit's ("Phường Sơn Hà" is not the xã).
    - `district_name` is the district-level unit of that date, compared the same way
      ("Hữu Lũng", "Huyện Hữu Lũng"). Before 2025-07-01 it is needed only when the
      name alone means communes of several districts (``unit_ambiguous``); from
      2025-07-01 there are no districts and giving one is an error
      (``district_after_2025``); a name that is no district is ``district_unknown``.
    - Only units in force on `on` are returned (the era of the date: before
      2024-12-01, from 2024-12-01 to 2025-06-30, from 2025-07-01). A unit of that
      name in force on another date gives ``unit_not_in_force``, whose message says
      when it was in force and which unit held its ground on `on` (Xã Sơn Hà, Hữu
      Lũng, on 05/01/2025: part of Thị trấn Hữu Lũng since 01/12/2024).
    - Otherwise ``unit_unknown``.
    - Every refusal is a `UnitLookupError` (a ValidationError) with that code, a
      translated message and its params (name, date, district, unit…), so a caller
      can report it against its own row and column. Nothing is written.
    """
    district = district_named(district_name, on=on) if (district_name or "").strip() else None
    named = _called(UnitLevel.COMMUNE, name)
    if district is not None:
        named = [u for u in named if u.parent_id == district.pk]
    current = [u for u in named if u.is_valid_on(on)]
    if len(current) == 1:
        return current[0]
    params = {"name": name, "date": on.strftime("%d/%m/%Y")}
    if len(current) > 1:
        params["districts"] = ", ".join(sorted(u.parent.name for u in current))
        raise UnitLookupError(
            _(
                "“%(name)s” names communes of several districts on %(date)s "
                "(%(districts)s): give the district."
            )
            % params,
            code="unit_ambiguous",
            params=params,
        )
    if named:  # the name is known, but not on that date: the nearest in time
        nearest = min(named, key=lambda u: _distance(u, on))
        raise _not_in_force(nearest, on)
    if district is not None:
        params["district"] = district.name
        raise UnitLookupError(
            _("No commune-level unit is named “%(name)s” in %(district)s.") % params,
            code="unit_unknown",
            params=params,
        )
    raise UnitLookupError(
        _("No commune-level unit is named “%(name)s”.") % params,
        code="unit_unknown",
        params=params,
    )


def _distance(unit: AdministrativeUnit, day: datetime.date) -> int:
    if unit.valid_to is not None and unit.valid_to < day:
        return (day - unit.valid_to).days
    if unit.valid_from is not None and day < unit.valid_from:
        return (unit.valid_from - day).days
    return 0


def unit_by_code(code: str, *, on: datetime.date) -> AdministrativeUnit:
    """The commune-level unit with official code `code` in force on `on` (a code
    may name different units in different eras: 06040 was Xã Đại Đồng until
    30/11/2024, then Thị trấn Thất Khê, then Xã Thất Khê). Refusals as `unit_named`."""
    units = list(AdministrativeUnit.objects.filter(code=str(code).strip(), level=UnitLevel.COMMUNE))
    for unit in units:
        if unit.is_valid_on(on):
            return unit
    if units:
        raise _not_in_force(min(units, key=lambda u: _distance(u, on)), on)
    params = {"name": str(code).strip()}
    raise UnitLookupError(
        _("No commune-level unit is named “%(name)s”.") % params,
        code="unit_unknown",
        params=params,
    )
