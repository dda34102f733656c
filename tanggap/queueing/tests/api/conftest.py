"""Fixtures of the queue API tests: a kecamatan office with two queued services and a counter, its
front-desk officer and an officer elsewhere, its entrance kiosk, on Monday 23 November 2026 at 09:00 WIB,
throttles reset."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from rest_framework.test import APIClient

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.queueing.tests.factories import LocationFactory, QueueServiceFactory, kiosk_with_token

MONDAY_9 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(MONDAY_9, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()  # throttle history lives in the cache
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def kiosk_api(location):
    """An API client that is the location's registered entrance kiosk (`Authorization: Kiosk <token>`);
    the kiosk itself is `kiosk_api.kiosk`."""
    device, token = kiosk_with_token(location, name="Kiosk pintu masuk")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Kiosk {token}")
    client.kiosk = device
    return client


@pytest.fixture
def location(region):
    return LocationFactory(region=region, name="Kantor Kecamatan Uji")


@pytest.fixture
def ktp(location):
    return QueueServiceFactory(location=location, prefix="A", capacity_per_slot=2)


@pytest.fixture
def stranger(region):
    """A front-desk officer of another location, who must be refused here."""
    user = UserFactory(username="petugas_lain")
    RoleAssignmentFactory(user=user, role=Role.FRONT_DESK, unit=LocationFactory(region=region))
    return user


@pytest.fixture
def as_user():
    """An API client signed in as the given user."""

    def signed_in(user) -> APIClient:
        client = APIClient()
        client.force_login(user)
        return client

    return signed_in
