"""Who may run a location's queue."""

from __future__ import annotations

from tanggap.accounts.models import Role
from tanggap.accounts.permissions import (
    can_manage_region,
    can_view_unit_internal,
    has_unit_role,
)

# The unit roles that run a location's counters and configure its queue (a region admin does both).
COUNTER_ROLES = frozenset({Role.FRONT_DESK, Role.UNIT_HEAD, Role.UNIT_ADMIN})
CONFIG_ROLES = frozenset({Role.UNIT_HEAD, Role.UNIT_ADMIN})


def can_operate_counter(user, location) -> bool:
    """Call, serve, skip and transfer tickets at the location's counters."""
    return can_manage_region(user, location.region_id) or has_unit_role(
        user, location, COUNTER_ROLES
    )


def can_configure_queue(user, location) -> bool:
    """Change the location's queue settings, services and counters."""
    return can_manage_region(user, location.region_id) or has_unit_role(
        user, location, CONFIG_ROLES
    )


def can_manage_kiosks(user, location) -> bool:
    """Register and revoke the location's entrance kiosks (those who manage its counters)."""
    return can_configure_queue(user, location)


def kiosk_may_issue_at(device, location_id: int) -> bool:
    """A kiosk issues walk-in tickets only while active and only at the location it stands in."""
    return device is not None and device.is_active and device.location_id == location_id


def can_view_queue_reports(user, location) -> bool:
    """Read the location's queue dashboard, exports and planner."""
    return can_view_unit_internal(user, location)


def code_move_actor(user, location):
    """Who a move made with a booking code (check-in, cancel) is recorded as: the signed-in officer of
    the location, else nobody (the code's holder, whoever is signed in)."""
    return user if can_operate_counter(user, location) else None
