"""Who must sign in with a second factor, and what a signed-in user still has to do.

A user of a role in TWO_FACTOR_REQUIRED (while TCD_TOTP_REQUIRED is on) must enrol an
authenticator app and enter its code after the password; any other user may enrol one,
and is then asked for its code too.
"""

from base64 import b32encode
from enum import StrEnum

import segno
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..roles import TWO_FACTOR_REQUIRED, has_any


class Step(StrEnum):
    """The page a signed-in user is sent to before the desk opens."""

    VERIFY = "verify"  # enter the code of the enrolled device
    SETUP = "setup"  # enrol a device first


def two_factor_required(user) -> bool:
    return settings.TCD_TOTP_REQUIRED and has_any(user, TWO_FACTOR_REQUIRED)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def is_verified(user) -> bool:
    """Whether this session passed the second factor (set by django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def pending_step(user) -> Step | None:
    """What the signed-in user must still do in this session, or None when nothing."""
    if not user.is_authenticated or is_verified(user):
        return None
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return Step.VERIFY
    if two_factor_required(user):
        return Step.SETUP
    return None


def secret_of(device: TOTPDevice) -> str:
    """The key as authenticator apps take it by hand: base32, in groups of four."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> SafeString:
    """The otpauth:// address as an inline SVG QR code, drawn here: the secret never
    leaves the server for a QR service."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#000", light="#fff")
    return mark_safe(svg)  # segno's own markup; the URL is encoded in modules, not text
