"""Printing in Chromium: the officer opens a refused petition and downloads its refusal
notice from the action panel; the administrator breaks a print format and is told the
line, then previews the repaired one."""

import datetime

import pytest
from django.urls import reverse
from tiep_cong_dan.demo.users import create_demo_users
from tiep_cong_dan.doctype.petition.constants import PetitionKind
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.print_format.models import PrintFormat

from ..conftest import PASSWORD, ensure_master_data, make_citizen, make_petition, new_unit
from .test_desk_browser import ARTIFACTS, _login, browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_download_a_document_and_edit_its_print_format(live_server, browser):  # noqa: F811
    ensure_master_data()
    create_demo_users(PASSWORD)
    dk = new_unit("05977")
    petition = make_petition(
        dk, make_citizen(dk, "Lương Văn Cường", "020080000003"), kind=PetitionKind.COMPLAINT
    )
    Petition.objects.filter(pk=petition.pk).update(
        state="refused",
        refusal_ground="law_9_3",
        refusal_notice_number="03/TB-BTCD",
        refusal_notice_date=datetime.date(2026, 2, 4),
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    _login(page, live_server.url, "canbo")
    page.goto(live_server.url + reverse("admin:tiep_cong_dan_petition_change", args=[petition.pk]))
    documents = page.locator("#workflow-panel .tcd-docs")
    assert "Thông báo từ chối (Mẫu 01/TCD)" in documents.inner_text()
    page.screenshot(path=str(ARTIFACTS / "print-petition-panel.png"))
    with page.expect_download() as download:
        refusal = documents.locator("span", has_text="Thông báo từ chối")
        refusal.locator("a", has_text="DOCX").click()
    assert download.value.suggested_filename == "thong-bao-tu-choi-03-TB-BTCD.docx"
    pdf_link = refusal.locator("a", has_text="PDF").get_attribute("href")
    response = page.request.get(live_server.url + pdf_link)
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    page.context.clear_cookies()
    _login(page, live_server.url, "quantri")
    fmt = PrintFormat.objects.get(code="refusal_notice")
    change = live_server.url + reverse("admin:tiep_cong_dan_printformat_change", args=[fmt.pk])
    page.goto(change)
    good = page.input_value("#id_template")
    page.fill("#id_template", '{% extends "base.html" %}\n{% block body %}\n{{ person.name | x }}')
    page.click("button[name=_save]")
    page.wait_for_load_state()
    assert "refusal_notice.html, dòng 3" in page.locator("body").inner_text()
    page.screenshot(path=str(ARTIFACTS / "print-format-error.png"))
    page.fill("#id_template", good.replace("từ chối tiếp nhận", "từ chối tiếp nhận (đã sửa)"))
    page.click("button[name=_continue]")
    page.wait_for_load_state()
    fmt.refresh_from_db()
    assert "(đã sửa)" in fmt.template
    preview = page.locator("a", has_text="Xem thử (PDF)").first.get_attribute("href")
    assert page.request.get(live_server.url + preview).body().startswith(b"%PDF")
