"""The global search in Debian's Chromium: the command palette opened from the
keyboard finds a petition by its number and a citizen by a name typed without accents;
the search page shows the same groups."""

import pytest
from django.urls import reverse
from tiep_cong_dan.demo.users import create_demo_users

from ..conftest import PASSWORD, ensure_master_data, make_citizen, make_petition, new_unit
from .test_desk_browser import ARTIFACTS, _login, browser  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_palette_finds_a_number_and_an_unaccented_name(live_server, browser):  # noqa: F811
    ensure_master_data()
    create_demo_users(PASSWORD)
    dong_kinh = new_unit("05977")
    petition = make_petition(dong_kinh, make_citizen(dong_kinh, "Hoàng Văn Thụ", "020090000321"))
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    _login(page, live_server.url, "canbo")
    page.goto(live_server.url + reverse("admin:tiep_cong_dan_petition_changelist"))

    # Given the header's button on the page, when the officer presses Ctrl+K and types
    # the number, then the petition is offered, and Enter opens it.
    assert page.locator("#tcd-palette-open").is_visible()
    page.keyboard.press("Control+k")
    palette = page.locator("#tcd-palette")
    palette.locator("input").wait_for(state="visible")
    palette.locator("input").fill(petition.registration_number)
    row = palette.locator('[data-model="petition"] a.tcd-palette-row')
    row.first.wait_for()
    assert petition.registration_number in row.first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "global-search-number.png"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/petition/{petition.pk}/change/")

    # A name without accents, in another order: the citizen and their case.
    page.keyboard.press("Control+k")
    palette.locator("input").fill("thu hoang van")
    citizen = palette.locator('[data-model="citizen"] a.tcd-palette-row')
    citizen.first.wait_for()
    assert "Hoàng Văn Thụ" in citizen.first.inner_text()
    assert palette.locator('[data-model="petition"] a.tcd-palette-row').count() == 1
    page.screenshot(path=str(ARTIFACTS / "global-search-name.png"))

    # The search page shows the same groups.
    page.goto(live_server.url + reverse("tcd_search") + "?q=thu+hoang+van")
    assert "Hoàng Văn Thụ" in page.locator('[data-model="citizen"]').inner_text()
    page.screenshot(path=str(ARTIFACTS / "global-search-page.png"), full_page=True)
