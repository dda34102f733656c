"""Fixtures of the queue page tests: unit A as a kecamatan office open 08:00–15:00 with two queued
services and a counter, on Monday 23 November 2026 at 09:00 WIB."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.catalog.tests.factories import StandardVersionFactory
from tanggap.queueing.tests.factories import (
    LocationFactory,
    QueueServiceFactory,
    open_as_kecamatan_office,
)

MONDAY_9 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(MONDAY_9, tick=False) as traveller:
        yield traveller


@pytest.fixture
def location(unit_a):
    """Unit A serves citizens from 08:00 to 15:00 on weekdays."""
    return open_as_kecamatan_office(unit_a)


@pytest.fixture
def ktp(location):
    qs = QueueServiceFactory(location=location, prefix="A", capacity_per_slot=2)
    StandardVersionFactory(
        service=qs.service, status="enacted", requirements=["Fotokopi KK", "Surat pengantar"]
    )
    return qs


@pytest.fixture
def other_front_desk(region):
    user = UserFactory(username="loket_lain")
    RoleAssignmentFactory(user=user, role=Role.FRONT_DESK, unit=LocationFactory(region=region))
    return user
