"""The desk in Debian's Chromium, driven by Playwright: a Board officer registers a
petition; a commune officer of another commune cannot find it."""

import os
from pathlib import Path

import pytest
from django.urls import reverse
from tiep_cong_dan.demo.users import create_demo_users
from tiep_cong_dan.doctype.petition.models import Petition

from ..conftest import (
    PASSWORD,
    current_code,
    ensure_master_data,
    make_citizen,
    new_unit,
    totp_device,
)

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the
# test itself (not by the live server) are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (scripts/ensure-test-system.sh)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


def _login(page, base: str, username: str) -> None:
    """The sign-in form, then the authenticator app's code for those who must give one."""
    page.goto(base + reverse("admin:login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
    if "/two-factor/" in page.url:
        from django.contrib.auth.models import User
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = totp_device(User.objects.get(username=username))
        # A second sign-in within the same 30 s would reuse a code, which django-otp
        # rightly refuses; tests sign in faster than people do.
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
        if "/setup/" in page.url:
            page.goto(page.url.replace("/setup/", "/verify/"))
        page.fill("input[name=code]", current_code(device))
        page.click("#tcd-code-form button[type=submit]")
        page.wait_for_url(lambda url: "/two-factor/" not in url)


def _choose(page, field: str, text: str) -> None:
    """Pick `text` in a select2 autocomplete widget."""
    page.click(f"#id_{field} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_board_officer_registers_and_other_commune_cannot_see(live_server, browser):
    ensure_master_data()
    create_demo_users(PASSWORD)
    ky_lua = new_unit("06187")
    make_citizen(ky_lua, "Triệu Thị Hoa", "020190000777")
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1440, "height": 900})

    _login(page, live_server.url, "canbo")
    page.goto(live_server.url + reverse("admin:tiep_cong_dan_petition_add"))
    page.select_option("#id_channel", "in_person")
    page.select_option("#id_kind", "complaint")
    _choose(page, "citizen", "Triệu Thị Hoa")
    page.fill("#id_summary", "Khiếu nại về bồi thường giải phóng mặt bằng")
    page.fill("#id_content", "Gia đình chưa được bồi thường phần tài sản trên đất.")
    _choose(page, "matter_unit", "Kỳ Lừa")
    page.screenshot(path=str(ARTIFACTS / "petition-add.png"), full_page=True)
    page.click("button[name=_save]")
    page.wait_for_url(lambda url: url.rstrip("/").endswith("/petition"))
    petition = Petition.objects.get()
    assert petition.registration_number.endswith("/TCD-000001")
    assert petition.residence_unit == ky_lua and petition.created_by.username == "canbo"
    assert page.locator("#result_list a", has_text=petition.registration_number).count() == 1
    page.screenshot(path=str(ARTIFACTS / "petition-list-board.png"), full_page=True)

    page.context.clear_cookies()
    _login(page, live_server.url, "xa_dongkinh")
    page.goto(
        live_server.url
        + reverse("admin:tiep_cong_dan_petition_changelist")
        + "?q="
        + petition.registration_number
    )
    assert page.locator("#result_list a", has_text=petition.registration_number).count() == 0
    assert page.locator("html[lang=vi]").count() == 1  # Vietnamese whatever the browser says
    page.screenshot(path=str(ARTIFACTS / "petition-list-commune.png"), full_page=True)
    page.goto(live_server.url + reverse("admin:tiep_cong_dan_petition_change", args=[petition.pk]))
    assert "Triệu Thị Hoa" not in page.content()
