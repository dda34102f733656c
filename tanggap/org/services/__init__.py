"""Every write to a region's organisation: one transaction, one permission check, one audit row each.

Callers import from here; the modules below keep each part small: `structure` (region, days off,
areas, units), `officials` (the roll of ASN), `rotation` (drafting an SK mutasi and its moves) and
`enactment` (enacting it). `validation` and `audited_update` are the input checks and the audited
field update they share; who may is in tanggap.org.permissions."""

from tanggap.org.services.enactment import rotation_decree_enact
from tanggap.org.services.officials import official_archive, official_create, official_update
from tanggap.org.services.rotation import (
    DECREE_FLOW,
    ENACT,
    DecreeLocked,
    EntryRow,
    EntryRowsError,
    rotation_decree_create,
    rotation_decree_update,
    rotation_entries_add,
    rotation_entry_add,
    rotation_entry_remove,
)
from tanggap.org.services.structure import (
    area_create,
    area_update,
    day_off_add,
    day_off_remove,
    region_update,
    unit_archive,
    unit_create,
    unit_update,
)

__all__ = [
    "DECREE_FLOW",
    "ENACT",
    "DecreeLocked",
    "EntryRow",
    "EntryRowsError",
    "area_create",
    "area_update",
    "day_off_add",
    "day_off_remove",
    "official_archive",
    "official_create",
    "official_update",
    "region_update",
    "rotation_decree_create",
    "rotation_decree_enact",
    "rotation_decree_update",
    "rotation_entries_add",
    "rotation_entry_add",
    "rotation_entry_remove",
    "unit_archive",
    "unit_create",
    "unit_update",
]
