"""Units of three eras: before the merger of 2024-12-01, from it to 2025-06-30, and the
two-tier government from 2025-07-01; each unit with its validity and its successors,
and the lookups a past record needs (by name, by code, on a date)."""

import datetime

import pytest
from django.utils import translation
from tiep_cong_dan.doctype.admin_unit.constants import Era, UnitLevel
from tiep_cong_dan.doctype.admin_unit.models import AdministrativeUnit, UnitSuccession
from tiep_cong_dan.doctype.admin_unit.services import (
    UnitLookupError,
    current_unit_for,
    district_named,
    in_force_on,
    scope_unit_ids,
    succession_chain,
    unit_by_code,
    unit_named,
    unit_on,
)
from tiep_cong_dan.doctype.bridge_point.services import primary_point_for
from tiep_cong_dan.scheduling.agenda import citizen_point

from ...conftest import make_citizen, make_petition, new_unit, old_unit

MERGER = datetime.date(2024, 12, 1)
DAY_2023 = datetime.date(2023, 6, 1)
DAY_2025 = datetime.date(2025, 1, 5)
DAY_2026 = datetime.date(2026, 3, 2)


def ended_unit(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=code, era=Era.BEFORE_2024)


def communes_on(day: datetime.date):
    return in_force_on(day).filter(level=UnitLevel.COMMUNE)


@pytest.fixture(autouse=True)
def _english_messages():
    with translation.override("en"):
        yield


def test_each_era_has_the_official_count(master_data):
    # Given the master data; then: 200 communes before the merger (the scheme's
    # "200 communes"), 194 after it, 65 from 2025-07-01, 11 districts until then.
    assert communes_on(datetime.date(2024, 11, 30)).count() == 200
    assert communes_on(DAY_2023).count() == 200
    assert communes_on(MERGER).count() == 194
    assert communes_on(datetime.date(2025, 6, 30)).count() == 194
    assert communes_on(datetime.date(2025, 7, 1)).count() == 65
    districts = in_force_on(DAY_2023).filter(level=UnitLevel.DISTRICT)
    assert districts.count() == 11
    assert in_force_on(DAY_2026).filter(level=UnitLevel.DISTRICT).count() == 0
    # Rows: the 7 communes the merger ended are the era before 2024-12-01; the 193
    # it left unchanged are one row each, spanning both periods to 2025-06-30.
    units = AdministrativeUnit.objects
    assert units.filter(era=Era.BEFORE_2024).count() == 7
    assert units.filter(era=Era.BEFORE_2025, level=UnitLevel.COMMUNE).count() == 194
    assert units.filter(era=Era.BEFORE_2025, valid_from=MERGER).count() == 1  # Thất Khê
    assert units.filter(era=Era.FROM_2025).count() == 65
    assert UnitSuccession.objects.filter(effective_on=MERGER).count() == 8
    assert UnitSuccession.objects.filter(effective_on=datetime.date(2025, 7, 1)).count() == 196


def test_the_communes_the_merger_ended_and_their_successors(master_data):
    rows = UnitSuccession.objects.filter(effective_on=MERGER).select_related(
        "old_unit", "new_unit"
    )
    found = {
        (r.old_unit.name, r.old_unit.parent.short_name, r.new_unit.name, r.whole, r.main)
        for r in rows
    }
    assert found == {
        ("Xã Vĩnh Tiến", "Tràng Định", "Xã Khánh Long", True, True),
        ("Xã Đại Đồng", "Tràng Định", "Thị trấn Thất Khê", False, True),
        ("Xã Đại Đồng", "Tràng Định", "Xã Đội Cấn", False, False),
        ("Thị trấn Thất Khê", "Tràng Định", "Thị trấn Thất Khê", True, True),
        ("Xã Đồng Giáp", "Văn Quan", "Xã Khánh Khê", True, True),
        ("Xã Tràng Các", "Văn Quan", "Xã Khánh Khê", True, True),
        ("Xã Tĩnh Bắc", "Lộc Bình", "Xã Tam Gia", True, True),
        ("Xã Sơn Hà", "Hữu Lũng", "Thị trấn Hữu Lũng", True, True),
    }
    assert {r.source for r in rows} == {"Nghị quyết 1247/NQ-UBTVQH15 ngày 24/10/2024"}
    # Every unit the merger ended ended the day before, and has a successor.
    assert set(ended_unit("06454").succession_to.values_list("effective_on", flat=True)) == {
        MERGER
    }
    for unit in AdministrativeUnit.objects.filter(era=Era.BEFORE_2024):
        assert unit.valid_to == datetime.date(2024, 11, 30)
        assert unit.succession_to.exists()


def test_son_ha_exists_until_the_merger_and_leads_to_todays_commune(master_data):
    # Given Xã Sơn Hà, Hữu Lũng, where the scheme's ad hoc session of 2023 was held
    son_ha = ended_unit("06454")
    assert (son_ha.name, son_ha.parent, son_ha.level) == (
        "Xã Sơn Hà",
        old_unit("186"),
        UnitLevel.COMMUNE,
    )
    assert son_ha.is_valid_on(DAY_2023) and not son_ha.is_valid_on(MERGER)
    # Then its chain: Thị trấn Hữu Lũng from 2024-12-01, Xã Hữu Lũng from 2025-07-01.
    town, commune = old_unit("06385"), new_unit("06385")
    assert succession_chain(son_ha) == [son_ha, town, commune]
    assert (town.name, commune.name) == ("Thị trấn Hữu Lũng", "Xã Hữu Lũng")
    assert unit_on(son_ha, DAY_2025) == town
    assert unit_on(son_ha, DAY_2023) == son_ha
    assert current_unit_for(son_ha) == commune
    # A split commune follows its main part: most of Đại Đồng went into Thất Khê.
    assert current_unit_for(ended_unit("06040")) == new_unit("06040")  # Xã Thất Khê
    assert unit_on(ended_unit("06040"), DAY_2025) == old_unit("06040")


def test_scopes_follow_the_chain_both_ways_but_not_sideways(master_data):
    son_ha, town = ended_unit("06454"), old_unit("06385")
    # Today's commune sees its 2024 and pre-2024 predecessors.
    commune_scope = scope_unit_ids({new_unit("06385").id})
    assert {son_ha.id, town.id} <= commune_scope
    # The former district sees Sơn Hà and every successor of its communes.
    district_scope = scope_unit_ids({old_unit("186").id})
    assert {son_ha.id, town.id, new_unit("06385").id} <= district_scope
    # Đội Cấn took a part of Đại Đồng: it sees Đại Đồng, but not Thất Khê, which took
    # the other part.
    doi_can_scope = scope_unit_ids({old_unit("06025").id})
    assert ended_unit("06040").id in doi_can_scope
    assert old_unit("06040").id not in doi_can_scope
    assert ended_unit("05995").id not in doi_can_scope


@pytest.mark.parametrize(
    "name, district, day, expected",
    [
        ("Xã Sơn Hà", "Huyện Hữu Lũng", DAY_2023, ("06454", Era.BEFORE_2024)),
        ("son ha", "huu lung", DAY_2023, ("06454", Era.BEFORE_2024)),
        ("  SƠN  HÀ. ", None, DAY_2023, ("06454", Era.BEFORE_2024)),
        ("Thị trấn Hữu Lũng", "Hữu Lũng", DAY_2025, ("06385", Era.BEFORE_2025)),
        ("TT Hữu Lũng", None, DAY_2023, ("06385", Era.BEFORE_2025)),
        ("Hữu Lũng", None, DAY_2026, ("06385", Era.FROM_2025)),
        ("Xã Đại Đồng", "Tràng Định", DAY_2023, ("06040", Era.BEFORE_2024)),
        ("Thất Khê", "Tràng Định", DAY_2023, ("05995", Era.BEFORE_2024)),
        ("Thất Khê", "Tràng Định", DAY_2025, ("06040", Era.BEFORE_2025)),
        ("Xã Thất Khê", None, DAY_2026, ("06040", Era.FROM_2025)),
        ("Phường Đông Kinh", None, DAY_2026, ("05977", Era.FROM_2025)),
        ("Đông Kinh", "Thành phố Lạng Sơn", DAY_2023, ("05980", Era.BEFORE_2025)),
        ("Hồng Phong", "Bình Gia", DAY_2023, ("06079", Era.BEFORE_2025)),
        ("Nông trường Thái Bình", "Đình Lập", DAY_2025, ("06616", Era.BEFORE_2025)),
    ],
)
def test_unit_named_finds_the_unit_of_the_date(master_data, name, district, day, expected):
    unit = unit_named(name, district, on=day)
    assert (unit.code, unit.era) == expected
    assert unit.is_valid_on(day)


def _refusal(*args, **kwargs) -> UnitLookupError:
    with pytest.raises(UnitLookupError) as exc:
        unit_named(*args, **kwargs)
    return exc.value


def test_unit_named_refuses_with_a_reason(master_data):
    # A unit of another date: when it was in force, and what held its ground.
    late = _refusal("Xã Sơn Hà", "Hữu Lũng", on=DAY_2025)
    assert late.code == "unit_not_in_force"
    assert late.messages == [
        "Xã Sơn Hà, Huyện Hữu Lũng was not in force on 05/01/2025 (in force until "
        "30/11/2024); on that date: Thị trấn Hữu Lũng, Huyện Hữu Lũng."
    ]
    early = _refusal("Xã Hữu Lũng", on=DAY_2023)
    assert early.code == "unit_not_in_force"
    assert early.messages[0].startswith(
        "Xã Hữu Lũng was not in force on 01/06/2023 (in force from 01/07/2025); on that date: "
    )
    assert "Xã Sơn Hà, Huyện Hữu Lũng" in early.messages[0]
    # Unknown names, a name unknown in the district given, a name in several districts.
    assert _refusal("Xã Không Có", on=DAY_2023).code == "unit_unknown"
    in_district = _refusal("Đông Kinh", "Hữu Lũng", on=DAY_2023)
    assert (in_district.code, in_district.messages) == (
        "unit_unknown",
        ["No commune-level unit is named “Đông Kinh” in Huyện Hữu Lũng."],
    )
    ambiguous = _refusal("Hồng Phong", on=DAY_2023)
    assert ambiguous.code == "unit_ambiguous"
    assert ambiguous.params["districts"] == "Huyện Bình Gia, Huyện Cao Lộc"
    # Districts: unknown, and none from 2025-07-01 on.
    assert _refusal("Sơn Hà", "Huyện Không Có", on=DAY_2023).code == "district_unknown"
    after = _refusal("Xã Hữu Lũng", "Hữu Lũng", on=DAY_2026)
    assert after.code == "district_after_2025"
    assert district_named("tp lang son", on=DAY_2023) == old_unit("178")


def test_a_type_given_must_be_the_units(master_data):
    refusal = _refusal("Phường Sơn Hà", "Hữu Lũng", on=DAY_2023)
    assert refusal.code == "unit_unknown"


def test_unit_named_speaks_vietnamese_in_the_desk(master_data):
    with translation.override("vi"):
        refusal = _refusal("Xã Sơn Hà", "Hữu Lũng", on=DAY_2025)
    assert refusal.messages == [
        "Xã Sơn Hà, Huyện Hữu Lũng không có hiệu lực vào ngày 05/01/2025 (có hiệu lực "
        "đến 30/11/2024); vào ngày đó: Thị trấn Hữu Lũng, Huyện Hữu Lũng."
    ]


def test_unit_by_code_takes_the_unit_of_the_date(master_data):
    assert unit_by_code("06040", on=DAY_2023).name == "Xã Đại Đồng"
    assert unit_by_code("06040", on=DAY_2025).name == "Thị trấn Thất Khê"
    assert unit_by_code("06040", on=DAY_2026).name == "Xã Thất Khê"
    with pytest.raises(UnitLookupError) as exc:
        unit_by_code("06454", on=DAY_2026)
    assert exc.value.code == "unit_not_in_force"
    with pytest.raises(UnitLookupError) as exc:
        unit_by_code("99999", on=DAY_2026)
    assert exc.value.code == "unit_unknown"


def test_a_citizen_of_an_old_address_is_heard_from_todays_communes_room(role_users):
    # Given a case recorded in 2023 under Xã Sơn Hà
    son_ha = ended_unit("06454")
    petition = make_petition(
        son_ha,
        make_citizen(son_ha, "Lương Văn Hà", "020070002601"),
        received=DAY_2023,
    )
    # Then the agenda puts the citizen in Xã Hữu Lũng's room, two successions later.
    room = citizen_point(petition)
    assert room == primary_point_for(new_unit("06385"))
    assert room.active and room.unit == new_unit("06385")
