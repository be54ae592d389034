"""How a signature looks on the page (Decree 30/2020, Appendix I): the signer's
signature image in the blank between their title and their name; the issuing body's
seal image, in red, over about the left third of it, with the body's name and the
signing time (ISO 8601, Vietnam time). The text is set in Liberation Serif, an
OpenType font with the Vietnamese letters, embedded as a subset."""

import datetime
import functools
import io
import zoneinfo

from django.conf import settings
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.stamp import StaticStampStyle, TextStampStyle

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
# The blank between title and name in base.html's signature block is 60 pt high.
SIGNATURE_BOX = (170, 62)
SEAL_SIZE = 74


def vietnam_time(at: datetime.datetime) -> str:
    """ISO 8601 in Vietnam time, to the second: 2026-12-06T10:15:00+07:00."""
    return at.astimezone(VIETNAM).replace(microsecond=0).isoformat()


@functools.cache
def _font() -> GlyphAccumulatorFactory:
    return GlyphAccumulatorFactory(getattr(settings, "TCD_SIGNING_FONT", FONT))


def _image(png: bytes | None):
    if not png:
        return None
    from PIL import Image

    return PdfImage(Image.open(io.BytesIO(png)))


def signer_style(signature_png: bytes | None):
    """The signer's field: their signature image alone; without one, the words
    "Đã ký số" (a signature without an image is still a signature)."""
    image = _image(signature_png)
    if image is not None:
        return StaticStampStyle(background=image, border_width=0, background_opacity=1.0)
    return TextStampStyle(
        stamp_text="Đã ký số",
        text_box_style=TextBoxStyle(font=_font(), font_size=10),
        border_width=0,
    )


def seal_style(seal_png: bytes | None, organisation: str, at: datetime.datetime):
    """The body's field: the red seal image under its name and the signing time."""
    return TextStampStyle(
        stamp_text=f"Ký bởi: {organisation}\nThời gian ký: {vietnam_time(at)}",
        text_box_style=TextBoxStyle(font=_font(), font_size=5.5, leading=7),
        background=_image(seal_png),
        background_opacity=1.0,
        border_width=0,
    )


def _spans(pdf: bytes) -> list[tuple[int, str, float, float]]:
    """(page, text, x, y) of each text run, in PDF user space."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    runs = []
    for index, page in enumerate(reader.pages):

        def visit(text, cm, tm, font, size, index=index):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                runs.append((index, text.strip(), x, y))

        page.extract_text(visitor_text=visit)
    return runs


def signer_box(pdf: bytes, name: str) -> tuple[int, tuple[float, float, float, float]]:
    """The page and the box of the blank above the signer's name: the last place the
    name is printed (the signature block closes the document). Without the name (a
    template that prints none), the bottom right of the last page."""
    width, height = SIGNATURE_BOX
    found = [r for r in _spans(pdf) if name and name in r[1]]
    if found:
        page, text, x, y = found[-1]
        # The run starts at the name's left edge; the block is centred on it.
        centre = x + len(text) * 3.2
        bottom = y + 14
        return page, (centre - width / 2, bottom, centre + width / 2, bottom + height)
    from pypdf import PdfReader

    last = len(PdfReader(io.BytesIO(pdf)).pages) - 1
    return last, (360, 120, 360 + width, 120 + height)


def seal_box(
    box: tuple[float, float, float, float],
) -> tuple[float, float, float, float]:
    """The seal over the left third of the signature box, its centre on that third's
    inner edge, half a seal above the box's base line."""
    x1, y1, x2, y2 = box
    right = x1 + (x2 - x1) / 3 + SEAL_SIZE / 3
    middle = (y1 + y2) / 2
    return (right - SEAL_SIZE, middle - SEAL_SIZE / 2, right, middle + SEAL_SIZE / 2)
