"""The petition form in Debian's Chromium: Decree 154 Art. 20(4)'s switches ("complex",
"confidentiality ensured") concern a denunciation only, so they show while the kind
chosen is one and hide when it is not."""

import os

import pytest
from django.urls import reverse
from tiep_cong_dan.demo.users import create_demo_users

from ..conftest import PASSWORD, ensure_master_data
from .test_desk_browser import ARTIFACTS, _login, browser  # noqa: F401

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_art_20_4_switches_follow_the_kind(live_server, browser):  # noqa: F811
    ensure_master_data()
    create_demo_users(PASSWORD)
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    _login(page, live_server.url, "canbo")
    page.goto(live_server.url + reverse("admin:tiep_cong_dan_petition_add"))
    complex_box = page.locator("#id_complex_case")
    ensured_box = page.locator("#id_confidentiality_ensured")
    page.select_option("#id_kind", "complaint")
    assert not complex_box.is_visible() and not ensured_box.is_visible()
    page.select_option("#id_kind", "denunciation")
    complex_box.wait_for(state="visible")
    assert ensured_box.is_visible()
    complex_box.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "petition-art-20-4-denunciation.png"))
    page.select_option("#id_kind", "recommendation")
    complex_box.wait_for(state="hidden")
    assert not ensured_box.is_visible()
