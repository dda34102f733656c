"""Attendance (presensi) and leave (cuti) of the region's officials (DOMAIN.md §8).

Attendance events are append-only rows stamped with the server's time; leave balances are a ledger of
signed working days (grants, carry-over, taken, cancelled), never a number overwritten.
"""

from tanggap.attendance.models.leave import (
    LeaveLedgerEntry,
    LeavePolicy,
    LeaveRequest,
    LeaveType,
    LeaveYearRule,
    RecapPolicy,
)
from tanggap.attendance.models.presence import (
    AttendanceEvent,
    DayCorrection,
    KioskPin,
    OfficeLocation,
    WorkSchedule,
)

__all__ = [
    "AttendanceEvent",
    "DayCorrection",
    "KioskPin",
    "LeaveLedgerEntry",
    "LeavePolicy",
    "LeaveRequest",
    "LeaveType",
    "LeaveYearRule",
    "OfficeLocation",
    "RecapPolicy",
    "WorkSchedule",
]
