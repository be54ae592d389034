"""A list's columns and saved filters in Chromium: a Board officer hides, adds and
moves columns, saves a filter shared with the Chairman's office, whose officer applies
it; wide and narrow, screenshots in test-artifacts/."""

import pytest
from django.urls import reverse
from tiep_cong_dan.access.list_views.models import ListView
from tiep_cong_dan.demo.users import create_demo_users
from tiep_cong_dan.doctype.petition.constants import PetitionKind

from ..conftest import PASSWORD, ensure_master_data, make_citizen, make_petition, new_unit
from .test_desk_browser import ARTIFACTS, _login, browser  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _headers(page) -> list[str]:
    return page.eval_on_selector_all(
        "#result_list thead th",
        "ths => ths.map(th => [...th.classList].find(c => c.startsWith('column-')))"
        ".filter(c => c && c !== 'column-action_checkbox')",
    )


@pytest.mark.parametrize("width", [1440, 390])
def test_columns_and_a_shared_filter(live_server, browser, width):  # noqa: F811
    ensure_master_data()
    create_demo_users(PASSWORD)
    unit = new_unit("05977")
    for i, kind in enumerate([PetitionKind.COMPLAINT, PetitionKind.DENUNCIATION] * 2):
        citizen = make_citizen(unit, f"Hoàng Văn An {i}", f"02009000020{i}")
        make_petition(unit, citizen, kind=kind)
    ARTIFACTS.mkdir(exist_ok=True)
    url = live_server.url + reverse("admin:tiep_cong_dan_petition_changelist")
    page = browser.new_page(viewport={"width": width, "height": 900})
    _login(page, live_server.url, "canbo")

    # Columns: hide the summary, add the channel, move the state to the front.
    page.goto(url)
    page.click("#tcd-lv-columns summary")
    page.uncheck("input[name=tcd_lv_column][value=short_summary]")
    page.check("input[name=tcd_lv_column][value=channel]")
    state = page.locator("#tcd-lv-columns li", has=page.locator("input[value=state]"))
    for _ in range(7):
        state.locator("button").first.click()
    page.screenshot(path=ARTIFACTS / f"list_views_columns_menu_{width}.png")
    page.click("#tcd-lv-apply-columns")
    page.wait_for_selector("#result_list")
    assert _headers(page) == [
        "column-state_label",
        "column-registration_number",
        "column-received_date",
        "column-kind",
        "column-petitioner",
        "column-residence_unit",
        "column-group_size",
        "column-channel",
    ]
    page.screenshot(path=ARTIFACTS / f"list_views_columns_{width}.png", full_page=True)

    # A filter saved and shared with the Chairman's office.
    page.goto(url + "?kind__exact=complaint")
    page.click("#tcd-lv-filters summary")
    page.fill("#tcd-lv-name", "Khiếu nại của phường")
    page.select_option("#tcd-lv-role", "chairman_office")
    page.screenshot(path=ARTIFACTS / f"list_views_filter_save_{width}.png")
    page.click("#tcd-lv-save")
    page.wait_for_selector("#result_list")
    saved = ListView.objects.get(name="Khiếu nại của phường")
    assert (saved.query, saved.shared_role) == ("kind__exact=complaint", "chairman_office")
    assert "Bộ lọc đã lưu: Khiếu nại của phường" in page.inner_text("#tcd-lv-filters summary")
    page.click("#tcd-lv-filters summary")
    page.screenshot(path=ARTIFACTS / f"list_views_filter_saved_{width}.png", full_page=True)

    # The office's officer finds it among the filters shared with them, and applies it.
    other = browser.new_page(viewport={"width": width, "height": 900})
    _login(other, live_server.url, "vanphong")
    other.goto(url)
    other.click("#tcd-lv-filters summary")
    assert "Chia sẻ bởi" in other.inner_text("#tcd-lv-filters")
    other.screenshot(path=ARTIFACTS / f"list_views_shared_{width}.png")
    other.click("#tcd-lv-filters a:has-text('Khiếu nại của phường')")
    other.wait_for_url("**kind__exact=complaint**")
    rows = other.locator("#result_list tbody").count()
    assert rows == 2  # the two complaints; its own columns (the officer chose none)
    assert "column-short_summary" in other.inner_html("#result_list thead")
