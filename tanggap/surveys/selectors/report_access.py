"""Who may open which IKM report, and what a unit's report may be filtered by.

A unit's report is open to its staff and the region's readers; the region comparison to region readers
(see tanggap.surveys.permissions). An unknown record and a refused one raise different errors: the pages
show the 404 and 403 pages.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from tanggap.accounts.models import UNIT_ROLES
from tanggap.accounts.permissions import REGION_READERS, is_sysadmin, region_ids_with, unit_ids_with
from tanggap.catalog.models import Service
from tanggap.core.errors import NotFound, PermissionDenied
from tanggap.org.models import Region, Unit
from tanggap.surveys.permissions import may_compare_region, may_read_unit_report


def report_unit_for(*, user, unit_id: int) -> Unit:
    """The unit if the user may read its survey report (its staff, region readers); else an error."""
    unit = Unit.objects.select_related("region", "head").filter(pk=unit_id).first()
    if unit is None:
        raise NotFound(_("Unit tidak ditemukan."))
    if not may_read_unit_report(user, unit):
        raise PermissionDenied(_("Anda tidak berwenang melihat laporan survei unit ini."))
    return unit


def report_region_for(*, user, slug: str) -> Region:
    """The region if the user may compare its units (region readers and admins)."""
    region = Region.objects.filter(slug=slug, is_active=True).first()
    if region is None:
        raise NotFound(_("Wilayah tidak ditemukan."))
    if not may_compare_region(user, region):
        raise PermissionDenied(_("Anda tidak berwenang melihat perbandingan IKM wilayah ini."))
    return region


def report_regions_for(user) -> QuerySet[Region]:
    """The active regions whose units the user may compare (region readers and admins)."""
    regions = Region.objects.filter(is_active=True).order_by("name")
    return (
        regions
        if is_sysadmin(user)
        else regions.filter(pk__in=region_ids_with(user, REGION_READERS))
    )


def report_units_for(user) -> QuerySet[Unit]:
    """The active units whose IKM report the user may read (the rule of `may_read_unit_report`, as one
    query): every unit of a region they read, and the units they hold a role on with those beneath."""
    units = Unit.objects.filter(is_active=True, region__is_active=True)
    if not is_sysadmin(user):
        units = units.filter(
            Q(region_id__in=region_ids_with(user, REGION_READERS))
            | Q(pk__in=unit_ids_with(user, UNIT_ROLES))
        )
    return units.select_related("region").order_by("region__name", "name")


def report_filter_choices(unit: Unit) -> tuple[QuerySet[Service], QuerySet[Unit]]:
    """What a unit's report may be narrowed to: the unit's own services, its region's service locations."""
    services = Service.objects.filter(unit=unit).order_by("name")
    locations = Unit.objects.filter(region_id=unit.region_id, is_service_location=True).order_by(
        "name"
    )
    return services, locations
