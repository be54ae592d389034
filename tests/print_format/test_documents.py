"""Every document, in both formats, read back as its reader would: the header, the
number and date lines, the signature and "Nơi nhận:", the page, the fonts; the DOCX
also through LibreOffice; redaction; freezing per number; bulk printing."""

import datetime
import re
import shutil
import subprocess

import pytest
from tiep_cong_dan.doctype.reception_session.constants import InviteeKind
from tiep_cong_dan.print_format.context import register_context
from tiep_cong_dan.print_format.documents import DOCUMENTS
from tiep_cong_dan.print_format.models import IssuedDocument
from tiep_cong_dan.print_format.render import render_html
from tiep_cong_dan.print_format.service import document_file, documents_pdf, to_format

from .conftest import COMPLAINANT, DENOUNCER, docx_text, pdf_text
from .libreoffice import docx_to_pdf

HEADER = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
BOARD = ["UBND TỈNH LẠNG SƠN", "BAN TIẾP CÔNG DÂN TỈNH"]
FOOTER = ["Nơi nhận:", "- Lưu: VT, BTCD."]
DATE = re.compile(r"Lạng Sơn, ngày \d{2} tháng (0[12]|[3-9]|1[0-2]) năm 20\d\d")


def _documents(notice, announced, letters):
    """(name, record or None, spec code or template, the strings it must show)."""
    invitation = {i.kind: i for i in announced.invitations.all()}
    citizen = announced.invitations.filter(
        kind=InviteeKind.CITIZEN, citizen__full_name=COMPLAINANT
    ).get()
    return [
        ("result_notice", notice, ["THÔNG BÁO", "Số: 01/TB-UBND", "CHỦ TỊCH", *FOOTER]),
        (
            "reply_letter",
            letters["answered"],
            [
                *BOARD,
                "Số: 15/BTCD-TCD",
                "Lạng Sơn, ngày 05 tháng 3 năm 2026",
                "chưa hết thẩm quyền",
                "V/v trả lời đơn",
                "TRƯỞNG BAN",
                *FOOTER,
            ],
        ),
        (
            "refusal_notice",
            letters["refused"],
            [
                # Dated before Decree 154/2026 took effect (2026-07-01): the earlier form.
                "Mẫu số 01 (Ban hành kèm theo Thông tư số 04/2021/TT-TTCP)",
                "Số: 03/TB-BTCD",
                "Lạng Sơn, ngày 04 tháng 02 năm 2026",
                "Về việc từ chối tiếp công dân",
                "Căn cứ khoản 3 Điều 9 Luật Tiếp công dân, Ban Tiếp công dân tỉnh Lạng Sơn",
                DENOUNCER,
                "Nơi nhận:",
                "- Lưu: VT, hồ sơ.",
            ],
        ),
        (
            "receipt",
            letters["answered"],
            [
                "Mẫu số 02/TCD",
                "GIẤY BIÊN NHẬN",
                "NGƯỜI CUNG CẤP THÔNG TIN, TÀI LIỆU",
                "NGƯỜI NHẬN",
                COMPLAINANT,
            ],
        ),
        (
            "agenda",
            announced,
            ["CHƯƠNG TRÌNH", "ngày 23/03/2026", COMPLAINANT, "Trực tuyến", *FOOTER],
        ),
        (
            "invitation",
            citizen,
            [
                "GIẤY MỜI",
                re.compile(r"Số: 0\d/GM-BTCD"),
                "Lạng Sơn, ngày 16 tháng 3 năm 2026",
                COMPLAINANT,
                "thứ Hai, ngày 23/03/2026",
                *FOOTER,
            ],
        ),
        (
            "invitation",
            invitation[InviteeKind.COMMUNE],
            [
                "GIẤY MỜI",
                "Kính gửi: Chủ tịch Ủy ban nhân dân phường Đông Kinh",
                COMPLAINANT,
                "thông tin được bảo mật",
                *FOOTER,
            ],
        ),
        (
            "invitation",
            invitation[InviteeKind.AGENCY],
            [
                "GIẤY MỜI",
                "Kính gửi: Sở Nông nghiệp và Môi trường",
                "Tố cáo cán bộ địa chính",
                "thông tin được bảo mật",
                *FOOTER,
            ],
        ),
    ]


def _check(text: str, expected) -> None:
    for item in expected:
        if isinstance(item, re.Pattern):
            assert item.search(text), (item.pattern, text[:400])
        else:
            assert item in text, (item, text[:600])


def test_every_document_in_both_formats(notice, announced, letters, tmp_path):
    for code, record, expected in _documents(notice, announced, letters):
        spec = DOCUMENTS[code]
        pdf = document_file(spec, record, None, "pdf")
        text = pdf_text(pdf, tmp_path)
        _check(text, [*HEADER, DATE, *expected])
        assert "595.276 x 841.89 pts (A4)" in pdf_text(pdf, tmp_path, "pdfinfo"), code
        fonts = pdf_text(pdf, tmp_path, "pdffonts").splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" for line in fonts), (code, fonts)
        assert all("Liberation" in line for line in fonts), (code, fonts)
        _check(docx_text(document_file(spec, record, None, "docx")), [*HEADER, *expected])


def test_letters_to_agencies_never_name_a_denouncer(announced, role_users, tmp_path):
    spec = DOCUMENTS["invitation"]
    for invitation in announced.invitations.exclude(kind=InviteeKind.CITIZEN):
        for reader in (None, role_users["canbo"], role_users["truongban"]):
            text = pdf_text(document_file(spec, invitation, reader, "pdf"), tmp_path)
            assert DENOUNCER not in text and "020080000023" not in text
    agenda_for_agency = pdf_text(
        document_file(DOCUMENTS["agenda"], announced, role_users["so_nnmt"], "pdf"), tmp_path
    )
    assert DENOUNCER not in agenda_for_agency and COMPLAINANT in agenda_for_agency
    assert DENOUNCER in pdf_text(
        document_file(DOCUMENTS["agenda"], announced, role_users["canbo"], "pdf"), tmp_path
    )


def test_the_register_has_its_13_columns_for_any_period(announced, letters, role_users, tmp_path):
    start, end = datetime.date(2025, 12, 1), datetime.date(2026, 3, 31)
    html = render_html("register.html", register_context(role_users["canbo"], start, end))
    pdf = to_format(html, "pdf")
    assert "841.89 x 595.276 pts (A4)" in pdf_text(pdf, tmp_path, "pdfinfo")  # landscape
    text = pdf_text(pdf, tmp_path)
    _check(
        text,
        [
            "Mẫu số 03/TCD",
            "SỔ TIẾP CÔNG DÂN",
            "Từ ngày 01/12/2025 đến ngày 31/03/2026",
            COMPLAINANT,
            DENOUNCER,
            "Tổng số: 4 lượt tiếp, 4 vụ việc",
        ],
    )
    for column in (
        "STT",
        "Ngày tiếp",
        "Họ tên, địa chỉ",
        "CCCD/CMND/Hộ chiếu",
        "Nội dung đơn",
        "Loại đơn",
        "Số người cùng nội dung",
        "Cơ quan đã giải quyết",
        "Thuộc thẩm quyền (x)",
        "Hướng dẫn công dân đến cơ quan có thẩm quyền",
        "Cơ quan, đơn vị thụ lý",
        "Theo dõi kết quả giải quyết",
        "Ghi chú",
    ):
        # A narrow column wraps its head (pdftotext then puts a space at the break).
        assert "".join(column.split()) in "".join(text.split()), column
    commune = register_context(role_users["xa_dongkinh"], start, end)
    names = " ".join(row["person"] for row in commune["rows"])
    assert COMPLAINANT in names and DENOUNCER not in names  # redacted, not hidden
    assert len(commune["rows"]) == 4 and "thông tin được bảo mật" in names
    outside = register_context(role_users["so_nnmt"], start, end)
    assert len(outside["rows"]) == 2  # only the cases the department is concerned with
    docx = docx_text(to_format(html, "docx"))
    _check(docx, ["SỔ TIẾP CÔNG DÂN", "Cơ quan, đơn vị thụ lý", COMPLAINANT])
    march = register_context(role_users["canbo"], datetime.date(2026, 3, 1), end)
    assert [r["stt"] for r in march["rows"]] == [1, 2]  # numbered within the period
    january = register_context(
        role_users["canbo"], datetime.date(2026, 1, 1), datetime.date(2026, 1, 31)
    )
    assert january["rows"] == [] and january["totals"]["cases"] == 0


def test_a_numbered_letter_is_frozen_and_a_new_number_is_a_new_issue(letters, role_users):
    spec, petition = DOCUMENTS["reply_letter"], letters["answered"]
    first = document_file(spec, petition, role_users["canbo"], "pdf")
    petition.reply_reason = "Lý do đã sửa sau khi ký."
    petition.save()
    assert document_file(spec, petition, role_users["canbo"], "pdf") == first
    petition.reply_letter_number = "16/BTCD-TCD"
    petition.save()
    second = document_file(spec, petition, role_users["canbo"], "pdf")
    assert second != first
    stored = IssuedDocument.objects.filter(doctype="reply_letter", object_id=petition.pk)
    assert sorted(stored.values_list("number", flat=True)) == ["15/BTCD-TCD", "16/BTCD-TCD"]
    receipt = DOCUMENTS["receipt"]  # never numbered: always rendered fresh
    document_file(receipt, petition, role_users["canbo"], "pdf")
    assert not IssuedDocument.objects.filter(doctype="receipt").exists()


def test_a_sessions_invitations_print_as_one_pdf(announced, role_users, tmp_path):
    spec = DOCUMENTS["invitation"]
    invitations = list(announced.invitations.order_by("kind", "id"))
    assert len(invitations) >= 4  # two citizens, the commune, the department
    merged = documents_pdf(spec, invitations, role_users["canbo"])
    pages = int(re.search(r"Pages:\s+(\d+)", pdf_text(merged, tmp_path, "pdfinfo")).group(1))
    single = [
        int(
            re.search(
                r"Pages:\s+(\d+)",
                pdf_text(document_file(spec, i, role_users["canbo"], "pdf"), tmp_path, "pdfinfo"),
            ).group(1)
        )
        for i in invitations
    ]
    assert pages == sum(single)
    text = pdf_text(merged, tmp_path)
    assert text.count("GIẤY MỜI") == len(invitations)
    numbers = sorted(i.number for i in invitations)
    assert numbers == [f"{n:02d}/GM-BTCD" for n in range(1, len(invitations) + 1)]  # gap-free


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by make test")
def test_libreoffice_opens_every_docx(notice, announced, letters, tmp_path):
    """A second, independent reader: LibreOffice converts each DOCX to PDF."""
    names = []
    for n, (code, record, expected) in enumerate(_documents(notice, announced, letters)):
        path = tmp_path / f"{n}-{code}.docx"
        path.write_bytes(document_file(DOCUMENTS[code], record, None, "docx"))
        names.append((path, expected))
    docx_to_pdf([p for p, _ in names], tmp_path)
    for path, expected in names:
        converted = (tmp_path / "out" / path.with_suffix(".pdf").name).read_bytes()
        text = pdf_text(converted, tmp_path)
        _check(text, [*HEADER, *[e for e in expected if not isinstance(e, re.Pattern)]])
        assert "pts (A4)" in pdf_text(converted, tmp_path, "pdfinfo")


def test_each_format_names_the_data_its_template_gets(notice, announced, letters, report):
    """The editor reads the data a template may use in its description: keep it true."""
    from tiep_cong_dan.print_format.catalog import CATALOG
    from tiep_cong_dan.print_format.context.common import frame
    from tiep_cong_dan.print_format.samples import sample_context

    shared = set(frame())
    for key in shared:
        assert key in CATALOG["base"][1], key
    for code, (_, description) in CATALOG.items():
        if code == "base":
            continue
        found = sample_context(code)
        assert found is not None, code
        for key in set(found[1]) - shared:
            assert key in description, (code, key)


def _text_box(pdf: bytes, tmp_path, page: int = 1) -> tuple[float, float, float, float]:
    """The box around every word drawn on `page` (pdftotext -bbox), in points."""
    path = tmp_path / "box.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    boxes = [
        tuple(float(v) for v in m)
        for m in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', html
        )
    ]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


MM = 72 / 25.4


def test_margins_read_back_from_the_pdf(notice, announced, letters, role_users, tmp_path):
    """Decree 30: left 30 mm, right 15 mm, top and bottom 20 mm (A4 portrait); the
    register, landscape, is bound along its top: 30 mm there, 20 mm elsewhere."""
    pdf = document_file(DOCUMENTS["result_notice"], notice, None, "pdf")
    left, top, right, bottom = _text_box(pdf, tmp_path)
    assert abs(left - 30 * MM) < 1.5  # justified body text starts at the margin
    # pdftotext boxes include the glyphs' own spacing: a point or so past the edge.
    assert abs(right - (595.28 - 15 * MM)) < 1.5
    assert top >= 20 * MM - 0.5 and bottom <= 841.89 - 20 * MM + 0.5
    html = render_html(
        "register.html",
        register_context(
            role_users["canbo"], datetime.date(2025, 12, 1), datetime.date(2026, 3, 31)
        ),
    )
    left, top, right, bottom = _text_box(to_format(html, "pdf"), tmp_path)
    assert left >= 20 * MM - 0.5 and right <= 841.89 - 20 * MM + 1.5
    assert top >= 30 * MM - 0.5 and bottom <= 595.28 - 20 * MM + 0.5
