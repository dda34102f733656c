"""Demo attendance (presensi) and leave (cuti) for Kabupaten Blitar's officials.

Per unit that has officials: an office location (a 100 m geofence at the unit's coordinates) and a work
schedule. Per official, the working days of the last three months before today: check-in and check-out
events (mostly on time, some late, a few early departures), approved leave and dinas luar through the
ledger (the year's grant, and a `taken` row for every approved request, as `leave_decide` writes it), a
few rejected requests and a few days without any record (absences).

Deterministic: every choice is drawn from a generator seeded by the official's NIP and the day (or the
week, for leave), so a run on another day gives the same history for the days both cover. Idempotent:
locations and schedules are found by unit, requests by (official, type, start), and a day on which an
official already has an event, or leave, gets nothing new.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from tanggap.attendance import leave_rules
from tanggap.attendance.models import (
    AttendanceEvent,
    LeaveRequest,
    LeaveType,
    OfficeLocation,
    WorkSchedule,
)
from tanggap.attendance.services.leave_types import leave_types_seed
from tanggap.core.calendar import WorkingCalendar, calendar_for
from tanggap.demo.leave import grants_load, leave_load
from tanggap.demo.sync import Tally
from tanggap.org.models import Official, Region, Unit

REGION = "kab-blitar"
SEED = 11
DAYS_BACK = 91  # three months of calendar days before today
RADIUS_M = 100
BATCH = 2000
ABSENT_SHARE = 0.015
LATE_SHARE = 0.08
EARLY_SHARE = 0.04
DEVICES = ("Android 14 · Chrome", "Android 13 · Chrome", "iOS 17 · Safari", "Android 12 · Chrome")


@dataclass
class AttendanceSummary:
    locations: int = 0
    events: int = 0
    leave: int = 0
    events_total: int = 0
    leave_total: int = 0


def _schedule_row(unit: Unit) -> dict:
    week = set((unit.work_days or "").split(","))
    six = "5" in week  # works on Saturdays: the MPP, the puskesmas, the hospital
    whole_day = unit.work_start == dt.time(0, 0)
    if unit.work_start and unit.work_end and not whole_day:
        start, end = unit.work_start, unit.work_end
    else:
        start, end = (dt.time(7, 30), dt.time(14, 0)) if six else (dt.time(7, 30), dt.time(16, 0))
    kind = WorkSchedule.Kind.SIX_DAY if six else WorkSchedule.Kind.FIVE_DAY
    return {"kind": kind, "start": start, "end": end}


def _places(region: Region, units: list[Unit], tally: Tally) -> dict[int, OfficeLocation]:
    """One office location and one work schedule per unit (created when missing, never changed)."""
    have = {}
    for place in OfficeLocation.objects.filter(unit__in=units).order_by("pk"):
        have.setdefault(place.unit_id, place)
    new = [
        OfficeLocation(
            unit=unit,
            name=f"Kantor {unit.name}",
            latitude=unit.latitude,
            longitude=unit.longitude,
            radius_m=RADIUS_M,
        )
        for unit in units
        if unit.pk not in have and unit.latitude is not None and unit.longitude is not None
    ]
    OfficeLocation.objects.bulk_create(new)
    tally.add(OfficeLocation._meta.label, created=len(new))
    for place in new:
        have[place.unit_id] = place
    scheduled = set(WorkSchedule.objects.filter(unit__in=units).values_list("unit_id", flat=True))
    schedules = [
        WorkSchedule(unit=unit, **_schedule_row(unit)) for unit in units if unit.pk not in scheduled
    ]
    WorkSchedule.objects.bulk_create(schedules)
    tally.add(WorkSchedule._meta.label, created=len(schedules))
    return have


def _calendars(
    region: Region, units: list[Unit]
) -> dict[int, tuple[WorkingCalendar, WorkSchedule]]:
    base = calendar_for(region=region)
    out = {}
    for schedule in WorkSchedule.objects.filter(unit__in=units):
        days = leave_rules.SIX_DAYS if schedule.kind == schedule.Kind.SIX_DAY else base.work_days
        if schedule.kind == schedule.Kind.FIVE_DAY:
            days = leave_rules.FIVE_DAYS
        out[schedule.unit_id] = (dataclasses.replace(base, work_days=days), schedule)
    return out


def _rng(*parts) -> random.Random:
    return random.Random(":".join(str(p) for p in (SEED, *parts)))  # noqa: S311 - demo data


def _jitter(lat0: float, lon0: float, rng: random.Random):
    """A reading inside the fence: metres north/east turned into degrees (~111 km a degree)."""
    north, east = rng.uniform(-45, 45), rng.uniform(-45, 45)
    return (
        Decimal(f"{lat0 + north / 111_000:.6f}"),
        Decimal(f"{lon0 + east / 111_000:.6f}"),
        round(rng.uniform(5, 35), 1),
        round((north**2 + east**2) ** 0.5, 1),
    )


def _day_events(
    official: Official, day: dt.date, schedule: WorkSchedule, place: OfficeLocation, tz
) -> list[tuple]:
    """The day's check-in and check-out as row tuples (see COLUMNS), or none for an absence."""
    rng = _rng(official.nip, day.isoformat())
    if rng.random() < ABSENT_SHARE:
        return []
    # late: a few minutes to an hour; otherwise a little before the start
    arrive = rng.uniform(3, 60) if rng.random() < LATE_SHARE else -rng.triangular(2, 35, 12)
    leave = -rng.uniform(20, 90) if rng.random() < EARLY_SHARE else rng.triangular(0, 60, 8)
    geo = rng.random() < 0.45  # otherwise the office's QR code
    method = AttendanceEvent.Method.GEO if geo else AttendanceEvent.Method.QR
    device = rng.choice(DEVICES)
    rows = []
    for kind, at, minutes in (
        (AttendanceEvent.Kind.IN, schedule.start, arrive),
        (AttendanceEvent.Kind.OUT, schedule.end, leave),
    ):
        moment = dt.datetime.combine(day, at, tzinfo=tz) + dt.timedelta(
            minutes=minutes // 1, seconds=rng.randrange(60)
        )
        if geo:
            lat, lon, accuracy, distance = _jitter(
                float(place.latitude), float(place.longitude), rng
            )
            window = None
        else:
            lat = lon = accuracy = distance = None
            window = int(moment.timestamp()) // 30
        rows.append(
            (
                official.pk,
                kind,
                moment,
                method,
                place.pk,
                lat,
                lon,
                accuracy,
                distance,
                window,
                device,
            )
        )
    return rows


COLUMNS = (
    "official_id",
    "kind",
    "recorded_at",
    "method",
    "location_id",
    "latitude",
    "longitude",
    "accuracy_m",
    "distance_m",
    "qr_window",
    "device_hint",
)


def _insert_events(rows: list[tuple]) -> None:
    """Append-only history written with one executemany (the ORM's per-field work is most of the cost
    of 25 000 rows)."""
    ops = connection.ops
    adapt_time, adapt_decimal = ops.adapt_datetimefield_value, ops.adapt_decimalfield_value
    values = [
        (
            *row[:2],
            adapt_time(row[2]),
            *row[3:5],
            adapt_decimal(row[5], 9, 6) if row[5] is not None else None,
            adapt_decimal(row[6], 9, 6) if row[6] is not None else None,
            *row[7:],
        )
        for row in rows
    ]
    table = ops.quote_name(AttendanceEvent._meta.db_table)
    marks = ", ".join(["%s"] * len(COLUMNS))
    sql = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(values), BATCH * 5):
            cursor.executemany(sql, values[start : start + BATCH * 5])


def demo_attendance_load(
    *, region: Region, tally: Tally, today: dt.date | None = None
) -> AttendanceSummary:
    """Top up the region's demo attendance and leave (see the module docstring)."""
    leave_types_seed()
    types = {t.code: t for t in LeaveType.objects.all()}
    officials = list(
        Official.objects.filter(region=region, status=Official.Status.ACTIVE)
        .select_related("region", "unit")
        .order_by("nip")
    )
    units = list({o.unit_id: o.unit for o in officials}.values())
    places = _places(region, units, tally)
    calendars = _calendars(region, units)
    today = today or timezone.localdate()
    first, last = today - dt.timedelta(days=DAYS_BACK), today
    officials = [o for o in officials if o.unit_id in places and o.unit_id in calendars]
    summary = AttendanceSummary(locations=len(places))
    for year in sorted({first.year, last.year}):
        grants_load(region, officials, calendars, year, tally)
    summary.leave = leave_load(officials, calendars, first, last, types, tally, timezone.now())

    off: dict[int, set[dt.date]] = {}
    for official_id, start, end in LeaveRequest.objects.filter(
        official__in=officials, status=LeaveRequest.Status.APPROVED, end__gte=first
    ).values_list("official_id", "start", "end"):
        day = start
        while day <= end:
            off.setdefault(official_id, set()).add(day)
            day += dt.timedelta(days=1)
    seen: dict[int, set[dt.date]] = {}
    zone = calendar_for(region=region).tz
    for official_id, at in AttendanceEvent.objects.filter(
        official__in=officials,
        recorded_at__gte=dt.datetime.combine(first - dt.timedelta(days=1), dt.time(0), dt.UTC),
    ).values_list("official_id", "recorded_at"):
        seen.setdefault(official_id, set()).add(at.astimezone(zone).date())

    events: list[tuple] = []
    for official in officials:
        cal, schedule = calendars[official.unit_id]
        place = places[official.unit_id]
        skip = off.get(official.pk, set()) | seen.get(official.pk, set())
        day = first
        while day < last:
            if cal.is_working_day(day) and day not in skip:
                events += _day_events(official, day, schedule, place, cal.tz)
            day += dt.timedelta(days=1)
    _insert_events(events)
    tally.add(AttendanceEvent._meta.label, created=len(events))
    summary.events = len(events)
    summary.events_total = AttendanceEvent.objects.filter(official__region=region).count()
    summary.leave_total = LeaveRequest.objects.filter(
        official__region=region, status=LeaveRequest.Status.APPROVED
    ).count()
    return summary
