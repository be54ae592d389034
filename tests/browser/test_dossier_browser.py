"""An agency's dossier page in Chromium: Sở Nông nghiệp và Môi trường writes its
briefing for a hearing, saves it and submits it; the page then shows it handed in on
time, the form frozen for the agency."""

import pytest
from django.urls import reverse
from django.utils import timezone
from tiep_cong_dan import workflow
from tiep_cong_dan.demo.users import create_demo_users
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.bridge_point.services import primary_point_for
from tiep_cong_dan.doctype.hearing_dossier.models import HearingDossier
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession
from tiep_cong_dan.doctype.reception_session.services import create_session
from tiep_cong_dan.doctype.working_calendar.services import add_working_days

from ..conftest import PASSWORD, ensure_master_data, make_citizen, make_petition, new_unit
from ..workflow.helpers import approve_online
from .test_desk_browser import ARTIFACTS, _login, browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_agency_writes_and_submits_its_dossier(live_server, browser):  # noqa: F811
    ensure_master_data()
    create_demo_users(PASSWORD)
    from django.contrib.auth.models import User

    users = {u.username: u for u in User.objects.all()}
    dk = new_unit("05977")
    petition = approve_online(
        make_petition(
            dk,
            make_citizen(dk, "Hoàng Văn An", "020090000001"),
            agencies=[Agency.objects.get(code="SNNMT")],
        ),
        users,
    )
    session = create_session(
        ReceptionSession(
            kind="periodic",
            date=add_working_days(timezone.localdate(), 10),
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
    workflow.apply(session, "plan", by=users["canbo"])
    workflow.apply(session, "approve", by=users["chutich"])
    dossier = HearingDossier.objects.get(agency__code="SNNMT")
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1440, "height": 1100})
    _login(page, live_server.url, "so_nnmt")
    page.goto(live_server.url + reverse("admin:tiep_cong_dan_hearingdossier_changelist"))
    assert page.locator("#result_list tbody tr").count() == 1  # its own dossier only
    page.goto(
        live_server.url + reverse("admin:tiep_cong_dan_hearingdossier_change", args=[dossier.pk])
    )
    page.fill("#id_case_history", "Năm 2024 hộ ông An bị thu hồi 320 m² đất nông nghiệp.")
    page.fill(
        "#id_decisions", "Quyết định giải quyết khiếu nại lần đầu số 12/QĐ-UBND ngày 05/3/2025."
    )
    page.fill(
        "#id_proposal", "Đề nghị Chủ tịch UBND tỉnh giữ nguyên quyết định giải quyết lần đầu."
    )
    page.click("button[name=_continue]")
    page.wait_for_load_state()
    page.screenshot(path=str(ARTIFACTS / "ho-so-vu-viec-co-quan.png"), full_page=True)
    page.locator("#workflow-panel button.tcd-go", has_text="Nộp hồ sơ").click()
    page.wait_for_load_state()
    dossier.refresh_from_db()
    assert dossier.state == "submitted" and not dossier.submitted_late
    assert dossier.proposal.startswith("Đề nghị Chủ tịch UBND tỉnh")
    page.screenshot(path=str(ARTIFACTS / "ho-so-vu-viec-da-nop.png"), full_page=True)
