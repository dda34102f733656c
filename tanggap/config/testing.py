"""Test settings: the production settings with the testing flag on and fast hashing."""

import os

os.environ.setdefault("TANGGAP_TESTING", "1")
os.environ.setdefault("HUEY_IMMEDIATE", "1")
# Page tests open tickets and reports by code many times a minute; the limit itself is tested by
# lowering it (tanggap/config/tests/test_bad_input.py).
os.environ.setdefault("CODE_LOOKUP_RATE", "100000/minute")

from tanggap.config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher"
]  # speed; argon2 is tested explicitly
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {"anon": "10000/minute", "user": "10000/minute"}  # noqa: F405
HUEY["immediate"] = True  # noqa: F405
AXES_ENABLED = True
STORAGES["default"] = {"BACKEND": "django.core.files.storage.InMemoryStorage"}  # noqa: F405

# pytest-xdist: each worker gets its own Redis database (gw0 the one in REDIS_URL, gw1 the one below it,
# ...), because the tests clear the cache between them with FLUSHDB, which empties the whole database.
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _XDIST_WORKER.startswith("gw"):  # noqa: F405
    from urllib.parse import urlsplit

    _redis = urlsplit(REDIS_URL)  # noqa: F405
    _redis_db = (int(_redis.path.strip("/") or 0) - int(_XDIST_WORKER[2:])) % 16
    REDIS_URL = _redis._replace(path=f"/{_redis_db}").geturl()
    CACHES["default"]["LOCATION"] = REDIS_URL  # noqa: F405
    HUEY["url"] = urlsplit(HUEY["url"])._replace(path=f"/{_redis_db}").geturl()  # noqa: F405
# Many tests fail sign-ins on purpose from one test-client address; the per-address limit itself is tested
# by lowering it (tanggap/config/tests/test_security.py).
LOGIN_ADDRESS_FAILURE_LIMIT = 10_000
