"""The Redis cache, allowed to fail: the desk, the API and the jobs work without it.

Nothing the system keeps lives only in the cache (the dashboard's two-minute copy, the
unit and calendar look-ups, the API's throttles and wrong-token counter); sessions and
sign-in lockouts are in the database. So when Redis is down every cache call behaves as
a miss or a no-op (django-redis's IGNORE_EXCEPTIONS), and this backend adds two things
django-redis lacks:

- a failure switches the cache off in this process for BREAK_SECONDS, so a Redis that
  does not answer (a dropped host rather than a refused port) costs one connect timeout
  per process and pause, not one per call;
- the outage is logged once, as a warning, when it starts, and again when Redis
  answers again, instead of a traceback per call; errors django-redis itself lets
  through (a reply that is not Redis's) are treated the same way.

What still reaches Redis directly is not covered: `cache.lock()` returns redis-py's own
lock (the code takes none) and `django_redis.get_redis_connection` (the code uses none).
"""

import logging
import threading
import time

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

BREAK_SECONDS = 30.0

# Per process and server: Django gives each thread its own cache object.
_down_until: dict[str, float] = {}
_lock = threading.Lock()


def _is_down(server: str) -> bool:
    return _down_until.get(server, 0.0) > time.monotonic()


def _trip(server: str, error: BaseException) -> None:
    with _lock:
        first = server not in _down_until
        _down_until[server] = time.monotonic() + BREAK_SECONDS
    if first:
        logger.warning(
            "Cache %s unreachable (%s: %s): running without the cache, trying again every %s s",
            server,
            type(error.__cause__ or error).__name__,
            error.__cause__ or error,
            int(BREAK_SECONDS),
        )


def _recovered(server: str) -> None:
    with _lock:
        was_down = _down_until.pop(server, None) is not None
    if was_down:
        logger.warning("Cache %s reachable again", server)


class _GuardedClient:
    """django-redis's client, with every call going through the breaker."""

    def __init__(self, client, server: str):
        self._client = client
        self._server = server

    def __getattr__(self, name: str):
        attr = getattr(self._client, name)
        if not callable(attr):
            return attr

        def call(*args, **kwargs):
            if _is_down(self._server):
                raise ConnectionInterrupted(connection=None) from ConnectionError(
                    "cache switched off after a failure"
                )
            try:
                result = attr(*args, **kwargs)
            except ConnectionInterrupted as exc:
                _trip(self._server, exc)
                raise
            except RedisError as exc:
                _trip(self._server, exc)
                raise ConnectionInterrupted(connection=None) from exc
            if self._server in _down_until:
                _recovered(self._server)
            return result

        return call


class ResilientRedisCache(RedisCache):
    """`django_redis.cache.RedisCache` that never fails a request (see the module)."""

    def __init__(self, server: str, params: dict):
        options = {"IGNORE_EXCEPTIONS": True, **params.get("OPTIONS", {})}
        super().__init__(server, {**params, "OPTIONS": options})

    @property
    def client(self):
        return _GuardedClient(super().client, self._server)
