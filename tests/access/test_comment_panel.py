"""The comments under every record's form (workflow/comments_desk.py, installed on
RuleAdmin): records without a workflow (citizens, agencies, units, bridge points, legal
bases, the working calendar…) take comments and files like the documents do, each
page asking the type's rule; a denouncer's record keeps what is written about it for
the cleared."""

import datetime

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tiep_cong_dan.access.desk import RuleAdmin
from tiep_cong_dan.access.rules import rule_for
from tiep_cong_dan.doctype.admin_unit.models import AdministrativeUnit
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.citizen.models import Citizen
from tiep_cong_dan.doctype.legal_basis.models import LegalBasis
from tiep_cong_dan.doctype.working_calendar.models import CalendarDay
from tiep_cong_dan.doctype.working_calendar.services import record_calendar_day
from tiep_cong_dan.workflow.comments import post_comment
from tiep_cong_dan.workflow.models import Comment

from ..conftest import sign_in

WITHOUT_WORKFLOW = {Citizen, Agency, AdministrativeUnit, BridgePoint, LegalBasis, CalendarDay}


def _admins() -> list:
    return [(m, a) for m, a in admin.site._registry.items() if isinstance(a, RuleAdmin)]


def _url(obj, name: str) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=[obj.pk])


def test_every_desk_form_has_the_comments_addresses():
    for model, model_admin in _admins():
        for name in ("comment", "mentions"):
            assert _url(model(pk=1), name), (model, name)
        assert "comments" not in vars(type(model_admin)), model  # nothing of its own


@pytest.fixture
def one_of_each(placed_petitions):
    record_calendar_day(date=datetime.date(2026, 9, 3), kind="day_off", name="Nghỉ bù")
    return placed_petitions


def test_every_registered_form_shows_the_comments_and_takes_one(client, role_users, one_of_each):
    """Every RuleAdmin with a record: its form, to a reader its rule lets comment,
    shows the box; a comment posted there is on the page after."""
    covered = set()
    for model, _model_admin in _admins():
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        rule = rule_for(model)
        reader = next((n for n, u in sorted(role_users.items()) if rule.may_comment(u, obj)), None)
        if reader is None:
            continue
        sign_in(client, reader)
        page = client.get(_url(obj, "change"))
        assert page.status_code == 200, model
        assert 'id="comment-form"' in page.content.decode(), model
        sent = client.post(_url(obj, "comment"), {"note": f"Ghi chú về {model.__name__}"})
        assert sent.status_code == 302, model
        again = client.get(_url(obj, "change")).content.decode()
        assert f"Ghi chú về {model.__name__}" in again, model
        client.logout()
        covered.add(model)
    assert WITHOUT_WORKFLOW <= covered


def test_a_record_without_a_workflow_shows_its_files_and_who_may_attach(login):
    agency = Agency.objects.get(code="SNNMT")
    page = login("quantri").get(_url(agency, "change")).content.decode()
    assert 'id="attachments"' in page and 'id="attachment-form"' in page
    assert 'id="comments"' in page and "Chưa có ý kiến nào." in page
    reader = login("canbo").get(_url(agency, "change")).content.decode()
    assert 'id="attachments"' in reader and 'id="attachment-form"' not in reader
    assert 'id="comment-form"' in reader


def test_outside_the_rule_neither_the_page_nor_the_box(login, placed_petitions):
    citizen = placed_petitions["kylua"].citizen  # another commune's petitioner
    client = login("xa_dongkinh")
    assert client.get(_url(citizen, "change")).status_code == 404
    assert client.post(_url(citizen, "comment"), {"note": "thử"}).status_code == 404
    assert client.get(_url(citizen, "mentions") + "?q=c").status_code == 404
    assert not Comment.objects.exists()


def test_a_denouncer_s_record_keeps_its_comments_for_the_cleared(
    login, role_users, placed_petitions
):
    denouncer = placed_petitions["dongkinh_tc"].citizen
    other = placed_petitions["dongkinh"].citizen
    rule = rule_for(Citizen)
    post_comment(denouncer, by=role_users["canbo"], body="Đã xác minh địa chỉ người tố cáo.")
    for name, user in role_users.items():
        cleared = name in {"canbo", "truongban", "chutich"}
        assert rule.free_text_masked(user, denouncer) is not cleared, name
        assert not rule.free_text_masked(user, other), name
        if rule.can_view(user, denouncer) and not cleared:
            assert not rule.may_read_attachments(user, denouncer), name
    page = login("chutich").get(_url(denouncer, "change")).content.decode()
    assert "Đã xác minh địa chỉ người tố cáo." in page


def test_the_comments_cost_the_same_queries_for_one_or_many(login, role_users):
    agency = Agency.objects.get(code="SNNMT")
    client = login("canbo")
    post_comment(agency, by=role_users["canbo"], body="Một")
    client.get(_url(agency, "change"))  # warm caches
    with CaptureQueriesContext(connection) as one:
        client.get(_url(agency, "change"))
    for n, name in enumerate(("truongban", "chutich", "vanphong", "quantri")):
        post_comment(agency, by=role_users[name], body=f"Ý kiến {n}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(_url(agency, "change")).content.decode()
    assert page.count('class="tcd-note-row"') == 5
    assert len(many) == len(one)
