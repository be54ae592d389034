"""The Board's console during the session: hearings started and ended one at a time,
attendance, minutes and the Chairman's conclusion per hearing (which then opens the
Result Notice's draft), the recording reference; refused outside a running session and
for those who do not run it."""

from django.urls import reverse
from tiep_cong_dan.doctype.result_notice.models import ResultNotice
from tiep_cong_dan.doctype.result_notice.services import draft_result_notice

from ..workflow.helpers import set_state


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_running_the_hearings(session, role_users, login):
    url = reverse("admin:tiep_cong_dan_receptionsession_console", args=[session.pk])
    first, second = session.agenda_items.order_by("position")
    client = login("canbo")
    refused = client.post(url, {"item": first.pk, "do": "start"}, follow=True)
    assert "chưa bắt đầu" in _messages(refused)  # the session is not running yet
    set_state(session, "in_progress")
    client.post(url, {"item": first.pk, "do": "start"})
    busy = client.post(url, {"item": second.pk, "do": "start"}, follow=True)
    assert "Đang có vụ việc khác" in _messages(busy)
    page = client.get(url).content.decode()
    assert first.petition.registration_number in page and "Kết thúc lượt tiếp" in page
    client.post(url, {"item": first.pk, "do": "end"})
    bad = client.post(url, {"item": first.pk, "do": "save", "attendance": "ba"}, follow=True)
    assert "số nguyên" in _messages(bad)
    client.post(
        url,
        {
            "item": first.pk,
            "do": "save",
            "attendance": "3",
            "minutes": "Công dân trình bày; Sở NN&MT báo cáo.",
            "conclusion": "Giao Sở Nông nghiệp và Môi trường kiểm tra, trả lời trong 15 ngày.",
        },
    )
    client.post(url, {"recording": "NAS-TSTCD/2026/03/16/phien-01.mp4"})
    first.refresh_from_db()
    session.refresh_from_db()
    assert first.heard and first.started_at < first.ended_at and first.attendance_count == 3
    assert session.recording_reference == "NAS-TSTCD/2026/03/16/phien-01.mp4"
    notice = draft_result_notice(ResultNotice(session=session), by=role_users["canbo"])
    (conclusion,) = notice.conclusions.all()
    assert conclusion.petition_id == first.petition_id
    assert conclusion.text.startswith("Giao Sở Nông nghiệp")


def test_only_the_board_runs_the_console(session, login):
    set_state(session, "in_progress")
    url = reverse("admin:tiep_cong_dan_receptionsession_console", args=[session.pk])
    item = session.agenda_items.first()
    assert login("kythuat").get(url).status_code == 200  # sees it
    assert login("kythuat").post(url, {"item": item.pk, "do": "start"}).status_code == 403
    assert login("so_nnmt").get(url).status_code == 404  # not invited: no such session


def test_the_console_holds_minutes_and_references_to_their_limits(session, login):
    from tiep_cong_dan.core.validators import LONG_TEXT

    set_state(session, "in_progress")
    url = reverse("admin:tiep_cong_dan_receptionsession_console", args=[session.pk])
    item = session.agenda_items.order_by("position").first()
    client = login("canbo")
    # given minutes longer than a hearing's, and a reference past its column
    long = client.post(
        url, {"item": item.pk, "do": "save", "minutes": "x" * (LONG_TEXT + 1)}, follow=True
    )
    assert f"Nhập tối đa {LONG_TEXT} ký tự" in _messages(long)
    item.refresh_from_db()
    assert item.minutes == ""
    reference = client.post(url, {"recording": "N" * 256}, follow=True)
    assert "Nhập tối đa 255 ký tự" in _messages(reference)
    # and a hearing named by a word instead of its number is a message, not an error
    word = client.post(url, {"item": "abc", "do": "start"}, follow=True)
    assert word.status_code == 200 and "Lượt tiếp phải là số nguyên" in _messages(word)
