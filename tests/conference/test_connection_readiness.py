"""Decree 154/2026 Art. 23: "every point connected" is a fact of the last hour, per
point, not a claim. On a platform run by hand the technician confirms each point (who
and when kept, in the desk and the API); a platform that reports live status must have
seen each point connected (or a test call succeeded) within the hour."""

import datetime

import pytest
from django.urls import reverse
from tiep_cong_dan import workflow
from tiep_cong_dan.conference.backends import backend_for
from tiep_cong_dan.conference.pexip.fake import serve
from tiep_cong_dan.conference.readiness import (
    ConnectionRefused,
    confirm_point_connected,
    record_seen_connected,
)
from tiep_cong_dan.conference.services import meeting_for
from tiep_cong_dan.doctype.bridge_point.models import ConnectionTest
from tiep_cong_dan.doctype.reception_session.models import PointConnection
from tiep_cong_dan.workflow.engine import TransitionRefused

from ..workflow.conftest import DAY
from ..workflow.helpers import at, set_state


@pytest.fixture
def tested(session):
    set_state(session, "tested")
    return session


def _refusal(session, user, when) -> str:
    with pytest.raises(TransitionRefused) as exc:
        workflow.apply(session, "connect", by=user, at=when)
    session.refresh_from_db()
    assert session.state == "tested"
    return str(exc.value)


def test_connected_is_refused_while_no_point_is_confirmed(tested, role_users):
    points = tested.participant_points()
    assert len(points) == 3  # the host and the two communes' rooms
    refusal = _refusal(tested, role_users["kythuat"], at(DAY, 12))
    assert "kỹ thuật viên xác nhận" in refusal
    for point in points:
        assert point.name in refusal


def test_forty_days_early_nothing_counts(tested, role_users):
    early = DAY - datetime.timedelta(days=40)
    for point in tested.participant_points():
        PointConnection.objects.create(
            session=tested, bridge_point=point, source="technician", at=at(early, 11, 30)
        )
    refusal = _refusal(tested, role_users["kythuat"], at(early, 12))
    assert "ngày diễn ra kỳ tiếp (16/03/2026)" in refusal


def test_each_point_confirmed_by_the_technician_within_the_hour(tested, role_users):
    technician = role_users["kythuat"]
    first, *others = tested.participant_points()
    for point in others:
        confirm_point_connected(tested, point, by=technician, at=at(DAY, 11, 40))
    confirm_point_connected(tested, first, by=technician, at=at(DAY, 10, 50))  # too long ago
    refusal = _refusal(tested, technician, at(DAY, 12))
    assert first.name in refusal and all(p.name not in refusal for p in others)
    confirm_point_connected(tested, first, by=technician, at=at(DAY, 11, 45))
    workflow.apply(tested, "connect", by=technician, at=at(DAY, 12))
    assert tested.state == "connected"
    kept = PointConnection.objects.filter(session=tested, at__gte=at(DAY, 11, 30))
    assert {(row.bridge_point_id, row.by_id) for row in kept} == {
        (p.pk, technician.pk) for p in tested.participant_points()
    }


def test_the_board_head_may_override_with_a_reason(tested, role_users):
    head = role_users["truongban"]
    with pytest.raises(TransitionRefused):
        workflow.apply(tested, "connect", by=head, at=at(DAY, 12), override=True)
    event = workflow.apply(
        tested,
        "connect",
        by=head,
        at=at(DAY, 12),
        override=True,
        comment="Đường truyền xã Kim Liên chập chờn, kết nối qua điện thoại",
    )
    assert tested.state == "connected" and len(event.overridden) == 1


def test_a_point_outside_the_session_or_a_session_not_announced_is_refused(session, role_users):
    from tiep_cong_dan.doctype.bridge_point.models import BridgePoint

    point = session.participant_points()[0]
    with pytest.raises(ConnectionRefused):
        confirm_point_connected(session, point, by=role_users["kythuat"])  # a draft
    set_state(session, "tested")
    stranger = BridgePoint.objects.exclude(
        pk__in=[p.pk for p in session.participant_points()]
    ).first()
    with pytest.raises(ConnectionRefused):
        confirm_point_connected(session, stranger, by=role_users["kythuat"])


def test_the_desk_and_the_api_confirm_per_point_with_who_and_when(
    tested, role_users, login, settings
):
    settings.TCD_PEXIP_URL = ""  # run by hand
    point = tested.participant_points()[1]
    page_url = reverse("admin:tiep_cong_dan_receptionsession_conference", args=[tested.pk])
    client = login("kythuat")
    assert "Xác nhận đã kết nối" in client.get(page_url).content.decode()
    client.post(page_url, {"do": "confirm", "point": point.code})
    row = PointConnection.objects.get(session=tested, bridge_point=point)
    assert (row.source, row.by_id) == ("technician", role_users["kythuat"].pk)
    api = login("kythuat")
    url = f"/api/v1/sessions/{tested.pk}/connections/"
    other = tested.participant_points()[2]
    response = api.post(url, {"point": other.code}, content_type="application/json")
    assert response.status_code == 200, response.content
    rows = {r["point"]: r for r in response.json()}
    assert rows[other.code]["source"] == "technician"
    assert rows[other.code]["confirmed_by"] == role_users["kythuat"].get_username()
    assert rows[tested.participant_points()[0].code]["connected_at"] is None
    response = api.post(url, {"point": "KHONG-CO"}, content_type="application/json")
    assert response.status_code == 400
    denied = login("so_nnmt").post(url, {"point": other.code}, content_type="application/json")
    assert denied.status_code in (403, 404)


@pytest.fixture
def pexip(settings):
    server, state, url = serve(username="tcd", password="s3cret")
    settings.TCD_PEXIP_URL, settings.TCD_PEXIP_USER, settings.TCD_PEXIP_PASSWORD = (
        url,
        "tcd",
        "s3cret",
    )
    yield state, url
    server.shutdown()


def test_a_live_platform_must_have_seen_each_point(
    pexip, session, role_users, login, django_capture_on_commit_callbacks
):
    import requests

    state, url = pexip
    workflow.apply(session, "plan", by=role_users["canbo"], at=at(datetime.date(2026, 3, 2)))
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(
            session, "approve", by=role_users["chutich"], at=at(datetime.date(2026, 3, 3))
        )
    session.refresh_from_db()
    set_state(session, "tested")
    technician = role_users["kythuat"]
    # Nothing seen: refused, naming every point; a hand confirmation does not count here.
    assert "nền tảng ghi nhận" in _refusal(session, technician, at(DAY, 12))
    with pytest.raises(ConnectionRefused):
        confirm_point_connected(session, session.participant_points()[0], by=technician)
    # The meeting starts; the page records who the platform shows connected.
    requests.post(f"{url}/_fake/start", json={"name": f"tcd-session-{session.pk}"}, timeout=5)
    page_url = reverse("admin:tiep_cong_dan_receptionsession_conference", args=[session.pk])
    login("kythuat").get(page_url)
    assert PointConnection.objects.filter(session=session, source="platform").count() == 3
    # As of the session's day: seen at 11:30 by the platform, except one point, which a
    # test call proves instead.
    live = backend_for("pexip").live_status(meeting_for(session))
    first, *others = session.participant_points()
    PointConnection.objects.filter(session=session).delete()
    record_seen_connected(session, live, at=at(DAY, 11, 30))
    PointConnection.objects.filter(session=session, bridge_point=first).delete()
    assert first.name in _refusal(session, technician, at(DAY, 12))
    ConnectionTest.objects.create(
        bridge_point=first,
        tested_at=at(DAY, 11, 50),
        result="success",
        audio_ok=True,
        video_ok=True,
    )
    workflow.apply(session, "connect", by=technician, at=at(DAY, 12))
    assert session.state == "connected"
