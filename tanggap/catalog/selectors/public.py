"""The public catalogue: published services (active, of an active region, with an enacted standard), a
service's page and the versions of its standard the public may read. Lists are built in a fixed number
of queries."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from tanggap.catalog.models import Service, StandardVersion
from tanggap.core.errors import NotFound
from tanggap.org.models import Unit

Status = StandardVersion.Status
PUBLISHED = (Status.ENACTED, Status.SUPERSEDED)
MAX_QUERY_TERMS = 8


def enacted_prefetch() -> Prefetch:
    return Prefetch(
        "standards",
        queryset=StandardVersion.objects.filter(status=Status.ENACTED),
        to_attr="enacted_standards",
    )


def published_services() -> QuerySet[Service]:
    """Active services of active regions that have an enacted standard."""
    enacted = StandardVersion.objects.filter(service=OuterRef("pk"), status=Status.ENACTED)
    return Service.objects.filter(is_active=True, region__is_active=True).filter(Exists(enacted))


def enacted_standard(service: Service) -> StandardVersion | None:
    """The service's enacted standard, from the prefetch when the selector made one."""
    if hasattr(service, "enacted_standards"):
        return service.enacted_standards[0] if service.enacted_standards else None
    return service.standards.filter(status=Status.ENACTED).first()


def search_services(qs: QuerySet[Service], q: str) -> QuerySet[Service]:
    """Every word must appear in the name, English name, code or description."""
    for term in (q or "").split()[:MAX_QUERY_TERMS]:
        term = term[:100]
        qs = qs.filter(
            Q(name__icontains=term)
            | Q(name_en__icontains=term)
            | Q(code__icontains=term)
            | Q(description__icontains=term)
        )
    return qs


def _slug_of(value) -> str | None:
    if value is None or value == "":
        return None
    return getattr(value, "slug", value)


def service_list_public(
    *, region=None, q: str = "", category=None, unit=None, location=None
) -> QuerySet[Service]:
    """The public catalogue: published services, filtered by region, search words, category slug,
    providing unit (agency) slug and location unit slug (each a model instance or a slug)."""
    qs = published_services()
    if (slug := _slug_of(region)) is not None:
        qs = qs.filter(region__slug=slug)
    if (slug := _slug_of(category)) is not None:
        qs = qs.filter(category__slug=slug)
    if (slug := _slug_of(unit)) is not None:
        qs = qs.filter(unit__slug=slug)
    if (slug := _slug_of(location)) is not None:
        qs = qs.filter(Q(locations__slug=slug) | Q(unit__slug=slug)).distinct()
    qs = search_services(qs, q)
    return (
        qs.select_related("region", "unit", "category")
        .prefetch_related(enacted_prefetch())
        .order_by("name", "region__name", "pk")
    )


def service_get_public(region_slug: str, service_slug: str) -> Service:
    """One published service with what its page shows; NotFound if it is not published."""
    service = (
        published_services()
        .filter(region__slug=region_slug, slug=service_slug)
        .select_related("region", "unit", "unit__head", "unit__area", "unit__region", "category")
        .prefetch_related(
            enacted_prefetch(),
            Prefetch(
                "locations",
                queryset=Unit.objects.filter(is_active=True)
                .select_related("area", "region")
                .order_by("name"),
            ),
        )
        .first()
    )
    if service is None:
        raise NotFound()
    return service


def standard_versions_public(service: Service) -> list[StandardVersion]:
    """The versions the public may read: the enacted one and every superseded one, newest first."""
    return list(service.standards.filter(status__in=PUBLISHED).order_by("-version"))


def standard_version_public(service: Service, version: int) -> StandardVersion:
    """One published version of a service's standard."""
    standard = service.standards.filter(status__in=PUBLISHED, version=version).first()
    if standard is None:
        raise NotFound()
    return standard
