"""Who may do what: small rule functions that selectors and services call.

Region roles (region admin, evaluator, leadership viewer) act on a whole region. Unit roles (front desk,
complaint handler, unit head, unit admin) act on their unit and every unit below it (an MPP admin manages
the MPP's booths). A system administrator acts everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from tanggap.accounts.models import REGION_ROLES, UNIT_ROLES, Role, RoleAssignment

_CACHE_ATTR = "_tanggap_roles"

# Region-level roles that may read a region's internal records.
REGION_READERS = frozenset({Role.REGION_ADMIN, Role.EVALUATOR, Role.LEADER_VIEWER})


def _assignments(user) -> list[tuple[str, int | None, int | None]]:
    """The user's (role, region_id, unit_id) triples, cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(
            RoleAssignment.objects.filter(user=user).values_list("role", "region_id", "unit_id")
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_roles(user) -> None:
    """Drop the cached roles after they change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def is_sysadmin(user) -> bool:
    """A system administrator (or Django superuser) acts on every region."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser) or any(
        role == Role.SYSADMIN for role, _, _ in _assignments(user)
    )


def is_staff_member(user) -> bool:
    """Any role at all: the staff area is open to them."""
    return is_sysadmin(user) or bool(_assignments(user))


class IsStaffMember(permissions.BasePermission):
    """API permission: signed-in staff (anyone holding a role); what each may see the selectors decide."""

    message = _("Hanya petugas yang dapat mengakses data ini.")

    def has_permission(self, request, view) -> bool:
        user = getattr(request, "user", None)
        return bool(user and user.is_authenticated and is_staff_member(user))


def region_ids_with(user, roles: Iterable[str]) -> set[int]:
    """Regions where the user holds one of `roles` (unit roles count for their unit's region)."""
    wanted = set(roles)
    return {
        region_id
        for role, region_id, _ in _assignments(user)
        if role in wanted and region_id is not None
    }


def unit_ids_with(user, roles: Iterable[str]) -> set[int]:
    """Units (and every unit below them) where the user holds one of the unit `roles`."""
    wanted = set(roles) & UNIT_ROLES
    roots = {
        unit_id for role, _, unit_id in _assignments(user) if role in wanted and unit_id is not None
    }
    return unit_and_descendant_ids(roots)


def unit_and_descendant_ids(roots: Iterable[int]) -> set[int]:
    """`roots` and all units beneath them (one query per tree level)."""
    # The unit model as RoleAssignment knows it: accounts sits below org and never imports it.
    Unit = RoleAssignment._meta.get_field("unit").related_model

    found = set(roots)
    frontier = set(found)
    while frontier:
        children = (
            set(Unit.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        )
        found |= children
        frontier = children
    return found


def _unit_chain_ids(unit) -> set[int]:
    """The unit and every unit above it."""
    ids = set()
    current = unit
    depth = 0
    while current is not None and depth < 20:
        ids.add(current.pk)
        current = current.parent
        depth += 1
    return ids


def has_unit_role(user, unit, roles: Iterable[str]) -> bool:
    """The user holds one of `roles` on `unit` or on a unit above it."""
    wanted = set(roles)
    held = {
        unit_id for role, _, unit_id in _assignments(user) if role in wanted and unit_id is not None
    }
    return bool(held) and bool(held & _unit_chain_ids(unit))


def has_region_role(user, region_id: int | None, roles: Iterable[str]) -> bool:
    """The user holds one of the region `roles` in this region."""
    wanted = set(roles) & REGION_ROLES
    return any(role in wanted and rid == region_id for role, rid, _ in _assignments(user))


# --- rules used across the platform ------------------------------------------------------------


def can_manage_region(user, region) -> bool:
    """Manage a region's organisation: areas, units, officials, accounts, decrees."""
    return is_sysadmin(user) or has_region_role(
        user, getattr(region, "pk", region), {Role.REGION_ADMIN}
    )


def can_view_region_internal(user, region) -> bool:
    """Read a region's internal records (evaluators and leadership read everything, change nothing)."""
    return is_sysadmin(user) or has_region_role(user, getattr(region, "pk", region), REGION_READERS)


def can_manage_unit_services(user, unit) -> bool:
    """Maintain a unit's services and draft their standards."""
    return can_manage_region(user, unit.region_id) or has_unit_role(user, unit, {Role.UNIT_ADMIN})


def can_enact_standard(user, unit) -> bool:
    """Enact a unit's standard by decree: the unit head, or the unit admin on the head's behalf."""
    return can_manage_region(user, unit.region_id) or has_unit_role(
        user, unit, {Role.UNIT_ADMIN, Role.UNIT_HEAD}
    )


def can_view_unit_internal(user, unit) -> bool:
    """Read a unit's internal records: anyone with a role on the unit, or a region reader."""
    return can_view_region_internal(user, unit.region_id) or has_unit_role(user, unit, UNIT_ROLES)


def visible_region_ids(user) -> set[int] | None:
    """Regions whose internal records the user may read; None means all (system administrator)."""
    if is_sysadmin(user):
        return None
    return {rid for _, rid, _ in _assignments(user) if rid is not None}


def can_assign_role(user, role: str, region) -> bool:
    """Grant or revoke `role` in `region`: a region admin there, or a sysadmin; only a sysadmin grants sysadmin."""
    if role == Role.SYSADMIN:
        return is_sysadmin(user)
    return region is not None and can_manage_region(user, region)


def user_region_ids(user) -> set[int]:
    """Regions a user belongs to: through their roles or the official record linked to the account."""
    ids = {rid for _, rid, _ in _assignments(user) if rid is not None}
    official = getattr(user, "official", None) if user is not None and user.pk else None
    if official is not None:
        ids.add(official.region_id)
    return ids


def can_manage_user(actor, user) -> bool:
    """Change another person's account: a sysadmin, or a region admin of every region the account belongs to.

    Nobody manages their own account here, and only a sysadmin manages another sysadmin."""
    if actor is None or user is None or actor.pk == user.pk:
        return False
    if is_sysadmin(actor):
        return True
    if is_sysadmin(user):
        return False
    regions = user_region_ids(user)
    return bool(regions) and all(can_manage_region(actor, rid) for rid in regions)


def holds_any_role(user, roles: Iterable[str]) -> bool:
    """A system administrator, or a user holding one of `roles` somewhere."""
    return is_sysadmin(user) or bool(region_ids_with(user, roles))
