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
    LeaveLedgerEntry,
    LeaveRequest,
    LeaveType,
    OfficeLocation,
    WorkSchedule,
)
from tanggap.attendance.selectors import annual_balance
from tanggap.attendance.services.leave import leave_year_open
from tanggap.attendance.services.leave_types import annual_leave_type, leave_types_seed
from tanggap.core.calendar import WorkingCalendar, calendar_for
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
ANNUAL_WEEK_SHARE = 0.035  # chance that an official starts annual leave in a given week
TRIP_WEEK_SHARE = 0.05  # … a dinas luar
PERMIT_WEEK_SHARE = 0.01  # … an izin
REJECTED_SHARE = 0.1  # of the requests drawn, this share was rejected (no ledger row, attended)
DEVICES = ("Android 14 · Chrome", "Android 13 · Chrome", "iOS 17 · Safari", "Android 12 · Chrome")
REASONS = {
    LeaveType.Code.ANNUAL: ("Keperluan keluarga", "Acara pernikahan saudara", "Liburan keluarga"),
    LeaveType.Code.OFFICIAL_TRIP: (
        "Rapat koordinasi di Provinsi Jawa Timur",
        "Bimbingan teknis di Surabaya",
        "Monitoring layanan di kecamatan",
    ),
    LeaveType.Code.PERMIT: ("Mengantar anak berobat", "Mengurus dokumen keluarga"),
}
REJECT_NOTE = "Bertepatan dengan jadwal pelayanan padat; mohon ajukan di tanggal lain."


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


def _grants(region: Region, officials: list[Official], calendars: dict, year: int, tally: Tally):
    """The year's annual grant as `leave_year_open` writes it, in one write for the officials without
    one; an official whose ledger holds last year too goes through the service (it carries over)."""
    granted = set(
        LeaveLedgerEntry.objects.filter(
            official__in=officials, year__in=(year - 1, year), kind=LeaveLedgerEntry.Kind.GRANT
        ).values_list("official_id", "year")
    )
    policy = leave_rules.policy_for(region)
    reduces = leave_rules.cuti_bersama_reduces(region, year)
    annual = annual_leave_type()
    bersama: dict[frozenset, int] = {}
    rows = []
    for official in officials:
        if (official.pk, year) in granted or not leave_rules.is_entitled(official, year, policy):
            continue
        if (official.pk, year - 1) in granted:
            leave_year_open(official=official, year=year)
            continue
        cal = calendars[official.unit_id][0]
        if reduces and cal.work_days not in bersama:
            bersama[cal.work_days] = leave_rules.cuti_bersama_working_days(cal, year)
        days = leave_rules.annual_grant_days(
            policy, cuti_bersama_days=bersama.get(cal.work_days, 0), reduces=reduces
        )
        rows.append(
            LeaveLedgerEntry(
                official=official,
                leave_type=annual,
                year=year,
                kind=LeaveLedgerEntry.Kind.GRANT,
                days=days,
            )
        )
    LeaveLedgerEntry.objects.bulk_create(rows)
    tally.add(LeaveLedgerEntry._meta.label, created=len(rows))


def _rng(*parts) -> random.Random:
    return random.Random(":".join(str(p) for p in (SEED, *parts)))  # noqa: S311 - demo data


def _leave_plan(official: Official, cal: WorkingCalendar, first: dt.date, last: dt.date):
    """(type code, start, end, approved) of the official's drawn requests whose start lies in range."""
    plans = []
    monday = first - dt.timedelta(days=first.weekday())
    while monday <= last:
        rng = _rng(official.nip, "leave", monday.isoformat())
        for code, share, longest in (
            (LeaveType.Code.ANNUAL, ANNUAL_WEEK_SHARE, 3),
            (LeaveType.Code.OFFICIAL_TRIP, TRIP_WEEK_SHARE, 3),
            (LeaveType.Code.PERMIT, PERMIT_WEEK_SHARE, 1),
        ):
            if rng.random() >= share:
                continue
            start = monday + dt.timedelta(days=rng.randrange(5))
            days = [start + dt.timedelta(days=i) for i in range(7)]
            worked = [d for d in days if cal.is_working_day(d)][: rng.randint(1, longest)]
            if not worked or not first <= worked[0] or worked[-1] >= last:
                continue
            if worked[0].year != worked[-1].year:
                continue
            plans.append((code, worked[0], worked[-1], rng.random() >= REJECTED_SHARE, rng))
        monday += dt.timedelta(days=7)
    return plans


def _leave(
    officials: list[Official],
    calendars: dict,
    first: dt.date,
    last: dt.date,
    types: dict[str, LeaveType],
    tally: Tally,
    now: dt.datetime,
) -> int:
    """Create the drawn requests that are missing (approved ones with their `taken` row)."""
    existing = list(
        LeaveRequest.objects.filter(official__in=officials).values_list(
            "official_id", "leave_type_id", "start", "end", "status"
        )
    )
    keys = {(o, t, s) for o, t, s, _e, _st in existing}
    busy: dict[int, list[tuple[dt.date, dt.date]]] = {}
    for o, _t, s, e, status in existing:
        if status in (LeaveRequest.Status.PENDING, LeaveRequest.Status.APPROVED):
            busy.setdefault(o, []).append((s, e))
    new: list[LeaveRequest] = []
    for official in officials:
        cal, _schedule = calendars[official.unit_id]
        for code, start, end, approved, rng in _leave_plan(official, cal, first, last):
            kind = types[code]
            if (official.pk, kind.pk, start) in keys:
                continue
            if approved and any(s <= end and e >= start for s, e in busy.get(official.pk, [])):
                continue
            asked = dt.datetime.combine(
                start - dt.timedelta(days=rng.randint(3, 10)), dt.time(9, 0), tzinfo=cal.tz
            )
            request = LeaveRequest(
                official=official,
                leave_type=kind,
                start=start,
                end=end,
                working_days=cal.working_days_between(start, end),
                status=LeaveRequest.Status.APPROVED if approved else LeaveRequest.Status.REJECTED,
                reason=rng.choice(REASONS[code]),
                decided_at=min(asked + dt.timedelta(days=1, hours=rng.randint(0, 6)), now),
                decision_note="" if approved else REJECT_NOTE,
            )
            if kind.uses_annual_balance and approved:
                balance = annual_balance(official, start.year)
                taken = sum(
                    r.working_days
                    for r in new
                    if r.official_id == official.pk
                    and r.leave_type_id == kind.pk
                    and r.status == LeaveRequest.Status.APPROVED
                    and r.start.year == start.year
                )
                if request.working_days > balance - taken:
                    continue
            new.append(request)
            keys.add((official.pk, kind.pk, start))
            if approved:
                busy.setdefault(official.pk, []).append((start, end))
    LeaveRequest.objects.bulk_create(new, batch_size=BATCH)
    # `created_at` is set by the database clock; the request was filed before its decision.
    rows = [
        LeaveLedgerEntry(
            official_id=r.official_id,
            leave_type_id=r.leave_type_id,
            year=r.start.year,
            kind=LeaveLedgerEntry.Kind.TAKEN,
            days=-r.working_days,
            request=r,
        )
        for r in new
        if r.status == LeaveRequest.Status.APPROVED
    ]
    LeaveLedgerEntry.objects.bulk_create(rows, batch_size=BATCH)
    tally.add(LeaveRequest._meta.label, created=len(new))
    tally.add(LeaveLedgerEntry._meta.label, created=len(rows))
    return len(new)


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
        _grants(region, officials, calendars, year, tally)
    summary.leave = _leave(officials, calendars, first, last, types, tally, timezone.now())

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
