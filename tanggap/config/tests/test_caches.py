"""Issue 9, defect 13: without Redis, production keeps its rate-limit counters in the database (one count for
every worker), and `migrate` creates the cache table."""

import os
import subprocess
import sys

import pytest
from django.core.cache import caches
from django.db import connection

from tanggap.core.apps import create_cache_tables


def _production_caches(env: dict) -> str:
    code = "from tanggap.config import settings as s; print(s.CACHES['default']['BACKEND'])"
    clean = {k: v for k, v in os.environ.items() if k not in {"TANGGAP_TESTING", "REDIS_URL"}}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SECRET_KEY": "x" * 50, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


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
