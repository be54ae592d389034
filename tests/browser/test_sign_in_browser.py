"""Signing in in Chromium: the Chairman enrols an authenticator app with the key the
setup page shows and reaches the desk; five wrong passwords show the lockout page; and
no page breaks the Content-Security-Policy the desk is served with."""

from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import totp
from tiep_cong_dan.demo.users import create_demo_users

from ..conftest import PASSWORD, ensure_master_data
from .test_desk_browser import ARTIFACTS, browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _watch_policy(page) -> list[str]:
    """What Chromium refused under the Content-Security-Policy (it says so in the console)."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


def _sign_in_form(page, base: str, username: str, password: str) -> None:
    page.goto(base + reverse("admin:login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_the_chairman_enrols_and_the_desk_keeps_to_its_policy(live_server, browser):  # noqa: F811
    ensure_master_data()
    create_demo_users(PASSWORD)
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    refused = _watch_policy(page)

    _sign_in_form(page, live_server.url, "chutich", PASSWORD)
    assert "/desk/two-factor/setup/" in page.url
    assert page.locator("#tcd-totp-qr svg").count() == 1
    page.screenshot(path=str(ARTIFACTS / "two-factor-setup.png"), full_page=True)
    key = page.inner_text("#tcd-totp-secret").replace(" ", "")
    code = totp(b32decode(key + "=" * (-len(key) % 8)))
    page.fill("input[name=code]", f"{code:06d}")
    page.click("#tcd-code-form button[type=submit]")
    page.wait_for_url(lambda url: "/two-factor/" not in url)
    assert page.url == live_server.url + reverse("admin:index")

    for name in (
        "admin:tiep_cong_dan_petition_changelist",
        "admin:tiep_cong_dan_receptionsession_calendar",
        "tcd_two_factor:device",
    ):
        page.goto(live_server.url + reverse(name))
        page.wait_for_load_state("networkidle")
    assert page.locator("#tcd-two-factor").count() == 1
    # Alpine.js (the theme's menus) runs under the policy: the user menu opens.
    page.get_by_text("Hồ Tiến Thiệu").click()
    account_link = page.locator(f"nav a[href='{reverse('tcd_two_factor:device')}']")
    account_link.wait_for(state="visible")
    page.screenshot(path=str(ARTIFACTS / "two-factor-device.png"), full_page=True)
    assert refused == []


def test_five_wrong_passwords_show_the_lockout_page(live_server, browser):  # noqa: F811
    ensure_master_data()
    create_demo_users(PASSWORD)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    refused = _watch_policy(page)
    for _attempt in range(5):
        _sign_in_form(page, live_server.url, "canbo", "Sai-mat-khau-2026")
    assert page.locator("#tcd-locked-out").count() == 1
    page.screenshot(path=str(ARTIFACTS / "sign-in-locked-out.png"), full_page=True)
    _sign_in_form(page, live_server.url, "canbo", PASSWORD)
    assert page.locator("#tcd-locked-out").count() == 1
    assert refused == []
