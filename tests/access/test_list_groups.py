"""Every desk list's other views (access/list_modes.py): counts by a declared column and
a month calendar by a declared date. Generated over the desk's registry, so a list that
declares `group_by_fields` or `calendar_date_field` later is checked without a line
here, per role (Board, commune, district, agency officers): each count is the list's
own (following its link shows exactly that many rows), each calendar shows exactly the
rows the rule lets the user see in that month, denunciations' words masked."""

import datetime
import re

import pytest
from django.contrib import admin
from django.db import connection
from django.db.models import Count
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tiep_cong_dan.access.confidential import MASK
from tiep_cong_dan.access.list_groups import groupable
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.reception_session.models import ReceptionSession
from tiep_cong_dan.doctype.result_notice.models import Assignment, ResultNotice

from ..conftest import sign_in
from ..test_query_budgets import World

ROLES = ["canbo", "xa_dongkinh", "huyen_locbinh", "so_nnmt"]
SECRET_TASK = "Xác minh lời khai của ông Lương Văn Cường"


@pytest.fixture
def world(placed_petitions):
    """The placed petitions, a session hearing them, a notice giving each a task (the
    denunciation's task names its denouncer)."""
    session = ReceptionSession.objects.create(
        kind="periodic", date=datetime.date(2026, 3, 16), presiding_official="Chủ tịch"
    )
    notice = ResultNotice.objects.create(session=session, issued_date=datetime.date(2026, 3, 20))
    agencies = {"dongkinh": "SNNMT", "kylua": "SXD", "dongkinh_tc": "SNNMT"}
    for i, (key, code) in enumerate(agencies.items()):
        petition = placed_petitions[key]
        Assignment.objects.create(
            notice=notice,
            petition=petition,
            agency=Agency.objects.filter(code=code).first() or Agency.objects.first(),
            task=SECRET_TASK if petition.is_denunciation else "Kiểm tra hồ sơ đất.",
            deadline=datetime.date(2026, 4, 10 + i),
        )
    return placed_petitions


def _admins(attribute: str):
    return [(m, a) for m, a in admin.site._registry.items() if getattr(a, attribute, None)]


def _list_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def _month_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_month")


def _visible(model_admin, user):
    request = RequestFactory().get("/")
    request.user = user
    return model_admin.get_queryset(request)


def test_the_main_lists_declare_their_views():
    declared = {m._meta.model_name: a for m, a in admin.site._registry.items()}
    assert {"state", "residence_unit", "agencies_concerned"} <= set(
        declared["petition"].group_by_fields
    )
    assert {"state", "agency"} <= set(declared["assignment"].group_by_fields)
    assert declared["assignment"].calendar_date_field == "deadline"
    assert declared["receptionsession"].calendar_date_field == "date"


@pytest.mark.parametrize("username", ROLES)
def test_every_declared_group_counts_the_lists_own_rows(client, world, role_users, username):
    sign_in(client, username)
    user = role_users[username]
    checked = 0
    for model, model_admin in _admins("group_by_fields"):
        url = _list_url(model)
        if client.get(url).status_code == 403:
            continue
        visible = _visible(model_admin, user).count()
        for name, field in groupable(model_admin, user):
            response = client.get(url, {"_group": name})
            assert response.status_code == 200, (url, name)
            panel = response.context["cl"].tcd_list_modes["groups"]
            assert not panel["error"], (url, name)
            groups = panel["groups"]
            if not field.many_to_many:
                # Every row is in exactly one group: the counts add up to the list.
                assert panel["total"] == visible, (username, url, name)
            for group in groups[:4]:
                narrowed = client.get(url + group.url)
                assert narrowed.status_code == 200, (url, group)
                assert narrowed.context["cl"].result_count == group.count, (url, name, group)
            checked += 1
    assert checked >= 3, username


@pytest.mark.parametrize("username", ROLES)
def test_every_declared_calendar_shows_the_rules_rows_of_the_month(
    client, world, role_users, username
):
    sign_in(client, username)
    user = role_users[username]
    checked = 0
    for model, model_admin in _admins("calendar_date_field"):
        if client.get(_list_url(model)).status_code == 403:
            assert client.get(_month_url(model)).status_code == 403
            continue
        field = model._meta.get_field(model_admin.calendar_date_field)
        everyone = model._default_manager.exclude(**{field.name: None})
        mine = _visible(model_admin, user)
        for value in everyone.values_list(field.name, flat=True).distinct()[:3]:
            day = value.date() if isinstance(value, datetime.datetime) else value
            response = client.get(_month_url(model), {"month": f"{day:%Y-%m}"})
            assert response.status_code == 200, (model, day)
            shown = {
                item["url"]
                for week in response.context["weeks"]
                for d in week
                if d["in_month"]
                for item in d["items"]
            }
            start = day.replace(day=1)
            end = (start + datetime.timedelta(days=32)).replace(day=1)
            if isinstance(value, datetime.datetime):
                expected_rows = [
                    o
                    for o in mine.exclude(**{field.name: None})
                    if start <= _local(getattr(o, field.name)) < end
                ]
            else:
                expected_rows = mine.filter(
                    **{f"{field.name}__gte": start, f"{field.name}__lt": end}
                )
            opts = model._meta
            expected = {
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[o.pk])
                for o in expected_rows
            }
            assert shown == expected, (username, model, day)
            checked += 1
    assert checked >= 3, username


def _local(value) -> datetime.date:
    from django.utils import timezone

    return timezone.localtime(value).date()


def test_a_commune_officer_counts_only_their_scope(client, world, role_users):
    sign_in(client, "xa_dongkinh")
    url = _list_url(world["dongkinh"].__class__)
    panel = client.get(url, {"_group": "matter_unit"}).context["cl"].tcd_list_modes["groups"]
    labels = {g.label for g in panel["groups"]}
    assert "Phường Kỳ Lừa" not in " ".join(labels)  # another commune's case
    assert panel["total"] == 3  # Đông Kinh's complaint and denunciation, its old ward's
    # Searched, the counts are the found rows' (the search's ranking is no group).
    number = world["dongkinh"].registration_number
    found = client.get(url, {"_group": "state", "q": number}).context["cl"]
    assert found.tcd_list_modes["groups"]["total"] == found.result_count == 1


def test_denunciations_count_but_no_label_names_a_denouncer(client, world):
    sign_in(client, "xa_dongkinh")  # not cleared for denouncers
    url = _list_url(world["dongkinh"].__class__)
    page = client.get(url, {"_group": "kind"})
    panel = page.context["cl"].tcd_list_modes["groups"]
    assert {g.label: g.count for g in panel["groups"]}["Tố cáo"] == 1
    text = page.content.decode()
    assert "Lương Văn Cường" not in text
    # The petitioner is no column to group by for them (nor for anyone: undeclared).
    refused = client.get(url, {"_group": "citizen"})
    assert refused.status_code == 200
    assert "Không nhóm được danh sách theo cột “citizen”." in refused.content.decode()


def test_the_assignment_calendar_masks_a_denunciations_task(client, world):
    url = _month_url(Assignment)
    sign_in(client, "xa_dongkinh")
    page = client.get(url, {"month": "2026-04"}).content.decode()
    assert SECRET_TASK not in page and str(MASK) in page
    assert world["dongkinh_tc"].registration_number in page
    assert "Kiểm tra hồ sơ đất." in page
    client.logout()
    sign_in(client, "canbo")  # the Board reads denunciations in full
    assert SECRET_TASK in client.get(url, {"month": "2026-04"}).content.decode()


def test_the_calendar_marks_holidays_and_links_the_months_around(client, world):
    sign_in(client, "canbo")
    page = client.get(_month_url(Assignment), {"month": "2026-09", "state__exact": "open"})
    text = page.content.decode()
    assert page.status_code == 200 and "Quốc khánh" in text
    assert "?month=2026-08&amp;state__exact=open" in text
    assert "?month=2026-10&amp;state__exact=open" in text
    assert _list_url(Assignment) + "?state__exact=open" in text  # back to the list


@pytest.mark.parametrize("month", ["2026-13", "9999-12", "tháng tư"])
def test_a_bad_month_is_a_clear_400(client, world, month):
    sign_in(client, "canbo")
    page = client.get(_month_url(Assignment), {"month": month})
    assert page.status_code == 400
    assert "Tháng viết theo dạng YYYY-MM" in page.content.decode()


def test_an_unknown_group_or_filter_is_no_server_error(client, world):
    sign_in(client, "canbo")
    url = _list_url(Assignment)
    page = client.get(url, {"_group": "nonsense"})
    assert page.status_code == 200
    assert "Không nhóm được danh sách theo cột “nonsense”." in page.content.decode()
    assert client.get(_month_url(Assignment), {"nonsense": "1"}).status_code == 200


def test_the_list_offers_the_calendar_and_the_grouping(client, world):
    sign_in(client, "canbo")
    text = client.get(_list_url(Assignment), {"state__exact": "open"}).content.decode()
    assert "Nhóm theo" in text and "Lịch" in text
    assert _month_url(Assignment) + "?state__exact=open" in text


def _queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("username", ["canbo", "xa_dongkinh"])
def test_counts_and_calendars_ask_the_same_however_many_rows(client, role_users, username):
    world = World(role_users)
    sign_in(client, username)
    pages = [
        (_list_url(m), {"_group": name})
        for m, a in _admins("group_by_fields")
        for name, _f in groupable(a, role_users[username])
    ]
    pages += [(_month_url(m), {"month": "2026-03"}) for m, a in _admins("calendar_date_field")]
    pages += [(_month_url(Assignment), {"month": "2026-04"})]
    pages = [(u, p) for u, p in pages if client.get(u, p).status_code == 200]
    before = [_queries(client, u, p) for u, p in pages]
    world.grow(4)
    after = [_queries(client, u, p) for u, p in pages]
    grew = [(u, p, b, a) for (u, p), b, a in zip(pages, before, after, strict=True) if a > b]
    assert grew == []
    # Grouping is one GROUP BY and one read of the labels beside the list's own queries.
    plain = _queries(client, _list_url(Assignment), {})
    grouped = _queries(client, _list_url(Assignment), {"_group": "agency"})
    assert grouped - plain <= 2


@pytest.mark.skipif(connection.vendor != "mysql", reason="MariaDB's plan")
def test_the_petition_count_by_state_is_read_from_an_index(world, role_users):
    from tiep_cong_dan.doctype.petition.models import Petition

    rows = Petition.objects.order_by().values("state").annotate(n=Count("pk")).order_by()
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        columns = [c[0] for c in cursor.description]
        plan = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    assert plan[0]["key"] and re.search("Using index", plan[0]["Extra"] or ""), plan
    assert "filesort" not in (plan[0]["Extra"] or ""), plan
