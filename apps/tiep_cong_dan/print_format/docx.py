"""The same documents as DOCX, from the same context, so officials can edit them in
Word: A4, the decree's margins, Times New Roman 13 pt, the two-column header, the
signature block and "Nơi nhận:", page numbers from page 2 (python-docx)."""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

FONT = "Times New Roman"


def _run(paragraph, text: str, *, bold=False, italic=False, size=13, caps=False):
    run = paragraph.add_run(text.upper() if caps else text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    run.font.name = FONT
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    return run


def _para(container, text="", *, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, **style):
    p = container.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(3)
    if indent:
        p.paragraph_format.first_line_indent = Cm(1)
    if text:
        _run(p, text, **style)
    return p


def _page_number_from_page_two(section) -> None:
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    p._p.append(field)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _header(doc, ctx) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if ctx["issuer_parent"]:
        _run(left.paragraphs[0], ctx["issuer_parent"], caps=True)
        _run(_para(left), ctx["issuer"], bold=True, caps=True)
    else:
        _run(left.paragraphs[0], ctx["issuer"], bold=True, caps=True)
    _para(left, "Số: " + ctx["number"])
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(right.paragraphs[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12)
    _para(right, "Độc lập - Tự do - Hạnh phúc", bold=True)
    _para(right, ctx["place_date"], italic=True)


def _footer(doc, ctx) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    _run(left.paragraphs[0], "Nơi nhận:", bold=True, italic=True, size=12)
    for line in ctx["recipients"]:
        _para(left, line, align=WD_ALIGN_PARAGRAPH.LEFT, size=11)
    sig = ctx["signature"]
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if sig["capacity"]:
        _run(right.paragraphs[0], sig["capacity"], bold=True)
        _para(right, sig["title"], bold=True)
    else:
        _run(right.paragraphs[0], sig["title"], bold=True)
    for _ in range(4):
        _para(right)
    _para(right, sig["name"], bold=True)


def _document(ctx) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    _page_number_from_page_two(section)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)
    if ctx["draft"]:
        p = section.first_page_header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        _run(p, "DỰ THẢO", bold=True, size=14).font.color.rgb = RGBColor(0xC0, 0, 0)
    _header(doc, ctx)
    _para(doc, ctx["title"], bold=True, size=14)
    _para(doc, ctx["subject"], bold=True)
    return doc


def result_notice_docx(ctx: dict) -> bytes:
    doc = _document(ctx)
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    _para(doc, ctx["opening"], align=justify, indent=True)
    for number, hearing in enumerate(ctx["hearings"], start=1):
        _para(doc, f"{number}. {hearing['heading']}", align=justify, indent=True, bold=True)
        _para(doc, hearing["summary"], align=justify, indent=True)
        p = _para(doc, align=justify, indent=True)
        _run(p, "Ý kiến kết luận của Chủ tịch UBND tỉnh: ", italic=True)
        _run(p, hearing["conclusion"])
        if hearing["assignments"]:
            table = doc.add_table(rows=1, cols=3)
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            labels = ("Cơ quan thực hiện", "Nhiệm vụ", "Thời hạn")
            for cell, label in zip(table.rows[0].cells, labels, strict=True):
                _run(cell.paragraphs[0], label, bold=True, size=12)
            for a in hearing["assignments"]:
                row = table.add_row().cells
                for cell, value in zip(row, (a["agency"], a["task"], a["deadline"]), strict=True):
                    _run(cell.paragraphs[0], value, size=12)
    _para(doc, ctx["closing"], align=justify, indent=True)
    _footer(doc, ctx)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
