"""Who may do what with attendance and leave, built on the platform's roles (tanggap.accounts).

- An official acts on their own records (their account is `Official.user`).
- The direct superior (atasan langsung) is the head of the official's unit, or, for the head themselves
  (or a unit without a head), the head of the parent unit; the superior decides the official's leave.
- A unit head (role) reads the records of their unit and the units below it; the region admin (and a
  system administrator) reads the region's.
- A kiosk tablet is signed in by someone who manages the location's unit (unit admin, region admin).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from tanggap.accounts.models import Role
from tanggap.accounts.permissions import (
    can_manage_region,
    can_manage_unit_services,
    has_region_role,
    has_unit_role,
    is_staff_member,
    is_sysadmin,
    region_ids_with,
    unit_ids_with,
)


def official_of(user):
    """The official whose account `user` is (None for accounts of no official)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "official", None)


def is_official_or_staff(user) -> bool:
    """Signed in, and either an official (their own attendance, leave, SKP) or holding a role."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and (official_of(user) is not None or is_staff_member(user))
    )


class IsOfficialOrStaff(permissions.BasePermission):
    """API permission for attendance, leave and performance: an official's account or staff (a role);
    what each may see the selectors decide. A citizen's account is refused."""

    message = _("Hanya pegawai dan petugas yang dapat mengakses data ini.")

    def has_permission(self, request, view) -> bool:
        return is_official_or_staff(getattr(request, "user", None))


def superior_of(official):
    """The official's direct superior: the unit's head, or the parent unit's head for the head."""
    unit = official.unit
    if unit.head_id and unit.head_id != official.pk:
        return unit.head
    parent = unit.parent
    if parent is not None and parent.head_id and parent.head_id != official.pk:
        return parent.head
    return None


def is_own(user, official) -> bool:
    me = official_of(user)
    return me is not None and me.pk == official.pk


def is_superior(user, official) -> bool:
    me = official_of(user)
    boss = superior_of(official)
    return me is not None and boss is not None and me.pk == boss.pk


def may_read_region(user, region_id) -> bool:
    """The region's records: its region admin, or a system administrator."""
    return is_sysadmin(user) or has_region_role(user, region_id, {Role.REGION_ADMIN})


def may_run_kiosk(user, location) -> bool:
    """Record check-ins on a location's kiosk tablet: who manages the location's unit."""
    return can_manage_unit_services(user, location.unit)


def may_request_leave(user, official) -> bool:
    """The official, or the region admin on the official's behalf."""
    return is_own(user, official) or can_manage_region(user, official.region_id)


# --- the rules of the leave workflow's moves (called with the actor and the request) -----------------


def may_decide_leave(actor, request) -> bool:
    return is_superior(actor, request.official)


def may_cancel_pending_leave(actor, request) -> bool:
    return is_own(actor, request.official)


def may_cancel_approved_leave(actor, request) -> bool:
    return is_own(actor, request.official) or is_superior(actor, request.official)


# --- the monthly recap ---------------------------------------------------------------------------------

RECAP_UNIT_ROLES = frozenset({Role.UNIT_HEAD, Role.UNIT_ADMIN})


def may_open_recap(user) -> bool:
    """The recap page: a region admin, a unit head or unit admin (role), a system administrator."""
    return (
        is_sysadmin(user)
        or bool(region_ids_with(user, {Role.REGION_ADMIN}))
        or bool(unit_ids_with(user, RECAP_UNIT_ROLES))
    )


def may_read_unit_recap(user, unit) -> bool:
    """A unit's recap: the region's admin, or the head or admin (role) of the unit or a unit above it."""
    return may_read_region(user, unit.region_id) or has_unit_role(user, unit, RECAP_UNIT_ROLES)


# --- settings: schedules, office locations, recap and leave policy ------------------------------------

SETTINGS_UNIT_ROLES = RECAP_UNIT_ROLES


def may_open_settings(user) -> bool:
    """The settings pages: a region admin (BKPSDM staff act through this role), a unit head or admin."""
    return may_open_recap(user)


def may_configure_region(user, region_id) -> bool:
    """The region's recap and leave policy: its region admin, or a system administrator."""
    return can_manage_region(user, region_id)


def may_configure_unit(user, unit) -> bool:
    """A unit's work schedule and office locations: the region admin, or the head or admin (role) of
    the unit or of a unit above it."""
    return can_manage_region(user, unit.region_id) or has_unit_role(user, unit, SETTINGS_UNIT_ROLES)


# --- corrections and the team ----------------------------------------------------------------------------


def may_correct_day(user, official) -> bool:
    """Correct an official's day: the region admin (BKPSDM), or the head or admin (role) of the
    official's unit or a unit above it; never one's own day."""
    return not is_own(user, official) and may_read_unit_recap(user, official.unit)
