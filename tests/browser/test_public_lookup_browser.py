"""The public lookup in Debian's Chromium at a phone's and a desktop's width: the form,
a wrong code, the case's steps; axe-core finds no serious or critical violation."""

import datetime

import pytest
from tiep_cong_dan.core.lookup_codes import shown
from tiep_cong_dan.doctype.petition.services import record_acceptance_notice

from ..conftest import ensure_master_data, make_citizen, make_petition, new_unit
from ..public.conftest import cases, concluded  # noqa: F401
from .test_desk_browser import ARTIFACTS, browser, sync_api  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


@pytest.mark.parametrize("width,height", [(360, 780), (1280, 900)])
def test_follow_a_case_on_a_phone_and_a_desktop(live_server, browser, width, height):  # noqa: F811
    ensure_master_data()
    dk = new_unit("05977")
    petition = make_petition(
        dk, make_citizen(dk, "Hoàng Văn An", "020090000901"), received=datetime.date(2026, 3, 2)
    )
    record_acceptance_notice(petition, outcome="accepted", notified_on=datetime.date(2026, 3, 5))
    code = petition.issued_lookup_code
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(
        viewport={"width": width, "height": height}, java_script_enabled=True
    )
    page = context.new_page()
    blocked = []
    page.on(
        "console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None
    )
    page.goto(live_server.url + "/tra-cuu/")
    assert page.locator("h1").inner_text() == "Tra cứu hồ sơ"
    # Nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert _serious(page) == []
    page.screenshot(path=str(ARTIFACTS / f"public-lookup-form-{width}.png"), full_page=True)

    page.fill("#id_number", petition.registration_number)
    page.fill("#id_code", "ZZZZ-ZZZZ")
    page.click("button[type=submit]")
    assert "Không tìm thấy hồ sơ" in page.locator("#lookup-error").inner_text()
    assert _serious(page) == []
    page.screenshot(path=str(ARTIFACTS / f"public-lookup-wrong-{width}.png"), full_page=True)

    page.fill("#id_number", petition.registration_number)
    page.fill("#id_code", shown(code).lower())
    page.click("button[type=submit]")
    timeline = page.locator("ol.timeline")
    assert "Ban Tiếp công dân tỉnh đã tiếp nhận đơn" in timeline.inner_text()
    assert "Đã thông báo thụ lý đơn" in timeline.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert _serious(page) == []
    page.screenshot(path=str(ARTIFACTS / f"public-lookup-case-{width}.png"), full_page=True)
    assert blocked == []
    context.close()


def test_the_lookup_works_without_javascript(live_server, browser):  # noqa: F811
    ensure_master_data()
    dk = new_unit("05977")
    petition = make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000902"))
    context = browser.new_context(viewport={"width": 360, "height": 780}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/tra-cuu/")
    page.fill("#id_number", petition.registration_number)
    page.fill("#id_code", petition.issued_lookup_code)
    page.click("button[type=submit]")
    assert "Ban Tiếp công dân tỉnh đã tiếp nhận đơn" in page.locator("ol.timeline").inner_text()
    context.close()


def test_a_concluded_case_on_a_phone(live_server, browser, concluded):  # noqa: F811
    """The whole path: the session and its bridge point, the notice and its extract,
    the task's progress, on a 360 px screen."""
    own = concluded["own"]
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.goto(live_server.url + "/tra-cuu/")
    page.fill("#id_number", own.petition.registration_number)
    page.fill("#id_code", own.code)
    page.click("button[type=submit]")
    timeline = page.locator("ol.timeline").inner_text()
    assert "Kỳ tiếp công dân ngày 23/03/2026" in timeline
    assert concluded["point"].name in timeline
    assert "Sở Nông nghiệp và Môi trường: đang thực hiện" in timeline
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert _serious(page) == []
    page.screenshot(path=str(ARTIFACTS / "public-lookup-concluded-360.png"), full_page=True)
    link = page.locator("a", has_text="Tải bản trích (PDF)").get_attribute("href")
    response = page.request.get(live_server.url + link)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    context.close()
