"""Attendance test data: office locations with a geofence, officials with accounts, leave types."""

from __future__ import annotations

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from tanggap.accounts.tests.factories import UserFactory
from tanggap.attendance.models import LeaveType, OfficeLocation
from tanggap.attendance.services.leave_types import leave_types_seed
from tanggap.org.tests.factories import OfficialFactory, UnitFactory


class OfficeLocationFactory(DjangoModelFactory):
    class Meta:
        model = OfficeLocation

    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"Kantor Uji {n}")
    # Kantor Bupati Blitar, roughly.
    latitude = Decimal("-8.098100")
    longitude = Decimal("112.165000")
    radius_m = 100


def official_with_account(unit, username: str, **kwargs):
    """An official of `unit` who signs in as `username`."""
    return OfficialFactory(unit=unit, user=UserFactory(username=username), **kwargs)


def leave_type(code: str) -> LeaveType:
    """A default leave type (the data migration seeds the eight of DOMAIN.md §8; a flushed database
    gets them again)."""
    leave_types_seed()
    return LeaveType.objects.get(code=code)
