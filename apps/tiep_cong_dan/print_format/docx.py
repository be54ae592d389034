"""The same documents as DOCX, made from the very HTML the PDF is made from, so a print
format edited in the desk changes both, and officials can go on editing in Word.

The HTML→DOCX libraries on PyPI (html2docx, htmldocx) ignore CSS classes and the page
set-up, which is where Decree 30's layout lives. Our templates use a small, fixed
vocabulary (base.html's classes); this module maps that vocabulary onto python-docx:
A4 with the decree's margins (landscape when <body class="landscape">), Times New Roman
13 pt, borderless layout tables for the header, signature and "Nơi nhận:", ruled tables
for `table.grid`, justified first-line-indented body paragraphs, page numbers from
page 2 and the "DỰ THẢO" mark on drafts. Anything else is kept as plain paragraphs.

Nothing is fetched: the parser reads no DTD or entity from the network, links stay
text, and the only pictures are the PNG data URIs the PDF's fetcher also accepts (the
report's charts); any other <img> is left out.
"""

import io

import lxml.html
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.exceptions import UnrecognizedImageError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .assets import png_data

FONT = "Times New Roman"
CENTER, LEFT, RIGHT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)

# class -> run style; mirrors base.html's stylesheet.
CLASS_STYLE: dict[str, dict] = {
    "issuer-parent": {"caps": True},
    "issuer": {"bold": True, "caps": True},
    "national": {"bold": True, "size": 12},
    "motto": {"bold": True},
    "place-date": {"italic": True},
    "subject": {"bold": True},
    "capacity": {"bold": True, "caps": True},
    "title": {"bold": True, "caps": True},
    "name": {"bold": True},
    "label": {"bold": True, "italic": True, "size": 12},
    "note": {"italic": True, "size": 11},
    "form-code": {"bold": True, "size": 12},
}
TAG_STYLE = {"b": {"bold": True}, "strong": {"bold": True}, "i": {"italic": True}}
TAG_STYLE["em"] = TAG_STYLE["i"]
BLOCK_TAGS = {"div", "p", "h1", "h2", "h3", "table", "ul", "ol", "li"}


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _style_of(element, inherited: dict) -> dict:
    style = dict(inherited)
    style.update(TAG_STYLE.get(element.tag, {}))
    for name in _classes(element):
        style.update(CLASS_STYLE.get(name, {}))
    if element.tag in ("h1", "h2"):
        style.update(bold=True, caps=element.tag == "h1", size=14 if element.tag == "h1" else 13)
    return style


def _add_run(paragraph, text: str, style: dict) -> None:
    if not text:
        return
    run = paragraph.add_run(text.upper() if style.get("caps") else text)
    run.bold, run.italic = style.get("bold"), style.get("italic")
    run.font.size = Pt(style.get("size", 13))
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _inline(paragraph, element, style: dict) -> None:
    """Text and inline children (b, i, br, span) of `element` as runs."""
    _add_run(paragraph, _squash(element.text), style)
    for child in element:
        if child.tag == "br":
            paragraph.add_run().add_break()
        else:
            _inline(paragraph, child, _style_of(child, style))
        _add_run(paragraph, _squash(child.tail), style)


def _squash(text: str | None) -> str:
    return " ".join((text or "").split()) + (" " if text and text[-1:].isspace() else "")


def _align(element, default):
    classes = _classes(element)
    if classes & {"center", "subject", "addressee", "num"} or element.tag == "h1":
        return CENTER
    if "right" in classes:
        return RIGHT
    if "left" in classes:
        return LEFT
    if "body" in classes or "justify" in classes:
        return JUSTIFY
    return default


def _picture(container, image) -> None:
    """An <img> with a PNG data URI (the report's charts), 15 cm wide and centred."""
    data = png_data((image.get("src") or "").strip())
    if data is None:
        return
    p = container.add_paragraph()
    p.alignment = CENTER
    try:
        p.add_run().add_picture(io.BytesIO(data), width=Cm(15))
    except (UnrecognizedImageError, ValueError, ZeroDivisionError):
        p._p.getparent().remove(p._p)  # a broken picture: left out, as in the PDF


def _paragraph(container, element, style: dict, align) -> None:
    p = container.add_paragraph()
    p.alignment = _align(element, align)
    p.paragraph_format.space_after = Pt(3)
    if "body" in _classes(element):
        p.paragraph_format.first_line_indent = Cm(1)
        p.paragraph_format.space_after = Pt(6)
    _inline(p, element, style)


def _has_blocks(element) -> bool:
    return any(child.tag in BLOCK_TAGS for child in element)


def _blocks(container, element, style: dict, align) -> None:
    """Block children of `element` into `container` (the document or a table cell)."""
    for child in element:
        if not isinstance(child.tag, str):
            continue
        classes = _classes(child)
        if classes & {"watermark", "rule", "page-break"}:
            continue
        if "space" in classes:
            for _ in range(4):
                container.add_paragraph()
            continue
        images = child.xpath(".//img") if child.tag != "img" else [child]
        if images and not "".join(child.itertext()).strip():
            for image in images:
                _picture(container, image)
            continue
        if "sign-off" in classes:
            _sign_off(container, child, style, align)
        elif child.tag == "table":
            _table(container, child, style)
        elif child.tag in ("ul", "ol"):
            _blocks(container, child, _style_of(child, style), align)
        elif child.tag in BLOCK_TAGS and _has_blocks(child):
            _blocks(container, child, _style_of(child, style), _align(child, align))
        elif child.tag in BLOCK_TAGS:
            _paragraph(container, child, _style_of(child, style), align)
        else:  # stray inline at block level
            _paragraph(container, child, _style_of(child, style), align)


def _last_paragraphs(container) -> list:
    """The paragraphs of the last block written into `container` (of every cell of its
    last row when it is a table)."""
    blocks = container._element.xpath("./w:body/w:p|./w:body/w:tbl|./w:p|./w:tbl")
    if not blocks:
        return []
    last = blocks[-1]
    if last.tag == qn("w:p"):
        return [last]
    rows = last.xpath("./w:tr")
    return rows[-1].xpath(".//w:p") if rows else []


def _keep_with_next(paragraph) -> None:
    ppr = paragraph.get_or_add_pPr()
    ppr.keepNext_val = True
    ppr.keepLines_val = True


def _sign_off(container, element, style: dict, align) -> None:
    """The signature block and what goes with it, kept on one page with the paragraph
    before it (base.html's .sign-off): Word and LibreOffice move them over together."""
    for paragraph in _last_paragraphs(container):
        _keep_with_next(paragraph)
    start = len(container._element.xpath("./w:body/w:p|./w:body/w:tbl|./w:p|./w:tbl"))
    _blocks(container, element, style, align)
    added = container._element.xpath("./w:body/w:p|./w:body/w:tbl|./w:p|./w:tbl")[start:]
    for block in added:
        for row in block.xpath("./w:tr"):
            row.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        paragraphs = block.xpath(".//w:p") if block.tag == qn("w:tbl") else [block]
        for paragraph in paragraphs:
            _keep_with_next(paragraph)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _table(container, element, style: dict) -> None:
    rows = element.xpath("./tr|./thead/tr|./tbody/tr")
    if not rows:
        return
    width = max(len(row.xpath("./td|./th")) for row in rows)
    table = container.add_table(rows=0, cols=width)
    grid = "grid" in _classes(element)
    if grid:
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
    else:
        _no_borders(table)
    small = {**style, "size": 12 if grid else style.get("size", 13)}
    if "small" in _classes(element):
        small["size"] = 10
    for row in rows:
        cells = table.add_row().cells
        for cell, source in zip(cells, row.xpath("./td|./th"), strict=False):
            cell_style = _style_of(source, small)
            if source.tag == "th":
                cell_style["bold"] = True
            default = CENTER if (source.tag == "th" or not grid) else LEFT
            if "recipients" in _classes(source):
                default = LEFT
            first = cell.paragraphs[0]
            if _has_blocks(source):
                _blocks(cell, source, cell_style, _align(source, default))
                if not first.text and len(cell.paragraphs) > 1:
                    first._p.getparent().remove(first._p)  # the empty paragraph a cell starts with
            else:
                first.alignment = _align(source, default)
                _inline(first, source, cell_style)


def _page_setup(doc, landscape: bool) -> None:
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        # A landscape sheet is bound along its top edge (Decree 30, Appendix I).
        section.left_margin, section.right_margin = Cm(2), Cm(2)
        section.top_margin, section.bottom_margin = Cm(3), Cm(2)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin, section.right_margin = Cm(3), Cm(1.5)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    # Decree 30: page numbers from page 2, centred in the top margin.
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    p._p.append(field)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)


def html_to_docx(html: str) -> bytes:
    """The DOCX of a document rendered from a print format."""
    parser = lxml.html.HTMLParser(no_network=True)
    root = lxml.html.document_fromstring(html, parser=parser)
    body = root.find("body")
    doc = Document()
    _page_setup(doc, "landscape" in _classes(body))
    if body.xpath(".//*[contains(concat(' ', @class, ' '), ' watermark ')]"):
        p = doc.sections[0].first_page_header.paragraphs[0]
        run = p.add_run("DỰ THẢO")
        run.bold, run.font.size = True, Pt(14)
        run.font.color.rgb = RGBColor(0xC0, 0, 0)
    # python-docx starts a document with one empty paragraph; drop it.
    for empty in list(doc.paragraphs):
        empty._p.getparent().remove(empty._p)
    _blocks(doc, body, {}, LEFT)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
