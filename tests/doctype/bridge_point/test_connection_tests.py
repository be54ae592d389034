"""A connection test is a fact of its day: one dated in the future, or against a room
not in service on that day (retired), is refused in the model, the service and the
API; the pickers offer the rooms in service first and mark the retired ones."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint, ConnectionTest
from tiep_cong_dan.doctype.bridge_point.services import record_connection_test

JULY_2025 = datetime.date(2025, 7, 1)


@pytest.fixture
def retired(master_data):
    return BridgePoint.objects.filter(active=False, retired_on=JULY_2025).order_by("code").first()


@pytest.fixture
def in_service(master_data):
    return BridgePoint.objects.get(code="LS-TSTCD")


def _at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_a_test_dated_in_the_future_is_refused(in_service, role_users):
    with pytest.raises(ValidationError) as exc:
        record_connection_test(
            point=in_service,
            by=role_users["kythuat"],
            result="success",
            audio_ok=True,
            video_ok=True,
            at=timezone.now() + datetime.timedelta(days=3),
        )
    assert exc.value.error_dict["tested_at"][0].code == "future_test"
    assert not ConnectionTest.objects.filter(bridge_point=in_service).exists()


def test_a_test_against_a_retired_room_is_refused_after_its_retirement_only(retired, role_users):
    with pytest.raises(ValidationError) as exc:
        record_connection_test(
            point=retired,
            by=role_users["kythuat"],
            result="success",
            audio_ok=True,
            video_ok=True,
            at=_at(datetime.date(2025, 9, 1)),
        )
    assert exc.value.error_dict["bridge_point"][0].code == "point_retired"
    assert "01/07/2025" in exc.value.messages[0]
    # A test of its day, when it was still in service, stands.
    kept = record_connection_test(
        point=retired,
        by=role_users["kythuat"],
        result="success",
        audio_ok=True,
        video_ok=True,
        at=_at(datetime.date(2025, 6, 20)),
    )
    assert kept.pk


def test_the_api_records_tests_and_refuses_the_impossible_ones(
    in_service, retired, role_users, login
):
    api = login("kythuat")
    url = f"/api/v1/bridge-points/{in_service.pk}/tests/"
    ok = api.post(
        url, {"result": "success", "audio_ok": True, "video_ok": True}, "application/json"
    )
    assert ok.status_code == 201, ok.content
    assert ok.json()["tested_by"] == role_users["kythuat"].get_username()
    future = (timezone.now() + datetime.timedelta(days=2)).isoformat()
    response = api.post(
        url, {"result": "success", "tested_at": future}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "tương lai" in response.json()["errors"]["tested_at"][0]
    response = api.post(
        f"/api/v1/bridge-points/{retired.pk}/tests/",
        {"result": "success", "tested_at": _at(datetime.date(2026, 1, 5)).isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "không còn sử dụng" in response.json()["errors"]["bridge_point"][0]
    assert [r["id"] for r in api.get(url).json()] == [ok.json()["id"]]


def test_the_desk_form_refuses_a_test_on_a_retired_room(retired, role_users, login):
    client = login("kythuat")
    url = reverse("admin:tiep_cong_dan_connectiontest_add")
    response = client.post(
        url,
        {
            "bridge_point": retired.pk,
            "tested_at_0": "05/01/2026",
            "tested_at_1": "09:00",
            "result": "success",
            "audio_ok": "on",
            "video_ok": "on",
        },
    )
    assert response.status_code == 200  # the form again, with the reason
    assert "không còn sử dụng" in response.content.decode()
    assert not ConnectionTest.objects.filter(bridge_point=retired).exists()


def test_the_picker_offers_rooms_in_service_first_and_marks_retired_ones(
    retired, in_service, login
):
    client = login("kythuat")
    response = client.get(
        "/desk/autocomplete/",
        {
            "app_label": "tiep_cong_dan",
            "model_name": "connectiontest",
            "field_name": "bridge_point",
            "term": "Phòng họp",
        },
    )
    assert response.status_code == 200, response.content
    rows = response.json()["results"]
    ranks = [("ngừng sử dụng" in r["text"]) for r in rows]
    assert ranks == sorted(ranks)  # every room in service before any retired one
    assert not ranks[0]
    point_ids = {int(r["id"]) for r in rows}
    retired_ids = set(
        BridgePoint.objects.filter(pk__in=point_ids, active=False).values_list("pk", flat=True)
    )
    marked = {int(r["id"]) for r in rows if "ngừng sử dụng" in r["text"]}
    assert marked == retired_ids
