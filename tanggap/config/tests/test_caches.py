"""Issue 9, defect 13: without Redis, production keeps its rate-limit counters in the database (one count for
every worker), and `migrate` creates the cache table. Defect 10: with Redis, an outage neither fails nor hangs
a request."""

import os
import subprocess
import sys

import pytest
from django.core.cache import caches
from django.db import connection

from tanggap.core.apps import create_cache_tables


def _production_settings(env: dict, expression: str) -> str:
    code = f"from tanggap.config import settings as s; print({expression})"
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"TANGGAP_TESTING", "REDIS_URL", "REDIS_TIMEOUT_MS"}
    }
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SECRET_KEY": "x" * 50, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def _production_caches(env: dict) -> str:
    return _production_settings(env, "s.CACHES['default']['BACKEND']")


def test_production_without_redis_counts_in_the_database_and_with_redis_in_redis():
    assert _production_caches({}).endswith("DatabaseCache")
    assert _production_caches({"REDIS_URL": "redis://127.0.0.1:6379/3"}).endswith("RedisCache")
    assert _production_caches({"DJANGO_DEBUG": "1"}).endswith("LocMemCache")


@pytest.mark.django_db(transaction=True)
def test_migrate_creates_the_database_cache_table_and_two_processes_share_counts(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "tanggap_cache_test",
        }
    }
    try:
        create_cache_tables(sender=None)
        assert "tanggap_cache_test" in connection.introspection.table_names()
        cache = caches["default"]
        cache.set("throttle_x", [1, 2, 3])
        # Another worker process reads the same table: the counters are shared, not per process.
        assert caches.create_connection("default").get("throttle_x") == [1, 2, 3]
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS tanggap_cache_test")


def test_with_redis_an_outage_neither_fails_nor_hangs_requests_and_sessions_stay_in_the_database():
    """Issue 9, defect 10: the fail-soft cache, short socket timeouts for the cache and for queueing a task,
    and sessions that never depend on Redis."""
    env = {"REDIS_URL": "redis://127.0.0.1:6379/3"}
    cache = _production_settings(env, "s.CACHES['default']")
    assert "'BACKEND': 'tanggap.core.cache.FailSoftRedisCache'" in cache
    assert "'socket_connect_timeout': 0.5, 'socket_timeout': 0.5" in cache
    huey_url = _production_settings(env, "s.HUEY['url']")
    assert huey_url == "redis://127.0.0.1:6379/3?socket_connect_timeout=0.5"
    slower = {**env, "REDIS_TIMEOUT_MS": "2000"}
    assert "'socket_timeout': 2.0" in _production_settings(slower, "s.CACHES['default']")
    # Sessions in the cache would sign everyone out (or fail sign-in) when Redis stops.
    session_engine = "getattr(s, 'SESSION_ENGINE', 'django.contrib.sessions.backends.db')"
    assert _production_settings(env, session_engine) == "django.contrib.sessions.backends.db"
