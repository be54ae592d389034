"""A unit officer's citizens asked as three index ranges (doctype/citizen/permissions.py:
residents, and petitioners of the cases living or arising in the units) are exactly
the citizens "has a case the officer sees, or lives there" gives: people living in
the units, a case's petitioner living elsewhere, and a denouncer hidden as before."""

import datetime
import random

import pytest
from django.db.models import Exists, OuterRef, Q
from tiep_cong_dan.access.roles import roles_of
from tiep_cong_dan.access.rules import rule_for
from tiep_cong_dan.access.scope import unit_scope_ids
from tiep_cong_dan.doctype.admin_unit.models import AdministrativeUnit
from tiep_cong_dan.doctype.citizen.models import Citizen
from tiep_cong_dan.doctype.petition.models import Petition

OFFICERS = ["xa_dongkinh", "huyen_locbinh"]


@pytest.fixture
def people(role_users):
    """60 citizens in units in and out of both officers' scopes, 80 petitions whose
    residence and matter units are drawn on their own (a quarter denunciations)."""
    units = []
    for name in OFFICERS:
        units += sorted(unit_scope_ids(role_users[name]))[:2]
    units += list(
        AdministrativeUnit.objects.exclude(pk__in=units)
        .filter(level="commune")
        .values_list("pk", flat=True)[:3]
    )
    rnd = random.Random(18)
    citizens = Citizen.objects.bulk_create(
        Citizen(
            full_name=f"Công dân {i:02d}",
            id_number=f"0201{i:08d}",
            address="thôn Nà Làng",
            residence_unit_id=rnd.choice(units),
        )
        for i in range(60)
    )
    Petition.objects.bulk_create(
        Petition(
            registration_number=f"2026/TCD-{i:06d}",
            registration_year=2026,
            registration_seq=i,
            received_date=datetime.date(2026, 1, 1),
            channel="in_person",
            kind="denunciation" if rnd.random() < 0.25 else "complaint",
            citizen=rnd.choice(citizens),
            summary="Khiếu nại",
            content="Nội dung",
            residence_unit_id=rnd.choice(units),
            matter_unit_id=rnd.choice(units),
            state="received",
        )
        for i in range(1, 81)
    )
    return role_users


def _row_by_row(user) -> set[int]:
    """The scope asked of each citizen (the reference), the denouncers hidden as the
    rule hides them."""
    visible = rule_for(Petition).queryset(user)
    scope = Q(Exists(visible.filter(citizen_id=OuterRef("pk")))) | Q(
        residence_unit_id__in=unit_scope_ids(user)
    )
    in_scope = set(Citizen.objects.filter(scope).values_list("pk", flat=True))
    hidden = {
        pk
        for pk in in_scope
        if rule_for(Citizen).is_denouncer(Citizen(pk=pk))
        and not visible.exclude(kind="denunciation").filter(citizen_id=pk).exists()
    }
    return in_scope - hidden


def hidden_somewhere(user, shown: set[int]) -> bool:
    """Some citizen in the units' cases is hidden as a denouncer."""
    units = unit_scope_ids(user)
    cases = Petition.objects.filter(Q(residence_unit_id__in=units) | Q(matter_unit_id__in=units))
    return bool(set(cases.values_list("citizen_id", flat=True)) - shown)


@pytest.mark.parametrize("username", OFFICERS)
def test_read_by_key_is_the_row_by_row_scope(people, username):
    user = people[username]
    expected = _row_by_row(user)
    by_key = set(rule_for(Citizen).queryset(user).values_list("pk", flat=True))
    # Some by residence alone, some by a case only, some hidden as denouncers.
    assert 5 < len(expected) < Citizen.objects.count()
    assert by_key == expected
    assert hidden_somewhere(user, expected)
    # Asked of each citizen as ranges, not through the officer's visible cases.
    rule = rule_for(Citizen)
    scope = Citizen.objects.filter(rule.scope_filter(user, roles_of(user) & rule.view_roles))
    sql = str(scope.query)
    assert "EXISTS" not in sql and sql.count("`id` IN (SELECT") == 2


def _listed(client, user, **params):
    from ..conftest import sign_in

    sign_in(client, user.username)
    response = client.get("/desk/tiep_cong_dan/citizen/", params)
    assert response.status_code == 200
    cl = response.context["cl"]
    return [c.pk for c in cl.result_list], cl.result_count


@pytest.mark.parametrize("username", OFFICERS)
def test_the_list_pages_them_in_name_order_and_counts_them(people, client, monkeypatch, username):
    from tiep_cong_dan.doctype.citizen.admin import CitizenAdmin

    monkeypatch.setattr(CitizenAdmin, "list_per_page", 5)
    user = people[username]
    expected = _row_by_row(user)
    names = dict(Citizen.objects.filter(pk__in=expected).values_list("pk", "full_name"))
    ordered = sorted(expected, key=lambda pk: (names[pk], pk))
    for page in (1, 2, 3):
        shown, count = _listed(client, user, p=page)
        assert shown == ordered[(page - 1) * 5 : page * 5]
        assert count == len(expected)  # the parts counted once each, denouncers left out


def test_a_count_over_the_cap_says_more(people, client, settings, monkeypatch):
    from tiep_cong_dan.doctype.citizen.admin import CitizenAdmin

    monkeypatch.setattr(CitizenAdmin, "list_per_page", 2)
    settings.TCD_LIST_COUNT_CAP = 3
    user = people["xa_dongkinh"]
    expected = _row_by_row(user)
    assert len(expected) > 4
    names = dict(Citizen.objects.filter(pk__in=expected).values_list("pk", "full_name"))
    shown, count = _listed(client, user)
    assert count == 4  # "more than 3"
    assert shown == sorted(expected, key=lambda pk: (names[pk], pk))[:2]
