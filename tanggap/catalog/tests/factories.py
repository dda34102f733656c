"""Catalogue test data: published services and their standards (on top of the organisation factories)."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from tanggap.catalog.models import Service, ServiceCategory, StandardVersion
from tanggap.org.tests.factories import OfficialFactory, RegionFactory, UnitFactory

DECREE_DATE = dt.date(2024, 2, 1)


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


def enacted_service(
    *, unit, version: int = 1, standard: dict | None = None, **service_fields
) -> Service:
    """A service with one enacted standard, as the public catalogue shows it."""
    service = ServiceFactory(unit=unit, region=unit.region, **service_fields)
    StandardVersionFactory(
        service=service,
        version=version,
        status=StandardVersion.Status.ENACTED,
        decree_number=f"400.12/{service.code}/2024",
        decree_date=DECREE_DATE,
        enacted_at=timezone.now(),
        **(standard or {}),
    )
    return service


def draft_service(*, unit, standard: dict | None = None, **service_fields) -> Service:
    """A service whose only standard is a draft (not yet in the public catalogue)."""
    service = ServiceFactory(unit=unit, region=unit.region, **service_fields)
    StandardVersionFactory(
        service=service, version=1, status=StandardVersion.Status.DRAFT, **(standard or {})
    )
    return service


def unit_with_head(*, region, slug: str, name: str, head_name: str = "Sri Wahyuni", **fields):
    """A unit whose head is an official with titles and an NIP."""
    unit = UnitFactory(region=region, slug=slug, name=name, **fields)
    head = OfficialFactory(
        unit=unit, name=head_name, front_title="Dra.", back_title="M.AP.", position_title="Kepala"
    )
    unit.head = head
    unit.save(update_fields=["head"])
    return unit


def mpp_with_booths(*, region, booths: list[tuple[str, str]]):
    """An MPP unit and its booths (children of kind mpp_booth), given as (slug, name) pairs."""
    mpp = UnitFactory(region=region, slug="mpp", name="Mal Pelayanan Publik", kind="mpp")
    children = [
        UnitFactory(region=region, slug=slug, name=name, kind="mpp_booth", parent=mpp)
        for slug, name in booths
    ]
    return mpp, children
