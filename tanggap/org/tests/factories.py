"""Organisation test data: regions, areas, units, officials, days off, positions and rotation decrees."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from tanggap.org.models import (
    Area,
    DayOff,
    Official,
    PositionAssignment,
    Region,
    RotationDecree,
    RotationEntry,
    Unit,
)
from tanggap.org.nip import make_nip


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"kab-uji-{n}")
    name = factory.Sequence(lambda n: f"Kabupaten Uji {n}")
    kind = Region.Kind.KABUPATEN
    timezone = "Asia/Jakarta"
    head_name = "Bupati Fiktif"


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area

    region = factory.SubFactory(RegionFactory)
    kind = Area.Kind.KECAMATAN
    code = factory.Sequence(lambda n: f"99.01.{n:02d}")
    name = factory.Sequence(lambda n: f"Kecamatan Uji {n}")


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    region = factory.SubFactory(RegionFactory)
    kind = Unit.Kind.OPD
    slug = factory.Sequence(lambda n: f"unit-{n}")
    name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    is_service_location = True


class OfficialFactory(DjangoModelFactory):
    class Meta:
        model = Official

    region = factory.LazyAttribute(lambda o: o.unit.region)
    unit = factory.SubFactory(UnitFactory)
    nip = factory.Sequence(
        lambda n: make_nip(
            birth_date=dt.date(1980, 1 + n % 12, 1 + n % 28),
            appointed_year=2005,
            appointed_month=3,
            sex="L" if n % 2 else "P",
            sequence=1 + n % 999,
        )
    )
    name = factory.Sequence(lambda n: f"Pegawai Fiktif {n}")
    sex = factory.LazyAttribute(lambda o: "L" if o.nip[14] == "1" else "P")
    birth_date = factory.LazyAttribute(
        lambda o: dt.date(int(o.nip[0:4]), int(o.nip[4:6]), int(o.nip[6:8]))
    )
    appointed_on = factory.LazyAttribute(lambda o: dt.date(int(o.nip[8:12]), int(o.nip[12:14]), 1))
    rank = Official.Rank.III_C
    position_title = "Pengadministrasi Umum"
    position_started_on = dt.date(2022, 1, 3)


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
