"""A session on the (fake) Pexip in Chromium: the room prepared when the Chairman
approves, its points' readiness and connections on the meeting page, the hearings run
in the console, its recording registered by its path on the storage, and the session
closed."""

import datetime

import pytest
import requests
from django.urls import reverse
from tiep_cong_dan import workflow
from tiep_cong_dan.conference.pexip.fake import serve
from tiep_cong_dan.demo.users import create_demo_users
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint, ConnectionTest
from tiep_cong_dan.doctype.bridge_point.services import primary_point_for
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession
from tiep_cong_dan.doctype.reception_session.services import create_session
from tiep_cong_dan.doctype.result_notice.models import ResultNotice
from tiep_cong_dan.doctype.result_notice.services import draft_result_notice

from ..conftest import PASSWORD, ensure_master_data, make_citizen, make_petition, new_unit
from ..workflow.helpers import approve_online, at, set_state, tell_citizen
from .test_desk_browser import ARTIFACTS, _login, browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_session_on_pexip_from_its_room_to_its_close(
    live_server,
    browser,  # noqa: F811
    settings,
    tmp_path,
):
    server, state, url = serve(username="tcd", password="demo")
    settings.TCD_PEXIP_URL, settings.TCD_PEXIP_USER, settings.TCD_PEXIP_PASSWORD = (
        url,
        "tcd",
        "demo",
    )
    try:
        ensure_master_data()
        create_demo_users(PASSWORD)
        from django.contrib.auth.models import User

        users = {u.username: u for u in User.objects.all()}
        dk = new_unit("05977")
        petition = approve_online(
            make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000001")), users
        )
        day = datetime.date(2026, 3, 16)
        session = create_session(
            ReceptionSession(
                kind="periodic",
                date=day,
                presiding_official="Chủ tịch UBND tỉnh",
                host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
            ),
            by=users["canbo"],
        )
        AgendaItem.objects.create(
            session=session,
            position=1,
            petition=petition,
            mode="online",
            bridge_point=primary_point_for(petition.residence_unit),
        )
        workflow.apply(session, "plan", by=users["canbo"], at=at(datetime.date(2026, 3, 2)))
        workflow.apply(session, "approve", by=users["chutich"], at=at(datetime.date(2026, 3, 3)))
        session.refresh_from_db()
        assert session.conference_reference  # the job prepared the room on approval
        for point in session.participant_points():
            ConnectionTest.objects.create(
                bridge_point=point,
                tested_at=at(datetime.date(2026, 3, 13), 15),
                result="success",
                audio_ok=True,
                video_ok=True,
            )
        ARTIFACTS.mkdir(exist_ok=True)
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        _login(page, live_server.url, "canbo")
        room = live_server.url + reverse(
            "admin:tiep_cong_dan_receptionsession_conference", args=[session.pk]
        )
        page.goto(room)
        assert "chưa có" not in page.locator("table.tcd-timeline").inner_text()  # all tested
        requests.post(f"{url}/_fake/start", json={"name": f"tcd-session-{session.pk}"}, timeout=5)
        page.goto(room)
        assert page.locator("text=cuộc họp đang diễn ra").count() == 1
        page.screenshot(path=str(ARTIFACTS / "conference-room.png"), full_page=True)

        set_state(session, "in_progress")  # the day's steps (connect, start) are dated
        console = live_server.url + reverse(
            "admin:tiep_cong_dan_receptionsession_console", args=[session.pk]
        )
        page.goto(console)
        page.click("button[value=start]")
        page.wait_for_load_state()
        page.fill("textarea[name=minutes]", "Công dân trình bày việc thu hồi đất.")
        page.fill("textarea[name=conclusion]", "Giao Sở Nông nghiệp và Môi trường kiểm tra.")
        page.fill("input[name=attendance]", "2")
        page.click("button[value=save]")
        page.wait_for_load_state()
        page.click("button[value=end]")
        page.wait_for_load_state()
        page.fill("input[name=recording]", "NAS-TSTCD/2026/03/16/phien.mp4")
        page.locator("input[name=recording] >> xpath=../following-sibling::button").click()
        page.wait_for_load_state()
        page.screenshot(path=str(ARTIFACTS / "session-console.png"), full_page=True)
        settings.TCD_RECORDING_STORAGE = tmp_path
        (tmp_path / "phien.mp4").write_bytes(b"video of the afternoon")
        kept = reverse("admin:tiep_cong_dan_receptionsession_recordings", args=[session.pk])
        page.goto(live_server.url + kept)
        page.fill("input[name=location]", "phien.mp4")
        page.locator("form:has(input[name=location]) button").click()
        page.wait_for_load_state()
        page.screenshot(path=str(ARTIFACTS / "session-recordings.png"), full_page=True)
        assert session.recordings.get().size == len(b"video of the afternoon")
        item = session.agenda_items.get()
        assert item.heard and item.attendance_count == 2
        tell_citizen(item.petition)
        workflow.apply(session, "finish", by=users["canbo"], at=at(day, 17))
        workflow.apply(session, "close", by=users["canbo"], at=at(day, 17, 30))
        session.refresh_from_db()
        assert session.state == "closed"
        assert not state.conferences and not state.adps  # the room left the platform
        assert state.history  # its history stays there
        assert session.recording_reference == "NAS-TSTCD/2026/03/16/phien.mp4"
        notice = draft_result_notice(ResultNotice(session=session), by=users["canbo"])
        assert notice.conclusions.get().text == "Giao Sở Nông nghiệp và Môi trường kiểm tra."
    finally:
        server.shutdown()
