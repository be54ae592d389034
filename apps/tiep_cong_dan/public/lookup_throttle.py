"""Wrong lookups counted per client address and per number (the Redis cache): after
too many within the window, the lookup answers 429 until the window ends, whatever is
typed.

Each try is counted before its code is compared, with the cache's atomic increment, so
tries sent in parallel cannot slip past the limit; a try that finds its case is then
taken back (and the number's count cleared). The cache is allowed to fail
(core/cache.py): with Redis down nothing is counted or blocked, as for the API's
throttles. An 8-letter code of 31 letters guessed at 5 tries per 15 minutes per
number is out of reach."""

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


def _count(key: str) -> int:
    now = time.time()
    # The window starts with the first try and is not pushed back by later ones.
    cache.add(f"{key}:until", now + WINDOW_SECONDS, timeout=WINDOW_SECONDS)
    if cache.add(key, 1, timeout=WINDOW_SECONDS):
        return 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        return 1
    # Redis unreachable: the call answered nothing, and nothing is counted.
    return count if isinstance(count, int) else 0


def _wait(key: str) -> int:
    until = cache.get(f"{key}:until")
    return max(1, math.ceil(until - time.time())) if until else WINDOW_SECONDS


def attempt(address: str | None, number: str) -> int:
    """Count a try; the seconds to wait if it is over a limit (then it is not to be
    answered), else 0."""
    waits = [_wait(key) for key, limit in _counters(address, number) if _count(key) > limit]
    return max(waits, default=0)


def failed(address: str | None, number: str) -> int:
    """After a wrong try: the seconds to wait if it used up a limit, else 0."""
    waits = [
        _wait(key) for key, limit in _counters(address, number) if (cache.get(key) or 0) >= limit
    ]
    return max(waits, default=0)


def succeeded(address: str | None, number: str) -> None:
    """A try that found its case: taken back from the address, the number cleared."""
    for key, _limit in _counters(address, number):
        if key == _key("number", number):
            cache.delete_many([key, f"{key}:until"])
            continue
        try:
            cache.decr(key)
        except ValueError:
            pass
