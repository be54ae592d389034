"""Duplicate registrations in Debian's Chromium (issue 19): the registration form
lists the likely duplicate with its link and saves only with "register anyway"; the
Board officer then voids the copy as a duplicate of the first."""

import os

import pytest
from django.urls import reverse
from tiep_cong_dan.demo.users import create_demo_users
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.workflow import timeline

from ..conftest import PASSWORD, ensure_master_data, make_citizen, make_petition, new_unit
from .test_desk_browser import ARTIFACTS, _choose, _login, browser  # noqa: F401

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_warning_then_the_void(live_server, browser):  # noqa: F811
    ensure_master_data()
    create_demo_users(PASSWORD)
    unit = new_unit("06187")
    citizen = make_citizen(unit, "Triệu Thị Hoa", "020190000777")
    first = make_petition(unit, citizen, summary="Khiếu nại về bồi thường giải phóng mặt bằng")
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    _login(page, live_server.url, "canbo")
    page.goto(live_server.url + reverse("admin:tiep_cong_dan_petition_add"))
    page.fill("#id_received_date", first.received_date.strftime("%d/%m/%Y"))
    page.select_option("#id_channel", "in_person")
    page.select_option("#id_kind", "complaint")
    _choose(page, "citizen", "Triệu Thị Hoa")
    page.fill("#id_summary", "Khiếu nại về bồi thường giải phóng mặt bằng")
    page.fill("#id_content", "Nội dung đơn do công dân trình bày.")
    _choose(page, "matter_unit", "Kỳ Lừa")
    page.click("button[name=_save]")
    warning = page.locator("#duplicates-warning")
    warning.wait_for()
    assert warning.locator("a", has_text=first.registration_number).count() == 1
    assert "cùng số giấy tờ tùy thân" in warning.inner_text()
    assert Petition.objects.count() == 1
    warning.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "duplicate-warning.png"), full_page=False)
    page.check("#id_register_anyway")
    page.click("button[name=_save]")
    page.wait_for_url(lambda url: url.rstrip("/").endswith("/petition"))
    second = Petition.objects.exclude(pk=first.pk).get()
    page.goto(
        live_server.url + reverse("admin:tiep_cong_dan_petition_void_duplicate", args=[second.pk])
    )
    page.check(f"input[name=original][value='{first.pk}']")
    page.fill("textarea[name=reason]", "Công dân nộp đơn hai lần trong ngày")
    page.screenshot(path=str(ARTIFACTS / "duplicate-void.png"), full_page=False)
    page.click("form button[type=submit] >> text=Hủy do trùng đơn")
    page.wait_for_url(lambda url: url.rstrip("/").endswith("/change"))
    second.refresh_from_db()
    assert second.state == "voided" and second.duplicate_of == first
    assert timeline(second)[-1].action == "void_duplicate"
    assert "Đã hủy do trùng đơn" in page.content()
    page.screenshot(path=str(ARTIFACTS / "duplicate-voided.png"), full_page=False)
