"""The Result Notice's signature block (Decree 30/2020, Appendix I): signed for the
People's Committee by its Chairman, or by a deputy in the Chairman's stead; and never
alone on a page, in the PDF and in the DOCX."""

import io
import shutil
import subprocess

import docx
import pytest
from docx.oxml.ns import qn
from tiep_cong_dan.doctype.result_notice.models import Conclusion
from tiep_cong_dan.print_format.context import result_notice_context
from tiep_cong_dan.print_format.docx import html_to_docx
from tiep_cong_dan.print_format.render import render_html, render_pdf

from .libreoffice import docx_to_pdf

CLOSING = "biết, thực hiện./."
# The footer's last recipient line (the signer's name is also in the opening).
SIGNED = "- Lưu: VT, BTCD."
SENTENCE = "Giao Sở Nông nghiệp và Môi trường kiểm tra, báo cáo kết quả. "


def _pages(pdf: bytes, tmp_path, name: str = "notice.pdf") -> list[str]:
    """Each page's text, whitespace normalised."""
    path = tmp_path / name
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    count = int(
        next(line for line in info.stdout.splitlines() if line.startswith("Pages:")).split()[1]
    )
    pages = []
    for page in range(1, count + 1):
        out = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        pages.append(" ".join(out.split()))
    return pages


def _signature_text(notice) -> str:
    html = render_html("result_notice.html", result_notice_context(notice))
    table = docx.Document(io.BytesIO(html_to_docx(html))).tables[-1]
    return " ".join(table.rows[0].cells[1].text.split())


def test_the_chairman_signs_for_the_committee(notice):
    assert _signature_text(notice) == "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Hồ Tiến Thiệu"


def test_a_deputy_signs_in_the_chairmans_stead(notice, tmp_path):
    notice.signer_name, notice.signer_title = "Đoàn Thu Hà", "Phó Chủ tịch UBND tỉnh"
    expected = "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Đoàn Thu Hà"
    assert _signature_text(notice) == expected
    pdf = render_pdf(render_html("result_notice.html", result_notice_context(notice)))
    assert expected in " ".join(_pages(pdf, tmp_path))


def test_without_a_recorded_signer_the_presiding_officials_position_decides(notice):
    notice.signer_title = ""
    notice.session.presiding_official = "Đoàn Thu Hà, Phó Chủ tịch UBND tỉnh"
    assert _signature_text(notice).startswith("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH")
    notice.session.presiding_official = "Hồ Tiến Thiệu, Chủ tịch UBND tỉnh"
    assert _signature_text(notice).startswith("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH")


def _lengthen(notice, sentences: int) -> None:
    last = notice.conclusions.order_by("-petition__registration_seq").first()
    Conclusion.objects.filter(pk=last.pk).update(text=SENTENCE * sentences)


def _notice_pages(notice, sentences: int, tmp_path) -> list[str]:
    _lengthen(notice, sentences)
    html = render_html("result_notice.html", result_notice_context(notice))
    return _pages(render_pdf(html), tmp_path)


def test_the_signature_goes_over_with_the_last_paragraph_in_the_pdf(notice, tmp_path):
    """The shortest notice whose signature no longer fits on page 1 (found by
    bisection): its closing paragraph goes over to page 2 with it."""
    low, high = 0, 60
    assert len(_notice_pages(notice, high, tmp_path)) >= 2
    while high - low > 1:
        middle = (low + high) // 2
        pages = _notice_pages(notice, middle, tmp_path)
        low, high = (middle, high) if SIGNED in pages[0] else (low, middle)
    pages = _notice_pages(notice, high, tmp_path)
    assert SIGNED not in pages[0]
    signed = next(n for n, text in enumerate(pages) if SIGNED in text)
    assert CLOSING in pages[signed] and CLOSING not in pages[0]
    assert "TM. ỦY BAN NHÂN DÂN" in pages[signed] and "Nơi nhận:" in pages[signed]
    assert pages[signed].endswith("Hồ Tiến Thiệu")


def test_the_docx_keeps_the_last_paragraph_with_the_signature(notice):
    html = render_html("result_notice.html", result_notice_context(notice))
    document = docx.Document(io.BytesIO(html_to_docx(html)))
    closing = next(p for p in document.paragraphs if p.text.endswith(CLOSING))
    assert closing.paragraph_format.keep_with_next and closing.paragraph_format.keep_together
    footer = document.tables[-1]
    for row in footer.rows:
        assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                assert paragraph.paragraph_format.keep_with_next


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by make test")
def test_libreoffice_moves_the_last_paragraph_over_with_the_signature(notice, tmp_path):
    """Notices of growing length, each converted by LibreOffice: wherever the page
    ends, the closing paragraph and the signature are on the same page, and at least
    one of them was pushed to page 2."""
    paths = []
    for sentences in range(0, 40, 2):
        _lengthen(notice, sentences)
        html = render_html("result_notice.html", result_notice_context(notice))
        path = tmp_path / f"notice-{sentences:02d}.docx"
        path.write_bytes(html_to_docx(html))
        paths.append(path)
    docx_to_pdf(paths, tmp_path)
    pushed = 0
    for path in paths:
        pdf = (tmp_path / "out" / path.with_suffix(".pdf").name).read_bytes()
        pages = _pages(pdf, tmp_path, "lo.pdf")
        signed = next(n for n, text in enumerate(pages) if SIGNED in text)
        assert "TM. ỦY BAN NHÂN DÂN" in pages[signed], path.name
        assert CLOSING in pages[signed], path.name
        pushed += signed > 0
    assert pushed
