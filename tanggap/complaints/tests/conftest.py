"""Fixtures the complaints tests share (their data builders are in factories.py)."""

from __future__ import annotations

import pytest

from tanggap.complaints.routing import classifier
from tanggap.complaints.tests.factories import World


@pytest.fixture
def memory_storage(settings):
    """Routing model files in memory, and no model loaded from an earlier test."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    classifier._LOADED.clear()
    yield
    classifier._LOADED.clear()


@pytest.fixture
def world(region, unit_a, unit_b, handler_a, head_a) -> World:
    """Unit A's people and the region's verifier (see factories.World)."""
    return World(region, unit_a, unit_b, handler_a, head_a)
