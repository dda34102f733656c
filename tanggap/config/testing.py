"""Test settings: the production settings with the testing flag on and fast hashing."""

import os

os.environ.setdefault("TANGGAP_TESTING", "1")
os.environ.setdefault("HUEY_IMMEDIATE", "1")

from tanggap.config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher"
]  # speed; argon2 is tested explicitly
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {"anon": "10000/minute", "user": "10000/minute"}  # noqa: F405
HUEY["immediate"] = True  # noqa: F405
AXES_ENABLED = True
STORAGES["default"] = {"BACKEND": "django.core.files.storage.InMemoryStorage"}  # noqa: F405
