"""A unit scope crosses both the merger of 2024-12-01 and the reorganisation of
2025-07-01: a 2023 case in Xã Sơn Hà, Hữu Lũng (merged into Thị trấn Hữu Lũng, then
into Xã Hữu Lũng) is seen by today's commune and by the former district."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.urls import reverse
from tiep_cong_dan.access.models import UserScope
from tiep_cong_dan.access.roles import Role
from tiep_cong_dan.access.rules import rule_for
from tiep_cong_dan.doctype.admin_unit.constants import Era
from tiep_cong_dan.doctype.admin_unit.models import AdministrativeUnit
from tiep_cong_dan.doctype.citizen.models import Citizen
from tiep_cong_dan.doctype.petition.models import Petition

from ..conftest import PASSWORD, make_citizen, make_petition, new_unit, old_unit, sign_in


def scoped_user(username: str, role: Role, *, unit=None, agency=None) -> User:
    user = User.objects.create(username=username, is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    user.groups.set([Group.objects.get(name=role.value)])
    UserScope.objects.create(user=user, unit=unit, agency=agency)
    return user


@pytest.fixture
def son_ha_2023(role_users) -> Petition:
    """Given a complaint received on 12/06/2023 from Xã Sơn Hà, Huyện Hữu Lũng."""
    son_ha = AdministrativeUnit.objects.get(code="06454", era=Era.BEFORE_2024)
    citizen = make_citizen(son_ha, "Hoàng Văn Sơn", "020070002301")
    return make_petition(son_ha, citizen, received=datetime.date(2023, 6, 12))


def test_todays_commune_and_the_former_district_see_a_2023_case_of_son_ha(son_ha_2023, client):
    # Given an officer of today's Xã Hữu Lũng and one of the former Hữu Lũng district
    commune = scoped_user("xa_huulung", Role.COMMUNE_OFFICER, unit=new_unit("06385"))
    district = scoped_user("huyen_huulung", Role.DISTRICT_OFFICER, unit=old_unit("186"))
    petitions, citizens = rule_for(Petition), rule_for(Citizen)
    # Then both see the case and its petitioner
    for user in (commune, district):
        assert list(petitions.queryset(user).values_list("pk", flat=True)) == [son_ha_2023.pk]
        assert citizens.queryset(user).filter(pk=son_ha_2023.citizen_id).exists()
    # And the desk opens it for today's commune officer
    sign_in(client, "xa_huulung")
    page = client.get(reverse("admin:tiep_cong_dan_petition_change", args=[son_ha_2023.pk]))
    assert page.status_code == 200
    assert "Xã Sơn Hà" in page.content.decode()


def test_other_scopes_do_not_see_it(son_ha_2023, role_users):
    # An officer of another commune, of another former district, of the commune that
    # took the other part of a split commune: none of them.
    neighbour = scoped_user("xa_tuanson", Role.COMMUNE_OFFICER, unit=new_unit("06457"))
    for user in (role_users["xa_dongkinh"], role_users["huyen_locbinh"], neighbour):
        assert not rule_for(Petition).queryset(user).filter(pk=son_ha_2023.pk).exists()


def test_a_2023_place_can_be_recorded_only_with_the_unit_of_that_day(role_users):
    # Before, the communes merged on 2024-12-01 did not exist: a 2023 case from Sơn Hà
    # could not be recorded. Now the unit of the day is required.
    son_ha = AdministrativeUnit.objects.get(code="06454", era=Era.BEFORE_2024)
    citizen = make_citizen(son_ha, "Vi Thị Hà", "020170002302")
    petition = make_petition(son_ha, citizen, received=datetime.date(2023, 3, 1))
    assert petition.matter_unit == son_ha
    with pytest.raises(ValidationError) as exc:
        make_petition(son_ha, citizen, received=datetime.date(2025, 1, 5))
    assert exc.value.error_dict["matter_unit"][0].code == "unit_not_in_force"
