"""The staff catalogue: the units and services a user may manage (or enact in), one service with all its
versions, and what the user may export. Scoped to the user: `manageable_units_q` is the list's filter and
`may_open_in_staff_catalogue` the same rule for one service (a test walks every persona and unit)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from tanggap.accounts.permissions import unit_and_descendant_ids
from tanggap.catalog.models import Service, StandardVersion
from tanggap.catalog.permissions import (
    exportable_regions_q,
    exportable_units_q,
    manageable_units_q,
    may_export_region,
    may_export_unit,
    may_open_in_staff_catalogue,
)
from tanggap.catalog.selectors.public import search_services, service_list_public
from tanggap.core.errors import NotFound, PermissionDenied
from tanggap.org.models import Region, Unit

Status = StandardVersion.Status


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
    qs = search_services(qs, q)
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
    if not may_open_in_staff_catalogue(user, service.unit):
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


def importable_regions(*, user) -> QuerySet[Region]:
    """Regions the user may import standards into: those with a unit whose services the user manages."""
    return Region.objects.filter(pk__in=manageable_units(user=user).values("region_id")).order_by(
        "name"
    )


def import_region_for(*, user, slug: str) -> Region:
    """A region the user may import standards into (NotFound, or PermissionDenied)."""
    region = Region.objects.filter(slug=slug).first()
    if region is None:
        raise NotFound()
    if not manageable_units(user=user).filter(region=region).exists():
        raise PermissionDenied()
    return region


def export_unit_for(*, user, pk: int) -> Unit:
    """A unit whose standards the user may export (NotFound, or PermissionDenied)."""
    unit = Unit.objects.select_related("region").filter(pk=pk).first()
    if unit is None:
        raise NotFound()
    if not may_export_unit(user, unit):
        raise PermissionDenied()
    return unit


def export_region_for(*, user, slug: str) -> Region:
    """A region whose standards the user may export whole (NotFound, or PermissionDenied)."""
    region = Region.objects.filter(slug=slug[:64]).first()
    if region is None:
        raise NotFound()
    if not may_export_region(user, region):
        raise PermissionDenied()
    return region
