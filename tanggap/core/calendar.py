"""The working calendar every deadline uses.

Working days are the unit's (or region's) working weekdays minus Indonesian national holidays and cuti
bersama (from the `holidays` package) and the days off the region adds. Working hours are one daily
window (e.g. 08:00-16:00). All answers are aware datetimes in the region's time zone.

Rules (documented in docs/architecture.md):
- "N working days after t": t is first moved to the next working moment (a moment before the day's
  opening moves to the opening, after closing or on a day off moves to the next working day's opening);
  then the deadline is the same local time N working days later.
- "N working hours after t": N hours of working time counted from t, skipping closed time.
- "N clock hours after t": plain elapsed time, the calendar does not matter.
- "working time between a and b": the overlap of [a, b] with working windows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays as holidays_lib
from django.utils import timezone

DEFAULT_TZ = "Asia/Jakarta"


def region_tz(region) -> ZoneInfo:
    """A region's time zone (its `timezone`, else Western Indonesia Time)."""
    return ZoneInfo(region.timezone or DEFAULT_TZ)


def region_today(region, now: dt.datetime | None = None) -> dt.date:
    """Today (or `now`'s day) in the region's time zone."""
    return (now or timezone.now()).astimezone(region_tz(region)).date()


# The zones of Indonesia as people say them.
ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
DEFAULT_WORK_DAYS = frozenset({0, 1, 2, 3, 4})
DEFAULT_START = dt.time(8, 0)
DEFAULT_END = dt.time(16, 0)
# Safety bound: no sane deadline lies more than this many calendar days ahead of its start.
_MAX_SCAN_DAYS = 3660


@lru_cache(maxsize=64)
def national_holidays(year: int) -> dict[dt.date, str]:
    """Indonesia's public holidays and government-declared cuti bersama for one year."""
    try:
        days = holidays_lib.country_holidays(
            "ID", years=year, categories=("public", "government"), language="id"
        )
    except NotImplementedError:  # an older `holidays` without the government category
        days = holidays_lib.country_holidays("ID", years=year)
    return dict(days.items())


def parse_work_days(value: str | None) -> frozenset[int]:
    """Parse '0,1,2,3,4' (0 = Monday) into a set of weekdays; blank means none given."""
    if not value:
        return frozenset()
    days = set()
    for part in value.split(","):
        part = part.strip()
        if not part:
            continue
        day = int(part)
        if not 0 <= day <= 6:
            raise ValueError(f"Weekday {day} is outside 0-6.")
        days.add(day)
    return frozenset(days)


@dataclass(frozen=True)
class WorkingCalendar:
    """A resolved calendar: zone, working weekdays, daily window, and extra days off."""

    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo(DEFAULT_TZ))
    work_days: frozenset[int] = DEFAULT_WORK_DAYS
    start: dt.time = DEFAULT_START
    end: dt.time = DEFAULT_END
    days_off: frozenset[dt.date] = frozenset()

    def __post_init__(self):
        if not self.work_days:
            raise ValueError("A working calendar needs at least one working weekday.")
        if self.end <= self.start:
            raise ValueError("Working hours must end after they start.")

    # --- days -------------------------------------------------------------------------------
    def holiday_name(self, day: dt.date) -> str | None:
        """The national holiday or cuti bersama on `day`, if any."""
        return national_holidays(day.year).get(day)

    def is_working_day(self, day: dt.date) -> bool:
        """A working weekday that is neither a national holiday nor a regional day off."""
        return (
            day.weekday() in self.work_days
            and day not in self.days_off
            and self.holiday_name(day) is None
        )

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after `day`."""
        for _ in range(_MAX_SCAN_DAYS):
            day = day + dt.timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise ValueError("No working day found within ten years.")

    def working_days_between(self, first: dt.date, last: dt.date) -> int:
        """How many working days lie in [first, last] (both included)."""
        count = 0
        day = first
        while day <= last:
            if self.is_working_day(day):
                count += 1
            day += dt.timedelta(days=1)
        return count

    # --- moments ------------------------------------------------------------------------------
    def local(self, moment: dt.datetime) -> dt.datetime:
        """`moment` in this calendar's zone; naive datetimes are refused."""
        if timezone.is_naive(moment):
            raise ValueError("The working calendar needs an aware datetime.")
        return moment.astimezone(self.tz)

    def _window(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        return (
            dt.datetime.combine(day, self.start, tzinfo=self.tz),
            dt.datetime.combine(day, self.end, tzinfo=self.tz),
        )

    def next_working_moment(self, moment: dt.datetime) -> dt.datetime:
        """`moment` itself if inside working hours, else the next opening."""
        local = self.local(moment)
        day = local.date()
        if self.is_working_day(day):
            opens, closes = self._window(day)
            if local < opens:
                return opens
            if local < closes:
                return local
        return self._window(self.next_working_day(day))[0]

    def add_working_days(self, start: dt.datetime, days: int) -> dt.datetime:
        """The same local time `days` working days after the next working moment of `start`."""
        if days < 0:
            raise ValueError("The number of working days cannot be negative.")
        moment = self.next_working_moment(start)
        day = moment.date()
        for _ in range(days):
            day = self.next_working_day(day)
        return dt.datetime.combine(day, moment.timetz().replace(tzinfo=None), tzinfo=self.tz)

    def add_working_hours(self, start: dt.datetime, hours: float) -> dt.datetime:
        """The moment when `hours` of working time have passed since `start`."""
        if hours < 0:
            raise ValueError("The number of working hours cannot be negative.")
        remaining = dt.timedelta(hours=hours)
        moment = self.next_working_moment(start)
        for _ in range(_MAX_SCAN_DAYS):
            closes = self._window(moment.date())[1]
            available = closes - moment
            if remaining <= available:
                return moment + remaining
            remaining -= available
            moment = self._window(self.next_working_day(moment.date()))[0]
        raise ValueError("Deadline lies more than ten years ahead.")

    def add_clock_hours(self, start: dt.datetime, hours: float) -> dt.datetime:
        """Plain elapsed time (the seed's 3×24 hours), shown in the calendar's zone."""
        return (self.local(start) + dt.timedelta(hours=hours)).astimezone(self.tz)

    def working_time_between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """The working time inside [start, end]; zero when end is not after start."""
        a, b = self.local(start), self.local(end)
        if b <= a:
            return dt.timedelta(0)
        total = dt.timedelta(0)
        day = a.date()
        while day <= b.date():
            if self.is_working_day(day):
                opens, closes = self._window(day)
                lo, hi = max(a, opens), min(b, closes)
                if hi > lo:
                    total += hi - lo
            day += dt.timedelta(days=1)
        return total


@dataclass(frozen=True)
class WeeklyHours:
    """A unit's (or region's) opening week: working weekdays (0 = Monday), daily window and time zone."""

    work_days: frozenset[int]
    start: dt.time
    end: dt.time
    timezone: str


def weekly_hours(*, region=None, unit=None) -> WeeklyHours:
    """The opening week a calendar is built on (the unit's own week and hours if set), without a query:
    the region's days off and the national holidays are left out (pages list many places at once)."""
    if unit is not None and region is None:
        region = unit.region
    if region is None:
        return WeeklyHours(DEFAULT_WORK_DAYS, DEFAULT_START, DEFAULT_END, DEFAULT_TZ)
    work_days = parse_work_days(region.work_days) or DEFAULT_WORK_DAYS
    start, end = region.work_start, region.work_end
    if unit is not None:
        work_days = parse_work_days(unit.work_days) or work_days
        start = unit.work_start or start
        end = unit.work_end or end
    return WeeklyHours(work_days, start, end, region.timezone or DEFAULT_TZ)


def calendar_for(*, region=None, unit=None) -> WorkingCalendar:
    """The working calendar of a unit (its own week and hours if set) or a region, or the default."""
    if unit is not None and region is None:
        region = unit.region
    if region is None:
        return WorkingCalendar()
    week = weekly_hours(region=region, unit=unit)
    days_off = (
        frozenset(region.days_off.values_list("date", flat=True)) if region.pk else frozenset()
    )
    return WorkingCalendar(
        tz=ZoneInfo(week.timezone),
        work_days=week.work_days,
        start=week.start,
        end=week.end,
        days_off=days_off,
    )


def add_working_days(start: dt.datetime, days: int, *, region=None, unit=None) -> dt.datetime:
    """The deadline `days` working days after `start`, as an aware datetime in the region's zone."""
    return calendar_for(region=region, unit=unit).add_working_days(start, days)


def add_working_hours(start: dt.datetime, hours: float, *, region=None, unit=None) -> dt.datetime:
    """The deadline `hours` working hours after `start`, in the region's zone."""
    return calendar_for(region=region, unit=unit).add_working_hours(start, hours)


def add_clock_hours(start: dt.datetime, hours: float, *, region=None, unit=None) -> dt.datetime:
    """The deadline `hours` clock hours after `start`, in the region's zone."""
    return calendar_for(region=region, unit=unit).add_clock_hours(start, hours)


def working_time_between(
    start: dt.datetime, end: dt.datetime, *, region=None, unit=None
) -> dt.timedelta:
    """How much working time lies between two moments."""
    return calendar_for(region=region, unit=unit).working_time_between(start, end)


def is_working_day(day: dt.date, *, region=None, unit=None) -> bool:
    """Whether `day` is a working day for the region/unit."""
    return calendar_for(region=region, unit=unit).is_working_day(day)


def zone_name(timezone_name: str | None) -> str:
    """WIB, WITA or WIT for an Indonesian zone (the zone's own name otherwise)."""
    name = timezone_name or DEFAULT_TZ
    return ZONE_NAMES.get(name, name)
