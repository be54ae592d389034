"""The petition list in Chromium looks the same whether its rows are written in one
pass (access/list_rows.py) or by the theme: same pixels, wide and narrow (where each
cell shows its column's name), screenshots in test-artifacts/."""

import io

import pytest
from django.urls import reverse
from tiep_cong_dan.access.desk import RuleChangeList
from tiep_cong_dan.demo.users import create_demo_users
from tiep_cong_dan.doctype.petition.constants import PetitionKind

from ..conftest import PASSWORD, ensure_master_data, make_citizen, make_petition, new_unit
from .test_desk_browser import ARTIFACTS, _login, browser  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Image = pytest.importorskip("PIL.Image")


def _shot(page, url: str, name: str) -> bytes:
    page.goto(url)
    page.wait_for_selector("#result_list")
    png = page.screenshot(full_page=True, animations="disabled", caret="hide")
    (ARTIFACTS / name).write_bytes(png)
    return Image.open(io.BytesIO(png)).convert("RGB").tobytes()


@pytest.mark.parametrize("width", [1440, 420])
def test_one_pass_rows_look_like_the_themes(live_server, browser, monkeypatch, width):  # noqa: F811
    ensure_master_data()
    create_demo_users(PASSWORD)
    unit = new_unit("05977")
    for i, kind in enumerate([PetitionKind.COMPLAINT, PetitionKind.DENUNCIATION] * 3):
        citizen = make_citizen(unit, f"Hoàng Văn An {i}", f"02009000010{i}")
        make_petition(unit, citizen, kind=kind)
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900})
    _login(page, live_server.url, "vanphong")  # denouncers masked for this officer
    url = live_server.url + reverse("admin:tiep_cong_dan_petition_changelist")
    ours = _shot(page, url, f"petition_list_one_pass_{width}.png")
    monkeypatch.setattr(RuleChangeList, "one_pass_rows", False)
    theirs = _shot(page, url, f"petition_list_theme_{width}.png")
    assert ours == theirs
