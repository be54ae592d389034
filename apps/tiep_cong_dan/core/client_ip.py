"""The client's address, the same way for the lockout and the confidential-access log."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind the site's own reverse proxy (TCD_TRUST_X_FORWARDED_FOR)
    the address that proxy saw.

    The right-most X-Forwarded-For entry is the one our proxy wrote; anything to its left
    came from the client and could be forged, which would let an attacker pick a fresh
    address for every guess and never be locked out.
    """
    address = request.META.get("REMOTE_ADDR") or None
    if settings.TCD_TRUST_X_FORWARDED_FOR:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if hops:
            address = hops[-1]
    return address
