"""A session's meeting room on Pexip (the fake, over HTTP): prepared by the job when the
Chairman approves the session, shown with each point's readiness and who is connected,
prepared again without duplicates, and a platform failure shown on the session without
touching its agenda or its state."""

import datetime

import pytest
from django.urls import reverse
from tiep_cong_dan import workflow
from tiep_cong_dan.conference.pexip.fake import serve

from ..workflow.helpers import at


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


def _approve(session, users, capture):
    workflow.apply(session, "plan", by=users["canbo"], at=at(datetime.date(2026, 3, 2)))
    with capture(execute=True):
        workflow.apply(session, "approve", by=users["chutich"], at=at(datetime.date(2026, 3, 3)))
    session.refresh_from_db()


def test_approval_prepares_the_room_and_its_dial_outs(
    pexip,
    session,
    role_users,
    django_capture_on_commit_callbacks,
):
    state, url = pexip
    _approve(session, role_users, django_capture_on_commit_callbacks)
    assert session.conference_platform == "pexip" and session.conference_reference
    assert session.conference_alias.endswith("@video.langson.gov.vn")
    assert len(session.host_pin) == 6 and session.host_pin != session.guest_pin
    (room,) = state.conferences.values()
    assert room["name"] == f"tcd-session-{session.pk}" and room["pin"] == session.host_pin
    dialled = {a["alias"] for a in state.adps.values()}
    assert dialled == {p.dial_address for p in session.participant_points()}


def test_the_meeting_page_shows_readiness_and_who_is_connected(
    pexip,
    session,
    role_users,
    login,
    django_capture_on_commit_callbacks,
):
    import requests

    state, url = pexip
    _approve(session, role_users, django_capture_on_commit_callbacks)
    page_url = reverse("admin:tiep_cong_dan_receptionsession_conference", args=[session.pk])
    client = login("canbo")
    page = client.get(page_url).content.decode()
    assert "Trụ sở Tiếp công dân tỉnh" in page and "chưa kiểm tra" not in page
    session.refresh_from_db()
    assert f"PIN {session.host_pin}" in page and f"PIN {session.guest_pin}" in page
    requests.post(f"{url}/_fake/start", json={"name": f"tcd-session-{session.pk}"}, timeout=5)
    page = client.get(page_url).content.decode()
    assert page.count(">có,") == len(session.participant_points())  # each point connected
    client.post(page_url)  # prepare again
    assert len(state.conferences) == 1 and len(state.adps) == len(session.participant_points())
    assert login("so_nnmt").post(page_url).status_code == 404  # not its session


def test_a_platform_failure_is_shown_and_loses_nothing(
    pexip,
    session,
    role_users,
    login,
    django_capture_on_commit_callbacks,
):
    import requests

    state, url = pexip
    requests.post(f"{url}/_fake/fail", json={"status": 401}, timeout=5)
    workflow.apply(session, "plan", by=role_users["canbo"], at=at(datetime.date(2026, 3, 2)))
    items = list(session.agenda_items.values_list("pk", "position"))
    client = login("canbo")
    page_url = reverse("admin:tiep_cong_dan_receptionsession_conference", args=[session.pk])
    response = client.post(page_url, follow=True)
    assert "từ chối tài khoản kết nối" in response.content.decode()
    session.refresh_from_db()
    assert session.conference_error.startswith("Máy chủ hội nghị truyền hình từ chối")
    assert session.state == "planned"
    assert list(session.agenda_items.values_list("pk", "position")) == items
    assert not session.conference_reference and not state.conferences
    client.post(page_url)  # the node is back: prepared, the error cleared
    session.refresh_from_db()
    assert session.conference_reference and not session.conference_error


def test_without_a_pexip_node_the_desk_says_so(session, role_users, login, settings):
    settings.TCD_PEXIP_URL = ""
    page_url = reverse("admin:tiep_cong_dan_receptionsession_conference", args=[session.pk])
    response = login("canbo").post(page_url, follow=True)
    assert "Chưa cấu hình máy chủ quản lý Pexip" in response.content.decode()
    session.refresh_from_db()
    assert not session.conference_provisioned_at and session.conference_error


def test_calling_hanging_up_and_ending_from_the_page(
    pexip, session, role_users, login, django_capture_on_commit_callbacks
):
    import requests

    state, url = pexip
    _approve(session, role_users, django_capture_on_commit_callbacks)
    name = f"tcd-session-{session.pk}"
    page_url = reverse("admin:tiep_cong_dan_receptionsession_conference", args=[session.pk])
    requests.post(f"{url}/_fake/start", json={"name": name}, timeout=5)
    point = session.agenda_items.first().bridge_point
    requests.post(
        f"{url}/_fake/drop",
        json={"name": name, "alias": point.dial_address, "reason": "Mất tín hiệu"},
        timeout=5,
    )
    client = login("kythuat")  # the technicians run the calls
    page = client.get(page_url).content.decode()
    assert "Gọi" in page and "Ngắt" in page
    client.post(page_url, {"do": "dial", "point": point.code})
    live = {p["destination_alias"] for p in state.live[name]["participants"].values()}
    assert point.dial_address in live
    client.post(page_url, {"do": "end"})
    assert name not in state.live
    page = client.get(page_url).content.decode()
    assert "Nhật ký cuộc gọi" in page and "Mất tín hiệu" in page


def test_on_jitsi_each_point_gets_its_own_signed_link(session, login, settings):
    settings.TCD_JITSI_DOMAIN = "meet.langson.gov.vn"
    settings.TCD_JITSI_APP_ID = "tcd"
    settings.TCD_JITSI_APP_SECRET = "a-long-enough-secret-for-hs256-signing"
    type(session).objects.filter(pk=session.pk).update(conference_platform="jitsi")
    page_url = reverse("admin:tiep_cong_dan_receptionsession_conference", args=[session.pk])
    page = login("canbo").get(page_url).content.decode()
    links = page.count(f"https://meet.langson.gov.vn/tcd-session-{session.pk}?jwt=")
    assert links == len(session.participant_points())
    assert "Gọi" not in page  # Jitsi cannot dial out: the page does not offer it
