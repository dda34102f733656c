"""Day statuses of many officials over a range of days, from rows fetched in bulk: a fixed number of
queries whatever the number of officials (the monthly recap, the superior's team today, the correction
page). Each day's status is computed by day_status.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import F, QuerySet, TimeField, Value

from tanggap.attendance.day_status import (
    DayOverride,
    DayStatus,
    Schedule,
    day_status,
    merge_corrections,
)
from tanggap.attendance.leave_rules import FIVE_DAYS, SIX_DAYS
from tanggap.attendance.models import AttendanceEvent, DayCorrection, LeaveRequest, WorkSchedule
from tanggap.core.calendar import WorkingCalendar, parse_work_days, region_tz
from tanggap.org.models import DayOff, Official, Region, Unit

Key = tuple[int, dt.date]


def unit_schedule(unit: Unit, region: Region, schedule: WorkSchedule | None) -> Schedule:
    if schedule is not None:
        return Schedule(schedule.start, schedule.end, schedule.flexible_minutes)
    return Schedule(unit.work_start or region.work_start, unit.work_end or region.work_end)


def unit_calendar(
    unit: Unit, base: WorkingCalendar, schedule: WorkSchedule | None
) -> WorkingCalendar:
    """The unit's working week: its schedule's five or six days, else the unit's or region's week
    (the same choice as leave_rules.staff_calendar, without a query)."""
    if schedule is not None and schedule.kind == WorkSchedule.Kind.SIX_DAY:
        return dataclasses.replace(base, work_days=SIX_DAYS)
    if schedule is not None and schedule.kind == WorkSchedule.Kind.FIVE_DAY:
        return dataclasses.replace(base, work_days=FIVE_DAYS)
    return dataclasses.replace(base, work_days=parse_work_days(unit.work_days) or base.work_days)


def day_events(
    officials_qs: QuerySet[Official], tz: dt.tzinfo, first: dt.date, last: dt.date
) -> dict[Key, list[tuple[str, dt.datetime]]]:
    """Every event of the days, by official and local day, less the events a correction cancelled."""
    start = dt.datetime.combine(first, dt.time.min, tzinfo=tz)
    stop = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    events: dict[Key, list[tuple[str, dt.datetime]]] = defaultdict(list)
    rows = AttendanceEvent.objects.filter(
        official__in=officials_qs,
        recorded_at__gte=start,
        recorded_at__lt=stop,
        cancellations__isnull=True,
    ).values_list("official_id", "kind", "recorded_at")
    for official_id, kind, moment in rows.iterator(chunk_size=5000):
        local = moment.astimezone(tz)
        events[(official_id, local.date())].append((kind, local))
    return events


def day_overrides(
    officials_qs: QuerySet[Official], first: dt.date, last: dt.date
) -> tuple[dict[Key, str], dict[Key, DayOverride]]:
    """Approved leave by day (its type's code) and the days' corrections, in one query: both are what
    a day's events give way to."""
    no_time = Value(None, output_field=TimeField())
    leave = (
        LeaveRequest.objects.filter(
            official__in=officials_qs,
            status=LeaveRequest.Status.APPROVED,
            start__lte=last,
            end__gte=first,
        )
        .annotate(source=Value("leave"), code=F("leave_type__code"), t_in=no_time, t_out=no_time)
        .values_list("official_id", "source", "code", "start", "end", "t_in", "t_out", "pk")
        .order_by()
    )
    fixes = (
        DayCorrection.objects.filter(official__in=officials_qs, date__gte=first, date__lte=last)
        .annotate(
            source=Value("fix"),
            code=F("kind"),
            day_end=F("date"),
            t_in=F("check_in"),
            t_out=F("check_out"),
        )
        .values_list("official_id", "source", "code", "date", "day_end", "t_in", "t_out", "pk")
        .order_by()
    )
    leave_days: dict[Key, str] = {}
    corrections: dict[Key, list[tuple[int, str, dt.time | None, dt.time | None]]] = defaultdict(
        list
    )
    for official_id, source, code, start, end, t_in, t_out, pk in leave.union(fixes, all=True):
        if source == "fix":
            corrections[(official_id, start)].append((pk, code, t_in, t_out))
            continue
        day = max(start, first)
        while day <= min(end, last):
            leave_days[(official_id, day)] = code
            day += dt.timedelta(days=1)
    overrides = {
        key: merge_corrections((kind, t_in, t_out) for _pk, kind, t_in, t_out in sorted(rows))
        for key, rows in corrections.items()
    }
    return leave_days, overrides


def base_calendar(region: Region, tz: dt.tzinfo) -> WorkingCalendar:
    """The region's week and days off (one query)."""
    return WorkingCalendar(
        tz=tz,
        work_days=parse_work_days(region.work_days) or FIVE_DAYS,
        days_off=frozenset(DayOff.objects.filter(region=region).values_list("date", flat=True)),
    )


def day_statuses(
    *,
    region: Region,
    officials: list[Official],
    officials_qs: QuerySet[Official],
    first: dt.date,
    last: dt.date,
    today: dt.date,
) -> Iterator[tuple[Official, list[tuple[dt.date, DayStatus]]]]:
    """Each official (with its unit loaded) and the status of each day from `first` to `last`, in four
    queries: the days off, the schedules, the events, the leave and corrections."""
    tz = region_tz(region)
    base = base_calendar(region, tz)
    schedules = {
        s.unit_id: s
        for s in WorkSchedule.objects.filter(unit_id__in={o.unit_id for o in officials})
    }
    events = day_events(officials_qs, tz, first, last)
    leave, overrides = day_overrides(officials_qs, first, last)
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    calendars: dict[int, tuple[Schedule, list[bool]]] = {}
    for official in officials:
        if official.unit_id not in calendars:
            schedule = schedules.get(official.unit_id)
            calendar = unit_calendar(official.unit, base, schedule)
            calendars[official.unit_id] = (
                unit_schedule(official.unit, region, schedule),
                [calendar.is_working_day(day) for day in days],
            )
        hours, working = calendars[official.unit_id]
        yield (
            official,
            [
                (
                    day,
                    day_status(
                        day=day,
                        working_day=is_working,
                        schedule=hours,
                        tz=tz,
                        events=events.get((official.pk, day), ()),
                        leave_code=leave.get((official.pk, day)),
                        day_over=day < today,
                        override=overrides.get((official.pk, day)),
                    ),
                )
                for day, is_working in zip(days, working, strict=True)
            ],
        )


@dataclasses.dataclass(frozen=True)
class TodaySchedule:
    """An official's schedule for one day, as Kerja Saya shows it."""

    working: bool
    schedule: Schedule
    kind_label: str


def schedule_of_day(official, day: dt.date) -> TodaySchedule:
    """Whether `day` is a working day for the official (their unit's week, the region's days off) and
    the hours it is measured against (three queries)."""
    unit, region = official.unit, official.region
    schedule = WorkSchedule.objects.filter(unit=unit).first()
    calendar = unit_calendar(unit, base_calendar(region, region_tz(region)), schedule)
    label = schedule.get_kind_display() if schedule is not None else ""
    return TodaySchedule(calendar.is_working_day(day), unit_schedule(unit, region, schedule), label)
