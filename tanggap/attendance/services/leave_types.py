"""The leave and permit types of DOMAIN.md §8, written once (the data migration writes the same table;
this keeps a database emptied by `flush` — the demo tests do that — usable)."""

from __future__ import annotations

from tanggap.attendance.models import LeaveType

C = LeaveType.Code
# code: (uses the annual balance, needs a document)
DEFAULT_TYPES = {
    C.ANNUAL: (True, False),
    C.SICK: (False, True),
    C.IMPORTANT: (False, False),
    C.LONG: (False, False),
    C.MATERNITY: (False, False),
    C.PERMIT: (False, False),
    C.OFFICIAL_TRIP: (False, False),
    C.STUDY: (False, False),
}


def leave_types_seed() -> None:
    """Create the default leave types that are missing; a region's own settings are never overwritten."""
    for code, (uses_balance, needs_document) in DEFAULT_TYPES.items():
        LeaveType.objects.get_or_create(
            code=code,
            defaults={"uses_annual_balance": uses_balance, "requires_document": needs_document},
        )


def annual_leave_type() -> LeaveType:
    """The cuti tahunan type, which the year's grant and carry-over rows are written on."""
    annual, _created = LeaveType.objects.get_or_create(
        code=C.ANNUAL, defaults={"uses_annual_balance": True}
    )
    return annual
