"""The Result Notice as a Decree 30/2020 document, read back from the PDF with poppler."""

import datetime
import subprocess

import pytest
from tiep_cong_dan.doctype.result_notice.models import Conclusion, ResultNotice
from tiep_cong_dan.doctype.result_notice.services import draft_result_notice
from tiep_cong_dan.print_format.context import date_line, result_notice_context
from tiep_cong_dan.print_format.render import PrintFormatError, render_html, render_pdf


def _pdf(tmp_path, data: bytes):
    path = tmp_path / "notice.pdf"
    path.write_bytes(data)

    def run(*cmd):
        # pdftotext writes beside the file unless told "-" (standard output).
        tail = [str(path), "-"] if cmd[0] == "pdftotext" else [str(path)]
        return subprocess.run([*cmd, *tail], capture_output=True, text=True, check=True).stdout

    return run


def test_date_lines_follow_decree_30():
    assert date_line(datetime.date(2026, 1, 5)) == "Lạng Sơn, ngày 05 tháng 01 năm 2026"
    assert date_line(datetime.date(2026, 3, 20)) == "Lạng Sơn, ngày 20 tháng 3 năm 2026"


def test_the_issued_notice_reads_as_an_official_document(notice, tmp_path):
    html = render_html("result_notice.html", result_notice_context(notice))
    read = _pdf(tmp_path, render_pdf(html))
    text = " ".join(read("pdftotext").split())
    for expected in (
        "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 01/TB-UBND",
        "Lạng Sơn, ngày 20 tháng 3 năm 2026",
        "THÔNG BÁO",
        "Hoàng Văn An",
        "Giao Sở kiểm tra.",
        "10/04/2026",  # 15 working days from Friday 20/03/2026
        "Nơi nhận:",
        "- Lưu: VT, BTCD.",
        "CHỦ TỊCH",
        "Hồ Tiến Thiệu",
    ):
        assert expected in text, expected
    assert "DỰ THẢO" not in text
    info = read("pdfinfo")
    assert "595.276 x 841.89 pts (A4)" in info
    fonts = read("pdffonts")
    assert "Liberation-Serif" in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # embedded


def test_an_agency_gets_the_redacted_copy(notice, role_users, tmp_path):
    context = result_notice_context(notice, role_users["so_nnmt"])
    text = " ".join(
        _pdf(tmp_path, render_pdf(render_html("result_notice.html", context)))("pdftotext").split()
    )
    assert "Lương Văn Cường" not in text and "thông tin được bảo mật" in text
    assert "Hoàng Văn An" in text


def test_a_draft_carries_the_watermark_and_no_number(notice, role_users, tmp_path):
    draft = draft_result_notice(ResultNotice(session=notice.session), by=role_users["canbo"])
    text = _pdf(
        tmp_path, render_pdf(render_html("result_notice.html", result_notice_context(draft)))
    )("pdftotext")
    assert "DỰ THẢO" in text and "01/TB-UBND" not in text


def test_a_broken_template_names_its_line():
    with pytest.raises(PrintFormatError) as exc:
        render_html("x.html", {}, sources={"x.html": "<p>\n{% if %}\n</p>"})
    assert exc.value.line == 2


def test_a_template_cannot_reach_into_python():
    source = "{{ ''.__class__.__mro__ }}"
    with pytest.raises(PrintFormatError):
        render_html("x.html", {}, sources={"x.html": source})


def test_the_desk_serves_the_pdf_by_scope(login, notice):
    from django.urls import reverse

    url = reverse("admin:tiep_cong_dan_document", args=["result_notice", notice.pk, "pdf"])
    response = login("canbo").get(url)
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert login("kythuat").get(url).status_code in (302, 403)
    docx_url = reverse("admin:tiep_cong_dan_document", args=["result_notice", notice.pk, "docx"])
    response = login("so_nnmt").get(docx_url)
    assert response.content.startswith(b"PK")  # a zip: the Word package


def test_the_docx_has_the_same_structure(notice, role_users):
    import io

    import docx
    from tiep_cong_dan.print_format.docx import html_to_docx

    def result_notice_docx(context):
        return html_to_docx(render_html("result_notice.html", context))

    document = docx.Document(io.BytesIO(result_notice_docx(result_notice_context(notice))))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert (round(section.left_margin.cm), round(section.right_margin.cm, 1)) == (3, 1.5)
    header, *_, footer = document.tables
    head = " ".join(c.text for c in header.rows[0].cells)
    # the issuer on two lines, broken where Decree 30 breaks it
    assert "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\nSố" in head and "Số: 01/TB-UBND" in head
    assert "Độc lập - Tự do - Hạnh phúc" in head and "Lạng Sơn, ngày 20 tháng 3 năm 2026" in head
    recipients, signature = (c.text for c in footer.rows[0].cells)
    assert recipients.startswith("Nơi nhận:") and recipients.rstrip().endswith("- Lưu: VT, BTCD.")
    assert "CHỦ TỊCH" in signature and "Hồ Tiến Thiệu" in signature
    body = " ".join(p.text for p in document.paragraphs)
    assert "THÔNG BÁO" in body and "Giao Sở kiểm tra." in body
    redacted = docx.Document(
        io.BytesIO(result_notice_docx(result_notice_context(notice, role_users["so_nnmt"])))
    )
    assert "Lương Văn Cường" not in " ".join(p.text for p in redacted.paragraphs)


def test_an_issued_notice_is_frozen_and_a_draft_is_not(notice, role_users):
    from tiep_cong_dan.print_format.documents import DOCUMENTS
    from tiep_cong_dan.print_format.models import IssuedDocument
    from tiep_cong_dan.print_format.service import document_file

    def result_notice_file(notice, user, fmt):
        return document_file(DOCUMENTS["result_notice"], notice, user, fmt)

    first = result_notice_file(notice, role_users["canbo"], "pdf")
    Conclusion.objects.filter(notice=notice).update(text="Nội dung sửa sau khi ký.")
    again = result_notice_file(notice, role_users["canbo"], "pdf")
    assert again == first  # what was signed is what is read
    stored = IssuedDocument.objects.get(object_id=notice.pk, variant="full", fmt="pdf")
    import hashlib

    assert stored.sha256 == hashlib.sha256(first).hexdigest()
    redacted = result_notice_file(notice, role_users["so_nnmt"], "pdf")
    assert redacted != first
    assert IssuedDocument.objects.filter(object_id=notice.pk).count() == 2
    draft = draft_result_notice(ResultNotice(session=notice.session), by=role_users["canbo"])
    result_notice_file(draft, role_users["canbo"], "pdf")
    assert not IssuedDocument.objects.filter(object_id=draft.pk).exists()
