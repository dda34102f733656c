"""The monthly attendance recap for 10,000 officials × 22 working days in PostgreSQL: seconds and queries.

    DJANGO_SETTINGS_MODULE=tanggap.config.testing .venv/bin/python bench/attendance_recap.py
        [--officials 10000] [--pg postgres://postgres@127.0.0.1:5432/postgres]      (or: make bench)

It creates a scratch database on the local PostgreSQL (only 127.0.0.1/localhost is accepted), migrates
it, creates one region with 50 units (each with a 07:30-16:00 schedule and a 15-minute window) and the
officials spread over them, then inserts a month of check-ins and check-outs in one server-side
INSERT … SELECT over the officials and the month's working days (deterministic with setseed: about 2% of
days absent, most arrivals on time, some late, some early departures), and approved leave for 3% of the
officials. The month is the first from 2026 back whose working calendar has 22 working days. Then it
times, each run twice (cold, then warm) with its query count: the whole region's recap and one unit's.
The database is dropped at the end, also on error or Ctrl-C. It prints figures and asserts only that the
query count does not grow with the officials (the recap of a tenth of them makes as many queries).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time

from harness import add_pg_option, check_pg_option, machine, scratch, set_up_django

UNITS = 50


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--officials", type=int, default=int(os.environ.get("BENCH_OFFICIALS") or 10_000)
    )
    add_pg_option(parser)
    args = parser.parse_args()
    if args.officials < UNITS:
        parser.error(f"need at least {UNITS} officials")
    check_pg_option(parser, args)
    return args


def month_with_22_working_days() -> tuple[dt.date, list[dt.date]]:
    from tanggap.core.calendar import WorkingCalendar

    calendar = WorkingCalendar()
    for year in (2026, 2025, 2024):
        for month in range(1, 13):
            first = dt.date(year, month, 1)
            days = [first + dt.timedelta(days=n) for n in range(31)]
            days = [d for d in days if d.month == month and calendar.is_working_day(d)]
            if len(days) == 22:
                return first, days
    raise SystemExit("no month with 22 working days in 2024-2026")


def create_region(officials: int):
    """The region, its units with schedules and office locations, and the officials."""
    from tanggap.attendance.models import OfficeLocation, WorkSchedule
    from tanggap.org.models import Official, Region, Unit

    region = Region.objects.create(slug="bench", name="Kabupaten Bench")
    units = Unit.objects.bulk_create(
        Unit(region=region, kind="opd", slug=f"unit-{i}", name=f"Unit {i:02d}")
        for i in range(1, UNITS + 1)
    )
    WorkSchedule.objects.bulk_create(
        WorkSchedule(unit=u, start=dt.time(7, 30), end=dt.time(16, 0), flexible_minutes=15)
        for u in units
    )
    locations = OfficeLocation.objects.bulk_create(
        OfficeLocation(unit=u, name=f"Kantor {u.name}", latitude="-8.1", longitude="112.16")
        for u in units
    )
    Official.objects.bulk_create(
        (
            Official(
                region=region,
                unit=units[i % UNITS],
                nip=str(198001012005010000 + i),
                name=f"Pegawai {i:05d}",
                sex="L",
                birth_date=dt.date(1980, 1, 1),
                appointed_on=dt.date(2005, 1, 1),
                rank="III/c",
                position_title="Pengadministrasi Umum",
                position_started_on=dt.date(2022, 1, 3),
            )
            for i in range(officials)
        ),
        batch_size=2000,
    )
    return region, units, locations


def insert_month(region, units, locations, days: list[dt.date]) -> tuple[float, int]:
    """A month of check-ins and check-outs in one INSERT … SELECT; approved leave for 3% of officials."""
    from django.db import connection

    from tanggap.attendance.models import LeaveRequest, LeaveType
    from tanggap.attendance.services.leave_types import leave_types_seed
    from tanggap.org.models import Official

    location_of_unit = {loc.unit_id: loc.pk for loc in locations}
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.42)")
        cursor.execute(
            """
            CREATE TEMP TABLE unit_location (unit_id int PRIMARY KEY, location_id int);
            """
        )
        cursor.executemany(
            "INSERT INTO unit_location VALUES (%s, %s)", list(location_of_unit.items())
        )
        cursor.execute(
            """
            WITH days AS (
                SELECT o.id AS official_id, ul.location_id, d::date AS day, random() AS r,
                       random() AS late, random() AS early
                FROM org_official o
                JOIN unit_location ul ON ul.unit_id = o.unit_id
                CROSS JOIN unnest(%(days)s::date[]) AS d
                WHERE o.region_id = %(region)s
            ), present AS (SELECT * FROM days WHERE r >= 0.02)
            INSERT INTO attendance_attendanceevent
                (official_id, kind, recorded_at, method, location_id, device_hint)
            SELECT official_id, 'in',
                   (day + time '07:20' + make_interval(mins => CASE WHEN late < 0.85
                        THEN (late * 25)::int ELSE 25 + ((late - 0.85) * 800)::int END))
                       AT TIME ZONE 'Asia/Jakarta',
                   'qr', location_id, 'bench'
            FROM present
            UNION ALL
            SELECT official_id, 'out',
                   (day + time '16:00' - make_interval(mins => CASE WHEN early < 0.05
                        THEN 10 + (early * 1200)::int ELSE -(early * 40)::int END))
                       AT TIME ZONE 'Asia/Jakarta',
                   'qr', location_id, 'bench'
            FROM present
            """,
            {"days": days, "region": region.pk},
        )
        cursor.execute("SELECT count(*) FROM attendance_attendanceevent")
        events = cursor.fetchone()[0]
        cursor.execute("ANALYZE attendance_attendanceevent")
    leave_types_seed()
    annual = LeaveType.objects.get(code="cuti_tahunan")
    ids = list(Official.objects.filter(region=region).values_list("pk", flat=True)[::33])
    LeaveRequest.objects.bulk_create(
        LeaveRequest(
            official_id=pk,
            leave_type=annual,
            start=days[5],
            end=days[7],
            working_days=3,
            status=LeaveRequest.Status.APPROVED,
        )
        for pk in ids
    )
    return time.perf_counter() - started, events


def measure(label: str, func, rows: list) -> object:
    """Run `func` twice (cold, warm) and note time and query count of each."""
    from django.db import connection

    result = None
    for run in ("cold", "warm"):
        count = [0]

        def counter(execute, sql, params, many, context, count=count):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            started = time.perf_counter()
            result = func()
            elapsed = time.perf_counter() - started
        rows.append((label, run, elapsed, count[0]))
    return result


def run(args, site) -> int:
    from zoneinfo import ZoneInfo

    from tanggap.attendance.reports.recap import month_recap

    month, days = month_with_22_working_days()
    started = time.perf_counter()
    region, units, locations = create_region(args.officials)
    created = time.perf_counter() - started
    inserted, events = insert_month(region, units, locations, days)
    now = dt.datetime.combine(
        days[-1] + dt.timedelta(days=10), dt.time(9), tzinfo=ZoneInfo("Asia/Jakarta")
    )
    print(
        f"{args.officials} officials in {UNITS} units, {month:%Y-%m} ({len(days)} working days), "
        f"{events} events; setup {created:.1f} s + {inserted:.1f} s; {machine(site)}"
    )
    rows: list[tuple[str, str, float, int]] = []
    recap = measure("region recap", lambda: month_recap(region=region, month=month, now=now), rows)
    measure(
        "one unit's recap",
        lambda: month_recap(region=region, unit=units[0], month=month, now=now),
        rows,
    )
    print(f"{'':24}{'run':>6}{'seconds':>10}{'queries':>9}")
    for label, which, elapsed, queries in rows:
        print(f"{label:24}{which:>6}{elapsed:10.2f}{queries:9d}")
    total = recap.total
    print(
        f"recap: {len(recap.officials)} officials, {total.present} days present, {total.late} late, "
        f"{total.early} early, {total.absent} absent, {total.leave_days} on leave"
    )
    assert rows[0][3] == rows[2][3], "the region's recap made more queries than one unit's"
    return 0


def main() -> int:
    args = parse_args()
    try:
        with scratch(args.pg, prefix="tanggap_bench_ar") as site:
            set_up_django(site)
            return run(args, site)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
