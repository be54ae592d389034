"""Reports of 2023 name the areas of 2023: a hearing of a case from Xã Sơn Hà (merged
into Thị trấn Hữu Lũng on 2024-12-01, into Xã Hữu Lũng on 2025-07-01) is counted under
Huyện Hữu Lũng, on today's map under Xã Hữu Lũng, and in the scope of today's commune."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from tiep_cong_dan.access.models import UserScope
from tiep_cong_dan.access.roles import Role
from tiep_cong_dan.core.period import Period
from tiep_cong_dan.doctype.admin_unit.constants import Era
from tiep_cong_dan.doctype.admin_unit.models import AdministrativeUnit
from tiep_cong_dan.reporting.figures import UNITS_TODAY, compute
from tiep_cong_dan.reporting.wording import summary

from ..conftest import make_citizen, make_petition, new_unit, old_unit
from .conftest import hear, session

YEAR_2023 = Period.year(2023)


@pytest.fixture
def hearings_2023(role_users):
    """Given 2023's periodic sessions hearing a group from Xã Sơn Hà (12 citizens
    attending) and one citizen of Xã Minh Hòa, and an ad hoc session in Sơn Hà."""
    son_ha = AdministrativeUnit.objects.get(code="06454", era=Era.BEFORE_2024)
    minh_hoa = old_unit("06457")
    a = make_petition(
        son_ha,
        make_citizen(son_ha, "Hoàng Văn Sơn", "020070002311"),
        received=datetime.date(2023, 10, 2),
    )
    b = make_petition(
        minh_hoa,
        make_citizen(minh_hoa, "Nông Thị Hòa", "020170002312"),
        received=datetime.date(2023, 4, 3),
    )
    c = make_petition(
        son_ha,
        make_citizen(son_ha, "Lộc Văn Hà", "020070002313"),
        received=datetime.date(2023, 10, 9),
    )
    hear(session("periodic", datetime.date(2023, 11, 15)), a, 1, attendance=12)
    hear(session("periodic", datetime.date(2023, 4, 17)), b, 1)
    hear(session("ad_hoc", datetime.date(2023, 11, 1), ad_hoc_ground="a"), c, 1, attendance=20)
    return {"son_ha": a, "minh_hoa": b, "ad_hoc": c}


def test_a_2023_hearing_in_son_ha_counts_under_huu_lung(hearings_2023):
    figures = compute(YEAR_2023)
    # The shares count the periodic citizens only (scheme I.2); the ad hoc session is
    # named by its place as 2023 named it.
    assert figures.by_unit == [("Huyện Hữu Lũng", 13)]
    assert (figures.periodic.hearings, figures.periodic.citizens) == (2, 13)
    assert (figures.total.hearings, figures.total.citizens) == (3, 33)
    assert "xã Sơn Hà, huyện Hữu Lũng" in " ".join(summary(figures))


def test_on_todays_map_it_counts_under_its_successor_commune(hearings_2023):
    figures = compute(YEAR_2023, units_mode=UNITS_TODAY)
    assert dict(figures.by_unit) == {"Xã Hữu Lũng": 12, "Xã Tuấn Sơn": 1}


def test_todays_commune_and_the_former_district_count_it(hearings_2023):
    def officer(username, role, unit):
        user = User.objects.create(username=username, is_staff=True)
        user.groups.set([Group.objects.get(name=role.value)])
        UserScope.objects.create(user=user, unit=unit)
        return user

    commune = officer("xa_huulung", Role.COMMUNE_OFFICER, new_unit("06385"))
    district = officer("huyen_huulung", Role.DISTRICT_OFFICER, old_unit("186"))
    seen = compute(YEAR_2023, user=commune)
    assert seen.by_unit == [("Huyện Hữu Lũng", 12)]
    assert compute(YEAR_2023, user=district).by_unit == [("Huyện Hữu Lũng", 13)]
