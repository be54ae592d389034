"""Loading the agencies of the province; following the mergers of agencies."""

import datetime
import json
from pathlib import Path

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q

from ...core.graphs import reachable
from ..admin_unit.constants import Era, UnitLevel
from ..admin_unit.models import REORGANISATION_DATE, AdministrativeUnit
from ..admin_unit.services import sync_row
from ..result_notice.constants import OPEN_ASSIGNMENT_STATES
from ..result_notice.models import Assignment
from ..result_notice.services import transfer_task
from .constants import AgencyKind
from .models import Agency, AgencySuccession

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "agencies_lang_son.json"
_DISTRICTS_END = REORGANISATION_DATE - datetime.timedelta(days=1)


def committee_code(unit: AdministrativeUnit) -> str:
    return f"UBND-{unit.code}"


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _sync(code: str, **fields) -> Agency:
    return sync_row(Agency, {"code": code}, fields)


@transaction.atomic
def load_agencies(path: Path = FIXTURE) -> dict[str, int]:
    """Provincial bodies from the fixture with their validity and successors, plus
    one People's Committee per district (until 2025-07-01) and per current commune;
    idempotent (a second load writes nothing)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    by_code: dict[str, Agency] = {}
    province = AdministrativeUnit.objects.get(level=UnitLevel.PROVINCE)
    for row in data["province"]:
        by_code[row["code"]] = _sync(
            row["code"],
            name=row["name"],
            short_name=row["short_name"],
            kind=row["kind"],
            head_title=row["head_title"],
            unit=province,
            parent=by_code.get(row.get("parent")),
        )
    for row in data["departments"]:
        by_code[row["code"]] = _sync(
            row["code"],
            name=row["name"],
            short_name=row["name"].replace("Sở ", ""),
            kind=AgencyKind.DEPARTMENT,
            head_title="Giám đốc",
            unit=province,
            parent=by_code["UBND-TINH"],
            active=row["active"],
            valid_from=_day(row.get("valid_from")),
            valid_to=_day(row.get("valid_to")),
        )
    successions = 0
    for row in data["departments"]:
        if row.get("successor"):
            sync_row(
                AgencySuccession,
                {"old_agency": by_code[row["code"]], "new_agency": by_code[row["successor"]]},
                {
                    "effective_on": _day(row["successor_on"]),
                    "source": data["successions_source"],
                },
            )
            successions += 1
    committees = 0
    # District-level units and today's communes (communes before 2025-07-01 had their
    # committees too, but cases name the district's).
    units = AdministrativeUnit.objects.filter(
        Q(level=UnitLevel.DISTRICT) | Q(level=UnitLevel.COMMUNE, era=Era.FROM_2025)
    )
    for unit in units:
        district = unit.level == UnitLevel.DISTRICT
        _sync(
            committee_code(unit),
            name=f"Ủy ban nhân dân {unit.name[0].lower()}{unit.name[1:]}",
            short_name=f"UBND {unit.short_name}",
            kind=AgencyKind.DISTRICT_COMMITTEE if district else AgencyKind.COMMUNE_COMMITTEE,
            head_title="Chủ tịch",
            unit=unit,
            parent=by_code["UBND-TINH"],
            # District committees were abolished on 2025-07-01.
            active=not district,
            valid_from=unit.valid_from,
            valid_to=_DISTRICTS_END if district else None,
        )
        committees += 1
    invalidate_agency_scope_cache()
    return {
        "provincial": len(data["province"]),
        "departments": len(data["departments"]),
        "successions": successions,
        "committees": committees,
        "total": Agency.objects.count(),
    }


_PREDECESSORS_KEY = "agency-predecessors:v1"


def invalidate_agency_scope_cache() -> None:
    cache.delete(_PREDECESSORS_KEY)


def scope_agency_ids(agency_ids: set[int]) -> frozenset[int]:
    """Agencies a user scoped to `agency_ids` answers for: each agency and those merged
    into it (and into them), so a successor department sees its predecessors' cases
    and tasks. Not the other way: an officer of a merged body does not see its
    successor's."""
    earlier = cache.get(_PREDECESSORS_KEY)
    if earlier is None:
        earlier = {}
        for old_id, new_id in AgencySuccession.objects.values_list(
            "old_agency_id", "new_agency_id"
        ):
            earlier.setdefault(new_id, []).append(old_id)
        cache.set(_PREDECESSORS_KEY, earlier, 3600)
    return frozenset(reachable(agency_ids, earlier))


def successor_of(agency: Agency) -> Agency | None:
    """The agency that took over `agency`'s work, following merger after merger to
    one in force (None when it was not merged)."""
    seen = {agency.pk}
    found = None
    while True:
        row = agency.succession_to.select_related("new_agency").order_by("new_agency__code").first()
        if row is None or row.new_agency_id in seen:
            return found
        agency = found = row.new_agency
        seen.add(agency.pk)


def follow_agency_successions(*, by=None) -> int:
    """Hand the tasks still being followed up (open, reported, returned) of every
    merged agency to its successor, each with its reason in the task's history and
    event log; closed tasks stay with the agency that did them. Idempotent: a second
    run finds nothing left to move. Returns the number of tasks moved."""
    moved = 0
    merged = Agency.objects.filter(succession_to__isnull=False).distinct()
    for agency in merged:
        successor = successor_of(agency)
        if successor is None:
            continue
        row = agency.succession_to.order_by("effective_on").first()
        reason = (
            f"{agency.name} được sắp xếp lại từ ngày {row.effective_on:%d/%m/%Y} "
            f"({row.source}); {successor.name} tiếp nhận nhiệm vụ."
        )
        for assignment in Assignment.objects.filter(
            agency=agency, state__in=OPEN_ASSIGNMENT_STATES
        ).order_by("pk"):
            transfer_task(assignment, to=successor, reason=reason, by=by)
            moved += 1
    return moved
