"""Loading the agencies of the province."""

import json
from pathlib import Path

from django.db import transaction

from ..admin_unit.constants import Era, UnitLevel
from ..admin_unit.models import AdministrativeUnit
from .constants import AgencyKind
from .models import Agency

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "agencies_lang_son.json"


def committee_code(unit: AdministrativeUnit) -> str:
    return f"UBND-{unit.code}"


@transaction.atomic
def load_agencies(path: Path = FIXTURE) -> dict[str, int]:
    """Provincial bodies from the fixture, plus one People's Committee per district
    (until 2025-07-01) and per current commune; idempotent."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    by_code: dict[str, Agency] = {}
    province = AdministrativeUnit.objects.get(level=UnitLevel.PROVINCE)
    for row in data["province"]:
        by_code[row["code"]], _ = Agency.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "short_name": row["short_name"],
                "kind": row["kind"],
                "head_title": row["head_title"],
                "unit": province,
                "parent": by_code.get(row.get("parent")),
            },
        )
    for row in data["departments"]:
        Agency.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "short_name": row["name"].replace("Sở ", ""),
                "kind": AgencyKind.DEPARTMENT,
                "head_title": "Giám đốc",
                "unit": province,
                "parent": by_code["UBND-TINH"],
                "active": row["active"],
            },
        )
    committees = 0
    units = AdministrativeUnit.objects.filter(
        level__in=[UnitLevel.DISTRICT, UnitLevel.COMMUNE]
    ).exclude(era=Era.BEFORE_2025, level=UnitLevel.COMMUNE)
    for unit in units:
        district = unit.level == UnitLevel.DISTRICT
        Agency.objects.update_or_create(
            code=committee_code(unit),
            defaults={
                "name": f"Ủy ban nhân dân {unit.name[0].lower()}{unit.name[1:]}",
                "short_name": f"UBND {unit.short_name}",
                "kind": AgencyKind.DISTRICT_COMMITTEE if district else AgencyKind.COMMUNE_COMMITTEE,
                "head_title": "Chủ tịch",
                "unit": unit,
                "parent": by_code["UBND-TINH"],
                # District committees were abolished on 2025-07-01.
                "active": not district,
            },
        )
        committees += 1
    return {
        "provincial": len(data["province"]),
        "departments": len(data["departments"]),
        "committees": committees,
        "total": Agency.objects.count(),
    }
