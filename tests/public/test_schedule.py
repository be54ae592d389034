"""The public reception schedule: what each state of a session shows (announced
onward, never a draft or an unannounced plan), postponements and cancellations with
their reason, the feeds (iCalendar parsed back, JSON with its ETag), no personal data
in any output, a constant number of queries, the weight of a page and its policy."""

import datetime
import json

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tiep_cong_dan.core.records import save_changes
from tiep_cong_dan.doctype.petition.constants import PetitionKind
from tiep_cong_dan.public.feeds import session_uid
from tiep_cong_dan.public.isolation import PUBLIC_CSP
from tiep_cong_dan.public.schedule import public_reason, public_sessions

from .helpers import announced, days_ahead, hear, new_session, step

pytestmark = pytest.mark.django_db

SCHEDULE = "/lich-tiep/"
ICS = "/lich-tiep/lich.ics"
JSON = "/lich-tiep/lich.json"
EMBED = "/lich-tiep/nhung/"


def label(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


def feed_json(client) -> dict:
    return json.loads(client.get(JSON).content)


def test_url_names():
    assert reverse("public:schedule") == SCHEDULE
    assert reverse("public:schedule_ics") == ICS
    assert reverse("public:schedule_json") == JSON
    assert reverse("public:schedule_embed") == EMBED


def test_announced_shows_drafts_and_unannounced_plans_do_not(client, master_data):
    # given an announced session, a draft and a session approved but not yet announced
    shown = announced(days_ahead(20))
    draft = new_session(days_ahead(21))
    approved = new_session(days_ahead(22), state="approved")
    hear(shown, "05977", "Hoàng Văn An")
    # when the public reads the schedule
    page = client.get(SCHEDULE).content.decode()
    # then only the announced one is there, with its facts
    assert label(shown.date) in page
    assert label(draft.date) not in page and label(approved.date) not in page
    assert "Đã thông báo" in page and "Định kỳ" in page and "Trực tuyến" in page
    assert "14:00–17:00" in page and "Chủ tịch UBND tỉnh" in page
    assert shown.host_bridge_point.name in page
    weekday = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
    assert f"{weekday[shown.date.weekday()]}, {label(shown.date)}" in page
    ids = [s["id"] for s in feed_json(client)["sessions"]]
    assert ids == [f"reception-session-{shown.pk}@tcd-20"]
    # and the detail page of a draft answers as one that does not exist
    assert client.get(f"/lich-tiep/{draft.pk}/").status_code == 404
    assert client.get(f"/lich-tiep/{approved.pk}/").status_code == 404
    detail = client.get(f"/lich-tiep/{shown.pk}/")
    assert detail.status_code == 200 and label(shown.date) in detail.content.decode()


def test_ad_hoc_in_person_session(client, master_data):
    session = new_session(days_ahead(9), kind="ad_hoc", state="in_person")
    hear(session, "05977", "Hoàng Văn An", mode="in_person")
    page = client.get(f"/lich-tiep/{session.pk}/").content.decode()
    assert "Đột xuất" in page and "Trực tiếp" in page and "08:00–11:30" in page


def test_postponed_shows_reason_then_new_date(client, master_data):
    # given an announced session postponed by the Chairman
    session = announced(days_ahead(15))
    first_day = session.date
    step(session, "postpone", "Chủ tịch có lịch công tác tại Trung ương")
    page = client.get(SCHEDULE).content.decode()
    assert "Hoãn: Chủ tịch có lịch công tác tại Trung ương" in page
    assert "Trung ương. Ngày tiếp mới sẽ được thông báo sau." in page
    assert label(first_day) in page
    # when the Board sets its new date while it is postponed
    new_day = days_ahead(29)
    save_changes(session, {"date": new_day})
    page = client.get(SCHEDULE).content.decode()
    # then the new date is shown, with the reason
    assert "Chuyển sang" in page and label(new_day) in page
    entry = feed_json(client)["sessions"][0]
    assert entry["status"] == "postponed" and entry["date"] == new_day.isoformat()
    assert entry["postponed_from"] == first_day.isoformat()
    assert entry["reason"] == "Chủ tịch có lịch công tác tại Trung ương"
    assert entry["new_date_pending"] is False


def test_rescheduled_session_stays_postponed_until_announced_again(client, master_data):
    session = announced(days_ahead(15))
    first_day = session.date
    step(session, "postpone", "Mưa lũ, chia cắt giao thông")
    step(session, "reschedule")
    save_changes(session, {"date": days_ahead(40)})  # the Board's draft date, not yet public
    entry = feed_json(client)["sessions"][0]
    assert entry["status"] == "postponed" and entry["new_date_pending"] is True
    assert entry["date"] == first_day.isoformat()
    assert days_ahead(40).isoformat() not in json.dumps(feed_json(client))
    # announced again on its new date: an ordinary announced session, moved
    from tiep_cong_dan.doctype.reception_session.models import ReceptionSession

    ReceptionSession.objects.filter(pk=session.pk).update(state="approved")
    step(session, "announce")
    entry = feed_json(client)["sessions"][0]
    assert entry["status"] == "announced" and entry["date"] == days_ahead(40).isoformat()
    assert entry["note"] == f"Đã hoãn từ ngày {label(first_day)}: Mưa lũ, chia cắt giao thông."


def test_postponement_before_the_announcement_is_not_told(client, master_data):
    from tiep_cong_dan.doctype.reception_session.models import ReceptionSession

    session = new_session(days_ahead(15), state="approved")
    step(session, "postpone", "Điều chỉnh nội bộ")
    step(session, "reschedule")
    assert feed_json(client)["sessions"] == []  # postponed, but never announced
    save_changes(session, {"date": days_ahead(30)})
    ReceptionSession.objects.filter(pk=session.pk).update(state="approved")
    step(session, "announce")
    (entry,) = feed_json(client)["sessions"]
    assert entry["status"] == "announced" and entry["note"] is None
    assert "Điều chỉnh nội bộ" not in client.get(SCHEDULE).content.decode()


def test_cancelled_shows_reason_and_cancelled_status_in_calendar(client, master_data):
    session = announced(days_ahead(12))
    never_public = new_session(days_ahead(13), state="approved")
    step(session, "cancel", "Không có công dân đăng ký được tiếp")
    step(never_public, "cancel", "Trùng lịch họp")
    page = client.get(SCHEDULE).content.decode()
    assert "Hủy: Không có công dân đăng ký được tiếp" in page
    assert "Trùng lịch họp" not in page  # never announced: never public
    calendar = icalendar.Calendar.from_ical(client.get(ICS).content)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["STATUS"]) for e in events] == ["CANCELLED"]
    assert str(events[0]["UID"]) == f"reception-session-{session.pk}@tcd-20"
    assert int(events[0]["SEQUENCE"]) == 1


def test_reason_leaves_case_numbers_and_long_numbers_out():
    reason = public_reason("Công dân  2026/TCD-000123 (CCCD 020190000777, ĐT 0912 345 678) ốm")
    assert "000123" not in reason and "020190000777" not in reason and "345" not in reason
    assert reason.startswith("Công dân … (CCCD …, ĐT …") and reason.endswith("ốm")
    assert len(public_reason("x" * 2000)) == 400


def test_no_personal_data_in_any_output(client, master_data):
    # given a session hearing a complaint and a denunciation online, with named people
    session = announced(days_ahead(10))
    complaint = hear(session, "05977", "Hoàng Văn Khiếu", summary="Khiếu nại bồi thường đất ở")
    denunciation = hear(
        session,
        "06187",
        "Lương Thị Tố",
        kind=PetitionKind.DENUNCIATION,
        summary="Tố cáo cán bộ địa chính nhận tiền",
    )
    step(session, "postpone", f"Theo đề nghị của công dân {complaint.registration_number}")
    forbidden = []
    for petition in (complaint, denunciation):
        citizen = petition.citizen
        forbidden += [
            citizen.full_name,
            citizen.id_number,
            citizen.phone,
            citizen.address,
            petition.registration_number,
            petition.summary,
            petition.content,
        ]
    # when every public output of the schedule is read
    outputs = {
        url: client.get(url).content.decode()
        for url in (SCHEDULE, f"/lich-tiep/{session.pk}/", ICS, JSON, EMBED, "/")
    }
    # then none of it names a person or a case
    for url, body in outputs.items():
        for word in forbidden:
            assert word not in body, (url, word)
        assert "người khiếu nại" not in body  # who attends at the point
    # the complaint's room is named; the room joining only for the denunciation is not
    from tiep_cong_dan.doctype.bridge_point.services import primary_point_for

    assert primary_point_for(complaint.citizen.residence_unit).name in outputs[SCHEDULE]
    assert primary_point_for(denunciation.citizen.residence_unit).name not in outputs[SCHEDULE]


def test_calendar_feed_parses_back(client, master_data):
    session = announced(days_ahead(20))
    hear(session, "05977", "Hoàng Văn An")
    hear(session, "06187", "Nông Thị Bích", mode="in_person")
    response = client.get(ICS)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    (event,) = calendar.walk("VEVENT")
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    # the morning's in-person hearings to the end of the online afternoon, Vietnam time
    assert start.isoformat() == f"{session.date.isoformat()}T08:00:00+07:00"
    assert end.isoformat() == f"{session.date.isoformat()}T17:00:00+07:00"
    assert start.astimezone(datetime.UTC).hour == 1
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "trực tuyến và trực tiếp" in str(event["DESCRIPTION"]).lower()
    assert str(event["URL"]).endswith(f"/lich-tiep/{session.pk}/")
    # the UID is the same on every read
    again = icalendar.Calendar.from_ical(client.get(ICS).content)
    assert str(next(iter(again.walk("VEVENT")))["UID"]) == str(event["UID"])
    assert str(event["UID"]) == session_uid(public_sessions(pk=session.pk)[0])


def test_json_feed_shape_and_etag(client, master_data):
    session = announced(days_ahead(20))
    hear(session, "05977", "Hoàng Văn An")
    response = client.get(JSON)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Cache-Control"] == "public, max-age=300"
    document = json.loads(response.content)
    assert document["version"] == 1 and document["timezone"] == "Asia/Ho_Chi_Minh"
    (entry,) = document["sessions"]
    assert set(entry) == {
        "id", "url", "date", "weekday", "starts_at", "ends_at", "hours", "kind",
        "kind_label", "form", "form_label", "status", "status_label", "reason",
        "postponed_from", "new_date_pending", "host_point", "rooms", "presiding", "note",
        "updated_at",
    }  # fmt: skip
    assert entry["hours"] == [{"start": "14:00", "end": "17:00", "form": "online"}]
    assert entry["starts_at"] == f"{session.date.isoformat()}T14:00:00+07:00"
    assert entry["kind_label"] == "Định kỳ" and entry["form"] == "online"
    assert len(entry["rooms"]) == 1
    # an unchanged schedule answers 304 to its ETag; a change gives a new one
    etag = response["ETag"]
    assert client.get(JSON, HTTP_IF_NONE_MATCH=etag).status_code == 304
    step(session, "postpone", "Chủ tịch bận")
    changed = client.get(JSON, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def _measured(client, url: str) -> int:
    client.get(url)  # warm what is cached per process
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_sessions(client, master_data):
    urls = (SCHEDULE, ICS, JSON, EMBED, "/")
    for n in range(2):
        hear(announced(days_ahead(10 + n)), "05977", f"Công dân {n}")
    before = {url: _measured(client, url) for url in urls}
    for n in range(2, 8):
        session = announced(days_ahead(10 + n))
        hear(session, "05977", f"Công dân {n}")
        hear(session, "06187", f"Người {n}")
        if n % 3 == 0:
            step(session, "postpone", "Lý do")
        if n % 3 == 1:
            step(session, "cancel", "Lý do")
    after = {url: _measured(client, url) for url in urls}
    assert after == before
    assert before[SCHEDULE] <= 4


def test_page_weight_under_100_kb(client, master_data):
    for n in range(15):
        session = announced(days_ahead(8 + n))
        for code in ("05977", "06187"):
            hear(session, code, f"Công dân {n} {code}")
    from django.contrib.staticfiles import finders

    css = len(open(finders.find("public/site.css"), "rb").read())
    for url in (SCHEDULE, "/"):
        html = len(client.get(url).content)
        print(f"weight {url}: {html} B of HTML + {css} B of CSS, 15 sessions")
        assert html + css < 100_000, (url, html, css)


def test_policy_has_no_inline_script(client, master_data):
    announced(days_ahead(10))
    for url in (SCHEDULE, ICS, JSON, "/"):
        policy = client.get(url)["Content-Security-Policy"]
        assert policy == PUBLIC_CSP
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    body = client.get(SCHEDULE).content.decode()
    assert "<script" not in body and " style=" not in body


def test_embed_policy_frames_only_the_configured_origins(client, master_data, settings):
    announced(days_ahead(10))
    response = client.get(EMBED)
    assert response.status_code == 200
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    settings.TCD_PUBLIC_EMBED_ORIGINS = [
        "https://langson.gov.vn",
        "https://x.example; script-src *",  # not an origin: left out
    ]
    policy = client.get(EMBED)["Content-Security-Policy"]
    assert policy.endswith("frame-ancestors 'self' https://langson.gov.vn")
    assert "script-src" not in policy
    # the other public pages still forbid framing
    assert client.get(SCHEDULE)["Content-Security-Policy"].endswith("frame-ancestors 'none'")


def test_home_shows_the_next_session(client, master_data):
    cancelled = announced(days_ahead(7))
    step(cancelled, "cancel", "Lý do")
    session = announced(days_ahead(14))
    page = client.get("/").content.decode()
    assert "Kỳ tiếp công dân sắp tới" in page
    assert label(session.date) in page and label(cancelled.date) not in page
    assert 'href="/lich-tiep/"' in page and 'href="/thong-tin/"' in page


def test_signed_in_officer_is_anonymous_on_the_schedule(client, login):
    login("canbo")
    response = client.get(SCHEDULE)
    assert response.wsgi_request.user.is_anonymous
    assert "sessionid" not in response.cookies
