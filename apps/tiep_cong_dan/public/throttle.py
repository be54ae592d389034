"""Limits on the public request form, counted in the cache (Redis) per client address
(core/client_ip.py) and per phone number, over fixed windows.

- Sending a request: per address, TCD_REQUEST_RATE_SOLVED an hour when the form came
  with a solved proof-of-work challenge, TCD_REQUEST_RATE_UNSOLVED an hour without one
  (a browser with JavaScript off, or a script): the form still works without
  JavaScript, but what a challenge would have cost a sender is replaced by a much
  smaller allowance. Per phone number, TCD_REQUEST_RATE_PHONE a day whatever the
  address, so that no number is flooded with codes.
- Typing the phone code: per address, PHONE_CODE_TRIES_PER_HOUR an hour across all
  requests (each request also allows only 5 wrong tries of its own code).

An exceeded limit is answered with HTTP 429 and a plain Vietnamese message."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from ..core.client_ip import client_ip

HOUR = 3600
DAY = 24 * HOUR
PHONE_CODE_TRIES_PER_HOUR = 30


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    seconds: int


def solved_limit() -> Limit:
    return Limit("send-solved", settings.TCD_REQUEST_RATE_SOLVED, HOUR)


def unsolved_limit() -> Limit:
    return Limit("send-unsolved", settings.TCD_REQUEST_RATE_UNSOLVED, HOUR)


def phone_limit() -> Limit:
    return Limit("send-phone", settings.TCD_REQUEST_RATE_PHONE, DAY)


CODE_TRIES = Limit("phone-code", PHONE_CODE_TRIES_PER_HOUR, HOUR)


def _key(limit: Limit, who: str) -> str:
    # Addresses and numbers are personal data: the cache keeps only their digest.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{who}".encode()).hexdigest()[:32]
    return f"public-throttle:{limit.name}:{digest}"


def take(limit: Limit, who: str) -> bool:
    """Count one use of `limit` by `who`; whether it is within the limit. Counted first,
    with the cache's atomic increment, then compared: requests sent in parallel each
    see their own count, so none slips past a check made before the others counted.
    With the cache down nothing is counted or refused (core/cache.py)."""
    key = _key(limit, who)
    if cache.add(key, 1, timeout=limit.seconds):
        return True
    try:
        used = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, timeout=limit.seconds)
        return True
    return not isinstance(used, int) or used <= limit.count


def give_back(limit: Limit, who: str) -> None:
    """Take back a use counted by take() that did not happen (a form sent back for a
    correction, a request refused by another limit)."""
    try:
        cache.decr(_key(limit, who))
    except ValueError:  # the window ended meanwhile: nothing to take back
        pass


def address_of(request: HttpRequest) -> str:
    return client_ip(request) or "unknown"
