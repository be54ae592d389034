"""Wrong lookups counted per client address and per number (the Redis cache): after
too many within the window, the lookup answers 429 until the window ends, whatever is
typed. A success does not clear the address's count (a guesser who also holds one
real code gains nothing from it); it clears the number's.

The cache is allowed to fail (core/cache.py): with Redis down the counts are not kept
and nothing is blocked, as for the API's throttles. An 8-letter code of 31 letters
guessed at 5 tries per 15 minutes per address and per number is out of reach."""

import hashlib
import math
import time

from django.core.cache import cache

WINDOW_SECONDS = 15 * 60
# Per number: a citizen mistyping their code; per address: a commune office's shared
# connection serves several citizens.
NUMBER_LIMIT = 5
ADDRESS_LIMIT = 10


def _key(kind: str, value: str) -> str:
    # Hashed: numbers and addresses are not kept in the cache as they were typed.
    digest = hashlib.sha256(value.strip().upper().encode()).hexdigest()[:32]
    return f"tcd:lookup:{kind}:{digest}"


def _counters(address: str | None, number: str) -> list[tuple[str, int]]:
    found = [(_key("number", number), NUMBER_LIMIT)] if number.strip() else []
    if address:
        found.append((_key("address", address), ADDRESS_LIMIT))
    return found


def wait_seconds(address: str | None, number: str) -> int:
    """Seconds until a lookup from `address` for `number` is answered again; 0: now."""
    now = time.time()
    waits = []
    for key, limit in _counters(address, number):
        entry = cache.get(key)
        if entry and entry["count"] >= limit and entry["until"] > now:
            waits.append(math.ceil(entry["until"] - now))
    return max(waits, default=0)


def count_failure(address: str | None, number: str) -> None:
    now = time.time()
    for key, _limit in _counters(address, number):
        entry = cache.get(key)
        if not entry or entry["until"] <= now:
            entry = {"count": 0, "until": now + WINDOW_SECONDS}
        entry["count"] += 1
        cache.set(key, entry, timeout=math.ceil(entry["until"] - now))


def clear_number(number: str) -> None:
    cache.delete(_key("number", number))
