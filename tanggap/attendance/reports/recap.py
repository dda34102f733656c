"""The monthly attendance recap per official and per unit (DOMAIN.md §8): days present, late arrivals
(count and minutes), early departures, absent without notice, leave by type, dinas luar, and the
allowance (TPP) deduction from the region's RecapPolicy.

The month's events, approved leave, schedules and days off are fetched in bulk (a fixed number of queries
whatever the number of officials) and each day's status is computed in Python (day_status.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet
from django.utils import timezone

from tanggap.attendance.day_status import DayKind, Schedule, band, day_status
from tanggap.attendance.leave_rules import FIVE_DAYS, SIX_DAYS
from tanggap.attendance.models import (
    AttendanceEvent,
    LeaveRequest,
    LeaveType,
    RecapPolicy,
    WorkSchedule,
)
from tanggap.core.calendar import DEFAULT_TZ, WorkingCalendar, parse_work_days
from tanggap.org.models import DayOff, Official, Region, Unit


@dataclass
class Figures:
    """The month's counts for one official (or summed over a unit's officials)."""

    working_days: int = 0
    present: int = 0
    late: int = 0
    late_minutes: int = 0
    early: int = 0
    early_minutes: int = 0
    absent: int = 0
    official_trip: int = 0
    leave: Counter = field(default_factory=Counter)
    late_bands: Counter = field(default_factory=Counter)
    early_bands: Counter = field(default_factory=Counter)
    deduction: Decimal = Decimal("0")

    @property
    def leave_days(self) -> int:
        return sum(self.leave.values())

    @property
    def leave_by_type(self) -> list[tuple[str, int]]:
        """(leave type's name, days) for the page."""
        labels = dict(LeaveType.Code.choices)
        return [(str(labels.get(code, code)), days) for code, days in sorted(self.leave.items())]

    def add(self, other: Figures) -> None:
        for name in (
            "working_days",
            "present",
            "late",
            "late_minutes",
            "early",
            "early_minutes",
            "absent",
            "official_trip",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.leave.update(other.leave)
        self.late_bands.update(other.late_bands)
        self.early_bands.update(other.early_bands)
        self.deduction += other.deduction


@dataclass
class OfficialRow:
    official: Official
    figures: Figures


@dataclass
class UnitRow:
    unit: Unit
    officials: int
    figures: Figures


@dataclass
class Recap:
    """One month's recap of a set of officials."""

    region: Region
    month: dt.date  # the first day
    last_day: dt.date  # the last day counted (the month's end, or today in the current month)
    policy: RecapPolicy
    officials: list[OfficialRow]
    units: list[UnitRow]
    total: Figures
    leave_codes: list[str]
    unit: Unit | None = None


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def policy_for(region: Region) -> RecapPolicy:
    """The region's recap rules, or the defaults when it has set none."""
    return RecapPolicy.objects.filter(region=region).first() or RecapPolicy(region=region)


def deduction(figures: Figures, policy: RecapPolicy) -> Decimal:
    """The month's deduction in percent: each late or early day by its band, each day without notice."""
    percents = policy.band_percents()
    total = Decimal("0")
    for bands in (figures.late_bands, figures.early_bands):
        for number, count in bands.items():
            total += percents[number - 1] * count
    total += policy.absent_percent * figures.absent
    return min(total, policy.cap_percent)


def _unit_schedule(unit: Unit, region: Region, schedule: WorkSchedule | None) -> Schedule:
    if schedule is not None:
        return Schedule(schedule.start, schedule.end, schedule.flexible_minutes)
    return Schedule(unit.work_start or region.work_start, unit.work_end or region.work_end)


def _unit_calendar(
    unit: Unit, base: WorkingCalendar, schedule: WorkSchedule | None
) -> WorkingCalendar:
    """The unit's working week: its schedule's five or six days, else the unit's or region's week
    (the same choice as leave_rules.staff_calendar, without a query)."""
    if schedule is not None and schedule.kind == WorkSchedule.Kind.SIX_DAY:
        return dataclasses.replace(base, work_days=SIX_DAYS)
    if schedule is not None and schedule.kind == WorkSchedule.Kind.FIVE_DAY:
        return dataclasses.replace(base, work_days=FIVE_DAYS)
    return dataclasses.replace(base, work_days=parse_work_days(unit.work_days) or base.work_days)


def month_recap(
    *, region: Region, month: dt.date, unit: Unit | None = None, now: dt.datetime | None = None
) -> Recap:
    """The recap of `month` for the active officials of `unit` (or of the whole region)."""
    now = now or timezone.now()
    tz = ZoneInfo(region.timezone or DEFAULT_TZ)
    today = now.astimezone(tz).date()
    first, last = month_bounds(month)
    last_counted = min(last, today)
    officials_filter = Q(region=region, status=Official.Status.ACTIVE)
    if unit is not None:
        officials_filter &= Q(unit=unit)
    officials_qs: QuerySet[Official] = Official.objects.filter(officials_filter)
    officials = list(officials_qs.select_related("unit").order_by("unit__name", "name", "pk"))
    policy = policy_for(region)
    base = WorkingCalendar(
        tz=tz,
        work_days=parse_work_days(region.work_days) or FIVE_DAYS,
        days_off=frozenset(DayOff.objects.filter(region=region).values_list("date", flat=True)),
    )
    schedules = {
        s.unit_id: s
        for s in WorkSchedule.objects.filter(unit_id__in={o.unit_id for o in officials})
    }

    # Every event of the month, grouped by official and local day.
    start = dt.datetime.combine(first, dt.time.min, tzinfo=tz)
    stop = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    events: dict[tuple[int, dt.date], list[tuple[str, dt.datetime]]] = defaultdict(list)
    rows = AttendanceEvent.objects.filter(
        official__in=officials_qs, recorded_at__gte=start, recorded_at__lt=stop
    ).values_list("official_id", "kind", "recorded_at")
    for official_id, kind, moment in rows.iterator(chunk_size=5000):
        local = moment.astimezone(tz)
        events[(official_id, local.date())].append((kind, local))

    # Approved leave overlapping the month, day by day.
    leave: dict[tuple[int, dt.date], str] = {}
    approved = LeaveRequest.objects.filter(
        official__in=officials_qs,
        status=LeaveRequest.Status.APPROVED,
        start__lte=last,
        end__gte=first,
    ).values_list("official_id", "leave_type__code", "start", "end")
    for official_id, code, leave_start, leave_end in approved:
        day = max(leave_start, first)
        while day <= min(leave_end, last):
            leave[(official_id, day)] = code
            day += dt.timedelta(days=1)

    days = [first + dt.timedelta(days=n) for n in range((last_counted - first).days + 1)]
    calendars: dict[int, tuple[Schedule, list[bool]]] = {}
    official_rows: list[OfficialRow] = []
    unit_totals: dict[int, UnitRow] = {}
    total = Figures()
    leave_codes: set[str] = set()
    for official in officials:
        if official.unit_id not in calendars:
            schedule = schedules.get(official.unit_id)
            calendar = _unit_calendar(official.unit, base, schedule)
            calendars[official.unit_id] = (
                _unit_schedule(official.unit, region, schedule),
                [calendar.is_working_day(day) for day in days],
            )
        hours, working = calendars[official.unit_id]
        figures = Figures()
        for day, is_working in zip(days, working, strict=True):
            status = day_status(
                day=day,
                working_day=is_working,
                schedule=hours,
                tz=tz,
                events=events.get((official.pk, day), ()),
                leave_code=leave.get((official.pk, day)),
                day_over=day < today,
            )
            _count(figures, status, policy.band_minutes)
        figures.deduction = deduction(figures, policy)
        leave_codes.update(figures.leave)
        official_rows.append(OfficialRow(official, figures))
        unit_row = unit_totals.setdefault(official.unit_id, UnitRow(official.unit, 0, Figures()))
        unit_row.officials += 1
        unit_row.figures.add(figures)
        total.add(figures)
    return Recap(
        region=region,
        month=first,
        last_day=last_counted,
        policy=policy,
        officials=official_rows,
        units=sorted(unit_totals.values(), key=lambda row: row.unit.name),
        total=total,
        leave_codes=sorted(leave_codes),
        unit=unit,
    )


def _count(figures: Figures, status, width: int) -> None:
    if status.kind == DayKind.DAY_OFF:
        return
    figures.working_days += 1
    if status.kind == DayKind.ABSENT:
        figures.absent += 1
    elif status.kind == DayKind.OFFICIAL_TRIP:
        figures.official_trip += 1
    elif status.kind == DayKind.LEAVE:
        figures.leave[status.leave_code] += 1
    else:
        figures.present += 1
        if status.is_late:
            figures.late += 1
            figures.late_minutes += status.late_minutes
            figures.late_bands[
                band(status.late_minutes, width=width, missing=status.missing_in)
            ] += 1
        if status.is_early:
            figures.early += 1
            figures.early_minutes += status.early_minutes
            figures.early_bands[
                band(status.early_minutes, width=width, missing=status.missing_out)
            ] += 1
