"""Signature and seal images as uploaded: a real PNG (read, not trusted by its name),
not too large, with a transparent background (so the page shows through around the
strokes and the seal lies over the signature as on paper)."""

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 512 * 1024
MAX_SIDE = 2000
MIN_SIDE = 40
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def checked_png(data: bytes) -> bytes:
    """`data` if it is an acceptable signature or seal image; ValidationError (in
    Vietnamese) saying what is wrong otherwise."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("The image is %(size)s KB; at most %(limit)s KB.")
            % {"size": len(data) // 1024, "limit": MAX_BYTES // 1024},
            code="too_large",
        )
    if not data.startswith(PNG_MAGIC):
        raise ValidationError(_("The file is not a PNG image."), code="not_png")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("The PNG image is damaged and cannot be read."), code="bad_png"
        ) from None
    width, height = image.size
    if max(width, height) > MAX_SIDE or min(width, height) < MIN_SIDE:
        raise ValidationError(
            _("The image is %(w)s×%(h)s pixels; each side must be %(min)s–%(max)s pixels.")
            % {"w": width, "h": height, "min": MIN_SIDE, "max": MAX_SIDE},
            code="bad_size",
        )
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    if not has_alpha or image.convert("RGBA").getchannel("A").getextrema()[0] == 255:
        raise ValidationError(
            _("The image needs a transparent background (PNG with an alpha channel)."),
            code="no_transparency",
        )
    return data
