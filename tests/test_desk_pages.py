"""Every desk page loads for every role: lists (with filters and search), add forms and
the change form of the first row the role can see."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from tiep_cong_dan.access.models import ConfidentialAccess
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.bridge_point.models import ConnectionTest
from tiep_cong_dan.doctype.bridge_point.services import primary_point_for
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession
from tiep_cong_dan.doctype.result_notice.models import Assignment, Conclusion, ResultNotice
from tiep_cong_dan.doctype.working_calendar.services import record_calendar_day

from .access.test_permission_matrix import ALL
from .conftest import new_unit, sign_in

ROLES = sorted(ALL)


@pytest.fixture
def held_session(placed_petitions):
    petition = placed_petitions["dongkinh"]
    session = ReceptionSession.objects.create(
        kind="periodic", date=datetime.date(2026, 3, 16), presiding_official="Chủ tịch"
    )
    AgendaItem.objects.create(
        session=session,
        position=1,
        petition=petition,
        mode="online",
        bridge_point=primary_point_for(new_unit("05977")),
    )
    notice = ResultNotice.objects.create(session=session, number="01/TB-UBND")
    Conclusion.objects.create(notice=notice, petition=petition, text="Giao Sở kiểm tra.")
    Assignment.objects.create(
        notice=notice,
        petition=petition,
        task="Kiểm tra",
        agency=Agency.objects.get(code="SNNMT"),
        deadline=datetime.date(2026, 4, 30),
    )
    point = primary_point_for(new_unit("05977"))
    ConnectionTest.objects.create(
        bridge_point=point,
        tested_at=timezone.now(),
        result="success",
        audio_ok=True,
        video_ok=True,
    )
    ConfidentialAccess.objects.create(object_type="petition", object_ids="1", fields="citizen")
    record_calendar_day(date=datetime.date(2026, 12, 19), kind="working_day", name="Làm bù")
    return session


@pytest.mark.parametrize("username", ROLES)
def test_every_page_loads_for_every_role(client, held_session, username):
    sign_in(client, username)
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        response = client.get(changelist)
        if response.status_code == 403:
            continue
        assert response.status_code == 200, (opts.label, username)
        for params in ({"q": "Hoàng"}, {"q": "2026/TCD"}, {"o": "1"}):
            assert client.get(changelist, params).status_code == 200, (opts.label, params)
        if opts.label_lower == "auth.user":
            continue
        user = response.wsgi_request.user
        obj = model_admin.get_queryset(response.wsgi_request).first()
        if obj is not None:
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            assert client.get(change).status_code == 200, (opts.label, username)
            history = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
            assert client.get(history).status_code in (200, 403), (opts.label, username)
        assert user.username == username


def test_petition_list_filters_work(client, placed_petitions):
    sign_in(client, "canbo")
    url = reverse("admin:tiep_cong_dan_petition_changelist")
    page = client.get(url, {"kind__exact": "denunciation"}).content.decode()
    assert placed_petitions["dongkinh_tc"].registration_number in page
    assert placed_petitions["dongkinh"].registration_number not in page
    page = client.get(
        url, {"received_date_from": "01/01/2024", "received_date_to": "31/12/2024"}
    ).content.decode()
    assert placed_petitions["old_era"].registration_number in page
