"""Fixtures the complaints tests share (their data builders are in factories.py)."""

from __future__ import annotations

import pytest
import time_machine
from django.core.cache import cache

from tanggap.complaints.routing import classifier
from tanggap.complaints.tests.factories import (
    MONDAY_MORNING,
    ComplaintCategoryFactory,
    World,
    make_verifier,
)


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


@pytest.fixture
def monday_morning():
    """The pages' tests run on a Monday morning (MONDAY_MORNING), the clock standing still."""
    with time_machine.travel(MONDAY_MORNING, tick=False):
        yield


@pytest.fixture
def fresh_rate_limits():
    """The rate limit counts posts per client in the cache: every test starts with a clean count."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def verifier(region):
    return make_verifier(region)


@pytest.fixture
def category(region, unit_a):
    return ComplaintCategoryFactory(
        region=region, slug="jalan", name="Jalan dan jembatan", default_unit=unit_a
    )
