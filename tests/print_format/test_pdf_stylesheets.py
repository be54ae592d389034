"""Stylesheets parsed once per process (print_format/stylesheets.py): what is kept
between renders is keyed by the stylesheet's own text, so an edit in the desk is seen
by the very next PDF, two formats never lend each other their styles, and documents
that need what the lean default stylesheet leaves out get the full one."""

from django.urls import reverse
from tiep_cong_dan.print_format import stylesheets
from tiep_cong_dan.print_format.context import result_notice_context
from tiep_cong_dan.print_format.models import PrintFormat
from tiep_cong_dan.print_format.render import render_html, render_pdf

from .conftest import pdf_text

A4_PORTRAIT = "595.276 x 841.89 pts (A4)"
A5_LANDSCAPE = "595.276 x 419.528 pts"


def _page_size(data: bytes, tmp_path) -> str:
    info = pdf_text(data, tmp_path, "pdfinfo")
    return next(line for line in info.splitlines() if line.startswith("Page size:"))


def _notice_pdf(notice) -> bytes:
    return render_pdf(render_html("result_notice.html", result_notice_context(notice)))


def _save_base(login, template: str) -> None:
    fmt = PrintFormat.objects.get(code="base")
    change = reverse("admin:tiep_cong_dan_printformat_change", args=[fmt.pk])
    response = login("quantri").post(
        change, {"name": fmt.name, "description": fmt.description, "template": template}
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_stylesheet_edited_in_the_desk_is_used_by_the_next_pdf(login, notice, tmp_path):
    """Given a Result Notice rendered once (its stylesheet parsed and kept, its fonts
    loaded), when an administrator changes the page size and the font in base.html,
    then the next PDF has the new size and font; put back, the one after has A4 and
    Liberation Serif again."""
    first = _notice_pdf(notice)
    assert A4_PORTRAIT in _page_size(first, tmp_path)
    assert "DejaVu" not in pdf_text(first, tmp_path, "pdffonts")
    shipped = PrintFormat.objects.get(code="base").template
    body_font = 'body { margin: 0; font-family: "Liberation Serif"'
    assert "size: A4 portrait" in shipped and body_font in shipped
    edited = shipped.replace("size: A4 portrait", "size: A5 landscape", 1).replace(
        body_font, 'body { margin: 0; font-family: "DejaVu Sans"', 1
    )
    _save_base(login, edited)
    second = _notice_pdf(notice)
    assert A5_LANDSCAPE in _page_size(second, tmp_path)
    assert "DejaVu-Sans" in pdf_text(second, tmp_path, "pdffonts")
    _save_base(login, shipped)
    third = _notice_pdf(notice)
    assert A4_PORTRAIT in _page_size(third, tmp_path)
    assert "DejaVu" not in pdf_text(third, tmp_path, "pdffonts")


def test_two_stylesheets_in_turn_keep_their_own_rules(tmp_path):
    """Two documents with different stylesheets rendered one after the other, twice
    over (the second time both parsed sheets are kept): each has its own page."""
    portrait = "<style>@page { size: A4 portrait }</style><p>Một</p>"
    landscape = "<style>@page { size: A5 landscape }</style><p>Hai</p>"
    stylesheets.clear()
    for _ in range(2):
        assert A4_PORTRAIT in _page_size(render_pdf(portrait), tmp_path)
        assert A5_LANDSCAPE in _page_size(render_pdf(landscape), tmp_path)


def test_a_document_the_cache_cannot_reproduce_is_left_to_weasyprint(tmp_path):
    """A stylesheet with !important (a kept sheet would outrank the style attribute's)
    or a <style media> is left in the document for WeasyPrint: the same cascade."""
    from weasyprint import HTML

    important = "<style>@page { size: A5 landscape !important }</style><p style='color: red'>Ba</p>"
    parsed = HTML(string=important)
    assert stylesheets.take_styles(parsed, None) == []
    assert A5_LANDSCAPE in _page_size(render_pdf(important), tmp_path)
    screen_only = "<style media='screen'>@page { size: A5 landscape }</style><p>Bốn</p>"
    assert stylesheets.take_styles(HTML(string=screen_only), None) == []
    assert A4_PORTRAIT in _page_size(render_pdf(screen_only), tmp_path)


def test_lists_and_footnotes_keep_their_markers(tmp_path):
    """The lean default stylesheet drops the marker and footnote rules; a document with
    a list or a footnote gets the full one: its numbers are printed, its text the same
    as plain WeasyPrint's."""
    from weasyprint import HTML

    listed = "<ol><li>Thứ nhất</li><li>Thứ hai</li></ol>"
    noted = "<style>.fn { float: footnote }</style><p>Văn bản<span class='fn'>Chú thích</span></p>"
    for html, numbers in ((listed, ("1.", "2.")), (noted, ("bản1", "1. Chú thích"))):
        text = pdf_text(render_pdf(html), tmp_path)
        assert all(number in text for number in numbers), text
        assert text == pdf_text(HTML(string=html).write_pdf(), tmp_path)


def test_the_lean_defaults_apply_to_the_installed_weasyprint():
    """The lean default stylesheet is WeasyPrint's own less six lines; a version whose
    stylesheet differs gets the full one (correct, only slower): this says so."""
    assert stylesheets._lean_html_class() is not None, (
        "WeasyPrint's default stylesheet changed: review _UNIVERSAL_PSEUDO in "
        "print_format/stylesheets.py"
    )
