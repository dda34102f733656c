"""Factories shared by every app's tests (factory_boy)."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from tanggap.accounts.models import Role, RoleAssignment, User
from tanggap.catalog.models import Service, ServiceCategory, StandardVersion
from tanggap.org.models import Area, Official, Region, Unit
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


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Pengguna Uji {n}")
    password = factory.django.Password("kata-sandi-uji-123")


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


class RoleAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.FRONT_DESK
    region = factory.LazyAttribute(lambda o: o.unit.region if o.unit else None)
    unit = None


class ServiceCategoryFactory(DjangoModelFactory):
    class Meta:
        model = ServiceCategory

    region = factory.SubFactory(RegionFactory)
    slug = factory.Sequence(lambda n: f"kategori-{n}")
    name = factory.Sequence(lambda n: f"Kategori {n}")


class ServiceFactory(DjangoModelFactory):
    class Meta:
        model = Service

    unit = factory.SubFactory(UnitFactory)
    region = factory.LazyAttribute(lambda o: o.unit.region)
    slug = factory.Sequence(lambda n: f"layanan-{n}")
    code = factory.Sequence(lambda n: f"LAY-{n:04d}")
    name = factory.Sequence(lambda n: f"Layanan Uji {n}")


class StandardVersionFactory(DjangoModelFactory):
    class Meta:
        model = StandardVersion

    service = factory.SubFactory(ServiceFactory)
    version = 1
    requirements = factory.LazyFunction(lambda: ["Fotokopi KK", "KTP-el asli"])
    procedure = factory.LazyFunction(
        lambda: ["Ambil nomor antrean", "Serahkan berkas", "Terima produk"]
    )
    duration_value = 1
    product = "Dokumen hasil layanan"
    complaint_handling = "Kotak saran, SP4N-LAPOR!, WhatsApp pengaduan"
