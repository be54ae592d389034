"""The Board's monthly report to the Chairman: drafted for a month, its figures in the
scheme's words, tables and two charts, as PDF, DOCX and an Excel workbook; signed by the
Board head only once the month is over, numbered, frozen, sent; read by the province's
leaders only."""

import datetime
import io
import subprocess

import openpyxl
import pytest
from django.urls import reverse
from tiep_cong_dan import workflow
from tiep_cong_dan.print_format.documents import DOCUMENTS
from tiep_cong_dan.print_format.models import IssuedDocument
from tiep_cong_dan.print_format.service import document_file
from tiep_cong_dan.workflow.engine import TransitionRefused

from ..workflow.helpers import at
from .conftest import docx_text, pdf_text

SPEC = DOCUMENTS["monthly_report"]


def test_the_report_reads_the_month_in_the_schemes_words(notice, report, tmp_path):
    pdf = document_file(SPEC, report, None, "pdf")
    text = pdf_text(pdf, tmp_path)
    for expected in (
        "BÁO CÁO",
        # The notice fixture's session of 16/03/2026 heard its two cases in person.
        "Kết quả tiếp công dân trực tiếp của Chủ tịch UBND tỉnh tháng 03 năm 2026",
        "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh",
        "Tháng 03 năm 2026, Chủ tịch UBND tỉnh tiếp định kỳ 01 kỳ/02 lượt/2 lượt công dân, "
        "trong đó địa bàn phường Đông Kinh là 2 lượt công dân (chiếm 100,0%).",
        "Định kỳ 1 2 2 0 0 0 Đột xuất 0 0 0 0 0 0",
        "Đề nghị các sở đẩy nhanh việc thực hiện kết luận.",
        "DỰ THẢO",
        "TRƯỞNG BAN",
        "- Lưu: VT, BTCD.",
    ):
        assert expected in text, expected
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True)
    kinds = [line.split()[2] for line in images.stdout.splitlines()[2:]]
    assert kinds.count("image") == 2  # the two charts (each with its alpha mask)
    docx = document_file(SPEC, report, None, "docx")
    assert "định kỳ 01 kỳ/02 lượt/2 lượt công dân" in docx_text(docx)
    import docx as python_docx

    assert len(python_docx.Document(io.BytesIO(docx)).inline_shapes) == 2


def test_the_workbook_keeps_numbers_as_numbers(notice, report):
    book = openpyxl.load_workbook(io.BytesIO(document_file(SPEC, report, None, "xlsx")))
    assert book.sheetnames == [
        "Tổng hợp",
        "Theo loại phiên",
        "Theo địa bàn",
        "Đột xuất, Trung ương",
        "Chỉ tiêu khác",
        "Theo loại đơn",
        "Theo tháng",
        "Nhiệm vụ quá hạn",
    ]
    kinds = list(book["Theo loại phiên"].iter_rows(min_row=4, values_only=True))
    assert kinds == [
        ("Định kỳ", 1, 2, 2, 0, 0, 0),
        ("Đột xuất", 0, 0, 0, 0, 0, 0),
        ("Theo yêu cầu của Trung ương", 0, 0, 0, 0, 0, 0),
        ("Tổng cộng", 1, 2, 2, 0, 0, 0),
    ]
    rows = {r[1]: r[2] for r in book["Chỉ tiêu khác"].iter_rows(min_row=4, values_only=True)}
    assert rows["Lượt tiếp trực tiếp"] == 2 and rows["Số đơn tiếp nhận trong kỳ"] == 2
    units = list(book["Theo địa bàn"].iter_rows(min_row=4, values_only=True))
    assert units == [(1, "Phường Đông Kinh", 2, 100.0)]
    months = list(book["Theo tháng"].iter_rows(min_row=4, values_only=True))
    assert len(months) == 12 and months[-1] == ("03/2026", 2, 2, 0, 0, 0, 0)


def test_signed_only_after_the_month_then_numbered_and_frozen(
    notice, report, role_users, django_capture_on_commit_callbacks
):
    head = role_users["truongban"]
    try:
        workflow.apply(report, "issue", by=head, at=at(datetime.date(2026, 3, 31)))
        raise AssertionError("a report signed before its month ended")
    except TransitionRefused as refused:
        assert refused.code == "condition_failed"
    try:
        workflow.apply(report, "issue", by=role_users["canbo"], at=at(datetime.date(2026, 4, 2)))
        raise AssertionError("an officer signed the report")
    except TransitionRefused:
        pass
    workflow.apply(report, "issue", by=head, at=at(datetime.date(2026, 4, 2)))
    assert (report.number, report.issued_date) == ("01/BC-BTCD", datetime.date(2026, 4, 2))
    first = {fmt: document_file(SPEC, report, None, fmt) for fmt in SPEC.formats}
    report.remarks = "Sửa sau khi ký."
    report.save()
    for fmt in SPEC.formats:
        assert document_file(SPEC, report, None, fmt) == first[fmt]
    assert IssuedDocument.objects.filter(doctype="monthly_report").count() == 3
    from django.core import mail
    from tiep_cong_dan.doctype.agency.models import Agency

    agency = Agency.objects.get(code="SNNMT")
    Agency.objects.filter(pk=agency.pk).update(email="snnmt@langson.gov.vn")
    notice.session.invited_agencies.add(agency)  # invited in March: concerned
    with pytest.raises(TransitionRefused):  # not before the Board's own signature
        workflow.apply(report, "send", by=role_users["canbo"], at=at(datetime.date(2026, 4, 3)))
    workflow.apply(report, "seal", by=role_users["canbo"], at=at(datetime.date(2026, 4, 3)))
    sealed = document_file(SPEC, report, None, "pdf")
    assert sealed.startswith(first["pdf"])  # the head's signature kept, the Board's added
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(report, "send", by=role_users["canbo"], at=at(datetime.date(2026, 4, 3)))
    letter = next(m for m in mail.outbox if m.to == ["snnmt@langson.gov.vn"])
    assert "01/BC-BTCD" in letter.subject
    ((name, content, _type),) = letter.attachments
    assert name.endswith(".pdf") and content == sealed  # the signed copy itself
    from tiep_cong_dan.doctype.notification.models import Notification

    chairman = Notification.objects.filter(recipient=role_users["chutich"])
    assert chairman.filter(message__contains="01/BC-BTCD").exists()


def test_only_the_province_reads_reports(login, report):
    listing = reverse("admin:tiep_cong_dan_monthlyreport_changelist")
    pdf = reverse("admin:tiep_cong_dan_document", args=["monthly_report", report.pk, "xlsx"])
    for user in ("canbo", "truongban", "chutich", "vanphong"):
        assert login(user).get(listing).status_code == 200, user
        assert login(user).get(pdf).status_code == 200, user
    for user in ("so_nnmt", "xa_dongkinh", "huyen_locbinh", "kythuat", "trunguong"):
        assert login(user).get(listing).status_code == 403, user
        assert login(user).get(pdf).status_code == 403, user
    page = (
        login("canbo")
        .get(reverse("admin:tiep_cong_dan_monthlyreport_change", args=[report.pk]))
        .content.decode()
    )
    assert pdf in page  # the panel offers the workbook with the PDF and DOCX


def test_a_new_report_defaults_to_last_month(login):
    page = login("canbo").get(reverse("admin:tiep_cong_dan_monthlyreport_add")).content.decode()
    last = datetime.date.today().replace(day=1) - datetime.timedelta(days=1)
    assert (
        last.replace(day=1).strftime("%d/%m/%Y") in page or last.replace(day=1).isoformat() in page
    )


def test_a_long_report_is_made_in_the_background(login, notice, role_users):
    from tiep_cong_dan.doctype.monthly_report.models import MonthlyReport
    from tiep_cong_dan.doctype.monthly_report.services import draft_monthly_report

    half_year = draft_monthly_report(
        MonthlyReport(
            period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 6, 30)
        ),
        by=role_users["canbo"],
    )
    url = reverse("admin:tiep_cong_dan_document", args=["monthly_report", half_year.pk, "pdf"])
    client = login("chutich")
    response = client.get(url)
    assert response.status_code == 302 and "/print/job/" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "Tải về" in page  # run inline in tests: ready at once
    # The file through the guarded view (core/files.py), never a public address.
    link = client.get(response["Location"]).context["download"]
    download = client.get(link)
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    # The file is its requester's: another reader of reports does not get it.
    assert login("vanphong").get(response["Location"]).status_code == 403
    assert login("vanphong").get(link).status_code == 404


def test_a_report_without_section_three_is_not_signed(report, role_users, login):
    """Given a draft report whose section III "Đánh giá, kiến nghị" is blank, when the
    Board head signs it after the month, the step is refused in Vietnamese and the
    report stays a draft without a number; once written, it is signed."""
    from django.urls import reverse
    from django.utils import translation

    head = role_users["truongban"]
    report.remarks = "  \n "
    report.save()
    with translation.override("vi"):
        try:
            workflow.apply(report, "issue", by=head, at=at(datetime.date(2026, 4, 2)))
            raise AssertionError("a report signed without its section III")
        except TransitionRefused as refused:
            assert refused.code == "condition_failed"
            assert refused.reasons == [
                "Chưa viết Mục III “Đánh giá, kiến nghị”: viết mục này trước khi ký báo cáo."
            ]
    report.refresh_from_db()
    assert (report.state, report.number) == ("draft", "")
    # the desk's panel says why before the head tries
    page = login("truongban").get(
        reverse("admin:tiep_cong_dan_monthlyreport_change", args=[report.pk])
    )
    assert "Chưa viết Mục III" in page.content.decode()
    report.remarks = "Đề nghị các sở báo cáo đúng hạn."
    report.save()
    workflow.apply(report, "issue", by=head, at=at(datetime.date(2026, 4, 2)))
    assert report.state == "issued" and report.number == "01/BC-BTCD"
