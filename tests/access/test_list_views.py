"""Every desk list lets its user choose and order its columns and save named filters,
shared with a role if they wish (access/list_views). The first tests are generated over
every list the desk registers on its rule base: no list can forget the feature."""

import re

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tiep_cong_dan.access.desk import RuleMixin
from tiep_cong_dan.access.list_views import columns as list_columns
from tiep_cong_dan.access.list_views.models import ListView, ListViewKind
from tiep_cong_dan.access.roles import Role
from tiep_cong_dan.doctype.reception_session.models import ReceptionSession

from .test_list_rows import _both

RULE_LISTS = [(m, a) for m, a in admin.site._registry.items() if isinstance(a, RuleMixin)]
USERS = ["canbo", "quantri", "vanphong", "kythuat", "so_nnmt", "xa_dongkinh", "trunguong"]


def _ids(pairs):
    return [m._meta.label for m, _ in pairs]


def _url(model, what: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{what}", args=args)


def _petitions(what: str = "changelist", *args) -> str:
    return reverse(f"admin:tiep_cong_dan_petition_{what}", args=args)


def _reader(model_admin, role_users, rf):
    for username in USERS:
        request = rf.get("/")
        request.user = role_users[username]
        if model_admin.has_view_permission(request):
            return username, request
    return None, None


def _headers(html: str) -> list[str]:
    head = re.search(r"<thead>.*?</thead>", html, re.S)
    assert head is not None
    found = re.findall(r'<th[^>]*class="[^"]*column-([\w]+)', head.group(0))
    return [name for name in found if name != "action_checkbox"]


@pytest.mark.parametrize(("model", "model_admin"), RULE_LISTS, ids=_ids(RULE_LISTS))
def test_every_list_offers_columns_and_saved_filters(model, model_admin, role_users, login, rf):
    username, request = _reader(model_admin, role_users, rf)
    assert username is not None, "nobody reads this list"
    client = login(username)
    url = _url(model, "changelist")
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="tcd-lv-columns"' in html and 'id="tcd-lv-filters"' in html
    offered = list_columns.available(model_admin, request)
    for name in offered:
        assert f'name="tcd_lv_column" value="{name}"' in html
    # The last offered column first, then the first one; nothing else.
    chosen = list(dict.fromkeys([offered[-1], offered[0]]))
    answer = client.post(_url(model, "list_columns"), {"tcd_lv_column": chosen})
    assert answer.status_code == 302 and answer["Location"] == url
    view = ListView.objects.get(owner=role_users[username], list_key=model._meta.label_lower)
    assert view.columns == chosen
    page = client.get(url)
    assert page.status_code == 200
    cl = page.context["cl"]
    offset = 1 if cl.list_display[0] == "action_checkbox" else 0
    assert len(cl.list_display) == offset + len(chosen)
    for entry, name in zip(cl.list_display[offset:], chosen, strict=True):
        # A column the admin words per viewer (the workflow's state) is its own callable.
        assert callable(entry) or entry == name
    # A filter saved on it is offered on its dropdown.
    answer = client.post(
        _url(model, "list_filter_save"), {"tcd_lv_name": "Của tôi", "tcd_lv_query": ""}
    )
    assert answer.status_code == 302
    assert "Của tôi" in client.get(url).content.decode()


# -- columns ------------------------------------------------------------------------


def test_chosen_columns_render_in_their_order_cell_for_cell(
    placed_petitions, login, role_users, monkeypatch
):
    client = login("canbo")
    columns = ["state", "urgent", "registration_number", "petitioner", "created_at", "kind"]
    client.post(_petitions("list_columns"), {"tcd_lv_column": columns})
    ours, theirs = _both(client, _petitions(), monkeypatch)
    assert ours == theirs  # the one pass writes the chosen columns as the theme does
    html = client.get(_petitions()).content.decode()
    assert _headers(html) == [
        "state_label",
        "urgent",
        "registration_number",
        "petitioner",
        "created_at",
        "kind",
    ]
    dongkinh = placed_petitions["dongkinh"]
    assert f'href="{_petitions("change", dongkinh.pk)}"' in ours  # still linked


def test_the_denouncer_stays_masked_in_any_order(placed_petitions, login, monkeypatch):
    client = login("vanphong")
    client.post(_petitions("list_columns"), {"tcd_lv_column": ["petitioner", "kind"]})
    ours, theirs = _both(client, _petitions() + "?kind__exact=denunciation", monkeypatch)
    assert ours == theirs
    assert "Lương Văn Cường" not in ours
    assert placed_petitions["dongkinh_tc"].registration_number not in ours  # column hidden
    change = _petitions("change", placed_petitions["dongkinh_tc"].pk)
    assert f'href="{change}?' in ours  # the first column shown links to the record


def test_a_column_the_rule_masks_is_never_offered(role_users, login, rf):
    model_admin = admin.site._registry[ReceptionSession]
    for username, offered in (("canbo", True), ("vanphong", False)):
        request = rf.get("/")
        request.user = role_users[username]
        assert ("conference_reference" in list_columns.available(model_admin, request)) is offered
    client = login("vanphong")
    url = _url(ReceptionSession, "list_columns")
    answer = client.post(url, {"tcd_lv_column": ["date", "conference_reference"]}, follow=True)
    assert "Danh sách không có cột “conference_reference”." in answer.content.decode()
    assert not ListView.objects.filter(owner=role_users["vanphong"]).exists()


def test_bad_column_choices_are_refused_in_words(role_users, login):
    client = login("canbo")
    for data, message in (
        ({}, "Chọn ít nhất một cột."),
        ({"tcd_lv_column": ["citizen__id_number"]}, "Danh sách không có cột"),
    ):
        answer = client.post(_petitions("list_columns"), data, follow=True)
        assert answer.status_code == 200
        assert message in answer.content.decode()
    assert not ListView.objects.exists()


def test_the_lists_own_columns_come_back(role_users, login):
    client = login("canbo")
    client.post(_petitions("list_columns"), {"tcd_lv_column": ["kind"]})
    assert len(client.get(_petitions()).context["cl"].list_display) == 2
    client.post(_petitions("list_columns"), {"tcd_lv_reset": "1"})
    assert not ListView.objects.exists()
    assert len(client.get(_petitions()).context["cl"].list_display) == 9


def test_columns_are_kept_per_user_and_per_list(role_users, login):
    client = login("canbo")
    client.post(_petitions("list_columns"), {"tcd_lv_column": ["kind"]})
    sessions = _url(ReceptionSession, "changelist")
    assert len(client.get(sessions).context["cl"].list_display) == 8
    client = login("truongban")
    assert len(client.get(_petitions()).context["cl"].list_display) == 9


# -- saved filters -------------------------------------------------------------------


def _save(client, name: str, query: str, order: str = "", role: str = ""):
    data = {"tcd_lv_name": name, "tcd_lv_query": query, "tcd_lv_order": order}
    data["tcd_lv_role"] = role
    return client.post(_petitions("list_filter_save"), data, follow=True)


def test_a_filter_is_saved_applied_renamed_and_deleted(placed_petitions, role_users, login):
    client = login("canbo")
    answer = _save(
        client, "  Khiếu nại   mới ", "kind__exact=complaint&q=hoang&p=3", "-received_date"
    )
    assert "Đã lưu bộ lọc “Khiếu nại mới”." in answer.content.decode()
    view = ListView.objects.get(kind=ListViewKind.FILTER)
    assert (view.name, view.query, view.ordering) == (
        "Khiếu nại mới",
        "kind__exact=complaint&q=hoang",
        ["-received_date"],
    )
    html = client.get(_petitions()).content.decode()
    # Applied by its link: the order by the column's place on the list (2: received on).
    assert f'href="{_petitions()}?kind__exact=complaint&amp;q=hoang&amp;o=-2"' in html
    shown = client.get(_petitions() + "?kind__exact=complaint&q=hoang&o=-2").content.decode()
    assert "Bộ lọc đã lưu: <strong>Khiếu nại mới</strong>" in shown
    change = _petitions("list_filter_change", view.pk)
    client.post(change, {f"tcd_lv_name_{view.pk}": "Của An", f"tcd_lv_role_{view.pk}": "chairman"})
    view.refresh_from_db()
    assert (view.name, view.shared_role) == ("Của An", Role.CHAIRMAN)
    answer = client.post(change, {"tcd_lv_delete": str(view.pk)}, follow=True)
    assert "Đã xóa bộ lọc “Của An”." in answer.content.decode()
    assert not ListView.objects.exists()


@pytest.mark.parametrize(
    ("name", "query", "order", "role", "message"),
    [
        ("", "kind__exact=complaint", "", "", "Hãy đặt tên cho bộ lọc."),
        ("x" * 81, "", "", "", "Tên bộ lọc dài tối đa 80 ký tự."),
        ("A", "foo=1", "", "", "Danh sách không lọc được theo “foo”."),
        ("A", "created_by__password__startswith=p", "", "", "Danh sách không lọc được theo"),
        ("A", "", "-nonsense", "", "Danh sách không sắp xếp được như vậy."),
        ("A", "", "", "king", "Hãy chọn một trong các vai trò."),
        ("A", "q=" + "a" * 1200, "", "", "Bộ lọc quá dài, không lưu được."),
    ],
)
def test_bad_filters_are_refused_in_words(role_users, login, name, query, order, role, message):
    client = login("canbo")
    answer = _save(client, name, query, order, role)
    assert answer.status_code == 200
    assert message in answer.content.decode()
    assert not ListView.objects.exists()


def test_a_masked_lookup_is_refused_to_whom_it_is_masked(placed_petitions, role_users, login):
    # Filtering by the petitioner would tell a denouncer to the Chairman's office.
    query = f"citizen__exact={placed_petitions['dongkinh_tc'].citizen_id}"
    answer = _save(login("vanphong"), "Tên", query)
    assert "Danh sách không lọc được theo “citizen__exact”." in (answer.content.decode())
    assert not ListView.objects.exists()
    _save(login("canbo"), "Tên", query, role="chairman_office")
    assert ListView.objects.count() == 1
    # Shared with the office, it is not offered to those it would tell the name to.
    assert "Tên</a>" not in login("vanphong").get(_petitions()).content.decode()


def test_the_same_name_twice_is_refused(role_users, login):
    client = login("canbo")
    _save(client, "Mới", "kind__exact=complaint")
    answer = _save(client, "Mới", "kind__exact=denunciation")
    assert "Bạn đã có bộ lọc tên “Mới”." in answer.content.decode()
    assert ListView.objects.count() == 1


def test_another_users_filter_is_not_found(role_users, login):
    _save(login("canbo"), "Của cán bộ", "kind__exact=complaint", role="board_head")
    view = ListView.objects.get()
    change = _petitions("list_filter_change", view.pk)
    client = login("truongban")  # it is shared with them, still not theirs
    assert client.post(change, {"tcd_lv_delete": str(view.pk)}).status_code == 404
    assert client.post(change, {f"tcd_lv_name_{view.pk}": "Của tôi"}).status_code == 404
    # Nor is it found through another list's address.
    other = _url(ReceptionSession, "list_filter_change", view.pk)
    assert login("canbo").post(other, {"tcd_lv_delete": str(view.pk)}).status_code == 404
    assert ListView.objects.get().name == "Của cán bộ"


def test_endpoints_take_posts_only_with_a_csrf_token(role_users, login, client):
    login("canbo")
    assert client.get(_petitions("list_columns")).status_code == 405
    assert client.get(_petitions("list_filter_save")).status_code == 405
    client.handler.enforce_csrf_checks = True
    assert client.post(_petitions("list_columns"), {"tcd_lv_column": ["kind"]}).status_code == 403
    assert not ListView.objects.exists()


def test_a_list_the_user_may_not_open_takes_no_views(role_users, login):
    from tiep_cong_dan.access.models import ConfidentialAccess

    client = login("canbo")  # the access log is the administrators'
    answer = client.post(_url(ConfidentialAccess, "list_columns"), {"tcd_lv_column": ["at"]})
    assert answer.status_code == 403
    assert not ListView.objects.exists()


def test_a_shared_filter_applies_the_viewers_own_rule(placed_petitions, role_users, login):
    _save(login("canbo"), "Khiếu nại", "kind__exact=complaint", role="commune_officer")
    _save(login("canbo"), "Riêng", "kind__exact=denunciation")
    client = login("xa_dongkinh")
    html = client.get(_petitions()).content.decode()
    assert "Khiếu nại</a>" in html and "Riêng</a>" not in html
    assert "Chia sẻ bởi" in html
    page = client.get(_petitions() + "?kind__exact=complaint").content.decode()
    assert placed_petitions["dongkinh"].registration_number in page
    assert placed_petitions["kylua"].registration_number not in page  # another commune
    assert "Khiếu nại</a>" not in login("so_nnmt").get(_petitions()).content.decode()


# -- the list stays fast ---------------------------------------------------------------


def _queries(client, url) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    views = [q for q in queries.captured_queries if ListView._meta.db_table in q["sql"]]
    return len(queries), len(views)


def test_the_views_are_one_query_per_page(placed_petitions, role_users, login):
    client = login("canbo")
    client.get(_petitions())  # warm what a process caches once
    before, views_before = _queries(client, _petitions())
    columns = ["kind", "registration_number", "petitioner", "channel", "state"]
    client.post(_petitions("list_columns"), {"tcd_lv_column": columns})
    for i in range(6):
        _save(client, f"Bộ lọc {i}", f"kind__exact=complaint&group_size={i}")
    _save(login("truongban"), "Của trưởng ban", "kind__exact=complaint", role="board_officer")
    client = login("canbo")
    client.get(_petitions())
    after, views_after = _queries(client, _petitions())
    assert (views_before, views_after) == (1, 1)
    assert after == before
    assert "Của trưởng ban</a>" in client.get(_petitions()).content.decode()
