"""The API lists' fast paths give what the plain ones gave: a unit officer's petitions
paged through the scope's index branches (the rule's rows, in its order, its count and
links), a page of sessions with every agenda read as values (the item serializer's
output, field for field), the JSON written by orjson as DRF wrote it."""

import datetime
import decimal
import json
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext_lazy
from tiep_cong_dan.access.rules import rule_for
from tiep_cong_dan.api.pagination import CheckedPageNumberPagination
from tiep_cong_dan.api.renderers import JSONRenderer
from tiep_cong_dan.api.resources.sessions import AgendaItemSerializer
from tiep_cong_dan.doctype.bridge_point.services import primary_point_for
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession
from tiep_cong_dan.doctype.reception_session.permissions import AgendaItemRule

from ..conftest import make_citizen, make_petition, new_unit, old_unit
from .test_api import client_for

ORDER = ("-registration_year", "-registration_seq")


@pytest.fixture
def more_petitions(placed_petitions):
    """Beside the placed ones: cases arising in Đông Kinh from people living elsewhere,
    and the other way round, so both branches (matter, residence) hold rows."""
    dk, kl = new_unit("05977"), new_unit("06187")
    for n in range(3):
        make_petition(dk, make_citizen(kl, f"Triệu Văn {n}", f"02019000010{n}"))
        make_petition(kl, make_citizen(dk, f"Chu Thị {n}", f"02008000010{n}"))
    make_petition(
        old_unit("188").children.order_by("code").last(),
        make_citizen(kl, "Hà Văn Giang", "020190000120"),
        received=datetime.date(2024, 6, 4),
    )
    return placed_petitions


def _walk(client, url) -> tuple[list[int], list[dict]]:
    """Every row's id following the `next` links, and each page's body."""
    ids, bodies = [], []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        bodies.append(body)
        ids += [row["id"] for row in body["results"]]
        url = body["next"] and urlsplit(body["next"])._replace(scheme="", netloc="").geturl()
    return ids, bodies


@pytest.mark.parametrize("username", ["xa_dongkinh", "huyen_locbinh"])
@pytest.mark.parametrize("query", ["", "?state=received"])
def test_a_unit_officers_pages_are_the_rules_rows(
    role_users, more_petitions, monkeypatch, username, query
):
    monkeypatch.setattr(CheckedPageNumberPagination, "page_size", 1)
    user = role_users[username]
    rows = Petition.objects.order_by(*ORDER)
    if query:
        rows = rows.filter(state="received")
    expected = list(rule_for(Petition).queryset(user, rows).values_list("pk", flat=True))
    assert len(expected) >= 2  # more than one page
    client = client_for(user)

    with CaptureQueriesContext(connection) as first:
        client.get(f"/api/v1/petitions/{query}")
    assert any("UNION" in q["sql"].upper() for q in first.captured_queries)  # the branches

    ids, bodies = _walk(client, f"/api/v1/petitions/{query}")
    assert ids == expected
    assert {(b["count"], b["count_exact"]) for b in bodies} == {(len(expected), True)}
    assert bodies[0]["previous"] is None and bodies[1]["previous"] is not None
    last = client.get(f"/api/v1/petitions/{query}{'&' if query else '?'}page=last").json()
    assert last["results"] == bodies[-1]["results"]


def test_a_page_past_the_end_and_a_bad_page_as_before(role_users, more_petitions):
    client = client_for(role_users["xa_dongkinh"])
    assert client.get("/api/v1/petitions/?page=99").status_code == 404
    assert client.get("/api/v1/petitions/?page=x").status_code == 400


def test_a_search_or_another_filter_takes_the_plain_path(role_users, more_petitions):
    user = role_users["xa_dongkinh"]
    client = client_for(user)
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/api/v1/petitions/?kind=complaint").json()
    assert not any("UNION" in q["sql"].upper() for q in queries.captured_queries)
    expected = rule_for(Petition).queryset(user, Petition.objects.filter(kind="complaint"))
    assert body["count"] == expected.count()


@pytest.fixture
def timed_session(placed_petitions):
    """A session whose hearings carry times, moments and counts (the benchmark's do
    not), one of them a denunciation."""
    session = ReceptionSession.objects.create(
        kind="periodic", date=datetime.date(2026, 3, 16), presiding_official="Chủ tịch"
    )
    started = timezone.make_aware(datetime.datetime(2026, 3, 16, 14, 5, 7, 123456))
    for position, name in enumerate(("dongkinh", "dongkinh_tc", "kylua"), start=1):
        AgendaItem.objects.create(
            session=session,
            position=position,
            petition=placed_petitions[name],
            mode="online" if position != 2 else "in_person",
            bridge_point=primary_point_for(new_unit("05977")) if position != 2 else None,
            slot_start=datetime.time(14, 10 * position),
            slot_end=datetime.time(14, 10 * position + 9),
            heard=position == 1,
            attendance_count=3 if position == 1 else None,
            started_at=started if position == 1 else None,
            ended_at=started + datetime.timedelta(minutes=9) if position == 1 else None,
        )
    return session


def _serialized(user, session) -> list[dict]:
    items = rule_for(AgendaItem).queryset(user, session.agenda_items.order_by("position"))
    return [AgendaItemSerializer().to_representation(item) for item in items]


@pytest.mark.parametrize("username", ["canbo", "xa_dongkinh", "so_nnmt"])
def test_the_agendas_read_as_values_are_the_serializers(role_users, timed_session, username):
    user = role_users[username]
    expected = _serialized(user, timed_session)
    client = client_for(user)
    listed = {s["id"]: s["agenda"] for s in client.get("/api/v1/sessions/").json()["results"]}
    if timed_session.pk in listed:  # a role that sees the session
        assert listed[timed_session.pk] == expected
        assert (
            listed[timed_session.pk]
            == client.get(f"/api/v1/sessions/{timed_session.pk}/").json()["agenda"]
        )
    assert any(row["started_at"] for row in expected) or username != "canbo"


def test_a_rule_masking_an_item_field_reads_the_items_through_the_serializer(
    role_users, timed_session, monkeypatch
):
    """Were the item rule ever to mask a field the API writes, the agenda would be
    written item by item through the serializer, which applies it."""
    user = role_users["canbo"]
    expected = _serialized(user, timed_session)
    monkeypatch.setattr(AgendaItemRule, "masked_paths", lambda self, user: frozenset({"mode"}))
    monkeypatch.setattr(AgendaItemRule, "masked_fields", lambda self, user, obj: {"mode"})
    body = client_for(user).get("/api/v1/sessions/").json()
    agenda = next(s["agenda"] for s in body["results"] if s["id"] == timed_session.pk)
    assert len(agenda) == len(expected) and all(row["mode"] is None for row in agenda)


def test_the_json_is_drfs():
    from rest_framework.renderers import JSONRenderer as DRFRenderer

    moment = timezone.make_aware(datetime.datetime(2026, 3, 16, 7, 5, 7, 123456), datetime.UTC)
    data = {
        "text": "Tiếp công dân — Lạng Sơn",
        "lazy": gettext_lazy("state (code)"),
        "moment": moment,
        "day": datetime.date(2026, 3, 16),
        "time": datetime.time(14, 30),
        "amount": decimal.Decimal("1.50"),
        "by_year": {2025: 3, 2026: 4},
        "nothing": None,
        "list": [1, 2.5, True],
    }

    ours = json.loads(JSONRenderer().render(data))
    assert ours == json.loads(DRFRenderer().render(data))
    assert ours["moment"] == "2026-03-16T07:05:07.123456Z"  # DRF's "Z" for UTC
    assert JSONRenderer().render({"a": 1}) == b'{"a":1}'
    with pytest.raises(TypeError):
        JSONRenderer().render({"odd": object()})


def test_the_token_brings_its_users_roles_and_a_changed_role_counts_at_once(role_users):
    """The roles come with the token's query (no query of their own), read afresh on
    every request: a role taken away is gone on the next call."""
    from django.contrib.auth.models import Group

    user = role_users["canbo"]
    client = client_for(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/petitions/").status_code == 200
    assert not [q for q in queries.captured_queries if "auth_user_groups" in q["sql"]][1:]
    token_query = queries.captured_queries[0]["sql"]
    assert "tiep_cong_dan_apitoken" in token_query and "GROUP_CONCAT" in token_query.upper()

    user.groups.remove(Group.objects.get(name="board_officer"))
    assert client.get("/api/v1/petitions/").status_code == 403
