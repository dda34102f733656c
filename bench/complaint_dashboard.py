"""Complaint dashboards and the overdue sweep with a million reports in PostgreSQL: time and query count.

    DJANGO_SETTINGS_MODULE=tanggap.config.testing .venv/bin/python bench/complaint_dashboard.py
        [--count 1000000] [--pg postgres://postgres@127.0.0.1:5432/postgres]        (or: make bench)

It creates a scratch database on the local PostgreSQL (only 127.0.0.1/localhost is accepted), migrates
it, creates one region with 22 kecamatan, 40 units, 17 categories and 120 handlers, and inserts the
reports in one server-side INSERT … SELECT over generate_series through psycopg (a year of reports,
deterministic with setseed: most closed, the last weeks' still open, some late, some rated or
reopened). Then it times, each run twice (cold, then warm) and with its query count: the region
dashboard selectors (a year), the busiest unit's dashboard, the public transparency figures, the
live overdue count, and the deadline sweep `escalation_sweep(now)` (warnings, breaches and
inspectorate escalations, at most 1000 per target and level per run, as the five-minute task does).
The database is dropped at the end, also on error or Ctrl-C. It prints figures and asserts only that
the dashboards' query counts do not grow with the data.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import sys
import time

from harness import add_pg_option, check_pg_option, scratch, set_up_django


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--count", type=int, default=int(os.environ.get("BENCH_COMPLAINTS") or 1_000_000)
    )
    add_pg_option(parser)
    args = parser.parse_args()
    if args.count < 1000:
        parser.error("need at least 1000 reports")
    check_pg_option(parser, args)
    return args


def create_region():
    """The region, its kecamatan, units, categories, handlers and the default deadline policy."""
    from tanggap.accounts.models import Role, RoleAssignment, User
    from tanggap.complaints.models import ComplaintCategory, SlaPolicy
    from tanggap.org.models import Area, Region, Unit

    region = Region.objects.create(slug="bench", name="Kabupaten Bench")
    areas = Area.objects.bulk_create(
        Area(region=region, kind="kecamatan", code=f"99.01.{i:02d}", name=f"Kecamatan {i}")
        for i in range(1, 23)
    )
    units = Unit.objects.bulk_create(
        Unit(
            region=region,
            kind="opd",
            slug=f"unit-{i}",
            name=f"Unit {i:02d}",
            email=f"unit-{i}@bench.invalid",
        )
        for i in range(1, 41)
    )
    Unit.objects.create(  # where the sweep's inspectorate escalations go
        region=region,
        kind="opd",
        slug="inspektorat",
        name="Inspektorat",
        email="inspektorat@bench.invalid",
    )
    categories = ComplaintCategory.objects.bulk_create(
        ComplaintCategory(
            region=region, slug=f"k-{i}", name=f"Kategori {i:02d}", default_unit=units[i]
        )
        for i in range(17)
    )
    users = User.objects.bulk_create(
        User(
            username=f"petugas{i}",
            full_name=f"Petugas {i}",
            email=f"petugas{i}@bench.invalid",
            password="!",
        )
        for i in range(120)
    )
    for role in (Role.REGION_ADMIN, Role.COMPLAINT_VERIFIER):
        RoleAssignment.objects.create(user=users[0], role=role, region=region)
    SlaPolicy.objects.create(region=region, name="SP4N-LAPOR! + tim responsif 3×24 jam")
    return region, areas, units, categories, users


INSERT = """
WITH b AS (
  SELECT g,
         now() - random() * interval '365 days' AS created,
         random() AS rs, random() AS rl, random() AS rr,
         (%(units)s::bigint[])[1 + floor(power(random(), 1.6) * %(n_units)s)::int] AS unit_id,
         (%(categories)s::bigint[])[1 + floor(random() * %(n_categories)s)::int] AS category_id,
         (%(areas)s::bigint[])[1 + floor(random() * %(n_areas)s)::int] AS kecamatan_id,
         (%(users)s::bigint[])[1 + floor(random() * %(n_users)s)::int] AS assignee_id
  FROM generate_series(1, %(count)s) AS g
), s AS (
  SELECT b.*,
    CASE
      WHEN created > now() - interval '4 days' AND rs < 0.30 THEN 'baru'
      WHEN created > now() - interval '21 days' AND rs < 0.45 THEN 'diproses'
      WHEN created > now() - interval '21 days' AND rs < 0.55 THEN 'ditanggapi'
      WHEN created > now() - interval '21 days' AND rs < 0.60 THEN 'diteruskan'
      WHEN rs > 0.97 THEN 'diarsipkan'
      ELSE 'selesai'
    END AS status,
    created + (CASE WHEN rl < 0.85 THEN random() * 48 ELSE 72 + random() * 96 END) * interval '1 hour'
      AS dispatched,
    (CASE WHEN rl < 0.75 THEN random() * 70 ELSE 72 + random() * 120 END) * interval '1 hour' AS handling
  FROM b
), t AS (
  SELECT s.*,
    status NOT IN ('baru', 'diarsipkan') AS with_unit,
    status IN ('ditanggapi', 'selesai') AS answered
  FROM s
)
INSERT INTO complaints_complaint (
  region_id, tracking_code, secret_hash, report_type, channel, title, description, category_id,
  maladministration, kecamatan_id, address, source_url, is_confidential, is_anonymous, reporter_name,
  reporter_phone, reporter_email, external_id, status, status_before_pause, unit_id, assignee_id,
  closing_reason, verify_due_at, response_due_at, resolve_due_at, verified_at, dispatched_at,
  first_response_at, answered_at, closed_at, paused_seconds, rating, rating_comment, rated_at,
  reopen_count, created_at, updated_at
)
SELECT
  %(region)s, 'LPR-B' || lpad(g::text, 9, '0'), 'x', 'pengaduan', 'web', 'Laporan uji ' || g,
  'Uraian laporan uji beban dasbor', category_id, '', kecamatan_id, '', '', rr < 0.07, rr > 0.9, '',
  '', '', '', status, '',
  CASE WHEN with_unit THEN unit_id END,
  CASE WHEN with_unit AND status <> 'diteruskan' THEN assignee_id END,
  CASE WHEN status = 'diarsipkan' THEN 'Laporan terlalu umum' ELSE '' END,
  created + interval '72 hours',
  CASE WHEN with_unit THEN dispatched + interval '120 hours' END,
  CASE WHEN with_unit THEN dispatched + interval '72 hours' END,
  CASE WHEN status <> 'baru' THEN LEAST(dispatched, now()) END,
  CASE WHEN with_unit THEN LEAST(dispatched, now()) END,
  CASE WHEN answered OR (status = 'diproses' AND rr < 0.6)
       THEN LEAST(dispatched + handling * 0.3, now()) END,
  CASE WHEN answered THEN LEAST(dispatched + handling, now()) END,
  CASE WHEN status = 'selesai' THEN LEAST(dispatched + handling + random() * interval '240 hours', now()) END,
  0,
  CASE WHEN status = 'selesai' AND rr < 0.5 THEN 1 + floor(random() * 5)::int END,
  '',
  CASE WHEN status = 'selesai' AND rr < 0.5 THEN LEAST(dispatched + handling, now()) END,
  CASE WHEN rr > 0.96 AND answered THEN 1 ELSE 0 END,
  created, now()
FROM t
"""


def insert_reports(count: int, region, areas, units, categories, users) -> float:
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.42)")
        cursor.execute(
            INSERT,
            {
                "count": count,
                "region": region.pk,
                "units": [u.pk for u in units],
                "n_units": len(units),
                "categories": [c.pk for c in categories],
                "n_categories": len(categories),
                "areas": [a.pk for a in areas],
                "n_areas": len(areas),
                "users": [u.pk for u in users],
                "n_users": len(users),
            },
        )
        cursor.execute("ANALYZE complaints_complaint")
    return time.perf_counter() - started


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


def main() -> int:
    args = parse_args()
    os.environ.pop("REDIS_URL", None)  # the local-memory cache: transparency figures start cold
    try:
        with scratch(args.pg, prefix="tanggap_bench_cd") as site:
            set_up_django(site, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
            # a notice per report would flood the output
            logging.getLogger("tanggap").setLevel(
                int(os.environ.get("BENCH_LOG_LEVEL", logging.ERROR))
            )
            return run(args, site.server_version)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def run(args, server_version) -> int:
    from django.core.cache import cache
    from django.db.models import Count
    from django.utils import timezone

    from tanggap.complaints.models import Complaint
    from tanggap.complaints.reports.figures import (
        live_figures,
        region_dashboard,
        transparency_figures,
        unit_dashboard,
    )
    from tanggap.complaints.reports.performance import Period

    region, areas, units, categories, users = create_region()
    inserted = insert_reports(args.count, region, areas, units, categories, users)
    now = timezone.now()
    period = Period.last_months(region, 12)
    busiest_id = (
        Complaint.objects.filter(unit__isnull=False)
        .values("unit")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("unit", flat=True)
        .first()
    )
    busiest = next(u for u in units if u.pk == busiest_id)
    busiest_count = Complaint.objects.filter(unit=busiest).count()

    rows: list[tuple[str, str, float, int]] = []
    dash = measure(
        "region dashboard (12 months)", lambda: region_dashboard(region=region, period=period), rows
    )
    measure(
        "unit dashboard, busiest unit", lambda: unit_dashboard(unit=busiest, period=period), rows
    )

    def transparency():
        cache.clear()
        return transparency_figures(region, period)

    measure("transparency figures (uncached)", transparency, rows)
    live = measure(
        "live overdue count",
        lambda: live_figures(Complaint.objects.filter(region=region), now),
        rows,
    )

    try:
        from tanggap.complaints.tasks import escalation_sweep
    except ImportError:
        from tanggap.complaints.services.escalation import escalation_sweep  # type: ignore[no-redef]
    sweeps: list[dict] = []

    def sweep():
        sweeps.append(escalation_sweep(now))
        return sweeps[-1]

    measure("overdue sweep escalation_sweep(now)", sweep, rows)
    sweep_note = "; ".join(", ".join(f"{k} {v}" for k, v in done.items()) for done in sweeps)

    # The dashboards must not run more queries with more data: a tenth of the data, same count.
    small = Period.of(region, period.end.replace(day=1), period.end)
    probe: list = []
    measure(
        "region dashboard (this month)",
        lambda: region_dashboard(region=region, period=small),
        probe,
    )

    print(
        f"complaint_dashboard: {args.count:,} reports in PostgreSQL {server_version // 10000}."
        f"{server_version % 10000}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(f"insert (INSERT … SELECT generate_series via psycopg) + ANALYZE: {inserted:.1f} s")
    print(
        f"region: {dash.total.handled:,} reports in the last 12 months; open now {live.open:,}, "
        f"overdue {live.overdue:,}, due within 24 h {live.due_soon:,}; busiest unit {busiest_count:,} reports"
    )
    print(f"{'':44} {'run':>5} {'seconds':>9} {'queries':>8}")
    for label, run_name, elapsed, queries in rows + probe:
        print(f"{label:44} {run_name:>5} {elapsed:9.3f} {queries:8d}")
    print(f"sweep notices sent (cold run; warm run): {sweep_note}")
    region_queries = {q for label, _, _, q in rows + probe if label.startswith("region dashboard")}
    if len(region_queries) != 1:
        print(f"FAIL: the region dashboard's query count changed with the data: {region_queries}")
        return 1
    print(f"region dashboard: {region_queries.pop()} queries whatever the period or the data")
    return 0


if __name__ == "__main__":
    sys.exit(main())
