"""Walk-in ticket issuance: tickets per second and p50/p99 latency over HTTP against gunicorn + PostgreSQL,
beside the same transaction in raw SQL with psycopg, and their ratio.

    DJANGO_SETTINGS_MODULE=tanggap.config.testing .venv/bin/python bench/queue_issue.py [--clients 8]
        [--requests 2000] [--workers 4]        (or: make bench)

It creates a scratch database on the local PostgreSQL (BENCH_PG_URL, default
postgres://postgres@127.0.0.1:5432/postgres; only 127.0.0.1/localhost is accepted), migrates it, sets up
one location with two queued services, starts gunicorn with the production settings on a free
127.0.0.1 port, and has N client threads POST walk-ins to /api/queue/locations/{id}/tickets/ as the
location's registered kiosk (`Authorization: Kiosk <token>`). Then the
same N threads each open a psycopg connection and run, per ticket, the transaction the service runs:
the daily-sequence upsert, the ticket insert and the event insert. Gunicorn is stopped and the database
dropped at the end, also on error or Ctrl-C. It prints figures; it asserts only that every ticket got a
distinct consecutive number.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from zoneinfo import ZoneInfo

import harness
import psycopg

ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")
# Limits that never bite; the throttles still run.
UNLIMITED = "1000000/minute"


def create_location():
    """One region, a location open every day in a zone where today is a working day, two services, and
    the entrance kiosk that issues the walk-ins (with its token)."""
    from django.db import connections

    from tanggap.catalog.models import Service
    from tanggap.core.calendar import calendar_for
    from tanggap.org.models import Region, Unit
    from tanggap.queueing.models import KioskDevice, QueueService, QueueSettings
    from tanggap.queueing.selectors import kiosk_token_digest
    from tanggap.queueing.services import new_kiosk_token

    region = Region.objects.create(slug="bench", name="Kabupaten Bench", work_days="0,1,2,3,4,5,6")
    location = Unit.objects.create(
        region=region, kind="kecamatan", slug="bench", name="Kecamatan Bench",
        is_service_location=True, work_days="0,1,2,3,4,5,6",
        work_start=dt.time(0, 0), work_end=dt.time(23, 59, 59),  # open whenever the bench runs
    )  # fmt: skip
    for zone in ZONES:
        region.timezone = zone
        region.save(update_fields=["timezone"])
        cal = calendar_for(unit=location)
        today = dt.datetime.now(tz=ZoneInfo(zone)).date()
        if cal.is_working_day(today):
            break
    else:
        raise SystemExit(
            f"Today ({today}) is a national holiday in every Indonesian zone: walk-ins are closed."
        )
    QueueSettings.objects.create(region=region, location=location, notify_when_ahead=3)
    queue_services = {}
    for prefix in ("A", "R"):
        service = Service.objects.create(
            region=region, unit=location, slug=f"bench-{prefix.lower()}",
            code=f"BENCH-{prefix}", name=f"Layanan Bench {prefix}",
        )  # fmt: skip
        queue_services[prefix] = QueueService.objects.create(
            region=region, location=location, service=service, prefix=prefix
        )
    token = new_kiosk_token()
    KioskDevice.objects.create(
        region=region, location=location, name="Kiosk bench", token_hash=kiosk_token_digest(token)
    )
    connections.close_all()  # gunicorn and the raw clients bring their own connections
    return location, queue_services, token, today, ZoneInfo(region.timezone)


# --- the two ways of issuing a ticket ---------------------------------------------------------------


def http_worker(port: int, location_id: int, service_id: int, token: str):
    """POST walk-ins as the location's kiosk; anything but 201 is an error."""
    body = json.dumps({"service": service_id}).encode()
    path = f"/api/queue/locations/{location_id}/tickets/"
    headers = {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "Authorization": f"Kiosk {token}",
    }

    def do_one():
        response, payload = harness.request(port, "POST", path, body, headers)
        if response.status != 201:
            raise RuntimeError(f"HTTP {response.status}: {payload[:200]!r}")

    return do_one, lambda: None


def raw_worker(db_url: str, queue_service, zone: ZoneInfo):
    """The service's transaction by hand: sequence upsert, ticket insert, event insert."""
    from tanggap.queueing.models import DailySequence, Ticket, TicketEvent
    from tanggap.queueing.services import new_code

    seq, ticket_table, event_table = (
        DailySequence._meta.db_table,
        Ticket._meta.db_table,
        TicketEvent._meta.db_table,
    )
    upsert = (
        f"INSERT INTO {seq} (location_id, prefix, day, last_number) VALUES (%s, %s, %s, 1) "
        f"ON CONFLICT (location_id, prefix, day) DO UPDATE SET last_number = {seq}.last_number + 1 "
        "RETURNING last_number"
    )
    insert_ticket = (
        f"INSERT INTO {ticket_table} (region_id, location_id, queue_service_id, code, number, "
        "sequence, service_day, status, source, priority, contact_name, contact_phone, "
        "contact_email, nik_hash, nik_masked, queue_key, call_count, checked_in_at, created_at) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, 'waiting', 'walk_in', '', '', '', '', '', '', %s, 0, "
        "%s, %s) RETURNING id"
    )
    insert_event = (
        f"INSERT INTO {event_table} (ticket_id, action, from_status, to_status, at, note) "
        "VALUES (%s, 'issued', '', 'waiting', %s, '')"
    )
    conn = psycopg.connect(db_url)
    qs = queue_service

    def do_one():
        now = dt.datetime.now(tz=dt.UTC)
        day = now.astimezone(zone).date()
        with conn.transaction(), conn.cursor() as cur:
            cur.execute(upsert, (qs.location_id, qs.prefix, day))
            number = cur.fetchone()[0]
            cur.execute(
                insert_ticket,
                (qs.region_id, qs.location_id, qs.pk, new_code(), f"{qs.prefix}-{number:03d}",
                 number, day, now, now, now),
            )  # fmt: skip
            cur.execute(insert_event, (cur.fetchone()[0], now))

    return do_one, conn.close


def check_numbers(db_url: str, queue_service_id: int, expected: int) -> str:
    with psycopg.connect(db_url) as conn:
        count, distinct, low, high = conn.execute(
            "SELECT count(*), count(DISTINCT sequence), min(sequence), max(sequence) "
            "FROM queueing_ticket WHERE queue_service_id = %s",
            (queue_service_id,),
        ).fetchone()
    ok = count == distinct == expected and (low, high) == (1, expected)
    verdict = "ok" if ok else "WRONG"
    return f"{verdict}: {count} tickets, {distinct} distinct numbers {low}..{high}"


# --- main ---------------------------------------------------------------------------------------------


def main() -> int:
    args = harness.http_bench_arguments(__doc__, requests=2000, requests_env="BENCH_REQUESTS")
    with harness.scratch(args.pg) as site:
        harness.set_up_django(site)
        location, queue_services, token, today, zone = create_location()
        redis_url = "" if args.no_redis else harness.start_redis(site)
        env = harness.production_env(
            site, redis_url,
            API_ANON_RATE=UNLIMITED,
            API_USER_RATE=UNLIMITED,  # DRF counts anonymous callers against it too
            API_QUEUE_PUBLIC_RATE=UNLIMITED,
            API_QUEUE_BOOKING_RATE=UNLIMITED,
            API_QUEUE_KIOSK_RATE=UNLIMITED,  # one kiosk issues every ticket
        )  # fmt: skip
        port, gunicorn = harness.start_gunicorn(
            site, env, workers=args.workers, ready_path="/api/queue/locations/"
        )

        web = queue_services["A"]
        over_http, issued = harness.warm_then_run(
            args, "ORM over HTTP (gunicorn)", lambda: http_worker(port, location.pk, web.pk, token)
        )
        http_numbers = check_numbers(site.db_url, web.pk, issued)
        harness.stop_tracked(site, gunicorn)  # the raw clients run alone

        raw = queue_services["R"]
        in_sql, issued = harness.warm_then_run(
            args, "raw SQL (psycopg)", lambda: raw_worker(site.db_url, raw, zone)
        )
        raw_numbers = check_numbers(site.db_url, raw.pk, issued)

        tasks = "Redis (scratch redis-server)" if redis_url else "Huey SQLite file queue"
        print(
            f"queue_issue: {args.requests} walk-in tickets, {args.clients} concurrent clients, "
            f"gunicorn {args.workers} sync workers, {harness.machine(site)}, local day {today}; "
            f"task queue and cache: {tasks}"
        )
        harness.print_results("tickets", [over_http, in_sql], 28)
        print(
            f"{'ratio ORM-HTTP / raw':28}{over_http.rate / in_sql.rate:10.3f}"
            f"{over_http.p50 / in_sql.p50:9.1f}x{over_http.p99 / in_sql.p99:8.1f}x"
        )
        print(f"numbers over HTTP: {http_numbers}")
        print(f"numbers in raw SQL: {raw_numbers}")
        harness.print_errors([over_http, in_sql])
        failed = over_http.errors or in_sql.errors or "WRONG" in http_numbers + raw_numbers
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
