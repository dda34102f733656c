"""Reads for the home page and the staff dashboard."""

from __future__ import annotations

from django.db.models import Count, Q

from tanggap.accounts.models import Role, RoleAssignment
from tanggap.accounts.permissions import is_sysadmin, region_ids_with
from tanggap.catalog.models import Service
from tanggap.org.models import Region


def home_context() -> dict:
    """Active regions with their count of active services, for the public home page."""
    regions = (
        Region.objects.filter(is_active=True)
        .annotate(service_count=Count("services", filter=Q(services__is_active=True)))
        .order_by("name")
    )
    return {"regions": regions, "service_total": Service.objects.filter(is_active=True).count()}


def dashboard_context(*, user) -> dict:
    """The user's role assignments and the work areas their roles open, for the staff landing page."""
    from tanggap.catalog.permissions import is_catalog_staff

    assignments = (
        RoleAssignment.objects.filter(user=user).select_related("region", "unit").order_by("role")
    )
    region_roles = {Role.REGION_ADMIN, Role.EVALUATOR, Role.LEADER_VIEWER}
    sysadmin = is_sysadmin(user)
    return {
        "assignments": assignments,
        "is_sysadmin": sysadmin,
        "show_catalog": is_catalog_staff(user),
        "show_org": sysadmin or bool(region_ids_with(user, region_roles)),
        "show_users": sysadmin or bool(region_ids_with(user, {Role.REGION_ADMIN})),
        "show_counters": sysadmin
        or bool(
            region_ids_with(
                user, {Role.REGION_ADMIN, Role.FRONT_DESK, Role.UNIT_HEAD, Role.UNIT_ADMIN}
            )
        ),
        "show_queue_config": sysadmin
        or bool(region_ids_with(user, {Role.REGION_ADMIN, Role.UNIT_HEAD, Role.UNIT_ADMIN})),
        "show_queue_reports": sysadmin or bool(assignments),
        "show_complaints": sysadmin or bool(assignments),
    }
