"""A petition's agency links carry the case's state and order (PetitionAgency), kept
by every save of the case and set right by the nightly check; an agency officer's
list pages are read from them (agency_pages.py) and are the rule's own rows."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tiep_cong_dan import workflow
from tiep_cong_dan.access.rules import rule_for
from tiep_cong_dan.access.scope import agency_scope_ids
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.petition.agency_pages import AgencyPages
from tiep_cong_dan.doctype.petition.constants import PetitionKind
from tiep_cong_dan.doctype.petition.models import Petition, PetitionAgency
from tiep_cong_dan.doctype.petition.services import set_agencies_concerned
from tiep_cong_dan.jobs import integrity

from ...conftest import make_citizen, make_petition, new_unit
from ...workflow.helpers import make_eligible


def _copies(petition: Petition) -> set[tuple]:
    return set(
        PetitionAgency.objects.filter(petition=petition).values_list(
            "agency_id", *PetitionAgency.COPIED
        )
    )


@pytest.fixture
def family(role_users):
    """The department officer, their agencies (the department and bodies merged into
    it) and a department outside their scope."""
    officer = role_users["so_nnmt"]
    own = list(Agency.objects.filter(pk__in=agency_scope_ids(officer)).order_by("pk"))
    other = Agency.objects.exclude(pk__in=agency_scope_ids(officer)).filter(kind="department")[0]
    assert len(own) > 1
    return officer, own, other


def test_the_links_follow_the_cases_state_and_order(role_users, family):
    _officer, own, other = family
    dk = new_unit("05977")
    petition = make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000001"), agencies=own[:1])
    order = (petition.registration_year, petition.registration_seq)
    assert _copies(petition) == {(own[0].pk, "received", *order)}

    workflow.apply(make_eligible(petition), "classify", by=role_users["canbo"])
    assert _copies(petition) == {(own[0].pk, "classified", *order)}

    # A link added later takes the state as stored, even from a stale object.
    stale = Petition.objects.get(pk=petition.pk)
    stale.state = "received"
    set_agencies_concerned(stale, [own[0], other])
    assert _copies(petition) == {
        (own[0].pk, "classified", *order),
        (other.pk, "classified", *order),
    }

    # A whole save writes the copies whatever was read: links left stale by a write
    # outside `save` agree with the case again.
    Petition.objects.filter(pk=petition.pk).update(state="received")
    Petition.objects.get(pk=petition.pk).save()
    assert {c[1] for c in _copies(petition)} == {"received"}
    Petition.objects.filter(pk=petition.pk).update(state="classified")
    Petition.objects.get(pk=petition.pk).save()

    # A save that writes other fields leaves the links alone.
    fresh = Petition.objects.get(pk=petition.pk)
    fresh.summary = "Khiếu nại việc bồi thường"
    with CaptureQueriesContext(connection) as ctx:
        fresh.save(update_fields=["summary"])
    assert not any(PetitionAgency._meta.db_table in q["sql"] for q in ctx.captured_queries)


def test_a_link_written_without_its_copies_is_refused(family):
    """Django's own `add` would write a link without the case's state: the database
    refuses it (no default), so every link goes through set_agencies_concerned."""
    from django.db import IntegrityError, transaction

    _officer, own, _other = family
    dk = new_unit("05977")
    petition = make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000001"))
    with pytest.raises(IntegrityError), transaction.atomic():
        petition.agencies_concerned.add(own[0])


def test_the_nightly_check_sets_a_stale_link_right(role_users, family):
    _officer, own, _other = family
    dk = new_unit("05977")
    petition = make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000001"), agencies=own[:2])
    day = datetime.date(2026, 3, 3)
    assert integrity.check(day)["agency_links"] == []
    PetitionAgency.objects.filter(petition=petition, agency=own[1]).update(state="closed")
    found = integrity.check(day)
    assert len(found["agency_links"]) == 1 and "closed" in found["agency_links"][0]
    assert {c[1] for c in _copies(petition)} == {"received"}
    assert integrity.check(day)["agency_links"] == []


@pytest.fixture
def cases(role_users, family):
    """Nine cases: three naming the department, two a body merged into it, one both,
    two another department; three classified; a denunciation naming the department."""
    officer, own, other = family
    dk = new_unit("05977")
    named = [own[:1]] * 3 + [own[1:2]] * 2 + [own[:2]] + [[other]] * 2
    made = []
    for n, agencies in enumerate(named):
        citizen = make_citizen(dk, f"Hà Thị Mười {n}", f"02008000050{n}")
        made.append(make_petition(dk, citizen, agencies=agencies))
    for petition in (made[0], made[3], made[5]):
        workflow.apply(make_eligible(petition), "classify", by=role_users["canbo"])
    denouncer = make_citizen(dk, "Lương Văn Tố", "020080000599")
    make_petition(dk, denouncer, kind=PetitionKind.DENUNCIATION, agencies=own[:1])
    return officer


@pytest.mark.parametrize("filters", [{}, {"state": "classified"}, {"state": "received"}])
def test_every_page_is_the_rules_rows_in_order(cases, filters):
    officer = cases
    pages = rule_for(Petition).scope_branches(officer)
    assert isinstance(pages, AgencyPages)
    rows = Petition.objects.order_by(*pages.order).filter(**filters)
    expected = list(
        rule_for(Petition).queryset(officer).filter(**filters).values_list("pk", flat=True)
    )
    assert len(expected) == {(): 7, ("classified",): 3, ("received",): 4}[tuple(filters.values())]
    assert pages.capped_count(rows, 100) == len(expected)
    assert pages.capped_count(rows, 2) == 3  # "more than 2"
    for offset in range(0, len(expected) + 2, 2):
        assert pages.page_ids(rows, offset, 2, len(expected)) == expected[offset : offset + 2]


def test_one_agencys_pages_are_read_along_its_index(cases, family):
    """Links of one agency only (the merged body's cases moved away): no de-duplication,
    the page read in the index's order; the links of several, de-duplicated."""
    officer, own, _other = family
    pages = rule_for(Petition).scope_branches(officer)
    rows = Petition.objects.order_by(*pages.order)
    with CaptureQueriesContext(connection) as ctx:
        pages.page_ids(rows, 0, 50, 7)
    keys = [q["sql"] for q in ctx.captured_queries if "ORDER BY" in q["sql"]]
    assert len(keys) == 1 and "DISTINCT" in keys[0].upper()  # two agencies hold links

    PetitionAgency.objects.filter(agency=own[1]).exclude(
        petition__agencies_concerned=own[0]
    ).update(agency=own[0])
    PetitionAgency.objects.filter(agency=own[1]).delete()
    expected = list(rule_for(Petition).queryset(officer).values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as ctx:
        assert pages.page_ids(rows, 0, 50, len(expected)) == expected
    keys = [q["sql"] for q in ctx.captured_queries if "ORDER BY" in q["sql"]]
    assert len(keys) == 1 and "DISTINCT" not in keys[0].upper()


def test_rows_asking_more_than_the_links_hold_are_read_through_the_cases(cases):
    officer = cases
    pages = rule_for(Petition).scope_branches(officer)
    for rows in (
        Petition.objects.filter(kind=PetitionKind.DENUNCIATION),
        Petition.objects.filter(state="received", citizen__full_name__contains="Mười"),
        Petition.objects.exclude(state="received"),
    ):
        rows = rows.order_by(*pages.order)
        expected = list(
            rule_for(Petition).queryset(officer).filter(pk__in=rows).values_list("pk", flat=True)
        )
        with CaptureQueriesContext(connection) as ctx:
            assert pages.page_ids(rows, 0, 50, len(expected)) == expected
            assert pages.capped_count(rows, 100) == len(expected)
        assert not any(
            q["sql"].startswith(f"SELECT `{PetitionAgency._meta.db_table}`")
            or q["sql"].startswith(f'SELECT "{PetitionAgency._meta.db_table}"')
            for q in ctx.captured_queries
        )


@pytest.fixture
def names_common(monkeypatch, settings):
    """Any name counts as common (checked case by case), as "nguyen van" does among a
    million; pages of two, the searched count capped at two past the page."""
    from django.core.cache import cache
    from tiep_cong_dan.api.pagination import CheckedPageNumberPagination
    from tiep_cong_dan.doctype.citizen import name_words
    from tiep_cong_dan.doctype.petition.admin import PetitionAdmin

    cache.clear()
    monkeypatch.setattr(name_words, "PEOPLE_FETCHED", 0)
    monkeypatch.setattr(name_words, "DENSE", 0)
    monkeypatch.setattr(PetitionAdmin, "list_per_page", 2)
    monkeypatch.setattr(CheckedPageNumberPagination, "page_size", 2)
    settings.TCD_SEARCH_COUNT_CAP = 2


# With six matches, pages of two and a cap of two: each page counts to the end of the
# page after it, and one more ("more than").
SEARCHED_PAGES = [(1, 5), (2, 6), (3, 6)]


@pytest.mark.parametrize(("page", "count"), SEARCHED_PAGES)
def test_a_common_name_is_read_along_the_links(cases, names_common, login, page, count):
    """Searched by a common name, the department's pages are its links walked in the
    list's order, each case asked of the search: the rule's searched rows, in order,
    counted as any searched list; the desk and the API alike."""
    from ...api.test_api import client_for

    officer = cases
    rule = rule_for(Petition)
    assert isinstance(rule.searched_branches(officer, "muoi ha"), AgencyPages)
    searched = rule.search(officer, rule.queryset(officer), "muoi ha")
    expected = list(searched.values_list("pk", flat=True))
    assert len(expected) == 6  # the denunciation's denouncer is not a Mười
    page_rows = expected[(page - 1) * 2 : page * 2]

    client = login("so_nnmt")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(
            reverse("admin:tiep_cong_dan_petition_changelist"), {"q": "muoi ha", "p": page}
        )
    assert response.status_code == 200
    assert [p.pk for p in response.context["cl"].result_list] == page_rows
    assert response.context["cl"].result_count == count
    links = PetitionAgency._meta.db_table
    ordered = [q["sql"].replace("`", "").replace('"', "") for q in ctx.captured_queries]
    assert any(
        re.match(rf"SELECT (DISTINCT )?{links}\.petition_id", sql) and "ORDER BY" in sql
        for sql in ordered
    )

    body = client_for(officer).get("/api/v1/petitions/", {"search": "muoi ha", "page": page})
    assert [row["id"] for row in body.json()["results"]] == page_rows
    assert body.json()["count"] == count


def test_a_search_naming_few_people_is_read_through_the_cases(cases):
    """An ID number (or a rare name) names a few people: their cases are looked up by
    key, not found by walking the department's links."""
    officer = cases
    assert rule_for(Petition).searched_branches(officer, "020080000503") is None
    assert rule_for(Petition).searched_branches(officer, "muoi ha") is None  # rare here


def test_a_denouncer_is_not_found_by_name_along_the_links(cases, names_common, login):
    """Read along the links, the search still keeps a denunciation from being found by
    its denouncer's name for an officer not cleared to know who denounced."""
    from ...api.test_api import client_for

    officer = cases
    assert isinstance(rule_for(Petition).searched_branches(officer, "to luong"), AgencyPages)
    client = login("so_nnmt")
    response = client.get(reverse("admin:tiep_cong_dan_petition_changelist"), {"q": "to luong"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []
    assert response.context["cl"].result_count == 0
    body = client_for(officer).get("/api/v1/petitions/", {"search": "to luong"}).json()
    assert (body["count"], body["results"]) == (0, [])
