"""Django's Redis cache, made to survive Redis being unreachable.

Rate limits (DRF throttles, `limit_posts`, `limit_requests`, the per-address sign-in limit) and cached pages
keep their counts and values in the default cache. With the plain `RedisCache`, a stopped Redis turns every
rate-limited request into a 500. `FailSoftRedisCache` answers from a process-local memory cache instead while
Redis cannot be reached: the limits still hold, per worker process (with N workers a client gets up to N
times the limit during the outage), and a cached page is computed again. After a failure the process leaves
Redis alone for `retry_after` seconds, so an outage costs one connection attempt per process and window, not
one per request, and one warning in the log per window, not one per request. Sessions are not affected:
they live in the database (Django's default session engine).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("tanggap.cache")

# Connection refused or reset, DNS failure, Redis still loading its data after a restart, a timeout.
REDIS_DOWN = (RedisConnectionError, RedisTimeoutError)


def _fail_soft(name: str) -> Callable[..., Any]:
    """The cache method `name`: Redis while it answers, else the process-local cache."""

    def method(self, *args, **kwargs):
        if self._redis_usable():
            try:
                result = getattr(RedisCache, name)(self, *args, **kwargs)
            except REDIS_DOWN as exc:
                self._went_down(exc)
            else:
                if self._location in self._down_until:
                    self._came_back()
                return result
        return getattr(self._local, name)(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = f"RedisCache.{name}, or the process-local cache while Redis is unreachable."
    return method


class FailSoftRedisCache(RedisCache):
    """A Redis cache that falls back to a process-local memory cache while Redis is unreachable."""

    retry_after = 10.0  # seconds without trying Redis after a failure
    clock: Callable[[], float] = staticmethod(time.monotonic)
    # Per Redis location: when this process may try Redis again (shared by every thread's cache object).
    _down_until: dict[str, float] = {}

    def __init__(self, server, params):
        super().__init__(server, params)
        self._location = server if isinstance(server, str) else ",".join(server)
        local_params = {key: value for key, value in params.items() if key != "OPTIONS"}
        self._local = LocMemCache(f"tanggap-fail-soft:{self._location}", local_params)

    def _redis_usable(self) -> bool:
        return self.clock() >= self._down_until.get(self._location, 0.0)

    def _went_down(self, exc: Exception) -> None:
        self._down_until[self._location] = self.clock() + self.retry_after
        logger.warning(
            "Redis cache unreachable (%s: %s); this process uses its own memory cache for %.0f s "
            "(rate limits count per process meanwhile).",
            type(exc).__name__,
            exc,
            self.retry_after,
        )

    def _came_back(self) -> None:
        if self._down_until.pop(self._location, None) is not None:
            logger.warning("Redis cache reachable again; rate limits are shared by all processes.")

    add = _fail_soft("add")
    get = _fail_soft("get")
    set = _fail_soft("set")
    touch = _fail_soft("touch")
    delete = _fail_soft("delete")
    get_many = _fail_soft("get_many")
    has_key = _fail_soft("has_key")
    incr = _fail_soft("incr")
    set_many = _fail_soft("set_many")
    delete_many = _fail_soft("delete_many")
    clear = _fail_soft("clear")
