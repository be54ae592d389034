"""How a signature looks on the page (Decree 30/2020, Appendix I): the signer's
signature image in the blank between their title and their name; the issuing body's
seal image, in red, over about the left third of it, with the body's name and the
signing time (ISO 8601, Vietnam time). The text is drawn in Liberation Serif, an
OpenType font with the Vietnamese letters."""

import datetime
import io
import zoneinfo

from django.conf import settings
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.stamp import StaticStampStyle

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
# The blank between title and name in base.html's signature block is 60 pt high.
SIGNATURE_BOX = (170, 62)
SEAL_SIZE = 74


def vietnam_time(at: datetime.datetime) -> str:
    """ISO 8601 in Vietnam time, to the second: 2026-12-06T10:15:00+07:00."""
    return at.astimezone(VIETNAM).replace(microsecond=0).isoformat()


def _image(png: bytes | None):
    if not png:
        return None
    from PIL import Image

    return PdfImage(Image.open(io.BytesIO(png)))


def signer_style(signature_png: bytes | None):
    """The signer's field: their signature image alone; without one, the words
    "Đã ký số" (a signature without an image is still a signature)."""
    image = _image(signature_png)
    if image is None:
        from PIL import Image, ImageDraw, ImageFont

        width, height = SIGNATURE_BOX
        panel = Image.new("RGBA", (width * 4, height * 4), (0, 0, 0, 0))
        font = ImageFont.truetype(getattr(settings, "TCD_SIGNING_FONT", FONT), 40)
        ImageDraw.Draw(panel).text(
            (width * 2, height * 2), "Đã ký số", font=font, fill=(0, 0, 0, 255), anchor="mm"
        )
        image = PdfImage(panel)
    return StaticStampStyle(background=image, border_width=0, background_opacity=1.0)


# The body's name and the signing time stand left of the seal, in the blank between
# the recipients' list and the signature: this wide.
SEAL_TEXT_WIDTH = 104


def _wrapped(text: str, width: int = 30) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def _seal_panel(seal_png: bytes | None, lines: list[str]):
    """The seal field's picture: the lines of text at the left, the seal at the right,
    drawn at 4 pixels per point so it prints sharp. The text is drawn, not set: pyHanko
    spaces the glyphs of a font whose em is not 1000 units (Liberation's is 2048) too
    wide at this size, and the picture reads the same in every viewer."""
    from PIL import Image, ImageDraw, ImageFont

    scale = 4
    width, height = (SEAL_TEXT_WIDTH + SEAL_SIZE) * scale, SEAL_SIZE * scale
    panel = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    font = ImageFont.truetype(getattr(settings, "TCD_SIGNING_FONT", FONT), 6 * scale)
    line_height = 8 * scale
    top = (height - line_height * len(lines)) // 2
    draw = ImageDraw.Draw(panel)
    for i, line in enumerate(lines):
        draw.text(
            (SEAL_TEXT_WIDTH * scale - 3 * scale, top + i * line_height),
            line,
            font=font,
            fill=(0, 0, 0, 255),
            anchor="ra",
        )
    if seal_png:
        seal = Image.open(io.BytesIO(seal_png)).convert("RGBA")
        seal = seal.resize((SEAL_SIZE * scale, SEAL_SIZE * scale), Image.LANCZOS)
        panel.alpha_composite(seal, (SEAL_TEXT_WIDTH * scale, 0))
    return PdfImage(panel)


def seal_style(seal_png: bytes | None, organisation: str, at: datetime.datetime):
    """The body's field: the red seal image at its right end, and left of it the body's
    name and the signing time."""
    lines = [*_wrapped(f"Ký bởi: {organisation}"), "Thời gian ký:", vietnam_time(at)]
    return StaticStampStyle(
        background=_seal_panel(seal_png, lines), border_width=0, background_opacity=1.0
    )


# The anchor base.html puts in the blank between the signer's title and name: WeasyPrint
# writes it as a named destination at the blank's horizontal centre, on its first line.
ANCHOR = "chu-ky-so"


def _name_on_last_page(reader, name: str) -> tuple[float, float] | None:
    """Where the signer's name is printed on the last page, for a template without the
    anchor (an edited one): the text runs of that page alone, read once."""
    found = []

    def visit(text, cm, tm, font, size):
        if name in text:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x + len(text.strip()) * 3.2, y + 14 + SIGNATURE_BOX[1]))

    reader.pages[-1].extract_text(visitor_text=visit)
    return found[-1] if found else None


def signer_box(pdf: bytes, name: str) -> tuple[int, tuple[float, float, float, float]]:
    """The page and the box of the blank between the signer's title and name: the
    template's anchor, else found above the name on the last page, else the bottom
    right of the last page."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    width, height = SIGNATURE_BOX
    last = len(reader.pages) - 1
    anchor = reader.named_destinations.get(ANCHOR)
    if anchor is not None:
        page = reader.get_destination_page_number(anchor)
        centre, top = float(anchor["/Left"]), float(anchor["/Top"]) + 10
    else:
        page, spot = last, (_name_on_last_page(reader, name) if name else None)
        centre, top = spot or (450, 120 + height)
    return page, (centre - width / 2, top - height, centre + width / 2, top)


def seal_box(
    box: tuple[float, float, float, float],
) -> tuple[float, float, float, float]:
    """The seal's field: the seal over the left third of the signature box, and the
    text's room left of it."""
    x1, y1, x2, y2 = box
    right = x1 + (x2 - x1) / 3 + SEAL_SIZE / 3
    middle = (y1 + y2) / 2
    return (
        right - SEAL_SIZE - SEAL_TEXT_WIDTH,
        middle - SEAL_SIZE / 2,
        right,
        middle + SEAL_SIZE / 2,
    )
