import datetime

import pytest
from django.core.exceptions import ValidationError
from tiep_cong_dan.doctype.admin_unit.constants import Era, UnitLevel
from tiep_cong_dan.doctype.admin_unit.models import AdministrativeUnit
from tiep_cong_dan.doctype.bridge_point.constants import PointLevel
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.bridge_point.services import (
    bridge_point_counts,
    load_bridge_points,
    primary_point_for,
    rehome_bridge_point,
    retire_bridge_point,
)

from ...conftest import new_unit, old_unit


def test_network_as_loaded_and_after_the_reorganisation(master_data):
    counts = bridge_point_counts()
    # Scheme network: 2 provincial + 11 district + 194 commune rooms (the official
    # list has 194 communes, the scheme counted 200), plus the central board's room.
    assert counts["total"] == 208
    assert BridgePoint.objects.filter(level=PointLevel.DISTRICT).count() == 11
    assert BridgePoint.objects.filter(level=PointLevel.COMMUNE).count() == 194
    # Today: one room per current commune, the two provincial rooms and the central one.
    assert counts["active"] == 68
    assert counts["active_commune"] == 65
    assert counts["active_district"] == 0
    assert load_bridge_points()["total"] == 208  # idempotent


def test_every_current_commune_has_exactly_one_active_point(master_data):
    for unit in AdministrativeUnit.objects.filter(era=Era.FROM_2025, level=UnitLevel.COMMUNE):
        assert BridgePoint.objects.filter(unit=unit, active=True).count() == 1, unit
        assert primary_point_for(unit) is not None


def test_retired_points_keep_their_reason_and_date(master_data):
    district_point = BridgePoint.objects.get(code="LS-H188")
    assert not district_point.active
    assert district_point.retired_on == datetime.date(2025, 7, 1)
    assert "01/07/2025" in district_point.retirement_reason


def test_retire_twice_is_refused(master_data):
    point = primary_point_for(new_unit("05977"))
    retire_bridge_point(point, on=datetime.date(2026, 1, 5), reason="Chuyển trụ sở")
    with pytest.raises(ValidationError) as exc:
        retire_bridge_point(point, on=datetime.date(2026, 1, 6), reason="lần hai")
    assert exc.value.code == "already_retired"


def test_rehome_to_a_unit_no_longer_in_force_is_refused(master_data):
    point = primary_point_for(new_unit("05977"))
    with pytest.raises(ValidationError) as exc:
        rehome_bridge_point(point, unit=old_unit("05971"))
    assert exc.value.code == "unit_not_current"
    point.refresh_from_db()
    assert point.unit == new_unit("05977")
