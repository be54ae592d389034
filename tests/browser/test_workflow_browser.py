"""A petition carried from receipt to closure in Chromium by the right people, each
refused step explaining itself, with the full timeline on the form at the end."""

import datetime

import pytest
from django.urls import reverse
from tiep_cong_dan import workflow
from tiep_cong_dan.demo.users import create_demo_users
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession
from tiep_cong_dan.doctype.reception_session.services import create_session
from tiep_cong_dan.doctype.result_notice.models import Assignment, Conclusion, ResultNotice
from tiep_cong_dan.doctype.result_notice.services import assign_task, draft_result_notice

from ..conftest import PASSWORD, ensure_master_data, make_citizen, make_petition, new_unit
from ..workflow.helpers import tell_citizen
from .test_desk_browser import ARTIFACTS, _login, browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _panel_click(page, label: str, comment: str = "") -> None:
    if comment:
        page.fill("#wf-comment", comment)
    page.locator("#workflow-panel button.tcd-go", has_text=label).click()
    page.wait_for_load_state()


def _as(page, base, username):
    page.context.clear_cookies()
    _login(page, base, username)


def test_petition_from_receipt_to_closure(live_server, browser):  # noqa: F811
    ensure_master_data()
    create_demo_users(PASSWORD)
    from django.contrib.auth.models import User

    users = {u.username: u for u in User.objects.all()}
    dk = new_unit("05977")
    petition = make_petition(
        dk,
        make_citizen(dk, "Hoàng Văn An", "020090000001"),
        received=datetime.date.today() - datetime.timedelta(days=1),
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    url = live_server.url + reverse("admin:tiep_cong_dan_petition_change", args=[petition.pk])

    # The officer tries to classify before the jurisdiction is known: refused, with why.
    _login(page, live_server.url, "canbo")
    page.goto(url)
    blocked = page.locator("#workflow-panel .tcd-blocked li", has_text="Phân loại")
    assert blocked.count() == 1 and blocked.locator(".tcd-why").count() == 1
    page.screenshot(path=str(ARTIFACTS / "workflow-received.png"), full_page=True)

    # The officer records what classification needs, saves, and takes the steps.
    page.select_option("#id_jurisdiction", "chairman")
    page.select_option("#id_eligibility_basis", "scheme_2_1")
    page.check("#id_citizen_consent")
    page.select_option("#id_acceptance_outcome", "accepted")
    page.click("button[name=_continue]")
    page.wait_for_load_state()
    _panel_click(page, "Ghi nhận đã thông báo thụ lý")
    _panel_click(page, "Phân loại")
    _panel_click(page, "Đề xuất tiếp trực tuyến")
    assert "Đề xuất tiếp trực tuyến" in page.locator(".tcd-state").inner_text()
    # Now the officer may no longer edit the proposal, nor endorse it.
    assert page.locator("button[name=_save]").count() == 0
    buttons = page.locator("#workflow-panel button.tcd-go").all_inner_texts()
    assert not any("Trưởng Ban" in b for b in buttons), buttons

    _as(page, live_server.url, "truongban")
    page.goto(url)
    _panel_click(page, "Trưởng Ban thông qua")
    _as(page, live_server.url, "chutich")
    page.goto(url)
    page.screenshot(path=str(ARTIFACTS / "workflow-chairman.png"), full_page=True)
    _panel_click(page, "Chủ tịch chấp thuận")
    petition.refresh_from_db()
    assert petition.state == "approved"

    # The session, the hearing and the notice (their own forms are tested elsewhere).
    session = create_session(
        ReceptionSession(
            kind="periodic",
            date=datetime.date.today(),
            presiding_official="Chủ tịch UBND tỉnh",
            host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
        ),
        by=users["canbo"],
    )
    AgendaItem.objects.create(session=session, position=1, petition=petition, mode="in_person")
    for action, who in (("plan", "canbo"), ("approve", "chutich"), ("hold_in_person", "canbo")):
        workflow.apply(session, action, by=users[who])
    workflow.apply(session, "start", by=users["canbo"])
    AgendaItem.objects.filter(session=session).update(heard=True)
    tell_citizen(petition)
    workflow.apply(session, "finish", by=users["canbo"])
    notice = draft_result_notice(
        ResultNotice(
            session=session,
            signer_name="Hồ Tiến Thiệu",
            signer_title="Chủ tịch",
            recipients="- Như trên;\n- Lưu: VT, BTCD.",
        ),
        by=users["canbo"],
    )
    Conclusion.objects.create(notice=notice, petition=petition, text="Giao Sở kiểm tra.")
    task = assign_task(
        Assignment(
            notice=notice,
            petition=petition,
            agency=Agency.objects.get(code="SNNMT"),
            task="Kiểm tra, trả lời công dân.",
            working_days=10,
        ),
        by=users["canbo"],
    )
    workflow.apply(notice, "review", by=users["truongban"])
    workflow.apply(notice, "submit", by=users["canbo"])

    _as(page, live_server.url, "chutich")
    page.goto(
        live_server.url + reverse("admin:tiep_cong_dan_resultnotice_change", args=[notice.pk])
    )
    _panel_click(page, "Ký ban hành")
    notice.refresh_from_db()
    assert notice.number.endswith("/TB-UBND")

    # The department reports on its task; the Board accepts; the case can close.
    _as(page, live_server.url, "so_nnmt")
    task_url = live_server.url + reverse("admin:tiep_cong_dan_assignment_change", args=[task.pk])
    page.goto(task_url)
    page.fill("#id_report", "Đã kiểm tra, trả lời công dân bằng văn bản.")
    page.fill("#id_done_on", datetime.date.today().strftime("%d/%m/%Y"))
    page.click("button[name=_continue]")
    page.wait_for_load_state()
    _panel_click(page, "Báo cáo kết quả thực hiện")
    _as(page, live_server.url, "canbo")
    page.goto(task_url)
    _panel_click(page, "Chấp nhận kết quả")
    page.goto(url)
    _panel_click(page, "Kết thúc hồ sơ")
    petition.refresh_from_db()
    assert petition.state == "closed"
    timeline = page.locator("#workflow-timeline tbody tr")
    steps = [timeline.nth(i).locator("td").nth(1).inner_text() for i in range(timeline.count())]
    assert steps[0] == "Tiếp nhận, tạo mới"
    assert len(steps) == 11, steps
    page.screenshot(path=str(ARTIFACTS / "workflow-closed.png"), full_page=True)
    assert Petition.objects.get(pk=petition.pk).state == "closed"
