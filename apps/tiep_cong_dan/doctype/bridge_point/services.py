"""Bridge points: loading the provincial network, adding, retiring and re-homing."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...core.site_profile import site_profile
from ..admin_unit.constants import Era, UnitLevel
from ..admin_unit.models import REORGANISATION_DATE, AdministrativeUnit
from ..agency.models import Agency
from .constants import PointLevel
from .models import BridgePoint, ConnectionTest


def _dial(code: str) -> str:
    """Dial addresses follow the provincial naming plan (the site profile's domain);
    technicians replace them with the registered aliases of each room."""
    return f"sip:{code.lower()}@{site_profile().dial_domain}"


def add_bridge_point(**fields) -> BridgePoint:
    point = BridgePoint(**fields)
    if not point.dial_address:
        point.dial_address = _dial(point.code)
    point.full_clean()
    point.save()
    return point


@transaction.atomic
def retire_bridge_point(point: BridgePoint, *, on: datetime.date, reason: str) -> BridgePoint:
    point = BridgePoint.objects.select_for_update().get(pk=point.pk)
    if not point.active:
        raise ValidationError(
            _("Bridge point %(code)s is already retired."),
            code="already_retired",
            params={"code": point.code},
        )
    if not reason.strip():
        raise ValidationError(_("Give the reason the point is retired."), code="reason_required")
    point.active, point.retired_on, point.retirement_reason = False, on, reason
    point.save()
    return point


@transaction.atomic
def rehome_bridge_point(
    point: BridgePoint, *, unit: AdministrativeUnit, name: str = ""
) -> BridgePoint:
    """Tie a point to another unit (e.g. the new commune after a merger)."""
    point = BridgePoint.objects.select_for_update().get(pk=point.pk)
    if not point.active:
        raise ValidationError(_("A retired bridge point cannot be re-homed."), code="retired_point")
    if not unit.is_valid_on(timezone.localdate()):
        raise ValidationError(
            _("Unit %(unit)s is no longer in force."),
            code="unit_not_current",
            params={"unit": unit},
        )
    point.unit = unit
    if name:
        point.name = name
    point.agency = (
        Agency.objects.filter(unit=unit, active=True).exclude(kind="department").first()
        or point.agency
    )
    point.save()
    return point


def record_connection_test(
    *,
    point: BridgePoint,
    by,
    result: str,
    audio_ok: bool,
    video_ok: bool,
    notes: str = "",
    at: datetime.datetime | None = None,
) -> ConnectionTest:
    """A test call between the host and `point`, as it went. Refused when dated in the
    future or against a room not in service on the test's day (ConnectionTest.clean):
    such a test proves nothing about a session's readiness."""
    test = ConnectionTest(
        bridge_point=point,
        tested_by=by,
        result=result,
        audio_ok=audio_ok,
        video_ok=video_ok,
        notes=notes,
        tested_at=at or timezone.now(),
    )
    test.full_clean()
    test.save()
    return test


def _commune_point_name(unit: AdministrativeUnit) -> str:
    return f"Phòng họp trực tuyến UBND {unit.name[0].lower()}{unit.name[1:]}"


@transaction.atomic
def load_bridge_points() -> dict[str, int]:
    """The network of the scheme (2 provincial, 11 district, one per commune as the
    communes then stood), the central board's point, then the 2025 reorganisation
    applied through the same services a technician uses. Idempotent: a second run
    changes nothing."""
    if BridgePoint.objects.exists():
        return bridge_point_counts()
    province = AdministrativeUnit.objects.get(level=UnitLevel.PROVINCE)
    board = Agency.objects.get(code="BTCD")
    committee = Agency.objects.get(code="UBND-TINH")
    add_bridge_point(
        code="LS-TSTCD",
        name="Trụ sở Tiếp công dân tỉnh",
        level=PointLevel.PROVINCE,
        unit=province,
        agency=board,
        capacity=30,
        address=site_profile().reception_address,
    )
    add_bridge_point(
        code="LS-UBND",
        name="Phòng họp trực tuyến UBND tỉnh",
        level=PointLevel.PROVINCE,
        unit=province,
        agency=committee,
        capacity=80,
        address=site_profile().committee_office,
    )
    add_bridge_point(
        code="TW-TSTCD",
        name="Trụ sở Tiếp công dân Trung ương (Hà Nội)",
        level=PointLevel.CENTRAL,
        agency=Agency.objects.get(code="BTCD-TW"),
        capacity=20,
        address="Hà Nội",
    )
    old_points: dict[int, BridgePoint] = {}
    for district in AdministrativeUnit.objects.filter(level=UnitLevel.DISTRICT):
        add_bridge_point(
            code=f"LS-H{district.code}",
            level=PointLevel.DISTRICT,
            unit=district,
            name=f"Phòng họp trực tuyến UBND {district.name[0].lower()}{district.name[1:]}",
            agency=Agency.objects.filter(unit=district).first(),
        )
        # The network began in 2025: the rooms are those of the communes of 2024-12-01.
        for commune in district.children.filter(era=Era.BEFORE_2025):
            old_points[commune.id] = add_bridge_point(
                code=f"LS-X{commune.code}",
                level=PointLevel.COMMUNE,
                unit=commune,
                name=_commune_point_name(commune) + f" ({district.short_name})",
            )
    loaded = BridgePoint.objects.count()
    _apply_2025_reorganisation(old_points)
    return {"loaded": loaded, **bridge_point_counts()}


def _apply_2025_reorganisation(old_points: dict[int, BridgePoint]) -> None:
    """Each new commune keeps one predecessor's room (the one whose code it took,
    else its first whole predecessor by code); the other rooms and the district
    rooms are retired on the day the units changed."""
    kept: set[int] = set()
    for new in AdministrativeUnit.objects.filter(era=Era.FROM_2025, level=UnitLevel.COMMUNE):
        rows = list(
            new.succession_from.select_related("old_unit").order_by("-whole", "old_unit__code")
        )
        pick = next((r for r in rows if r.old_unit.code == new.code), rows[0] if rows else None)
        if pick is None:
            add_bridge_point(
                code=f"LS-X{new.code}-M",
                level=PointLevel.COMMUNE,
                unit=new,
                name=_commune_point_name(new),
            )
            continue
        point = old_points[pick.old_unit_id]
        rehome_bridge_point(point, unit=new, name=_commune_point_name(new))
        kept.add(point.id)
    reason = "Sắp xếp đơn vị hành chính từ ngày 01/07/2025"
    for point in BridgePoint.objects.filter(
        active=True, level__in=[PointLevel.DISTRICT, PointLevel.COMMUNE]
    ):
        if point.id not in kept:
            retire_bridge_point(point, on=REORGANISATION_DATE, reason=reason)


def bridge_point_counts() -> dict[str, int]:
    qs = BridgePoint.objects
    counts = {"total": qs.count(), "active": qs.filter(active=True).count()}
    for level in PointLevel:
        counts[f"active_{level.value}"] = qs.filter(active=True, level=level).count()
    return counts


def primary_point_for(unit: AdministrativeUnit) -> BridgePoint | None:
    """The point a citizen of `unit` is heard from (a current unit)."""
    return (
        BridgePoint.objects.filter(unit=unit, active=True, level=PointLevel.COMMUNE)
        .order_by("code")
        .first()
    )
