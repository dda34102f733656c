"""Factories for the org app's tests, on top of the shared ones in tanggap.core.testing."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from tanggap.core.testing import OfficialFactory
from tanggap.org.models import DayOff, PositionAssignment, RotationDecree, RotationEntry
from tanggap.org.nip import make_nip


def nip_for(n: int, *, sex: str = "L") -> str:
    """A valid, distinct NIP for the n-th test official (born 1985, appointed March 2010)."""
    return make_nip(
        birth_date=dt.date(1985, 1 + n % 12, 1 + n % 28),
        appointed_year=2010,
        appointed_month=3,
        sex=sex,
        sequence=1 + n % 999,
    )


class DayOffFactory(DjangoModelFactory):
    class Meta:
        model = DayOff

    date = factory.Sequence(lambda n: dt.date(2026, 8, 1) + dt.timedelta(days=n))
    name = "Hari Jadi Kabupaten"


class PositionAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = PositionAssignment

    official = factory.SubFactory(OfficialFactory)
    unit = factory.LazyAttribute(lambda o: o.official.unit)
    position_title = factory.LazyAttribute(lambda o: o.official.position_title)
    rank = factory.LazyAttribute(lambda o: o.official.rank)
    start_date = factory.LazyAttribute(lambda o: o.official.position_started_on)


def official_in(unit, **kwargs):
    """An official of `unit` with the open position period the services would have written."""
    official = OfficialFactory(unit=unit, region=unit.region, **kwargs)
    PositionAssignmentFactory(official=official)
    return official


class RotationDecreeFactory(DjangoModelFactory):
    class Meta:
        model = RotationDecree

    number = factory.Sequence(lambda n: f"800/{n:03d}/409.1/2026")
    title = "Mutasi jabatan"
    decree_date = dt.date(2026, 1, 5)
    effective_date = dt.date(2026, 1, 12)


class RotationEntryFactory(DjangoModelFactory):
    class Meta:
        model = RotationEntry

    decree = factory.SubFactory(RotationDecreeFactory)
    official = factory.SubFactory(OfficialFactory)
    to_position_title = "Analis Kebijakan"
