"""What the demo signs with, made by the set-up: the demo PKI (pki.py) and simple
signature and seal images drawn with Pillow, so the demo's notices are signed out of
the box. A real site uploads its signers' and bodies' images in the desk."""

import io
import math
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from PIL import Image, ImageDraw, ImageFont

from .appearance import FONT
from .constants import IssuingBody
from .models import SealImage, SignatureImage
from .pki import ensure_demo_pki

RED = (204, 0, 0, 255)
INK = (20, 40, 140, 255)
# Who signs in the demo (demo/users.py): the Chairman the notices, the Board head the
# reports.
DEMO_SIGNATURES = ("chutich", "truongban", "phochutich")


def signature_png(seed: str) -> bytes:
    """A flourish in blue ink on a transparent background, different per signer."""
    image = Image.new("RGBA", (340, 120), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    k = sum(map(ord, seed)) % 7 + 3
    points = [
        (20 + t * 3, 60 + 30 * math.sin(t / k) * math.cos(t / (k + 4)) - t / 6) for t in range(100)
    ]
    draw.line(points, fill=INK, width=4, joint="curve")
    draw.line([(40, 95), (300, 80)], fill=INK, width=3)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def seal_png(name: str) -> bytes:
    """A round red seal: two rings, the body's name around it, a star in the middle."""
    size = 300
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((6, 6, size - 6, size - 6), outline=RED, width=10)
    draw.ellipse((70, 70, size - 70, size - 70), outline=RED, width=5)
    font = ImageFont.truetype(FONT.replace("Regular", "Bold"), 22)
    text = name.upper()
    centre, radius = size / 2, size / 2 - 36
    for i, char in enumerate(text):
        angle = math.pi + math.pi * 1.8 * i / max(len(text) - 1, 1) - 0.4
        letter = Image.new("RGBA", (30, 30), (0, 0, 0, 0))
        ImageDraw.Draw(letter).text((15, 15), char, font=font, fill=RED, anchor="mm")
        letter = letter.rotate(-math.degrees(angle) - 90, resample=Image.BICUBIC)
        x = centre + radius * math.cos(angle) - 15
        y = centre + radius * math.sin(angle) - 15
        image.alpha_composite(letter, (int(x), int(y)))
    star = [
        (
            centre + (40 if j % 2 == 0 else 16) * math.cos(math.pi / 2 + j * math.pi / 5),
            centre - (40 if j % 2 == 0 else 16) * math.sin(math.pi / 2 + j * math.pi / 5),
        )
        for j in range(10)
    ]
    draw.polygon(star, fill=RED)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def prepare_demo_signing() -> None:
    """The demo PKI under TCD_SIGNING_PKI_DIR and the demo's images (kept when there)."""
    from ...core.site_profile import site_profile

    ensure_demo_pki(Path(settings.TCD_SIGNING_PKI_DIR))
    users = get_user_model().objects.filter(username__in=DEMO_SIGNATURES)
    for user in users:
        SignatureImage.objects.get_or_create(
            user=user, defaults={"png": signature_png(user.username)}
        )
    profile = site_profile()
    for body, name in (
        (IssuingBody.COMMITTEE, profile.committee),
        (IssuingBody.BOARD, profile.board),
    ):
        SealImage.objects.get_or_create(body=body, defaults={"png": seal_png(name)})
