"""The queue page with each case's expected hearing and the forecast, in Debian's
Chromium; a commune officer proposing a case of their commune on its desk form."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from tiep_cong_dan.demo.users import create_demo_users
from tiep_cong_dan.doctype.case_proposal.models import CaseProposal
from tiep_cong_dan.doctype.reception_session.models import ReceptionSession
from tiep_cong_dan.scheduling.models import QueuePlanning
from tiep_cong_dan.scheduling.planning import set_wait_threshold

from ..conftest import PASSWORD, ensure_master_data, make_citizen, make_petition, new_unit
from ..scheduling.test_forecast_desk import _approved
from .test_desk_browser import ARTIFACTS, _choose, _login, browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_queue_shows_expected_waits_and_the_board_head_sets_the_threshold(
    live_server,
    browser,  # noqa: F811
):
    ensure_master_data()
    create_demo_users(PASSWORD)
    users = {u.username: u for u in User.objects.all()}
    ReceptionSession.objects.create(
        kind="periodic",
        date=timezone.localdate() + datetime.timedelta(days=6),
        presiding_official="Chủ tịch UBND tỉnh",
        capacity=3,
    )
    _approved(5, users)
    _approved(3, users, code="06187")
    # Three are heard in six days; the five others at a later month's session.
    set_wait_threshold(10)
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    _login(page, live_server.url, "truongban")
    page.goto(live_server.url + reverse("admin:tiep_cong_dan_petition_queue"))
    assert page.locator("#tcd-forecast tbody tr").count() == 12
    assert page.locator("#tcd-what-ifs tbody tr").count() == 4
    assert page.locator("[data-flag=over-threshold]").count() == 5
    page.screenshot(path=str(ARTIFACTS / "queue-expected-waits.png"), full_page=True)
    page.fill("#tcd-threshold input[name=threshold]", "400")
    page.click("#tcd-threshold button[type=submit]")
    page.wait_for_load_state()
    assert QueuePlanning.objects.get().wait_threshold_days == 400
    assert "Đã đặt ngưỡng thời gian chờ dự kiến là 400 ngày." in page.content()
    assert page.locator("[data-flag=over-threshold]").count() == 0


def test_a_commune_officer_proposes_a_case_of_their_commune(live_server, browser):  # noqa: F811
    ensure_master_data()
    create_demo_users(PASSWORD)
    dk = new_unit("05977")
    petition = make_petition(dk, make_citizen(dk, "Hoàng Văn Đề", "020090000555"))
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    _login(page, live_server.url, "xa_dongkinh")
    page.goto(live_server.url + reverse("admin:tiep_cong_dan_caseproposal_add"))
    _choose(page, "petition", petition.registration_number)
    page.select_option("#id_ground", "over_heads")
    page.fill("#id_details", "Công dân đã gửi đơn đến nhiều cơ quan Trung ương.")
    page.screenshot(path=str(ARTIFACTS / "proposal-add-commune.png"), full_page=True)
    page.click("button[name=_save]")
    page.wait_for_url(lambda url: url.rstrip("/").endswith("/caseproposal"))
    proposal = CaseProposal.objects.get()
    assert proposal.petition == petition and proposal.proposing_unit == dk
    page.context.clear_cookies()
    _login(page, live_server.url, "canbo")
    page.goto(live_server.url + reverse("admin:tiep_cong_dan_caseproposal_changelist"))
    assert page.locator("#result_list", has_text=petition.registration_number).count() == 1
    page.screenshot(path=str(ARTIFACTS / "proposals-board-queue.png"), full_page=True)
