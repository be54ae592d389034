"""A department's officer sees the cases naming their agency among the agencies
concerned, and the petitioners of those cases: read as a set of the agency's cases
(core/plans.py `subqueries_as_sets` for the page), the desk's lists give the rows of
the rule's plain definition, in order, and never a denouncer shown by a denunciation
alone."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tiep_cong_dan.access.rules import rule_for
from tiep_cong_dan.access.scope import agency_scope_ids
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.citizen.models import Citizen
from tiep_cong_dan.doctype.petition import permissions
from tiep_cong_dan.doctype.petition.constants import PetitionKind
from tiep_cong_dan.doctype.petition.models import Petition, PetitionAgency
from tiep_cong_dan.doctype.petition.services import set_agencies_concerned

from ..conftest import make_citizen, make_petition, new_unit


@pytest.fixture
def concerned(role_users):
    """Twelve cases, every third naming the department's agency; a denouncer whose only
    case naming it is a denunciation; a petitioner with cases on both sides."""
    officer = role_users["so_nnmt"]
    own = Agency.objects.get(pk=min(agency_scope_ids(officer)))
    other = Agency.objects.exclude(pk__in=agency_scope_ids(officer)).filter(kind="department")[0]
    unit = new_unit("05977")
    both = make_citizen(unit, "Nông Văn Hai", "020080000401")
    for n in range(12):
        citizen = both if n in (0, 1) else make_citizen(unit, f"Hà Thị Mười {n}", "")
        make_petition(unit, citizen, agencies=[own if n % 3 == 0 else other])
    denouncer = make_citizen(unit, "Lương Văn Tố", "020080000402")
    make_petition(unit, denouncer, kind=PetitionKind.DENUNCIATION, agencies=[own])
    return officer, own, denouncer


def test_the_departments_cases_are_those_naming_its_agency(concerned):
    officer, own, _denouncer = concerned
    seen = set(rule_for(Petition).queryset(officer).values_list("pk", flat=True))
    expected = set(Petition.objects.filter(agencies_concerned=own).values_list("pk", flat=True))
    assert seen == expected and len(seen) == 5


def test_the_departments_citizens_are_its_petitioners_but_the_denouncer(concerned):
    officer, own, denouncer = concerned
    seen = set(rule_for(Citizen).queryset(officer).values_list("pk", flat=True))
    petitioners = set(
        Petition.objects.filter(agencies_concerned=own).values_list("citizen_id", flat=True)
    )
    assert seen == petitioners - {denouncer.pk}
    assert len(seen) == 4


def test_the_desk_lists_read_the_departments_rows_in_order(concerned, login, monkeypatch):
    """The page's keys are read from the links (their state and order copied from the
    cases), unfiltered and by state; a searched list reads the agency's cases as a
    set (core/plans.py). Each gives the rule's own rows in order."""
    officer, _own, denouncer = concerned
    entered = []
    original = permissions.subqueries_as_sets

    def recorded():
        entered.append(True)
        return original()

    monkeypatch.setattr(permissions, "subqueries_as_sets", recorded)
    client = login("so_nnmt")
    url = reverse("admin:tiep_cong_dan_petition_changelist")
    links = PetitionAgency._meta.db_table
    rows = rule_for(Petition).queryset(officer)
    state = rows.first().state
    for params, expected in (
        ({}, list(rows.values_list("pk", flat=True))),
        ({"state__exact": state}, list(rows.filter(state=state).values_list("pk", flat=True))),
    ):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, params)
        assert response.status_code == 200
        assert [p.pk for p in response.context["cl"].result_list] == expected
        assert response.context["cl"].result_count == len(expected)
        ordered = [q["sql"] for q in ctx.captured_queries if "ORDER BY" in q["sql"]]
        assert any(f"FROM {links}" in sql.replace("`", "").replace('"', "") for sql in ordered)
    assert len(rows) == 5 and not entered
    response = client.get(url, {"q": "Mười"})
    assert [p.pk for p in response.context["cl"].result_list] == list(
        rows.filter(citizen__full_name__contains="Mười").values_list("pk", flat=True)
    )
    assert entered  # searched, the page read with the agency's cases as a set

    response = client.get(reverse("admin:tiep_cong_dan_citizen_changelist"))
    assert response.status_code == 200
    shown = [c.pk for c in response.context["cl"].result_list]
    assert shown == list(rule_for(Citizen).queryset(officer).values_list("pk", flat=True))
    assert denouncer.pk not in shown and len(shown) == 4


def test_the_departments_whole_list_is_counted_from_its_links(concerned, login, settings):
    """Unfiltered, the department's list is counted from the links' keys alone, a case
    naming two of its agencies once; filtered or searched, through the petitions as
    any list; beyond the cap, as "more than" the cap."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    officer, own, _denouncer = concerned
    merged = Agency.objects.filter(pk__in=agency_scope_ids(officer)).exclude(pk=own.pk)[0]
    twice = Petition.objects.filter(agencies_concerned=own)[0]
    set_agencies_concerned(
        twice, [own, merged]
    )  # named by the department and a body merged into it
    expected = list(rule_for(Petition).queryset(officer).values_list("pk", flat=True))
    assert len(expected) == 5
    client = login("so_nnmt")
    url = reverse("admin:tiep_cong_dan_petition_changelist")
    links = Petition.agencies_concerned.through._meta.db_table
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.context["cl"].result_count == 5
    assert [p.pk for p in response.context["cl"].result_list] == expected
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"]]
    assert any(links in sql and "DISTINCT" in sql for sql in counts)
    assert not any(f'FROM "{Petition._meta.db_table}"' in sql.replace("`", '"') for sql in counts)

    state = Petition.objects.get(pk=expected[0]).state
    response = client.get(url, {"state__exact": state})
    filtered = rule_for(Petition).queryset(officer).filter(state=state).count()
    assert response.context["cl"].result_count == filtered
    response = client.get(url, {"q": "Mười"})
    searched = rule_for(Petition).queryset(officer).filter(citizen__full_name__contains="Mười")
    assert response.context["cl"].result_count == searched.count() == 3

    settings.TCD_LIST_COUNT_CAP = 3
    response = client.get(url)
    assert response.context["cl"].result_count == 4  # the cap and one more: "more than 3"
