"""In Chromium: the home page's “Việc cần làm” for the Chairman and for an agency
officer; a Board officer mentions the Chairman in a comment (picked from the
suggestions), and the mention arrives in the Chairman's bell, which opens the comment
and is then read."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from tiep_cong_dan.demo.users import create_demo_users
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.reception_session.models import ReceptionSession
from tiep_cong_dan.doctype.result_notice.models import Assignment, ResultNotice
from tiep_cong_dan.workflow.models import Comment

from ..conftest import PASSWORD, ensure_master_data, make_citizen, make_petition, new_unit
from ..workflow.helpers import set_state
from .test_desk_browser import ARTIFACTS, _login, browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world():
    """Two cases awaiting the Chairman's approval, a session awaiting his approval, a
    notice awaiting his signature; Sở Nông nghiệp's tasks, one overdue."""
    today = timezone.localdate()
    dk, kl = new_unit("05977"), new_unit("06187")
    snnmt = Agency.objects.get(code="SNNMT")
    first = make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000001"), agencies=[snnmt])
    second = make_petition(kl, make_citizen(kl, "Nông Thị Bích", "020190000002"))
    for p in (first, second):
        set_state(p, "endorsed")
    session = ReceptionSession.objects.create(
        kind="periodic",
        date=today + datetime.timedelta(days=20),
        presiding_official="Chủ tịch UBND tỉnh",
    )
    set_state(session, "planned")
    notice = ResultNotice.objects.create(session=session)
    set_state(notice, "submitted")
    for days in (-3, 4):
        Assignment.objects.create(
            notice=notice,
            petition=first,
            agency=snnmt,
            task="Kiểm tra hiện trạng sử dụng đất, trả lời công dân.",
            deadline=today + datetime.timedelta(days=days),
        )
    return first


def test_home_work_and_a_mention_arriving_in_the_bell(live_server, browser):  # noqa: F811
    ensure_master_data()
    create_demo_users(PASSWORD)
    petition = _world()
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    base = live_server.url

    # The Chairman's home page: what waits for his decision, with counts and links.
    _login(page, base, "chutich")
    page.goto(base + reverse("admin:index"))
    work = page.locator("#my-work")
    assert "Việc cần làm" in work.inner_text()
    rows = work.locator(".tcd-work-row")
    assert rows.count() == 3
    assert "Chủ tịch chấp thuận tiếp trực tuyến" in rows.nth(0).inner_text()
    assert rows.nth(0).locator(".tcd-work-n").inner_text() == "2"
    page.screenshot(path=str(ARTIFACTS / "home-chutich.png"), full_page=True)
    rows.nth(0).click()
    page.wait_for_load_state()
    assert "state=endorsed" in page.url

    # The agency officer's: their tasks, one overdue.
    page.context.clear_cookies()
    _login(page, base, "so_nnmt")
    page.goto(base + reverse("admin:index"))
    row = page.locator("#my-work .tcd-work-row")
    assert row.count() == 1
    assert "1 quá hạn" in row.inner_text() and "Báo cáo kết quả thực hiện" in row.inner_text()
    page.screenshot(path=str(ARTIFACTS / "home-agency.png"), full_page=True)

    # The Board officer mentions the Chairman, picked from the suggestions.
    page.context.clear_cookies()
    _login(page, base, "canbo")
    page.goto(base + reverse("admin:tiep_cong_dan_petition_change", args=[petition.pk]))
    box = page.locator("#tcd-note")
    box.click()
    box.press_sequentially("Kính trình @chut")
    suggestion = page.locator("#tcd-mention-list li", has_text="@chutich")
    suggestion.wait_for()
    box.press("Enter")
    box.press_sequentially("cho ý kiến về việc tiếp trực tuyến vụ việc này.")
    assert (
        box.input_value() == "Kính trình @chutich cho ý kiến về việc tiếp trực tuyến vụ việc này."
    )
    page.locator("#comment-form button[type=submit]").click()
    page.wait_for_load_state()
    comment = Comment.objects.get()
    assert "#comment-" in page.url
    assert page.locator(f"#comment-{comment.pk} .tcd-mention").inner_text() == "@chutich"
    page.locator("#workflow-timeline").screenshot(path=str(ARTIFACTS / "comment-timeline.png"))

    # It arrives in the Chairman's bell, on whatever page he is.
    page.context.clear_cookies()
    _login(page, base, "chutich")
    page.goto(base + reverse("admin:tiep_cong_dan_receptionsession_changelist"))
    assert page.locator("#tcd-bell-count").inner_text() == "1"
    page.locator("#tcd-bell > summary").click()
    item = page.locator("#tcd-bell-panel .tcd-bell-item.unread")
    item.wait_for()
    assert "đã nhắc đến đồng chí" in item.inner_text()
    assert petition.registration_number in item.inner_text()
    page.screenshot(path=str(ARTIFACTS / "comment-mention-bell.png"))
    item.locator("a").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"#comment-{comment.pk}")
    assert page.locator("#tcd-bell-count").count() == 0  # read by opening it
    assert (
        "cho ý kiến về việc tiếp trực tuyến" in page.locator(f"#comment-{comment.pk}").inner_text()
    )
