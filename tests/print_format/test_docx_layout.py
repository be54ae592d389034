"""Every print format's DOCX, opened by LibreOffice, reads as its PDF does: each line of
the PDF's letterhead on one line (no "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT / NAM"), and the
same words (no space lost between two runs, as in "tỉnh:Giao"). All the files go
through one LibreOffice call."""

import datetime
import re
import shutil
import subprocess

import pytest
from tiep_cong_dan.doctype.reception_session.constants import InviteeKind
from tiep_cong_dan.print_format.catalog import CATALOG
from tiep_cong_dan.print_format.context import register_context
from tiep_cong_dan.print_format.documents import DOCUMENTS
from tiep_cong_dan.print_format.docx import html_to_docx
from tiep_cong_dan.print_format.render import render_html, render_pdf
from tiep_cong_dan.print_format.service import document_html

from .conftest import COMPLAINANT
from .libreoffice import docx_to_pdf

WATERMARK = "DỰ THẢO"


def _raw_lines(path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(line.split()) for line in out.splitlines() if line.strip()]


def _words(lines: list[str]) -> set[str]:
    """The words of a text; a word a narrow cell wrapped after "/" or "-" is joined
    again (the two programs may wrap it at different places); so is one wrapped after
    an en dash ("14:00–14:12")."""
    text = re.sub(r"(?<=[/–-]) +", "", " ".join(lines))
    return set(text.split()) - {WATERMARK, *WATERMARK.split()}


def _letterhead(lines: list[str], title: str | None) -> list[str]:
    """The lines above the document's title (the two header columns, the form code);
    a letter without a title (công văn): down to its date line."""
    if title is not None:
        head = lines[: lines.index(title)]
    else:
        end = next(n for n, line in enumerate(lines) if re.match(r"Lạng Sơn, ngày \d", line))
        head = lines[: end + 1]
    return [line for line in head if line not in (WATERMARK, *WATERMARK.split())]


def _every_format(notice, announced, letters, report, role_users) -> dict[str, str]:
    """Format code -> its HTML, one real record each."""
    invitations = {i.kind: i for i in announced.invitations.order_by("id")}
    records = {
        "result_notice": ("result_notice", notice),
        "reply_letter": ("reply_letter", letters["answered"]),
        "refusal_notice": ("refusal_notice", letters["refused"]),
        "receipt": ("receipt", letters["answered"]),
        "agenda": ("agenda", announced),
        "monthly_report": ("monthly_report", report),
        "invitation_citizen": (
            "invitation",
            announced.invitations.get(kind=InviteeKind.CITIZEN, citizen__full_name=COMPLAINANT),
        ),
        "invitation_commune": ("invitation", invitations[InviteeKind.COMMUNE]),
        "invitation_agency": ("invitation", invitations[InviteeKind.AGENCY]),
    }
    html = {
        code: document_html(DOCUMENTS[spec], record, None)
        for code, (spec, record) in records.items()
    }
    html["register"] = render_html(
        "register.html",
        register_context(
            role_users["canbo"], datetime.date(2025, 12, 1), datetime.date(2026, 3, 31)
        ),
    )
    # every document type offered as DOCX (the briefing pack, with its contents' page
    # numbers, is a PDF only)
    assert set(html) == set(CATALOG) - {"base"} - {c for c, d in DOCUMENTS.items() if not d.docx}
    assert "docx" not in DOCUMENTS["briefing_pack"].formats
    return html


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by make test")
def test_every_docx_reads_as_its_pdf(notice, announced, letters, report, role_users, tmp_path):
    documents = _every_format(notice, announced, letters, report, role_users)
    for code, html in documents.items():
        (tmp_path / f"{code}.pdf").write_bytes(render_pdf(html))
        (tmp_path / "docx").mkdir(exist_ok=True)
        (tmp_path / "docx" / f"{code}.docx").write_bytes(html_to_docx(html))
    docx_to_pdf(sorted((tmp_path / "docx").iterdir()), tmp_path)
    titles = {}
    for code, html in documents.items():
        found = re.search(r"<h1>(.*?)</h1>", html)
        titles[code] = found.group(1) if found else None
    for code in documents:
        pdf = _raw_lines(tmp_path / f"{code}.pdf")
        word = _raw_lines(tmp_path / "out" / f"{code}.pdf")
        head = _letterhead(pdf, titles[code])
        assert len(head) >= 2, (code, head)
        for line in head:
            assert line in word, (code, line, _letterhead(word, titles[code]))
        missing, extra = _words(pdf) - _words(word), _words(word) - _words(pdf)
        assert (missing, extra) == (set(), set()), code
        glued = [w for w in _words(word) if re.search(r"[^\W\d_][:;,.][^\W\d_]", w)]
        assert glued == [], code


def _paragraphs(body: str) -> list[str]:
    import io

    import docx

    data = html_to_docx(f"<html><body>{body}</body></html>")
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_the_space_between_two_runs_is_kept_once():
    assert _paragraphs(
        "<p><i>Ý kiến kết luận của Chủ tịch UBND tỉnh:</i> Giao Sở.</p>"
        "<p><b>Thời gian:</b>\n   14:00, thứ Hai.</p>"
        "<p>Kính gửi <b> Ông </b> <i> Hoàng Văn An </i>.</p>"
        "<p>  Dòng một <br>  dòng hai  </p>"
    ) == [
        "Ý kiến kết luận của Chủ tịch UBND tỉnh: Giao Sở.",
        "Thời gian: 14:00, thứ Hai.",
        "Kính gửi Ông Hoàng Văn An .",
        "Dòng một\ndòng hai",
    ]
