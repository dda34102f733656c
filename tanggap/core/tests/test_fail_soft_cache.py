"""Issue 9, defect 10: a Redis that cannot be reached never turns a request into a 500. The cache answers
from the process's memory meanwhile (rate limits still hold, per process), warns once per window instead of
once per request, and goes back to Redis when it answers again."""

from __future__ import annotations

import logging

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from tanggap.core import throttles
from tanggap.core.cache import FailSoftRedisCache
from tanggap.core.tests.scratch_redis import ScratchRedis, dead_url


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(FailSoftRedisCache, "clock", staticmethod(fake))
    FailSoftRedisCache._down_until.clear()
    yield fake
    FailSoftRedisCache._down_until.clear()


def use_redis_at(settings, url: str):
    settings.CACHES = {
        "default": {
            "BACKEND": "tanggap.core.cache.FailSoftRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "fail-soft-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    cache = caches["default"]
    cache._local.clear()
    return cache


def warnings_of(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "tanggap.cache"]


def test_every_cache_operation_answers_from_memory_while_redis_is_unreachable(settings, clock):
    cache = use_redis_at(settings, dead_url())
    assert cache.get("nothing", "default") == "default"
    cache.set("a", [1, 2])
    assert cache.get("a") == [1, 2]
    assert cache.add("b", 1) is True and cache.add("b", 5) is False
    assert cache.incr("b") == 2 and cache.decr("b") == 1
    assert cache.get_or_set("c", 7) == 7
    cache.set_many({"d": 4, "e": 5})
    assert cache.get_many(["a", "d", "e", "missing"]) == {"a": [1, 2], "d": 4, "e": 5}
    assert cache.has_key("d") and cache.touch("d", 60)
    assert cache.delete("d") and not cache.has_key("d")
    cache.delete_many(["e"])
    assert cache.get("e") is None
    cache.clear()
    assert cache.get("a") is None


def test_an_outage_is_one_warning_per_window_not_one_per_request(settings, clock, caplog):
    cache = use_redis_at(settings, dead_url())
    caplog.set_level(logging.WARNING, logger="tanggap.cache")
    for n in range(50):
        cache.set(f"k{n}", n)
        cache.get(f"k{n}")
    assert len(warnings_of(caplog)) == 1
    assert "unreachable" in warnings_of(caplog)[0]
    clock.now += FailSoftRedisCache.retry_after - 1
    cache.get("k1")
    assert len(warnings_of(caplog)) == 1  # still inside the window: Redis is not even tried
    clock.now += 2
    assert cache.get("k1") == 1  # one more try, still down: memory answers, one more warning
    assert len(warnings_of(caplog)) == 2


def test_a_rate_limit_still_holds_while_redis_is_unreachable(settings, clock, monkeypatch):
    use_redis_at(settings, dead_url())
    monkeypatch.setitem(throttles.RATES, "code_lookup", "2/minute")
    request = RequestFactory().get("/pengaduan/publik/ABCD1234/", REMOTE_ADDR="203.0.113.9")
    allowed = [throttles.CodeLookupThrottle().allow_request(request, None) for _ in range(3)]
    assert allowed == [True, True, False]


@pytest.mark.xdist_group("scratch-redis")
def test_the_cache_goes_back_to_redis_once_it_answers_again(settings, clock, caplog):
    server = ScratchRedis()
    server.start()
    try:
        cache = use_redis_at(settings, server.url)
        caplog.set_level(logging.WARNING, logger="tanggap.cache")
        cache.set("before", 1)
        assert server.client().keys("fail-soft-test:*") == [b"fail-soft-test:1:before"]

        server.stop()
        cache.set("during", 2)
        assert cache.get("during") == 2  # from this process's memory

        server.start()
        cache.set("meanwhile", 3)  # inside the window: still memory, Redis left alone
        assert server.client().keys("*") == []
        clock.now += FailSoftRedisCache.retry_after
        cache.set("after", 4)
        assert server.client().keys("fail-soft-test:*") == [b"fail-soft-test:1:after"]
        assert [m.split(" (")[0] for m in warnings_of(caplog)] == [
            "Redis cache unreachable",
            "Redis cache reachable again; rate limits are shared by all processes.",
        ]
    finally:
        server.stop()
