"""Who may open which complaint dashboard, and the routing model's page."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tanggap.accounts.models import UNIT_ROLES, Role
from tanggap.accounts.permissions import (
    REGION_READERS,
    has_region_role,
    has_unit_role,
    is_sysadmin,
    region_ids_with,
    unit_ids_with,
)
from tanggap.core.errors import NotFound, PermissionDenied
from tanggap.org.models import Region, Unit

REGION_DASHBOARD_ROLES = REGION_READERS | {Role.REGION_ADMIN, Role.COMPLAINT_VERIFIER}
ROUTING_ADMIN_ROLES = frozenset({Role.REGION_ADMIN, Role.COMPLAINT_VERIFIER})


def can_view_region_dashboard(user, region) -> bool:
    """Region admins, verifiers, evaluators, leadership; system administrators."""
    region_id = getattr(region, "pk", region)
    return is_sysadmin(user) or has_region_role(user, region_id, REGION_DASHBOARD_ROLES)


def can_view_unit_dashboard(user, unit: Unit) -> bool:
    """Anyone with a unit role on the unit (or above it), and whoever sees the unit's region."""
    return can_view_region_dashboard(user, unit.region_id) or has_unit_role(user, unit, UNIT_ROLES)


def can_manage_routing(user, region) -> bool:
    """See the routing model's accuracy and ask for retraining: region admins and verifiers."""
    region_id = getattr(region, "pk", region)
    return is_sysadmin(user) or has_region_role(user, region_id, ROUTING_ADMIN_ROLES)


def dashboards_visible_to(*, user) -> tuple[QuerySet[Region], QuerySet[Unit]]:
    """The regions and the units (outside those regions) whose dashboards the user may open."""
    if is_sysadmin(user):
        return Region.objects.filter(is_active=True).order_by("name"), Unit.objects.none()
    region_ids = region_ids_with(user, REGION_DASHBOARD_ROLES)
    regions = Region.objects.filter(pk__in=region_ids, is_active=True).order_by("name")
    units = (
        Unit.objects.filter(pk__in=unit_ids_with(user, UNIT_ROLES), is_active=True)
        .exclude(region_id__in=region_ids)
        .select_related("region")
        .order_by("region__name", "name")
    )
    return regions, units


def region_dashboard_for(*, user, slug: str) -> Region:
    """The region if the user may see its dashboard; NotFound / PermissionDenied."""
    region = Region.objects.filter(slug=slug, is_active=True).first()
    if region is None:
        raise NotFound(_("Wilayah tidak ditemukan."))
    if not can_view_region_dashboard(user, region):
        raise PermissionDenied(_("Anda tidak berwenang melihat dasbor pengaduan wilayah ini."))
    return region


def unit_dashboard_for(*, user, unit_id: int) -> Unit:
    """The unit if the user may see its dashboard; NotFound / PermissionDenied."""
    unit = Unit.objects.select_related("region").filter(pk=unit_id).first()
    if unit is None:
        raise NotFound(_("Unit tidak ditemukan."))
    if not can_view_unit_dashboard(user, unit):
        raise PermissionDenied(_("Anda tidak berwenang melihat dasbor pengaduan unit ini."))
    return unit
