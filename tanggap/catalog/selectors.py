"""Every read of the catalogue: the public catalogue (published services only) and the staff view
(scoped to what the user may manage). Each list is built in a fixed number of queries."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, Func, OuterRef, Prefetch, Q, QuerySet, Subquery

from tanggap.catalog.components import COMPONENTS, LIST_FIELDS, Component
from tanggap.catalog.formatting import duration, rupiah
from tanggap.catalog.models import Service, ServiceCategory, StandardVersion
from tanggap.catalog.permissions import (
    exportable_regions_q,
    exportable_units_q,
    is_catalog_staff,
    manageable_units_q,
    may_enact,
    may_manage_services,
)
from tanggap.core.errors import NotFound, PermissionDenied
from tanggap.org.models import Region, Unit

Status = StandardVersion.Status
PUBLISHED = (Status.ENACTED, Status.SUPERSEDED)
MAX_QUERY_TERMS = 8


def _enacted_prefetch() -> Prefetch:
    return Prefetch(
        "standards",
        queryset=StandardVersion.objects.filter(status=Status.ENACTED),
        to_attr="enacted_standards",
    )


def _published_services() -> QuerySet[Service]:
    """Active services of active regions that have an enacted standard."""
    enacted = StandardVersion.objects.filter(service=OuterRef("pk"), status=Status.ENACTED)
    return Service.objects.filter(is_active=True, region__is_active=True).filter(Exists(enacted))


def enacted_standard(service: Service) -> StandardVersion | None:
    """The service's enacted standard, from the prefetch when the selector made one."""
    if hasattr(service, "enacted_standards"):
        return service.enacted_standards[0] if service.enacted_standards else None
    return service.standards.filter(status=Status.ENACTED).first()


def _search(qs: QuerySet[Service], q: str) -> QuerySet[Service]:
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
    qs = _published_services()
    if (slug := _slug_of(region)) is not None:
        qs = qs.filter(region__slug=slug)
    if (slug := _slug_of(category)) is not None:
        qs = qs.filter(category__slug=slug)
    if (slug := _slug_of(unit)) is not None:
        qs = qs.filter(unit__slug=slug)
    if (slug := _slug_of(location)) is not None:
        qs = qs.filter(Q(locations__slug=slug) | Q(unit__slug=slug)).distinct()
    qs = _search(qs, q)
    return (
        qs.select_related("region", "unit", "category")
        .prefetch_related(_enacted_prefetch())
        .order_by("name", "region__name", "pk")
    )


def service_get_public(region_slug: str, service_slug: str) -> Service:
    """One published service with what its page shows; NotFound if it is not published."""
    service = (
        _published_services()
        .filter(region__slug=region_slug, slug=service_slug)
        .select_related("region", "unit", "unit__head", "unit__area", "category")
        .prefetch_related(
            _enacted_prefetch(),
            Prefetch(
                "locations",
                queryset=Unit.objects.filter(is_active=True)
                .select_related("area")
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


# --- browsing ------------------------------------------------------------------------------------


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
    published = _published_services()
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
    published = _published_services()
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
    published = _published_services()
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
        _published_services().select_related("region", "unit").prefetch_related(_enacted_prefetch())
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


# --- staff -----------------------------------------------------------------------------------------


def manageable_units(*, user, include_enact: bool = False) -> QuerySet[Unit]:
    """Units whose services the user may manage (or, with include_enact, also enact)."""
    scope = manageable_units_q(user, include_enact=include_enact)
    qs = Unit.objects.filter(is_active=True)
    if scope is not None:
        qs = qs.filter(scope)
    return qs.select_related("region").order_by("region__name", "name")


def service_list_manageable_by(
    *, user, q: str = "", unit=None, include_archived: bool = True
) -> QuerySet[Service]:
    """Services the user may manage or enact, with their draft and enacted versions prefetched."""
    scope = manageable_units_q(user, include_enact=True)
    qs = Service.objects.all()
    if scope is not None:
        qs = qs.filter(unit__in=Unit.objects.filter(scope).values("pk"))
    if not include_archived:
        qs = qs.filter(is_active=True)
    if unit is not None:
        qs = qs.filter(unit=unit)
    qs = _search(qs, q)
    return (
        qs.select_related("region", "unit", "category")
        .prefetch_related(
            Prefetch(
                "standards",
                queryset=StandardVersion.objects.filter(status__in=[Status.DRAFT, Status.ENACTED]),
                to_attr="current_standards",
            )
        )
        .order_by("region__name", "unit__name", "name")
    )


def service_get_for_staff(*, user, pk: int) -> Service:
    """A service the user may manage or enact: NotFound if it does not exist, PermissionDenied if it
    belongs to a unit outside the user's scope."""
    service = (
        Service.objects.select_related("region", "unit", "unit__region", "category")
        .filter(pk=pk)
        .first()
    )
    if service is None:
        raise NotFound()
    if not is_catalog_staff(user) or not (
        may_manage_services(user, service.unit) or may_enact(user, service.unit)
    ):
        raise PermissionDenied()
    return service


def service_get_for_api(*, user, pk: int) -> Service:
    """A service by id: published ones for everyone, unpublished ones only for those who manage them."""
    service = service_list_public().filter(pk=pk).prefetch_related("locations").first()
    if service is not None:
        return service
    try:
        return service_get_for_staff(user=user, pk=pk)
    except PermissionDenied:
        raise NotFound() from None


def standard_versions_for_staff(service: Service) -> list[StandardVersion]:
    """Every version of a service's standard, newest first, with who enacted it and its status moves."""
    return list(
        service.standards.select_related("enacted_by", "created_by")
        .prefetch_related("status_changes")
        .order_by("-version")
    )


def standard_draft(service: Service) -> StandardVersion | None:
    return service.standards.filter(status=Status.DRAFT).first()


def standard_version_for_staff(service: Service, version: int) -> StandardVersion:
    standard = (
        service.standards.select_related("enacted_by", "based_on").filter(version=version).first()
    )
    if standard is None:
        raise NotFound()
    return standard


def exportable_regions(*, user) -> QuerySet[Region]:
    scope = exportable_regions_q(user)
    qs = Region.objects.all()
    return (qs if scope is None else qs.filter(scope)).order_by("name")


def exportable_units(*, user) -> QuerySet[Unit]:
    scope = exportable_units_q(user)
    qs = Unit.objects.select_related("region")
    return (qs if scope is None else qs.filter(scope)).order_by("region__name", "name")


def services_for_export(*, region=None, unit=None) -> QuerySet[Service]:
    """Services of a region or a unit (and its sub-units), with all standards prefetched for export."""
    qs = Service.objects.all()
    if unit is not None:
        from tanggap.accounts.permissions import unit_and_descendant_ids

        qs = qs.filter(unit_id__in=unit_and_descendant_ids({unit.pk}))
    elif region is not None:
        qs = qs.filter(region=region)
    return (
        qs.select_related("region", "unit", "category")
        .prefetch_related(
            Prefetch("locations", queryset=Unit.objects.order_by("slug")),
            Prefetch(
                "standards",
                queryset=StandardVersion.objects.filter(status__in=[Status.DRAFT, Status.ENACTED]),
                to_attr="current_standards",
            ),
        )
        .order_by("code")
    )


# --- comparing versions ------------------------------------------------------------------------------


@dataclass
class DiffLine:
    """One line of a component's comparison: 'same', 'added' or 'removed'."""

    op: str
    text: str


@dataclass
class ComponentDiff:
    component: Component
    changed: bool
    lines: list[DiffLine]


def _component_lines(standard: StandardVersion | None, component: Component) -> list[str]:
    """A component as the lines a reader compares (duration and cost read as on the public page)."""
    if standard is None:
        return []
    if component.key == "duration":
        return [duration(standard)] + ([standard.duration_note] if standard.duration_note else [])
    if component.key == "cost":
        return [rupiah(standard.cost)] + ([standard.cost_note] if standard.cost_note else [])
    lines: list[str] = []
    for name in component.fields:
        value: Any = getattr(standard, name)
        if name in LIST_FIELDS:
            lines.extend(str(v) for v in value)
        elif value not in ("", None):
            lines.extend(str(value).splitlines())
    return lines


def standard_diff(old: StandardVersion | None, new: StandardVersion) -> list[ComponentDiff]:
    """Line-by-line comparison of two versions, component by component (old may be None for v1)."""
    result = []
    for component in COMPONENTS:
        a, b = _component_lines(old, component), _component_lines(new, component)
        lines: list[DiffLine] = []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            if tag == "equal":
                lines.extend(DiffLine("same", t) for t in a[i1:i2])
            else:
                lines.extend(DiffLine("removed", t) for t in a[i1:i2])
                lines.extend(DiffLine("added", t) for t in b[j1:j2])
        result.append(ComponentDiff(component=component, changed=a != b, lines=lines))
    return result
