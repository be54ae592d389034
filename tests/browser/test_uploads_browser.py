"""File inputs in Debian's Chromium (issue 19): a 30 MB file is refused in the browser
before anything is sent, with the server's limit and message; a form sending a file
shows the upload's progress, then the page the server answers, and a refused form
keeps the file for the next try."""

import io
import os

import pytest
from django.urls import reverse
from tiep_cong_dan.demo.users import create_demo_users
from tiep_cong_dan.doctype.petition.models import Petition, PetitionAttachment

from ..conftest import PASSWORD, ensure_master_data, make_citizen, new_unit
from .test_desk_browser import ARTIFACTS, _choose, _login, browser  # noqa: F401

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

THIRTY_MB = 30 * 1024 * 1024


def _pdf(pages: int = 1) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(200, 200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _posts(page) -> list[str]:
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if r.method == "POST" else None)
    return sent


def test_a_30_mb_file_is_refused_before_it_is_sent(live_server, browser):  # noqa: F811
    ensure_master_data()
    create_demo_users(PASSWORD)
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    _login(page, live_server.url, "canbo")
    # the register import (limit 10 MB)
    page.goto(live_server.url + reverse("admin:tiep_cong_dan_petition_import"))
    sent = _posts(page)
    big = {"name": "so-tiep-2026.xlsx", "mimeType": "application/octet-stream"}
    page.set_input_files("input[type=file]", {**big, "buffer": b"\0" * THIRTY_MB})
    error = page.locator(".tcd-file-error")
    error.wait_for(state="visible")
    assert error.inner_text() == (
        "Tệp so-tiep-2026.xlsx nặng 30,0 MB, vượt giới hạn 10 MB. Hãy chọn tệp nhỏ hơn "
        "(quét với độ phân giải thấp hơn hoặc tách thành nhiều tệp)."
    )
    assert page.eval_on_selector("input[type=file]", "i => i.files.length") == 0
    page.screenshot(path=str(ARTIFACTS / "upload-too-large-import.png"), full_page=True)
    assert sent == []
    # the petition form's attachment (limit 20 MB, from TCD_MAX_ATTACHMENT_BYTES)
    page.goto(live_server.url + reverse("admin:tiep_cong_dan_petition_add"))
    sent.clear()
    page.locator("#attachments-group").get_by_text("Thêm").first.click()
    scan = {"name": "ban-quet.pdf", "mimeType": "application/pdf", "buffer": b"%" * THIRTY_MB}
    page.set_input_files("#id_attachments-0-file", scan)
    row_error = page.locator("#attachments-group .tcd-file-error").first
    row_error.wait_for(state="visible")
    assert "ban-quet.pdf nặng 30,0 MB, vượt giới hạn 20 MB" in row_error.inner_text()
    assert page.eval_on_selector("#id_attachments-0-file", "i => i.files.length") == 0
    row_error.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "upload-too-large-attachment.png"), full_page=False)
    assert sent == []  # nothing was sent


def test_an_upload_shows_its_progress_and_survives_an_error(live_server, browser):  # noqa: F811
    """The file is sent with its progress shown; the form comes back refused for a
    missing summary with the file kept; sent again without choosing it, it is saved."""
    ensure_master_data()
    create_demo_users(PASSWORD)
    unit = new_unit("06187")
    make_citizen(unit, "Triệu Thị Hoa", "020190000777")
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    _login(page, live_server.url, "canbo")
    page.goto(live_server.url + reverse("admin:tiep_cong_dan_petition_add"))
    page.select_option("#id_channel", "in_person")
    page.select_option("#id_kind", "complaint")
    _choose(page, "citizen", "Triệu Thị Hoa")
    page.fill("#id_content", "Gia đình chưa được bồi thường phần tài sản trên đất.")
    _choose(page, "matter_unit", "Kỳ Lừa")
    page.locator("#attachments-group").get_by_text("Thêm").first.click()
    page.fill("#id_attachments-0-title", "Biên bản kiểm đếm")
    scan = _pdf() + b"\n%" + b"0" * (3 * 1024 * 1024)  # a 3 MB scan
    page.set_input_files(
        "#id_attachments-0-file",
        {"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": scan},
    )
    # a slow line (256 KB/s up), so the progress can be seen
    cdp = page.context.new_cdp_session(page)
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 20, "downloadThroughput": -1, "uploadThroughput": 262144},
    )
    page.click("button[name=_save]")  # the summary is missing
    bar = page.locator(".tcd-upload-progress")
    bar.wait_for(state="visible")
    page.wait_for_function(
        "() => { const p = document.querySelector('.tcd-upload-progress progress');"
        " return p && p.value >= 20; }"
    )
    assert "Đang tải tệp lên…" in bar.inner_text()
    page.screenshot(path=str(ARTIFACTS / "upload-progress.png"), full_page=False)
    kept = page.locator(".tcd-held-file")
    kept.wait_for(timeout=60000)
    assert "bien-ban.pdf" in kept.inner_text() and "Không cần chọn lại" in kept.inner_text()
    assert not Petition.objects.exists()
    kept.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "upload-kept-after-error.png"), full_page=False)
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    page.fill("#id_summary", "Khiếu nại về bồi thường giải phóng mặt bằng")
    page.click("button[name=_save]")  # no file chosen again
    page.wait_for_url(lambda url: url.rstrip("/").endswith("/petition"))
    petition = Petition.objects.get()
    attachment = PetitionAttachment.objects.get(petition=petition)
    assert attachment.original_name == "bien-ban.pdf" and attachment.size == len(scan)
    assert page.locator("#result_list a", has_text=petition.registration_number).count() == 1
    page.screenshot(path=str(ARTIFACTS / "upload-saved.png"), full_page=False)
