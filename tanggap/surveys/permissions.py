"""Who may do what with surveys, built on the platform rules in tanggap.accounts.permissions.

Taking a survey needs no account. A unit's IKM report is internal: its staff and the region's readers
open it. The region comparison is for region readers. A unit's survey settings are changed by its head,
its admin, or the region admin.
"""

from __future__ import annotations

from tanggap.accounts.models import Role
from tanggap.accounts.permissions import (
    can_manage_region,
    can_view_region_internal,
    can_view_unit_internal,
    has_unit_role,
)

SETTINGS_ROLES = frozenset({Role.UNIT_HEAD, Role.UNIT_ADMIN})


def may_read_unit_report(user, unit) -> bool:
    """Open a unit's IKM report (figures, comments, downloads)."""
    return can_view_unit_internal(user, unit)


def may_compare_region(user, region) -> bool:
    """Compare the IKM of a region's units side by side."""
    return can_view_region_internal(user, region)


def may_change_survey_settings(user, unit) -> bool:
    """Change how a unit takes surveys and weighs its IKM."""
    return can_manage_region(user, unit.region_id) or has_unit_role(user, unit, SETTINGS_ROLES)
