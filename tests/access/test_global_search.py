"""The global search (the command palette's JSON and the search page): records by
number, name (accents or not), ID number, session date and agency, grouped by type,
each row within the user's rule; a denouncer is never found by identity by those not
cleared, and the palette names no denouncer; the queries do not grow with the rows."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tiep_cong_dan.access.confidential import MASK
from tiep_cong_dan.access.finders import finders
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.reception_session.constants import SessionKind
from tiep_cong_dan.doctype.reception_session.models import ReceptionSession
from tiep_cong_dan.doctype.reception_session.services import create_session

from ..conftest import make_citizen, new_unit


def _groups(client, term: str) -> dict[str, list[dict]]:
    answer = client.get(reverse("tcd_search_json"), {"q": term})
    assert answer.status_code == 200, answer.content[:300]
    return {g["model"]: g["rows"] for g in answer.json()["groups"]}


def _labels(groups, model: str) -> list[str]:
    return [r["label"] for r in groups.get(model, [])]


def test_each_type_declares_its_contribution_in_its_own_folder():
    modules = {f.label.__module__ for f in finders()}
    names = {f.model.__name__ for f in finders()}
    assert {"Petition", "Citizen", "ReceptionSession", "ResultNotice", "Agency"} <= names
    assert all(".doctype." in m and m.endswith(".global_search") for m in modules), modules


def test_board_officer_finds_by_number_name_id_date_and_agency(placed_petitions, role_users, login):
    create_session(
        ReceptionSession(
            kind=SessionKind.PERIODIC,
            date=datetime.date(2027, 1, 15),
            presiding_official="Chủ tịch UBND tỉnh",
            host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
        ),
        by=role_users["canbo"],
    )
    client = login("canbo")
    number = placed_petitions["kylua"].registration_number
    found = _groups(client, number)
    assert [lbl.split(" — ")[0] for lbl in _labels(found, "petition")] == [number]

    by_name = _groups(client, "an hoang van")  # no accents, any order
    assert _labels(by_name, "citizen") == ["Hoàng Văn An"]
    assert _labels(by_name, "petition") == [
        f"{placed_petitions['dongkinh'].registration_number} — Khiếu nại quyết định thu hồi đất"
    ]
    assert _labels(_groups(client, "020190000002"), "citizen") == ["Nông Thị Bích"]
    assert _labels(_groups(client, "15/01/2027"), "receptionsession") == ["Định kỳ 15/01/2027"]
    assert _labels(_groups(client, "cong an"), "agency")[0] == "Công an tỉnh"


def test_commune_officer_finds_only_their_communes_cases(placed_petitions, login):
    client = login("xa_dongkinh")
    assert _labels(_groups(client, placed_petitions["dongkinh"].registration_number), "petition")
    assert _groups(client, placed_petitions["kylua"].registration_number).get("petition") is None
    assert "citizen" not in _groups(client, "nong thi bich")  # Kỳ Lừa's citizen
    assert _labels(_groups(client, "hoang van an"), "citizen") == ["Hoàng Văn An"]


def test_agency_officer_finds_the_cases_their_agency_is_concerned_with(placed_petitions, login):
    client = login("so_nnmt")
    assert _labels(_groups(client, "hoang van an"), "petition")  # SNNMT concerned
    assert _groups(client, placed_petitions["kylua"].registration_number).get("petition") is None
    assert "petition" not in _groups(client, "nong thi bich")


@pytest.mark.parametrize("username", ["xa_dongkinh", "vanphong", "so_nnmt", "quantri"])
def test_a_denouncer_is_not_found_by_identity_by_those_not_cleared(
    placed_petitions, login, username
):
    client = login(username)
    for term in ["luong van cuong", "cuong luong", "020080000003"]:
        found = _groups(client, term)
        assert "petition" not in found and "citizen" not in found, (term, found)
        assert "Lương" not in str(found)


def test_the_palette_names_no_denouncer_even_found_by_number(placed_petitions, login):
    number = placed_petitions["dongkinh_tc"].registration_number
    for username in ["xa_dongkinh", "canbo"]:
        rows = _groups(login(username), number)["petition"]
        assert rows[0]["detail"].startswith(str(MASK)), rows
        assert "Lương" not in str(rows)


def test_the_board_officer_finds_the_denouncer_by_name(placed_petitions, login):
    found = _groups(login("canbo"), "luong van cuong")
    assert _labels(found, "citizen") == ["Lương Văn Cường"]
    assert _labels(found, "petition")  # cleared: the case is found, its row masked


def test_the_search_page_groups_and_links(placed_petitions, login):
    client = login("canbo")
    page = client.get(reverse("tcd_search"), {"q": "hoang van an"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Hoàng Văn An" in text and 'data-model="citizen"' in text
    assert placed_petitions["dongkinh"].registration_number in text
    nothing = client.get(reverse("tcd_search"), {"q": "khong co ai ten nay"})
    assert "Không tìm thấy hồ sơ nào" in nothing.content.decode()


def test_bad_input_is_explained_not_an_error(login, role_users):
    client = login("canbo")
    long_term = "a" * 101
    assert client.get(reverse("tcd_search_json"), {"q": long_term}).status_code == 400
    page = client.get(reverse("tcd_search"), {"q": long_term})
    assert page.status_code == 200 and "tối đa 100 ký tự" in page.content.decode()
    assert _groups(client, "   ") == {}
    assert client.get(reverse("tcd_search_json"), {"q": "%_\\'\""}).status_code == 200


def test_signed_out_users_are_sent_to_sign_in(client, role_users):
    answer = client.get(reverse("tcd_search_json"), {"q": "hoang"})
    assert answer.status_code == 302 and "/login/" in answer["Location"]


def test_the_sidebar_menu_search_still_answers(login, role_users):
    answer = login("canbo").get(reverse("tcd_search"), {"s": "don"})
    assert answer.status_code == 200


def test_queries_do_not_grow_with_the_rows(placed_petitions, login):
    client = login("canbo")
    unit = new_unit("05977")

    def count() -> int:
        cache.clear()  # a name's index estimates, kept a minute, are read in both rounds
        with CaptureQueriesContext(connection) as queries:
            _groups(client, "tran thi")
        return len(queries)

    make_citizen(unit, "Trần Thị Mai", "020090000101")
    few = count()
    for i, name in enumerate(["Lan", "Hoa", "Cúc", "Đào", "Huệ", "Hồng"], start=2):
        make_citizen(unit, f"Trần Thị {name}", f"02009000010{i}")
    assert len(_groups(client, "tran thi")["citizen"]) == 6
    assert count() == few
