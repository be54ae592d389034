"""A unit officer's petition list read as a union of index ranges, one per unit and
column (access/branches.py), gives the rows, order and count of the plain scoped query:
on a few hundred petitions whose matter and residence units lie in and out of the
district independently, on every page, deep pages (bounded by the year) included, and
with the state filter."""

import dataclasses
import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tiep_cong_dan.access import branches as branches_module
from tiep_cong_dan.access import desk
from tiep_cong_dan.access.rules import rule_for
from tiep_cong_dan.access.scope import unit_scope_ids
from tiep_cong_dan.doctype.admin_unit.models import AdministrativeUnit
from tiep_cong_dan.doctype.petition.agency_pages import AgencyPages
from tiep_cong_dan.doctype.petition.models import Petition

from ..conftest import make_citizen


@pytest.fixture
def spread(role_users):
    """300 petitions over 2012-2026; each unit column drawn on its own from three units
    of the district officer's scope and two outside it."""
    officer = role_users["huyen_locbinh"]
    inside = sorted(unit_scope_ids(officer))[:3]
    outside = list(
        AdministrativeUnit.objects.exclude(pk__in=unit_scope_ids(officer))
        .filter(level="commune")
        .values_list("pk", flat=True)[:2]
    )
    units = inside + outside
    citizen = make_citizen(AdministrativeUnit.objects.get(pk=inside[0]), "Hà Văn Lâm", "")
    rnd = random.Random(18)
    seq: dict[int, int] = {}
    rows = []
    for _ in range(300):
        year = rnd.randint(2012, 2026)
        seq[year] = seq.get(year, 0) + rnd.randint(1, 3)
        rows.append(
            Petition(
                registration_number=f"{year}/TCD-{seq[year]:06d}",
                registration_year=year,
                registration_seq=seq[year],
                received_date=datetime.date(year, 1, 1),
                channel="in_person",
                kind="complaint",
                citizen=citizen,
                summary="Khiếu nại",
                content="Nội dung",
                residence_unit_id=rnd.choice(units),
                matter_unit_id=rnd.choice(units),
                state=rnd.choice(["received", "approved"]),
            )
        )
    Petition.objects.bulk_create(rows)
    return officer


def _plain(officer, **filters) -> list[int]:
    rows = rule_for(Petition).queryset(officer).filter(**filters)
    return list(
        rows.order_by("-registration_year", "-registration_seq").values_list("pk", flat=True)
    )


@pytest.mark.parametrize("by_parts", [True, False])
@pytest.mark.parametrize("filters", [{}, {"state": "approved"}])
def test_every_page_and_the_count_are_the_plain_querys(spread, monkeypatch, filters, by_parts):
    monkeypatch.setattr(branches_module, "WINDOW_FROM", 10)  # deep pages from page 3
    officer = spread
    rule = rule_for(Petition)
    branches = rule.scope_branches(officer)
    assert branches is not None and branches.parts
    if not by_parts:  # deep pages by the windowed union of the branches
        branches = dataclasses.replace(branches, parts=())
    expected = _plain(officer, **filters)
    rows = Petition.objects.filter(**filters)
    both = [p for p in Petition.objects.all() if p.matter_unit_id != p.residence_unit_id]
    assert len(expected) > 100 and both  # rows in scope by either column, or both
    for cap in (20, 1000):
        assert branches.capped_count(rows, cap) == min(cap + 1, len(expected))
    count = branches.capped_count(rows, 1000)
    for offset in range(0, len(expected) + 7, 7):
        assert branches.page_ids(rows, offset, 7, count) == expected[offset : offset + 7], offset
    for offset in (10, 11, 57, len(expected) - 3):  # pages of other sizes, by the parts
        assert branches.page_ids(rows, offset, 50, count) == expected[offset : offset + 50]


def test_the_desk_list_reads_its_pages_by_branches(spread, login):
    client = login("huyen_locbinh")
    url = reverse("admin:tiep_cong_dan_petition_changelist")
    expected = _plain(spread)
    for page in (1, 2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"p": page})
        assert response.status_code == 200
        assert any(" UNION " in q["sql"] for q in queries.captured_queries)
        shown = [p.pk for p in response.context["cl"].result_list]
        assert shown == expected[(page - 1) * 50 : page * 50]
        assert response.context["cl"].result_count == len(expected)
    approved = _plain(spread, state="approved")
    response = client.get(url, {"state__exact": "approved"})
    assert [p.pk for p in response.context["cl"].result_list] == approved[:50]


def test_a_board_officer_and_a_searched_list_keep_the_plain_query(spread, role_users):
    rule = rule_for(Petition)
    assert rule.scope_branches(role_users["canbo"]) is None  # sees all: one index
    # An agency's scope is read from its links (tests/access/test_agency_scope.py).
    assert isinstance(rule.scope_branches(role_users["so_nnmt"]), AgencyPages)


def test_a_deep_page_finds_its_keys_first_then_its_rows(spread, login, monkeypatch):
    monkeypatch.setattr(desk, "DEEP_PAGE_FROM", 50)  # page 2 on is deep
    client = login("canbo")
    url = reverse("admin:tiep_cong_dan_petition_changelist")
    expected = list(
        Petition.objects.order_by("-registration_year", "-registration_seq").values_list(
            "pk", flat=True
        )
    )
    for page in (2, 3):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"p": page})
        assert response.status_code == 200
        assert [p.pk for p in response.context["cl"].result_list] == expected[
            (page - 1) * 50 : page * 50
        ]
        keys = [q["sql"] for q in queries.captured_queries if "OFFSET" in q["sql"]]
        assert len(keys) == 1 and "registration_number" not in keys[0]  # the keys alone


def test_a_deep_page_on_the_desk_is_the_plain_querys_with_denouncers_masked(
    spread, login, monkeypatch
):
    # given deep pages from the second page on, and a denunciation on that page
    monkeypatch.setattr(branches_module, "WINDOW_FROM", 10)
    expected = _plain(spread)
    denounced = expected[60]
    Petition.objects.filter(pk=denounced).update(kind="denunciation")
    url = reverse("admin:tiep_cong_dan_petition_changelist")
    with CaptureQueriesContext(connection) as queries:
        response = login("huyen_locbinh").get(url, {"p": 2})
    # then the page is the plain query's, read from the disjoint parts counted by year
    assert response.status_code == 200
    assert [p.pk for p in response.context["cl"].result_list] == expected[50:100]
    assert any("GROUP BY" in q["sql"] and "UNION ALL" in q["sql"] for q in queries)
    # and the denouncer is masked as on any other page, named to nobody on it
    page = response.content.decode()
    assert "Hà Văn Lâm" in page  # the other cases' petitioner
    row = next(p for p in response.context["cl"].result_list if p.pk == denounced)
    assert row.is_denunciation
    assert page.count("Hà Văn Lâm") == 49


@pytest.mark.parametrize("username", ["canbo", "huyen_locbinh", "xa_dongkinh", "so_nnmt"])
def test_a_date_range_page_is_the_plain_querys_sorted_from_the_dates_index(
    spread, login, role_users, username
):
    # given a range of received dates, on the first and the second page
    url = reverse("admin:tiep_cong_dan_petition_changelist")
    dates = {"received_date__gte": "2014-01-01", "received_date__lt": "2024-01-01"}
    viewer = role_users[username]
    rows = (
        rule_for(Petition)
        .queryset(viewer)
        .filter(
            received_date__gte=datetime.date(2014, 1, 1),
            received_date__lt=datetime.date(2024, 1, 1),
        )
    )
    expected = list(
        rows.order_by("-registration_year", "-registration_seq").values_list("pk", flat=True)
    )
    client = login(username)
    for page in (1, 2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {**dates, "p": page})
        if page > 1 and len(expected) <= 50:
            continue
        assert response.status_code == 200
        # then the page is the plain query's, its keys sorted by the order's values
        shown = [p.pk for p in response.context["cl"].result_list]
        assert shown == expected[(page - 1) * 50 : page * 50], username
        keys = [q["sql"] for q in queries.captured_queries if "+ 0) DESC" in q["sql"]]
        assert len(keys) == 1 and "registration_number" not in keys[0]
    # and a column the user sorts by keeps its own order (the plain page)
    response = client.get(url, {**dates, "o": "2"})
    assert response.status_code == 200


def _by_unit(column: str, n: int):
    def make(value):
        rows = Petition.objects.filter(**{column: value}).order_by(*Petition._meta.ordering)
        return rows.values_list("pk", "registration_year", "registration_seq")[:n]

    return make


@pytest.mark.parametrize("every", [True, False], ids=["union all", "union"])
def test_a_family_of_parts_is_read_as_its_parts(spread, every):
    """Parts compiled once per shape, each unit's key bound in (core/unions.py), give
    the rows of the parts read one by one: the same rows, order and limit."""
    from tiep_cong_dan.core.unions import Family, union_of_families, union_rows

    units = sorted(set(Petition.objects.values_list("matter_unit_id", flat=True)))
    order = Petition._meta.ordering
    families = [
        Family(_by_unit("matter_unit_id", 40), units),
        Family(_by_unit("residence_unit_id", 40), units[:3]),
    ]
    parts = [part for family in families for part in family.parts()]
    expected = union_rows(parts, all=every, order=order)
    assert len(expected) > 100
    for limit in (None, 1, 57):
        with CaptureQueriesContext(connection) as queries:
            found = union_of_families(families, all=every, order=order, limit=limit)
        assert found == expected[:limit]
        if connection.vendor == "mysql":  # one statement, whatever the parts
            assert len(queries.captured_queries) == 1
    # A part that does not take its family's value (no key to bind) is read as it is.
    alone = Family(lambda _value: _by_unit("matter_unit_id", 40)(units[0]), [0])
    found = union_of_families([alone, families[1]], all=every, order=order)
    assert found == union_rows([alone.make(0), *families[1].parts()], all=every, order=order)


def test_the_queue_counted_by_the_scope_parts_is_the_scoped_queue(spread):
    """A unit officer's queue total, counted by the scope's disjoint parts from their
    own indexes, is the number of approved cases they see, less those on an agenda."""
    from tiep_cong_dan.scheduling.queue import queue, queue_length

    rule = rule_for(Petition)
    visible = rule.queryset(spread)
    parts = rule.scope_branches(spread).parts
    expected = queue(visible).count()
    assert 0 < expected < Petition.objects.filter(state="approved").count()
    assert queue_length(visible, parts) == queue_length(visible) == expected
