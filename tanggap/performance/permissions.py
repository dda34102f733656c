"""Who may do what with performance agreements, built on the platform rules in
tanggap.accounts.permissions (no roles of its own).

A unit's agreement is set and its realisation recorded by the unit's head or unit admin (of the unit or
a unit above it) and by the region admin. It is read by anyone holding a role on the unit and by the
region's readers (region admin, evaluator, leadership viewer). BKPSDM staff act through these roles too:
the platform has no BKPSDM role yet.

An SKP follows the attendance app's people rules (the official, the direct superior, the unit head, the
region admin): see the SKP section below.
"""

from __future__ import annotations

from tanggap.accounts.models import Role
from tanggap.accounts.permissions import (
    can_manage_region,
    can_view_unit_internal,
    has_unit_role,
    is_staff_member,
    is_sysadmin,
    region_ids_with,
    unit_ids_with,
)
from tanggap.attendance.permissions import is_own, is_superior, may_read_region, official_of
from tanggap.core.errors import PermissionDenied
from tanggap.performance.models import PerformanceAgreement

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


# What the agreement page offers: the same rule and state the services check (services/agreements.py).


def may_add_indicator(user, agreement) -> bool:
    """Add indicators: a manager, while the agreement is a draft."""
    return agreement.status == PerformanceAgreement.Status.DRAFT and may_manage_agreement(
        user, agreement.unit
    )


def may_sign_agreement(user, agreement, *, indicator_count: int) -> bool:
    """Sign: a manager, a draft with at least one indicator."""
    return indicator_count > 0 and may_add_indicator(user, agreement)


def may_record_realisation(user, agreement) -> bool:
    """Record the quarters' realisation: a manager, once the agreement is signed."""
    return agreement.status == PerformanceAgreement.Status.SIGNED and may_manage_agreement(
        user, agreement.unit
    )


def may_open_agreements(user) -> bool:
    """The agreements page: anyone whom the agreement selectors may show something (any staff role)."""
    return is_staff_member(user)


# --- SKP: the official, the direct superior (tanggap.attendance's rule), the unit's readers ------------


def may_write_skp(user, official) -> bool:
    """Make an official's SKP and add its results: the official or their direct superior."""
    return is_own(user, official) or is_superior(user, official)


def is_skp_appraiser(user, skp) -> bool:
    """The superior recorded on the SKP: reviews each quarter and gives the year-end ratings."""
    me = official_of(user)
    return me is not None and me.pk == skp.superior_id


def may_edit_skp(user, skp) -> bool:
    return is_own(user, skp.official) or is_skp_appraiser(user, skp)


def may_read_skp_broadly(user) -> bool:
    """Reads SKP beyond their own and their team's: a unit head (role), a region admin, a sysadmin."""
    return (
        is_sysadmin(user)
        or bool(region_ids_with(user, {Role.REGION_ADMIN}))
        or bool(unit_ids_with(user, {Role.UNIT_HEAD}))
    )


def may_open_skp_pages(user) -> bool:
    """The SKP pages: an official (their own SKP, a superior's team) or a broad reader."""
    return official_of(user) is not None or may_read_skp_broadly(user)


def may_read_unit_predikat(user, unit) -> bool:
    """A unit's predikat distribution: the unit's head (official or role) and the region admin."""
    me = official_of(user)
    return (
        (me is not None and unit.head_id is not None and me.pk == unit.head_id)
        or has_unit_role(user, unit, {Role.UNIT_HEAD})
        or may_read_region(user, unit.region_id)
    )


def may_set_unit_rating(user, unit) -> bool:
    """Record a unit's own performance rating of a year: the region admin (BKPSDM acts through that
    role) or a system administrator; never the unit itself."""
    return can_manage_region(user, unit.region_id)
