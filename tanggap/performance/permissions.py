"""Who may do what with performance agreements, built on the platform rules in
tanggap.accounts.permissions (no roles of its own).

A unit's agreement is set and its realisation recorded by the unit's head or unit admin (of the unit or
a unit above it) and by the region admin. It is read by anyone holding a role on the unit and by the
region's readers (region admin, evaluator, leadership viewer). BKPSDM staff act through these roles too:
the platform has no BKPSDM role yet.
"""

from __future__ import annotations

from tanggap.accounts.models import Role
from tanggap.accounts.permissions import (
    can_manage_region,
    can_view_unit_internal,
    has_unit_role,
)
from tanggap.core.errors import PermissionDenied

AGREEMENT_ROLES = frozenset({Role.UNIT_HEAD, Role.UNIT_ADMIN})


def may_manage_agreement(user, unit) -> bool:
    """Set a unit's agreement and indicators, and record their realisation."""
    return can_manage_region(user, unit.region_id) or has_unit_role(user, unit, AGREEMENT_ROLES)


def may_read_agreement(user, unit) -> bool:
    """Read a unit's agreements, indicators and realisation."""
    return can_view_unit_internal(user, unit)


def require_agreement_manager(user, unit) -> None:
    """Refuse (PermissionDenied) unless `user` may manage this unit's agreement."""
    if not may_manage_agreement(user, unit):
        raise PermissionDenied()
