"""The monthly attendance recap per official and per unit (DOMAIN.md §8): days present, late arrivals
(count and minutes), early departures, absent without notice, leave by type, dinas luar, and the
allowance (TPP) deduction from the region's RecapPolicy.

The month's events, approved leave, corrections, schedules and days off are fetched in bulk (a fixed
number of queries whatever the number of officials, reports/days.py) and each day's status is computed
in Python (day_status.py). A day corrected by an admin counts as corrected (`Figures.corrected`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from tanggap.attendance.day_status import DayKind, band
from tanggap.attendance.models import LeaveType, RecapPolicy
from tanggap.attendance.reports.days import day_statuses
from tanggap.core.calendar import region_tz
from tanggap.org.models import Official, Region, Unit


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
    corrected: int = 0
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
            "corrected",
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


def month_recap(
    *, region: Region, month: dt.date, unit: Unit | None = None, now: dt.datetime | None = None
) -> Recap:
    """The recap of `month` for the active officials of `unit` (or of the whole region)."""
    now = now or timezone.now()
    today = now.astimezone(region_tz(region)).date()
    first, last = month_bounds(month)
    last_counted = min(last, today)
    officials_filter = Q(region=region, status=Official.Status.ACTIVE)
    if unit is not None:
        officials_filter &= Q(unit=unit)
    officials_qs: QuerySet[Official] = Official.objects.filter(officials_filter)
    officials = list(officials_qs.select_related("unit").order_by("unit__name", "name", "pk"))
    policy = policy_for(region)
    official_rows: list[OfficialRow] = []
    unit_totals: dict[int, UnitRow] = {}
    total = Figures()
    leave_codes: set[str] = set()
    statuses = day_statuses(
        region=region,
        officials=officials,
        officials_qs=officials_qs,
        first=first,
        last=last_counted,
        today=today,
    )
    for official, days in statuses:
        figures = Figures()
        for _day, status in days:
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
    figures.corrected += status.corrected
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
