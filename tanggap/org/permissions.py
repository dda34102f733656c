"""Who may do what with a region's organisation, built on the platform rules in
tanggap.accounts.permissions.

Region readers (region admin, evaluator, leadership viewer) read a region's organisation; only its
region admin (or a system administrator) changes it: areas, units, officials, accounts and rotation
decrees. What each reader sees is the selectors' filter (tanggap.org.selectors).
"""

from __future__ import annotations

from tanggap.accounts.permissions import can_manage_region
from tanggap.core.errors import PermissionDenied


def may_manage_organisation(actor, region) -> bool:
    """Change the region's organisation (a region or its id)."""
    return can_manage_region(actor, region)


def require_region_manager(actor, region) -> None:
    """Refuse (PermissionDenied) unless `actor` may manage this region's organisation."""
    if not may_manage_organisation(actor, region):
        raise PermissionDenied()


def may_enact_decree(actor, decree) -> bool:
    """Enact a rotation decree: a manager of the decree's region (the rule of DECREE_FLOW's move)."""
    return may_manage_organisation(actor, decree.region_id)
