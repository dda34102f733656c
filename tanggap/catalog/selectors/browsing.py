"""Browsing the public catalogue: regions, categories, agencies (the units that provide services), the
places where citizens are served, and the Mal Pelayanan Publik with every agency's counter in it; and
the home page's summary. Each list is built in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Func, OuterRef, Prefetch, Q, QuerySet, Subquery

from tanggap.catalog.models import Service, ServiceCategory
from tanggap.catalog.selectors.public import enacted_prefetch, published_services
from tanggap.core.errors import NotFound
from tanggap.org.models import Region, Unit


def home_summary() -> dict:
    """Active regions with their count of active services, and the total, for the home page's search."""
    regions = (
        Region.objects.filter(is_active=True)
        .annotate(service_count=Count("services", filter=Q(services__is_active=True)))
        .order_by("name")
    )
    return {"regions": regions, "service_total": Service.objects.filter(is_active=True).count()}


def region_list_public() -> QuerySet[Region]:
    """Active regions, for the region filter."""
    return Region.objects.filter(is_active=True).order_by("name")


def region_get_public(slug: str | None) -> Region | None:
    """The active region with this slug, or None when no (or an unknown) slug is given."""
    if not slug:
        return None
    return Region.objects.filter(is_active=True, slug=slug).first()


def category_list_public(*, region=None) -> QuerySet[ServiceCategory]:
    """Categories that hold at least one published service, with their service counts."""
    published = published_services()
    if region is not None:
        published = published.filter(region=region)
    qs = ServiceCategory.objects.annotate(
        service_count=Count(
            "services", filter=Q(services__in=published.values("pk")), distinct=True
        )
    ).filter(service_count__gt=0)
    if region is not None:
        qs = qs.filter(region=region)
    return qs.select_related("region").order_by("region__name", "order", "name")


def agency_list_public(*, region=None) -> QuerySet[Unit]:
    """Units that provide at least one published service (the agencies), with their service counts."""
    published = published_services()
    if region is not None:
        published = published.filter(region=region)
    qs = (
        Unit.objects.filter(is_active=True)
        .annotate(
            service_count=Count(
                "services", filter=Q(services__in=published.values("pk")), distinct=True
            )
        )
        .filter(service_count__gt=0)
    )
    if region is not None:
        qs = qs.filter(region=region)
    return qs.select_related("region").order_by("region__name", "name")


def location_list_public(*, region=None) -> QuerySet[Unit]:
    """Places where citizens are served (listed as a service's location, or a service-location unit
    that provides services itself), each with its number of published services."""
    published = published_services()
    if region is not None:
        published = published.filter(region=region)
    here = Q(locations=OuterRef("pk")) | Q(unit=OuterRef("pk"))
    count = (
        published.filter(here)
        .order_by()
        .annotate(
            c=Func(F("pk"), function="COUNT", template="%(function)s(DISTINCT %(expressions)s)")
        )
        .values("c")[:1]
    )
    ids = published.values("pk")
    qs = Unit.objects.filter(is_active=True).filter(
        Q(pk__in=Service.locations.through.objects.filter(service__in=ids).values("unit"))
        | Q(is_service_location=True, pk__in=published.values("unit"))
    )
    if region is not None:
        qs = qs.filter(region=region)
    return (
        qs.annotate(service_count=Subquery(count))
        .select_related("region", "area")
        .order_by("region__name", "kind", "name")
    )


def mpp_list_public(*, region=None) -> QuerySet[Unit]:
    """Active Mal Pelayanan Publik units, with their count of active booths."""
    qs = Unit.objects.filter(is_active=True, kind=Unit.Kind.MPP, region__is_active=True)
    if region is not None:
        qs = qs.filter(region=region)
    return (
        qs.annotate(
            booth_count=Count(
                "children",
                filter=Q(children__kind=Unit.Kind.MPP_BOOTH, children__is_active=True),
                distinct=True,
            )
        )
        .select_related("region", "area")
        .order_by("region__name", "name")
    )


@dataclass
class BoothView:
    """One MPP booth (an agency's counter) and the published services offered there."""

    booth: Unit
    services: list[Service] = field(default_factory=list)


def mpp_get_public(region_slug: str, unit_slug: str) -> tuple[Unit, list[BoothView]]:
    """An MPP and every agency's counter in it, each with its services: one building, many agencies."""
    mpp = (
        Unit.objects.filter(
            region__slug=region_slug,
            region__is_active=True,
            slug=unit_slug,
            kind=Unit.Kind.MPP,
            is_active=True,
        )
        .select_related("region", "area", "head")
        .first()
    )
    if mpp is None:
        raise NotFound()
    published = (
        published_services().select_related("region", "unit").prefetch_related(enacted_prefetch())
    )
    booths = list(
        Unit.objects.filter(parent=mpp, kind=Unit.Kind.MPP_BOOTH, is_active=True)
        .select_related("parent")
        .prefetch_related(
            Prefetch(
                "offered_services", queryset=published.order_by("name"), to_attr="offered_list"
            ),
            Prefetch("services", queryset=published.order_by("name"), to_attr="own_list"),
        )
        .order_by("name")
    )
    views = []
    for booth in booths:
        by_pk = {s.pk: s for s in [*booth.own_list, *booth.offered_list]}
        views.append(BoothView(booth=booth, services=sorted(by_pk.values(), key=lambda s: s.name)))
    return mpp, views
