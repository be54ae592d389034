"""The public schedule and an information page in Debian's Chromium at a phone's width
(360 px) and a desktop's (1280 px): no sideways scroll, no console error (the strict
policy blocks nothing the page needs), and axe-core (bundled by axe-playwright-python,
run in the page) finds no serious or critical violation of WCAG 2.1 A/AA. Screenshots:
test-artifacts/public-<page>-<width>.png."""

import pytest
from tiep_cong_dan.doctype.public_page.services import seed_public_pages

from ..conftest import ensure_master_data
from ..public.helpers import announced, days_ahead, hear, step
from .test_desk_browser import ARTIFACTS, browser  # noqa: F401 - the fixture

axe_sync = pytest.importorskip("axe_playwright_python.sync_playwright")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = (360, 1280)
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def schedule_world():
    ensure_master_data()
    seed_public_pages()
    first = announced(days_ahead(9))
    hear(first, "05977", "Hoàng Văn An")
    hear(first, "06187", "Nông Thị Bích")
    hear(first, "05977", "Vi Văn Cường", mode="in_person")
    moved = announced(days_ahead(16), kind="ad_hoc")
    step(moved, "postpone", "Chủ tịch có lịch công tác tại Trung ương")
    dropped = announced(days_ahead(23))
    step(dropped, "cancel", "Không có công dân đăng ký được tiếp trực tuyến")
    return first


def _check(page, url: str, name: str, width: int) -> list[dict]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": width, "height": 800})
    response = page.goto(url)
    assert response.status == 200
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"public-{name}-{width}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
    assert errors == [], errors
    results = axe_sync.Axe().run(page, options=WCAG_AA)
    violations = results.response["violations"]
    grave = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert grave == [], results.generate_report()
    return violations


def test_schedule_and_page_at_phone_and_desktop_widths(live_server, browser, schedule_world):  # noqa: F811
    context = browser.new_context()
    page = context.new_page()
    for width in WIDTHS:
        _check(page, f"{live_server.url}/lich-tiep/", "schedule", width)
        text = page.inner_text("main")
        assert "Hoãn: Chủ tịch có lịch công tác tại Trung ương" in text
        assert "Hủy: Không có công dân đăng ký được tiếp trực tuyến" in text
        assert "Hoàng Văn An" not in page.content()
        _check(page, f"{live_server.url}/lich-tiep/{schedule_world.pk}/", "session", width)
        _check(page, f"{live_server.url}/thong-tin/can-chuan-bi-gi/", "page", width)
        assert "Căn cước công dân" in page.inner_text("main")
        _check(page, f"{live_server.url}/lich-tiep/nhung/", "embed", width)
        assert "Hoãn" in page.inner_text("main")
        _check(page, f"{live_server.url}/", "home", width)
        assert "Kỳ tiếp công dân sắp tới" in page.inner_text("main")
    context.close()


def test_pages_work_without_javascript(live_server, browser, schedule_world):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server.url}/")
    page.click("text=Xem toàn bộ lịch tiếp công dân")
    assert page.url.endswith("/lich-tiep/")
    page.click(f"#s{schedule_world.pk} a")
    assert page.url.endswith(f"/lich-tiep/{schedule_world.pk}/")
    page.click("header nav >> text=Thông tin, hướng dẫn")
    page.click("text=Nội quy tiếp công dân")
    assert "/thong-tin/noi-quy-tiep-cong-dan/" in page.url
    context.close()
