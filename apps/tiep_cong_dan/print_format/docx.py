"""The same documents as DOCX, made from the very HTML the PDF is made from, so a print
format edited in the desk changes both, and officials can go on editing in Word.

The HTML→DOCX libraries on PyPI (html2docx, htmldocx) ignore CSS classes and the page
set-up, which is where Decree 30's layout lives. Our templates use a small, fixed
vocabulary (base.html's classes); this module maps that vocabulary onto python-docx:
A4 with the decree's margins (landscape when <body class="landscape">), Times New Roman
13 pt, borderless layout tables for the header, signature and "Nơi nhận:", ruled tables
for `table.grid`, justified first-line-indented body paragraphs, page numbers from
page 2 and the "DỰ THẢO" mark on drafts. Anything else is kept as plain paragraphs.
Tables get the columns the PDF gives them (the cells' "width: N%", widened to their
longest word), so a line of the letterhead fits as it does in the PDF; white space
between inline elements is kept as a browser keeps it; the `.sign-off` block (the
signature) is kept on one page with the paragraph before it.

Nothing is fetched: the parser reads no DTD or entity from the network, links stay
text, and the only pictures are the PNG data URIs the PDF's fetcher also accepts (the
report's charts); any other <img> is left out.
"""

import contextvars
import functools
import io
import re
import subprocess

import lxml.html
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.exceptions import UnrecognizedImageError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

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
# The width a table at the page's level spans (the page less its margins), in EMU.
PORTRAIT_TEXT_WIDTH = int(Cm(16.5))
CELL_PADDING = int(Pt(4))  # base.html: table.grid td { padding: 3pt 4pt }
_TEXT_WIDTH: contextvars.ContextVar[int] = contextvars.ContextVar(
    "text_width", default=PORTRAIT_TEXT_WIDTH
)
BLOCK_TAGS = {"div", "section", "p", "h1", "h2", "h3", "table", "ul", "ol", "li"}


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


BREAK = object()  # a <br>
# HTML's collapsible white space (a no-break space is not).
_SPACES = re.compile(r"[ \t\n\r\f]+")


def _pieces(element, style: dict, out: list) -> None:
    """The text of `element` and its inline children, in order, as (text, style), each
    run of white space made one space, leading and trailing ones kept: the space
    between "tỉnh:</i>" and " Giao" lives at a piece's edge."""
    out.append((_SPACES.sub(" ", element.text or ""), style))
    for child in element:
        if child.tag == "br":
            out.append((BREAK, style))
        elif isinstance(child.tag, str):
            _pieces(child, _style_of(child, style), out)
        out.append((_SPACES.sub(" ", child.tail or ""), style))


def _inline(paragraph, element, style: dict) -> None:
    """Text and inline children (b, i, br, span) of `element` as runs, with the white
    space a browser would show: one space where the source has any between two
    pieces, none at the start or the end of a line."""
    pieces: list = []
    _pieces(element, style, pieces)
    kept: list = []
    line_start = True
    for text, piece_style in pieces:
        if text is BREAK:
            if kept and kept[-1][0] is not BREAK:
                kept[-1][0] = kept[-1][0].rstrip(" ")
            kept.append([BREAK, piece_style])
            line_start = True
            continue
        if line_start:
            text = text.lstrip(" ")
        if text:
            kept.append([text, piece_style])
            line_start = text.endswith(" ")
    if kept and kept[-1][0] is not BREAK:
        kept[-1][0] = kept[-1][0].rstrip(" ")
    for text, piece_style in kept:
        if text is BREAK:
            paragraph.add_run().add_break()
        else:
            _add_run(paragraph, text, piece_style)


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


def _empty(element) -> bool:
    return not "".join(element.itertext()).strip() and not element.xpath(".//br|.//img")


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


def _percent(cell) -> float | None:
    found = re.search(r"(?:^|;)\s*width\s*:\s*([\d.]+)%", cell.get("style") or "")
    return float(found.group(1)) if found else None


def _column_widths(rows, count: int, total: int, style: dict, padding: int) -> list[int]:
    """The columns' widths (EMU) as the PDF lays them out: the first "width: N%" given
    for a column (the columns without one share what is left), widened to the longest
    word of the column as a browser's table does, the others narrowed to make room."""
    percents: list[float | None] = [None] * count
    least = [0] * count
    for row in rows:
        index = 0
        for cell in row.xpath("./td|./th"):
            span = _span(cell)
            if span == 1 and index < count:
                if percents[index] is None:
                    percents[index] = _percent(cell)
                bold = cell.tag == "th" or _style_of(cell, style).get("bold")
                least[index] = max(least[index], _longest_word(cell, style, bold) + padding)
            index += span
    given = sum(p for p in percents if p is not None)
    free = [i for i, p in enumerate(percents) if p is None]
    for i in free:
        percents[i] = max(100 - given, 0) / len(free)
    scale = 100 / max(sum(percents), 100)
    widths = [total * p * scale / 100 for p in percents]
    return [int(w) for w in _make_room(widths, least, total)]


def _make_room(widths: list[float], least: list[int], total: int) -> list[float]:
    widths = [max(w, m) for w, m in zip(widths, least, strict=True)]
    excess = sum(widths) - total
    spare = [max(w - m, 0) for w, m in zip(widths, least, strict=True)]
    if excess > 0 and sum(spare) > 0:
        share = min(1.0, excess / sum(spare))
        widths = [w - s * share for w, s in zip(widths, spare, strict=True)]
    return widths


def _longest_word(cell, style: dict, bold: bool) -> int:
    """The width (EMU) of the longest word of the cell's text ("02/03/2026" and
    "(KN/TC/KN/PA)" whole: not every program breaks a line after a slash)."""
    size = style.get("size", 13)
    words = " ".join(cell.itertext()).split()
    return max((_text_width(w, size, bold) for w in words if w), default=0)


@functools.cache
def _font(bold: bool):
    """Liberation Serif (Times New Roman's metrics) as fontconfig finds it, or None."""
    try:
        from PIL import ImageFont

        name = "Liberation Serif:bold" if bold else "Liberation Serif"
        path = subprocess.run(
            ["fc-match", "-f", "%{file}", name], capture_output=True, text=True, timeout=10
        ).stdout
        return ImageFont.truetype(path, 1000) if path else None
    except (ImportError, OSError, subprocess.SubprocessError):
        return None


def _text_width(text: str, size: float, bold: bool) -> int:
    font = _font(bold)
    # Without the font's metrics: an average capital's width (0.72 em).
    em = font.getlength(text) / 1000 if font is not None else 0.72 * len(text)
    return int(Pt(em * size)) + int(Pt(1))


def _span(cell) -> int:
    try:
        return max(1, int(cell.get("colspan") or 1))
    except ValueError:
        return 1


def _fix_layout(table, widths: list[int], padded: bool) -> None:
    """Widths Word and LibreOffice keep (a fixed layout, the grid and every cell), and
    the cells' padding of base.html (4 pt in ruled tables, none in layout tables), so
    the lines have the room they have in the PDF."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(sum(widths) // 635))  # EMU to twentieths of a point
    tbl_w.set(qn("w:type"), "dxa")
    for column, width in zip(table.columns, widths, strict=False):
        column.width = Emu(width)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(CELL_PADDING // 635 if padded else 0))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    tbl_pr.append(margins)


def _table(container, element, style: dict) -> None:
    rows = element.xpath("./tr|./thead/tr|./tbody/tr")
    if not rows:
        return
    width = max(sum(_span(c) for c in row.xpath("./td|./th")) for row in rows)
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
    padding = 2 * CELL_PADDING if grid else 0
    widths = _column_widths(rows, width, _TEXT_WIDTH.get(), small, padding)
    _fix_layout(table, widths, padded=grid)
    for row in rows:
        cells = table.add_row().cells
        index = 0
        for source in row.xpath("./td|./th"):
            if index >= len(cells):
                break
            span = _span(source)
            cell = cells[index]
            if span > 1:
                cell = cell.merge(cells[min(index + span, len(cells)) - 1])
            for n in range(index, min(index + span, len(cells))):
                cells[n].width = Emu(widths[n])
            index += span
            _cell(cell, source, _style_of(source, small), grid)


def _cell(cell, source, cell_style: dict, grid: bool) -> None:
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


def _page_setup(doc, landscape: bool):
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
    return section


def html_to_docx(html: str) -> bytes:
    """The DOCX of a document rendered from a print format."""
    parser = lxml.html.HTMLParser(no_network=True)
    root = lxml.html.document_fromstring(html, parser=parser)
    body = root.find("body")
    doc = Document()
    section = _page_setup(doc, "landscape" in _classes(body))
    _TEXT_WIDTH.set(section.page_width - section.left_margin - section.right_margin)
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
