"""The proof-of-work challenge on the request form (ALTCHA, the maintained `altcha`
library): the browser spends a second of computing on a challenge signed here, instead
of a person deciphering an image. No third-party service is asked and nothing tracks
the citizen; the widget's script is served from our own static files.

A challenge carries its expiry in its signed salt; a solved one is accepted once (its
signature is remembered in the cache until it expires), so a solution cannot be
replayed for a second request."""

import datetime
import hashlib
import json

from altcha.v1 import ChallengeOptions, Payload, create_challenge, verify_solution
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

LIFETIME = datetime.timedelta(minutes=20)
_USED = "altcha-used:"


def _key() -> str:
    # Its own key when configured; otherwise one derived from SECRET_KEY (never the
    # key itself, which signs sessions).
    if settings.TCD_ALTCHA_HMAC_KEY:
        return settings.TCD_ALTCHA_HMAC_KEY
    return hashlib.sha256(f"altcha:{settings.SECRET_KEY}".encode()).hexdigest()


def new_challenge() -> str:
    """A fresh challenge as the JSON the widget's `challengejson` attribute takes."""
    challenge = create_challenge(
        ChallengeOptions(
            hmac_key=_key(),
            max_number=settings.TCD_ALTCHA_MAX_NUMBER,
            expires=timezone.now() + LIFETIME,
        )
    )
    return json.dumps(challenge.to_dict())


def solved(payload: str) -> bool:
    """Whether `payload` (the widget's hidden field) solves a challenge of ours, not
    expired and not used before. A solution is used up by this call."""
    if not payload or len(payload) > 2000:
        return False
    try:
        ok, _error = verify_solution(payload, _key(), check_expires=True)
    except (ValueError, TypeError, KeyError):
        return False
    if not ok:
        return False
    # The signature is what the server made: one use per challenge.
    try:
        signature = Payload.from_base64(payload).signature
    except (ValueError, TypeError, KeyError):
        return False
    return cache.add(_USED + signature, 1, timeout=int(LIFETIME.total_seconds()) + 60)
