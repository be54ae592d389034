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


def _field_errors(response) -> str:
    import re

    page = response.content.decode()
    return " ".join(re.findall(r'class="errorlist tcd-field-errors"[^>]*>(.*?)</ul>', page, re.S))


def test_a_refused_save_keeps_every_typed_value_and_shows_the_error_at_its_field(session, login):
    """Given the console of a running session, when the Chairman's secretary types
    "abc" as the number attending with the minutes and the conclusion written and
    saves, then nothing is saved, the page comes back with all three values as typed
    and the error beside "Số người dự", and another hearing's fields stay as saved."""
    import re

    set_state(session, "in_progress")
    url = reverse("admin:tiep_cong_dan_receptionsession_console", args=[session.pk])
    first, second = session.agenda_items.order_by("position")
    client = login("canbo")
    minutes = "Công dân trình bày <việc> tranh chấp đất; Sở NN&MT báo cáo."
    conclusion = "Giao UBND xã kiểm tra, trả lời trong 15 ngày."
    page = client.post(
        url,
        {
            "item": first.pk,
            "do": "save",
            "attendance": "abc",
            "minutes": minutes,
            "conclusion": conclusion,
        },
        follow=True,
    )
    html = page.content.decode()
    first.refresh_from_db()
    assert (first.attendance_count, first.minutes, first.conclusion_draft) == (None, "", "")
    assert '<input name="attendance" value="abc"' in html
    assert (
        ">Công dân trình bày &lt;việc&gt; tranh chấp đất; Sở NN&amp;MT báo cáo.</textarea>" in html
    )
    assert f">{conclusion}</textarea>" in html
    # the error is beside the field it concerns, right after the attendance input
    attendance = re.search(r'<input name="attendance"[^>]*>(.*?)</label>', html, re.S).group(1)
    assert "Số người dự phải là số nguyên." in attendance
    assert "Chưa lưu" in _messages(page)
    assert html.count(f">{conclusion}</textarea>") == 1  # not on the other hearing
    # a refusal about no field (the session is closed) keeps the words typed too
    set_state(session, "closed")
    ended = client.post(
        url,
        {"item": first.pk, "do": "save", "minutes": minutes, "conclusion": conclusion},
        follow=True,
    ).content.decode()
    assert f">{conclusion}</textarea>" in ended and "Kỳ tiếp chưa bắt đầu" in ended
    set_state(session, "in_progress")
    # and once shown, the page shows the saved values again
    again = client.get(url).content.decode()
    assert conclusion not in again and "Số người dự phải là số nguyên." not in again


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
    assert "số nguyên" in _field_errors(bad)
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
    assert f"Nhập tối đa {LONG_TEXT} ký tự" in _field_errors(long)
    item.refresh_from_db()
    assert item.minutes == ""
    reference = client.post(url, {"recording": "N" * 256}, follow=True)
    assert "Nhập tối đa 255 ký tự" in _field_errors(reference)
    # and a hearing named by a word instead of its number is a message, not an error
    word = client.post(url, {"item": "abc", "do": "start"}, follow=True)
    assert word.status_code == 200 and "Lượt tiếp phải là số nguyên" in _messages(word)
