"""A report for any period — a year, several years — is the monthly report's type with
a longer period: the same figures, the same documents (PDF, DOCX, XLSX read back), the
same workflow and number series, offered in the desk ("Năm 2023") and drafted by the
job each January; titles follow how the period was heard."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from tiep_cong_dan import workflow
from tiep_cong_dan.core.period import Period
from tiep_cong_dan.doctype.monthly_report.models import MonthlyReport
from tiep_cong_dan.doctype.monthly_report.services import draft_monthly_report
from tiep_cong_dan.doctype.reception_session.models import AgendaItem
from tiep_cong_dan.print_format.documents import DOCUMENTS
from tiep_cong_dan.print_format.service import document_file
from tiep_cong_dan.reporting.figures import compute
from tiep_cong_dan.reporting.wording import headline, subject, summary

from ..print_format.conftest import docx_text, pdf_text
from ..workflow.helpers import at
from .scheme import build_scheme_years
from .test_scheme_years import PRINTED_2023, PRINTED_2024

SPEC = DOCUMENTS["monthly_report"]
HUU_LUNG_AD_HOC = "xã Hòa Thắng, xã Sơn Hà, huyện Hữu Lũng"


@pytest.fixture
def scheme(role_users):
    return build_scheme_years()


def _report(start, end, user) -> MonthlyReport:
    report = MonthlyReport(period_start=start, period_end=end, remarks="Tiếp tục duy trì.")
    return draft_monthly_report(report, by=user)


def _squash(text: str) -> str:
    """Without spaces: pdftotext puts one where a line wraps ("kỳ/ 144")."""
    return "".join(text.split())


def _rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(min_row=4, values_only=True))


def test_the_2023_report_in_pdf_docx_and_xlsx(scheme, role_users, tmp_path):
    report = _report(datetime.date(2023, 1, 1), datetime.date(2023, 12, 31), role_users["canbo"])
    assert str(report) == "Báo cáo năm 2023"
    pdf = _squash(pdf_text(document_file(SPEC, report, None, "pdf"), tmp_path))
    for expected in (
        "Kết quả tiếp công dân trực tiếp của Chủ tịch UBND tỉnh năm 2023",
        "báo cáo kết quả tiếp công dân trực tiếp của Chủ tịch UBND tỉnh năm 2023 (từ ngày "
        "01/01/2023 đến ngày 31/12/2023)",
        PRINTED_2023,
        "Các lượt tiếp trong kỳ đều là tiếp trực tiếp (171 lượt).",
        "Định kỳ 12 169 210 11 51 0 Đột xuất 2 2 40 2 40 0 Theo yêu cầu của Trung ương 0 0 0 "
        "0 0 0 Tổng cộng 14 171 250 13 91 0",
        "1 Thành phố Lạng Sơn 136 64,8%",
        "2 Huyện Lộc Bình 43 20,5%",
        "3 Huyện Hữu Lũng 13 6,2%",
        "4 Huyện Cao Lộc 11 5,2%",
        "5 Huyện Chi Lăng 5 2,4%",
        "6 Huyện Tràng Định 2 0,9%",
        f"Đột xuất 2 2 40 {HUU_LUNG_AD_HOC}",
    ):
        assert _squash(expected) in pdf, expected
    assert _squash("tiếp công dân trực tuyến") not in pdf
    docx = docx_text(document_file(SPEC, report, None, "docx"))
    assert PRINTED_2023 in docx
    assert "Kết quả tiếp công dân trực tiếp của Chủ tịch UBND tỉnh năm 2023" in docx
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
    assert book["Tổng hợp"]["A1"].value == (
        "Kết quả tiếp công dân trực tiếp của Chủ tịch UBND tỉnh năm 2023"
    )
    assert _rows(book["Tổng hợp"])[0] == (1, PRINTED_2023)
    assert _rows(book["Theo loại phiên"]) == [
        ("Định kỳ", 12, 169, 210, 11, 51, 0),
        ("Đột xuất", 2, 2, 40, 2, 40, 0),
        ("Theo yêu cầu của Trung ương", 0, 0, 0, 0, 0, 0),
        ("Tổng cộng", 14, 171, 250, 13, 91, 0),
    ]
    assert _rows(book["Theo địa bàn"]) == [
        (1, "Thành phố Lạng Sơn", 136, 64.8),
        (2, "Huyện Lộc Bình", 43, 20.5),
        (3, "Huyện Hữu Lũng", 13, 6.2),
        (4, "Huyện Cao Lộc", 11, 5.2),
        (5, "Huyện Chi Lăng", 5, 2.4),
        (6, "Huyện Tràng Định", 2, 0.9),
    ]
    assert _rows(book["Đột xuất, Trung ương"]) == [("Đột xuất", 2, 2, 40, HUU_LUNG_AD_HOC)]
    months = _rows(book["Theo tháng"])
    assert [m[0] for m in months] == [f"{m:02d}/2023" for m in range(1, 13)]
    assert sum(m[1] for m in months) == 169 and sum(m[2] for m in months) == 210
    assert sum(m[4] for m in months) == 40
    # Signed like a monthly report, once its year is over, from the year's register.
    workflow.apply(report, "issue", by=role_users["truongban"], at=at(datetime.date(2024, 1, 5)))
    assert report.number == "01/BC-BTCD" and str(report) == "01/BC-BTCD"


def test_a_report_over_several_years_tells_each_year(scheme, role_users, tmp_path):
    report = _report(datetime.date(2023, 1, 1), datetime.date(2024, 10, 31), role_users["canbo"])
    assert str(report) == "Báo cáo từ tháng 01/2023 đến hết tháng 10/2024"
    book = openpyxl.load_workbook(io.BytesIO(document_file(SPEC, report, None, "xlsx")))
    assert "Theo năm" in book.sheetnames
    assert _rows(book["Theo năm"]) == [
        ("năm 2023", 12, 169, 210, 11, 51, 2, 2, 40, 0, 0, 0),
        ("từ tháng 01/2024 đến hết tháng 10/2024", 10, 144, 171, 7, 35, 1, 1, 45, 0, 0, 0),
    ]
    summary_rows = [text for _, text in _rows(book["Tổng hợp"])]
    assert summary_rows[1:3] == [PRINTED_2023, PRINTED_2024]
    assert len(_rows(book["Theo tháng"])) == 22
    docx = docx_text(document_file(SPEC, report, None, "docx"))
    assert PRINTED_2023 in docx and PRINTED_2024 in docx
    pdf = _squash(pdf_text(document_file(SPEC, report, None, "pdf"), tmp_path))
    assert _squash(PRINTED_2023) in pdf and _squash(PRINTED_2024) in pdf
    assert _squash("năm 2023 12 169 210 11 51 2 2 40 0 0 0") in pdf


def test_titles_follow_how_the_period_was_heard(scheme):
    year = Period.year(2023)
    items = AgendaItem.objects.filter(session__date__year=2023)
    items.update(mode="online")
    f = compute(year)
    assert subject(f.reception) == (
        "Kết quả tiếp công dân trực tuyến của Chủ tịch UBND tỉnh năm 2023"
    )
    assert summary(f)[1] == "Các lượt tiếp trong kỳ đều là tiếp trực tuyến (171 lượt)."
    items.filter(session__kind="ad_hoc").update(mode="in_person")
    f = compute(year)
    assert subject(f.reception) == (
        "Kết quả tiếp công dân trực tiếp và trực tuyến của Chủ tịch UBND tỉnh năm 2023"
    )
    assert summary(f)[1] == (
        "Tiếp trực tuyến 169 lượt (chiếm 98,8%), trực tiếp 02 lượt (chiếm 1,2%)."
    )
    assert f.kinds["periodic"].online == 169 and f.kinds["ad_hoc"].online == 0
    nothing = compute(Period.year(2019))
    assert subject(nothing.reception) == "Kết quả tiếp công dân của Chủ tịch UBND tỉnh năm 2019"
    assert headline(nothing.reception) == (
        "Năm 2019, Chủ tịch UBND tỉnh không tổ chức phiên tiếp công dân nào."
    )


def test_the_desk_offers_the_year_and_opens_its_figures(scheme, login):
    client = login("canbo")
    add = reverse("admin:tiep_cong_dan_monthlyreport_add")
    page = client.get(add).content.decode()
    assert '<option value="2023-01-01:2023-12-31">Năm 2023</option>' in page
    assert '<option value="2025-10-01:2025-12-31">Quý IV năm 2025</option>' in page
    response = client.post(
        add,
        {
            "period_choice": "2023-01-01:2023-12-31",
            "period_start": "",
            "period_end": "",
            "units_mode": "period",
            "remarks": "",
            "_save": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report = MonthlyReport.objects.get()
    assert (report.period_start, report.period_end) == (
        datetime.date(2023, 1, 1),
        datetime.date(2023, 12, 31),
    )
    listing = client.get(reverse("admin:tiep_cong_dan_monthlyreport_changelist"))
    assert "Báo cáo năm 2023" in listing.content.decode()
    page = reverse("admin:tiep_cong_dan_monthlyreport_change", args=[report.pk])
    assert PRINTED_2023 in client.get(page).content.decode()
    # Neither a period from the list nor two dates: refused, nothing drafted.
    refused = client.post(
        add, {"period_choice": "", "period_start": "", "period_end": "", "units_mode": "period"}
    )
    assert refused.status_code == 200 and MonthlyReport.objects.count() == 1
    assert "Hãy chọn kỳ báo cáo trong danh sách hoặc nhập đủ hai ngày." in refused.content.decode()
    # The Chairman reads it (without editing it): the same figures.
    assert PRINTED_2023 in login("chutich").get(page).content.decode()


def test_each_january_the_job_drafts_last_year_too(role_users):
    from tiep_cong_dan.jobs.reports import draft_last_months_report

    for _ in range(2):
        december = draft_last_months_report(datetime.date(2026, 1, 2))
    assert str(december) == "Báo cáo tháng 12 năm 2025"
    assert sorted(str(r) for r in MonthlyReport.objects.all()) == [
        "Báo cáo năm 2025",
        "Báo cáo tháng 12 năm 2025",
    ]
    draft_last_months_report(datetime.date(2026, 2, 2))
    assert MonthlyReport.objects.count() == 3  # January's alone
