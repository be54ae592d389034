import datetime

from tiep_cong_dan.access.scope import unit_scope_ids
from tiep_cong_dan.doctype.admin_unit.constants import Era, UnitLevel
from tiep_cong_dan.doctype.admin_unit.models import AdministrativeUnit, UnitSuccession
from tiep_cong_dan.doctype.admin_unit.services import (
    current_unit_for,
    load_admin_units,
    scope_unit_ids,
)
from tiep_cong_dan.doctype.agency.constants import AgencyKind
from tiep_cong_dan.doctype.agency.models import Agency

from ...conftest import new_unit, old_unit


def test_both_eras_have_the_official_counts(master_data):
    units = AdministrativeUnit.objects
    assert units.filter(era=Era.BEFORE_2025, level=UnitLevel.DISTRICT).count() == 11
    assert units.filter(era=Era.BEFORE_2025, level=UnitLevel.COMMUNE).count() == 194
    new = units.filter(era=Era.FROM_2025, level=UnitLevel.COMMUNE)
    assert new.count() == 65
    assert new.filter(unit_type="xã").count() == 61
    assert new.filter(unit_type="phường").count() == 4
    assert set(new.filter(unit_type="phường").values_list("short_name", flat=True)) == {
        "Đông Kinh",
        "Lương Văn Tri",
        "Tam Thanh",
        "Kỳ Lừa",
    }


def test_every_old_commune_has_a_successor_and_every_new_one_a_predecessor(master_data):
    old = AdministrativeUnit.objects.filter(era=Era.BEFORE_2025, level=UnitLevel.COMMUNE)
    assert not old.filter(succession_to__isnull=True).exists()
    new = AdministrativeUnit.objects.filter(era=Era.FROM_2025)
    assert not new.filter(succession_from__isnull=True).exists()
    of_2025 = UnitSuccession.objects.filter(effective_on=datetime.date(2025, 7, 1))
    assert of_2025.count() == 196
    assert of_2025.filter(whole=False).count() == 4
    assert set(of_2025.values_list("source", flat=True)) == {
        "Nghị quyết 1672/NQ-UBTVQH15 ngày 16/6/2025"
    }


def test_validity_dates_split_at_the_reorganisation(master_data):
    hvt = old_unit("05971")  # Phường Hoàng Văn Thụ, thành phố Lạng Sơn
    assert hvt.is_valid_on(datetime.date(2025, 6, 30))
    assert not hvt.is_valid_on(datetime.date(2025, 7, 1))
    assert current_unit_for(hvt) == new_unit("06187")  # now Phường Kỳ Lừa
    # Bính Xá was split between Đình Lập and Kiên Mộc: the first part by code.
    assert current_unit_for(old_unit("06622")) == new_unit("06613")
    assert current_unit_for(new_unit("05977")) == new_unit("05977")


def test_loading_twice_changes_nothing(master_data):
    before = AdministrativeUnit.objects.count(), UnitSuccession.objects.count()
    load_admin_units()
    assert (AdministrativeUnit.objects.count(), UnitSuccession.objects.count()) == before


def test_scope_of_a_new_commune_includes_its_old_communes(master_data):
    dong_kinh = new_unit("05977")
    scope = scope_unit_ids({dong_kinh.id})
    predecessors = set(dong_kinh.predecessors.values_list("id", flat=True))
    assert predecessors and predecessors <= scope
    assert new_unit("06187").id not in scope


def test_scope_of_an_old_district_covers_its_communes_and_their_successors(master_data):
    loc_binh = old_unit("188")
    scope = scope_unit_ids({loc_binh.id})
    communes = set(loc_binh.children.values_list("id", flat=True))
    # 20 communes after 2024-12-01 and Xã Tĩnh Bắc, merged into Xã Tam Gia then.
    assert len(communes) == 21 and communes <= scope
    successors = set(
        UnitSuccession.objects.filter(old_unit__parent=loc_binh).values_list(
            "new_unit_id", flat=True
        )
    )
    # The district's 7 communes of 2025 and Xã Tam Gia (Tĩnh Bắc's successor in 2024).
    assert len(successors) == 8
    assert successors <= scope
    assert old_unit("178").id not in scope


def test_agencies_cover_the_province_departments_and_committees(master_data):
    agencies = Agency.objects
    assert agencies.filter(kind=AgencyKind.PROVINCIAL_COMMITTEE).count() == 1
    assert agencies.filter(kind=AgencyKind.RECEPTION_BOARD).count() == 1
    assert agencies.filter(kind=AgencyKind.CENTRAL_BOARD).count() == 1
    assert agencies.filter(kind=AgencyKind.DEPARTMENT, active=True).count() == 15
    assert agencies.filter(kind=AgencyKind.DISTRICT_COMMITTEE, active=False).count() == 11
    assert agencies.filter(kind=AgencyKind.COMMUNE_COMMITTEE, active=True).count() == 65


def test_a_scoped_user_sees_cross_era_units(role_users):
    user = role_users["xa_dongkinh"]
    assert new_unit("05977").id in unit_scope_ids(user)
