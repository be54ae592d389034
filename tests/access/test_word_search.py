"""Every picker and list searches by words in any order, accents or not, through a
record's search column kept in step with it, best matches first (access/search.py);
the same on SQLite and on MariaDB. The first tests are generated over every admin the
desk registers: a new type cannot forget the search."""

import datetime

import pytest
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse
from tiep_cong_dan.access.rules import rule_or_none
from tiep_cong_dan.access.search import (
    WordSearchMixin,
    has_own_search,
    plain_fields_covered,
    searchable,
)
from tiep_cong_dan.core.search import SearchableModel, fold, search_text_of
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.reception_session.constants import SessionKind
from tiep_cong_dan.doctype.reception_session.models import ReceptionSession
from tiep_cong_dan.doctype.reception_session.services import create_session
from tiep_cong_dan.doctype.working_calendar.constants import DayKind
from tiep_cong_dan.doctype.working_calendar.models import CalendarDay

from ..conftest import make_citizen, new_unit

SEARCHED = [(m, a) for m, a in admin.site._registry.items() if a.search_fields]


def _ids(pairs):
    return [m._meta.label for m, _ in pairs]


@pytest.mark.parametrize(("model", "model_admin"), SEARCHED, ids=_ids(SEARCHED))
def test_every_searched_list_goes_through_the_word_search(model, model_admin):
    assert isinstance(model_admin, WordSearchMixin), "put WordSearchMixin on its admin base"
    if model_admin.word_search_exempt:
        assert len(model_admin.word_search_exempt) > 10  # the reason, in words
        assert not searchable(model), "a type with a search column is searched by it"
        return
    if has_own_search(rule_or_none(model)):
        return  # the rule's own search (the petition's, which hides denouncers)
    # Its own column, or (a record of another one: a connection test) its related ones.
    plain = [f for f in model_admin.search_fields if f[:1] not in "=^@"]
    assert searchable(model) or plain, f"{model._meta.label}: make it a SearchableModel"
    assert plain_fields_covered(model, model_admin.search_fields) == [], (
        "each plain search field must be in the search column of its model"
    )


def test_every_picker_target_is_searched_by_words():
    targets = set()
    for model_admin in admin.site._registry.values():
        owners = [model_admin, *(i(model_admin.model, admin.site) for i in model_admin.inlines)]
        for owner in owners:
            for name in owner.autocomplete_fields:
                targets.add(owner.model._meta.get_field(name).related_model)
    assert {"Agency", "AdministrativeUnit", "BridgePoint", "Citizen", "ReceptionSession"} <= {
        t.__name__ for t in targets
    }
    for target in targets:
        target_admin = admin.site._registry[target]
        assert not target_admin.word_search_exempt
        assert searchable(target) or has_own_search(rule_or_none(target)), target


def test_no_search_column_holds_a_field_its_rule_masks(role_users):
    for model, rule in _rules_of_searchable():
        for user in role_users.values():
            assert not model.search_sources() & rule.masked_paths(user), (model, user)


def _rules_of_searchable():
    from tiep_cong_dan.access.rules import all_rules

    return [(m, r) for m, r in all_rules().items() if searchable(m)]


def _session(users, day=datetime.date(2027, 1, 15), kind=SessionKind.PERIODIC):
    return create_session(
        ReceptionSession(
            kind=kind,
            date=day,
            presiding_official="Chủ tịch UBND tỉnh",
            host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
        ),
        by=users["canbo"],
    )


def test_every_search_column_is_in_step_and_finds_its_record(role_users):
    """For each searched list with rows: the column equals what the record's fields
    make, and the record's title typed backwards without accents finds it."""
    _session(role_users)
    make_citizen(new_unit("05977"), "Hoàng Văn Thụ", "020090000011")
    CalendarDay.objects.create(
        date=datetime.date(2027, 2, 1), kind=DayKind.DAY_OFF, name="Nghỉ bù Tết"
    )
    request = RequestFactory().get("/desk/")
    request.user = role_users["quantri"]
    checked = 0
    for model, model_admin in SEARCHED:
        if model_admin.word_search_exempt or not searchable(model):
            continue
        row = model._default_manager.order_by("-pk").first()
        if row is None:
            continue
        assert row.search_text == search_text_of(row, model.search_title, model.search_also)
        words = row.search_text.split("|")[0].split()[:4]
        term = " ".join(reversed(words))
        found, _dup = model_admin.get_search_results(request, model._default_manager.all(), term)
        assert row.pk in set(found.values_list("pk", flat=True)), (model, term)
        checked += 1
    assert checked >= 8


def test_rows_inserted_in_bulk_have_their_column(master_data):
    day = datetime.date(2027, 4, 30)
    CalendarDay.objects.bulk_create(
        [CalendarDay(date=day, kind=DayKind.DAY_OFF, name="Ngày Giải phóng")]
    )
    stored = CalendarDay.objects.get(date=day).search_text
    assert stored == "ngay giai phong | 30 04 2027 ngp"


def _picker(client, model_name: str, field: str, term: str) -> list[str]:
    answer = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "tiep_cong_dan", "model_name": model_name, "field_name": field, "term": term},
    )
    assert answer.status_code == 200, answer.content[:300]
    return [r["text"] for r in answer.json()["results"]]


@pytest.mark.parametrize("term", ["15/01", "2027", "Định kỳ", "dinh ky 15/01/2027", "15 01"])
def test_the_result_notice_session_picker_finds_a_session_by_date_and_kind(role_users, login, term):
    _session(role_users)
    _session(role_users, day=datetime.date(2026, 11, 16))
    client = login("canbo")
    found = _picker(client, "resultnotice", "session", term)
    assert "Định kỳ 15/01/2027" in found, found
    if term != "Định kỳ":
        assert "Định kỳ 16/11/2026" not in found


def test_the_agency_picker_offers_the_police_first_for_cong_an(role_users, login):
    client = login("canbo")
    found = _picker(client, "receptionsession", "invited_agencies", "Công an")
    assert found[0].startswith("Công an tỉnh"), found
    assert not any(f.startswith("Ban Tiếp công dân Trung ương") for f in found[:1])
    assert _picker(client, "receptionsession", "invited_agencies", "cong an")[0] == found[0]


def test_an_abbreviation_finds_its_agency(role_users, login):
    client = login("canbo")
    found = _picker(client, "receptionsession", "invited_agencies", "btcd")
    assert any(f.startswith("Ban Tiếp công dân") for f in found), found


def test_unit_and_citizen_pickers_without_accents(role_users, login):
    make_citizen(new_unit("05977"), "Hoàng Văn Thụ", "020090000011")
    client = login("canbo")
    units = _picker(client, "receptionsession", "invited_units", "dong kinh")
    assert units and fold(units[0]).startswith("phuong dong kinh"), units
    wards = _picker(client, "receptionsession", "invited_units", "hoang van thu")
    assert wards and "hoang van thu" in fold(wards[0]), wards
    people = _picker(client, "petition", "citizen", "thu hoang van")
    assert any(p.startswith("Hoàng Văn Thụ") for p in people), people


def test_a_list_search_ranks_the_title_first(role_users, login):
    client = login("quantri")
    answer = client.get(reverse("admin:tiep_cong_dan_agency_changelist"), {"q": "cong an"})
    assert answer.status_code == 200
    names = [str(a) for a in answer.context["cl"].result_list]
    assert names[0] == "Công an tỉnh", names[:3]
    assert Agency.objects.get(name="Công an tỉnh").search_text.startswith("cong an tinh |")


def test_a_words_search_uses_the_full_text_index_on_mariadb():
    query = str(Agency.objects.filter(search_text__words="cong an tinh").query)
    if connection.vendor == "mysql" and not connection.in_atomic_block:
        assert "MATCH" in query
    assert issubclass(Agency, SearchableModel)
