"""Who may do what in the catalogue, built on the platform rules in tanggap.accounts.permissions.

Managing a service (create, edit, draft, import) needs can_manage_unit_services; enacting a standard
needs can_enact_standard. The staff catalogue is open to anyone who may do either for some unit.
Exporting standards is a read: region readers (evaluator, leadership) may export too.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from tanggap.accounts.models import Role
from tanggap.accounts.permissions import (
    can_enact_standard,
    can_manage_unit_services,
    can_view_region_internal,
    can_view_unit_internal,
    is_sysadmin,
    region_ids_with,
    unit_ids_with,
)
from tanggap.core.errors import PermissionDenied


class SystemActor:
    """The platform itself acting from the command line (import command, demo loader): no permission
    check applies and the audit trail records "sistem"."""

    is_authenticated = False
    pk = None

    def __str__(self) -> str:
        return "sistem"


SYSTEM = SystemActor()


def is_system(actor) -> bool:
    return isinstance(actor, SystemActor)


def may_manage_services(actor, unit) -> bool:
    """Create and edit the unit's services and their draft standards."""
    return is_system(actor) or can_manage_unit_services(actor, unit)


def require_manage_services(actor, unit) -> None:
    """Refuse (PermissionDenied, naming the unit) unless the actor may manage the unit's services."""
    if not may_manage_services(actor, unit):
        raise PermissionDenied(
            _("Anda tidak berwenang mengelola layanan %(unit)s.") % {"unit": unit.name}
        )


def may_enact(actor, unit) -> bool:
    """Enact a standard of the unit by decree."""
    return is_system(actor) or can_enact_standard(actor, unit)


def may_open_in_staff_catalogue(actor, unit) -> bool:
    """See the unit's services in the staff catalogue: whoever may manage them or enact their standards.

    The rule for one unit; `manageable_units_q(user, include_enact=True)` is the same rule as a filter."""
    return may_manage_services(actor, unit) or may_enact(actor, unit)


def may_export_unit(actor, unit) -> bool:
    """Download a unit's standards (all 14 components, drafts included)."""
    return is_system(actor) or can_view_unit_internal(actor, unit) or may_enact(actor, unit)


def may_export_region(actor, region) -> bool:
    """Download a whole region's standards."""
    return is_system(actor) or can_view_region_internal(actor, region)


def manageable_units_q(user, *, include_enact: bool = False) -> Q | None:
    """A Unit filter for the units `user` may manage (and enact in, if asked); None means every unit.

    The same rules as `may_manage_services` (and `may_open_in_staff_catalogue` with include_enact) for
    one unit; tests/test_permissions.py checks that they agree for every persona and unit."""
    if is_system(user) or is_sysadmin(user):
        return None
    unit_roles = {Role.UNIT_ADMIN, Role.UNIT_HEAD} if include_enact else {Role.UNIT_ADMIN}
    region_ids = region_ids_with(user, {Role.REGION_ADMIN})
    unit_ids = unit_ids_with(user, unit_roles)
    return Q(region_id__in=region_ids) | Q(id__in=unit_ids)


def is_catalog_staff(user) -> bool:
    """Anyone who may manage or enact some unit's services: the staff catalogue is for them."""
    if is_sysadmin(user):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(region_ids_with(user, {Role.REGION_ADMIN})) or bool(
        unit_ids_with(user, {Role.UNIT_ADMIN, Role.UNIT_HEAD})
    )


def exportable_regions_q(user) -> Q | None:
    """A Region filter for the regions whose standards `user` may export whole; None means all.

    The same rule as `may_export_region` for one region (checked to agree by the tests)."""
    if is_system(user) or is_sysadmin(user):
        return None
    return Q(id__in=region_ids_with(user, {Role.REGION_ADMIN, Role.EVALUATOR, Role.LEADER_VIEWER}))


def exportable_units_q(user) -> Q | None:
    """A Unit filter for the units whose standards `user` may export; None means all.

    The same rule as `may_export_unit` for one unit (checked to agree by the tests)."""
    if is_system(user) or is_sysadmin(user):
        return None
    region_ids = region_ids_with(user, {Role.REGION_ADMIN, Role.EVALUATOR, Role.LEADER_VIEWER})
    unit_ids = unit_ids_with(
        user, {Role.UNIT_ADMIN, Role.UNIT_HEAD, Role.FRONT_DESK, Role.COMPLAINT_HANDLER}
    )
    return Q(region_id__in=region_ids) | Q(id__in=unit_ids)
