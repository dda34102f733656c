"""An official's status on one day, derived from the day's events, the schedule, approved leave and the
working calendar (DOMAIN.md §8): a pure function, so the monthly recap computes it for every official
from rows fetched in bulk.

Rules:
- a day the calendar does not count (weekend, national holiday, cuti bersama, regional day off) is
  "libur", whatever was recorded;
- a day of approved leave is "dinas luar" for an official trip and "cuti" (with the leave type's code)
  otherwise;
- no check-in and no check-out: "tanpa keterangan" (absent without notice);
- otherwise present; the first check-in is late by the minutes after start + the flexible window (exactly
  at start + window is on time); the last check-out is early by the minutes before the end. A missing
  check-in counts as late and a missing check-out as early, each in the highest band; a missing check-out
  is not counted on a day that is not over yet;
- a day's corrections (DayCorrection, with a reason) come before all of that on a working day: "hadir"
  makes the day present on time, "dinas luar" an official trip, corrected check-in/out times take the
  place of the recorded ones (and of a leave), and a cancelled event is left out of the events; the
  status then says it was corrected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

OFFICIAL_TRIP = "dinas_luar"
CORRECTED_PRESENT = "hadir"
CORRECTED_TIMES = "jam"
HIGHEST_BAND = 4


class DayKind(StrEnum):
    """The category a day falls into in the recap."""

    PRESENT = "hadir"
    ABSENT = "tk"
    LEAVE = "cuti"
    OFFICIAL_TRIP = "dl"
    DAY_OFF = "libur"


DAY_KIND_LABELS = {
    DayKind.PRESENT: _("Hadir"),
    DayKind.ABSENT: _("Tanpa keterangan"),
    DayKind.LEAVE: _("Cuti/izin"),
    DayKind.OFFICIAL_TRIP: _("Dinas luar"),
    DayKind.DAY_OFF: _("Bukan hari kerja"),
}


@dataclass(frozen=True)
class Schedule:
    """The hours a day is measured against (the unit's WorkSchedule, or its calendar's hours)."""

    start: dt.time
    end: dt.time
    flexible_minutes: int = 0


@dataclass(frozen=True)
class DayStatus:
    """What one day was for one official."""

    kind: DayKind
    leave_code: str = ""
    late_minutes: int = 0
    early_minutes: int = 0
    missing_in: bool = False
    missing_out: bool = False
    corrected: bool = False

    @property
    def is_late(self) -> bool:
        return self.late_minutes > 0 or self.missing_in

    @property
    def is_early(self) -> bool:
        return self.early_minutes > 0 or self.missing_out


@dataclass(frozen=True)
class DayOverride:
    """What a day's corrections set: a status ("hadir" or "dinas_luar", "" keeps the derived one) and
    the check-in and check-out times (local, None keeps the recorded ones)."""

    kind: str = ""
    check_in: dt.time | None = None
    check_out: dt.time | None = None


def merge_corrections(rows: Iterable[tuple[str, dt.time | None, dt.time | None]]) -> DayOverride:
    """The override of a day from its corrections (kind, check-in, check-out), oldest first: the latest
    status wins, each time is the latest given; a cancellation acts on the events, not here."""
    kind, check_in, check_out = "", None, None
    for row_kind, row_in, row_out in rows:
        if row_kind in (CORRECTED_PRESENT, OFFICIAL_TRIP):
            kind = row_kind
        elif row_kind == CORRECTED_TIMES:
            kind = ""
            check_in = row_in or check_in
            check_out = row_out or check_out
    return DayOverride(kind, check_in, check_out)


def _minutes(delta: dt.timedelta) -> int:
    """Whole minutes begun: 30 seconds late is one minute late (a check-in stamped 08:00:30 is late
    when 08:00 is the limit)."""
    seconds = delta.total_seconds()
    return int(-(-seconds // 60)) if seconds > 0 else 0


def day_status(
    *,
    day: dt.date,
    working_day: bool,
    schedule: Schedule,
    tz: dt.tzinfo,
    events: Iterable[tuple[str, dt.datetime]] = (),
    leave_code: str | None = None,
    day_over: bool = True,
    override: DayOverride | None = None,
) -> DayStatus:
    """The status of `day` from its events ((kind "in"/"out", aware time) pairs), the schedule in the
    zone `tz`, the code of an approved leave covering the day (None without), and whether the working
    calendar counts the day. `day_over` False (today) does not count a missing check-out yet. `override`
    is what the day's corrections set (None: not corrected)."""
    if not working_day:
        return DayStatus(DayKind.DAY_OFF)
    corrected = override is not None
    if override is not None:
        if override.kind == OFFICIAL_TRIP:
            return DayStatus(DayKind.OFFICIAL_TRIP, leave_code=OFFICIAL_TRIP, corrected=True)
        if override.kind == CORRECTED_PRESENT:
            return DayStatus(DayKind.PRESENT, corrected=True)
        if override.check_in or override.check_out:
            leave_code = None
            events = _with_times(events, day, tz, override)
    if leave_code:
        if leave_code == OFFICIAL_TRIP:
            return DayStatus(DayKind.OFFICIAL_TRIP, leave_code=leave_code, corrected=corrected)
        return DayStatus(DayKind.LEAVE, leave_code=leave_code, corrected=corrected)
    ins = sorted(moment for kind, moment in events if kind == "in")
    outs = sorted(moment for kind, moment in events if kind == "out")
    if not ins and not outs:
        return DayStatus(DayKind.ABSENT, corrected=corrected)
    on_time_until = dt.datetime.combine(day, schedule.start, tzinfo=tz) + dt.timedelta(
        minutes=schedule.flexible_minutes
    )
    end = dt.datetime.combine(day, schedule.end, tzinfo=tz)
    late = _minutes(ins[0] - on_time_until) if ins else 0
    # Seconds before the end do not make a departure early: only whole minutes before it count.
    early = int((end - outs[-1]).total_seconds() // 60) if outs and outs[-1] < end else 0
    return DayStatus(
        DayKind.PRESENT,
        late_minutes=late,
        early_minutes=max(early, 0),
        missing_in=not ins,
        missing_out=not outs and day_over,
        corrected=corrected,
    )


def _with_times(events, day: dt.date, tz: dt.tzinfo, override: DayOverride) -> list:
    """The events with the corrected check-in (or check-out) in place of the recorded ones."""
    kept = [(kind, moment) for kind, moment in events]
    if override.check_in:
        kept = [e for e in kept if e[0] != "in"]
        kept.append(("in", dt.datetime.combine(day, override.check_in, tzinfo=tz)))
    if override.check_out:
        kept = [e for e in kept if e[0] != "out"]
        kept.append(("out", dt.datetime.combine(day, override.check_out, tzinfo=tz)))
    return kept


def band(minutes: int, *, width: int, missing: bool = False) -> int:
    """TL/PSW band of `minutes` late or early: 0 none, 1 for 1..width, 2, 3, and 4 beyond three widths
    (DOMAIN.md §8: TL1 1-30, TL2 31-60, TL3 61-90, TL4 > 90 with a width of 30); a missing record is 4."""
    if missing:
        return HIGHEST_BAND
    if minutes <= 0:
        return 0
    return min(HIGHEST_BAND, (minutes - 1) // width + 1)
