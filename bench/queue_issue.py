"""Walk-in ticket issuance: tickets per second and p50/p99 latency over HTTP against gunicorn + PostgreSQL,
beside the same transaction in raw SQL with psycopg, and their ratio.

    DJANGO_SETTINGS_MODULE=tanggap.config.testing .venv/bin/python bench/queue_issue.py [--clients 8]
        [--requests 2000] [--workers 4]        (or: make bench)

It creates a scratch database on the local PostgreSQL (BENCH_PG_URL, default
postgres://postgres@127.0.0.1:5432/postgres; only 127.0.0.1/localhost is accepted), migrates it, sets up
one location with two queued services, starts gunicorn with the production settings on a free
127.0.0.1 port, and has N client threads POST walk-ins to /api/queue/locations/{id}/tickets/. Then the
same N threads each open a psycopg connection and run, per ticket, the transaction the service runs:
the daily-sequence upsert, the ticket insert and the event insert. Gunicorn is stopped and the database
dropped at the end, also on error or Ctrl-C. It prints figures; it asserts only that every ticket got a
distinct consecutive number.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=env_int("BENCH_CLIENTS", 8))
    parser.add_argument("--requests", type=int, default=env_int("BENCH_REQUESTS", 2000))
    parser.add_argument("--workers", type=int, default=env_int("BENCH_WORKERS", 4))
    parser.add_argument(
        "--no-redis",
        action="store_true",
        help="keep Huey's SQLite file queue even when redis-server is installed",
    )
    parser.add_argument(
        "--pg",
        default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="a maintenance database URL on the local PostgreSQL",
    )
    args = parser.parse_args()
    if args.clients < 1 or args.requests < args.clients or args.workers < 1:
        parser.error("need clients >= 1, workers >= 1 and requests >= clients")
    if urlsplit(args.pg).hostname not in LOCAL_HOSTS:
        parser.error("the benchmark only touches a PostgreSQL on 127.0.0.1")
    return args


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


class Result:
    def __init__(self, label: str, latencies: list[float], elapsed: float, errors: list[str]):
        self.label = label
        self.latencies = latencies
        self.elapsed = elapsed
        self.errors = errors

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.elapsed

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p99(self) -> float:
        return percentile(self.latencies, 0.99) * 1000


def run_threads(label: str, clients: int, total: int, make_worker) -> Result:
    """`clients` threads share `total` jobs; each thread's `make_worker()` returns (do_one, close)."""
    lock = threading.Lock()
    remaining = [total]
    latencies: list[float] = []
    errors: list[str] = []
    barrier = threading.Barrier(clients + 1)

    def run():
        try:
            do_one, close = make_worker()
        except BaseException:
            barrier.abort()  # the main thread stops waiting and reports the failure
            raise
        mine: list[float] = []
        try:
            barrier.wait()
            while True:
                with lock:
                    if remaining[0] == 0:
                        break
                    remaining[0] -= 1
                began = time.perf_counter()
                try:
                    do_one()
                except Exception as exc:  # noqa: BLE001 - counted and shown, the run goes on
                    with lock:
                        errors.append(f"{type(exc).__name__}: {exc}")
                    continue
                mine.append(time.perf_counter() - began)
        finally:
            close()
            with lock:
                latencies.extend(mine)

    threads = [threading.Thread(target=run, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    try:
        barrier.wait()
    except threading.BrokenBarrierError:
        raise RuntimeError(f"{label}: a client could not start (see the traceback above)") from None
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return Result(label, latencies, time.perf_counter() - began, errors)


# --- setup -----------------------------------------------------------------------------------------


def set_up_django(db_url: str, var_dir: Path):
    os.environ["DATABASE_URL"] = db_url
    os.environ["TANGGAP_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tanggap.config.testing")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def create_location():
    """One region, a location open every day in a zone where today is a working day, two services."""
    from django.db import connections

    from tanggap.catalog.models import Service
    from tanggap.core.calendar import calendar_for
    from tanggap.org.models import Region, Unit
    from tanggap.queueing.models import QueueService, QueueSettings

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
    connections.close_all()  # gunicorn and the raw clients bring their own connections
    return location, queue_services, today, ZoneInfo(region.timezone)


def start_redis(var_dir: Path):
    """A scratch redis-server on 127.0.0.1 for Huey and the cache, as in production; None if absent."""
    binary = shutil.which("redis-server")
    if binary is None:
        return None, ""
    port = free_port()
    process = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
         "--dir", str(var_dir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    import redis

    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            redis.Redis.from_url(url).ping()
            return process, url
        except redis.ConnectionError:
            time.sleep(0.1)
    stop(process)
    raise RuntimeError("redis-server did not start")


def start_gunicorn(args, db_url: str, redis_url: str, var_dir: Path, port: int, log_path: Path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"TANGGAP_TESTING", "HUEY_IMMEDIATE", "DJANGO_SETTINGS_MODULE", "DJANGO_DEBUG"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="tanggap.config.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DATABASE_URL=db_url,
        TANGGAP_VAR_DIR=str(var_dir),
        API_ANON_RATE="1000000/minute",
        API_USER_RATE="1000000/minute",  # DRF counts anonymous callers against it too
        API_QUEUE_PUBLIC_RATE="1000000/minute",
        API_QUEUE_BOOKING_RATE="1000000/minute",
        REDIS_URL=redis_url,
    )
    command = [
        sys.executable, "-m", "gunicorn", "tanggap.config.wsgi",
        "--workers", str(args.workers), "--bind", f"127.0.0.1:{port}",
        "--log-level", "warning", "--timeout", "60",
    ]  # fmt: skip
    log = log_path.open("wb")
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def wait_until_up(process, port: int, log_path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited:\n" + log_path.read_text(errors="replace")[-3000:])
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/queue/locations/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within a minute")


def stop(process) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)  # the master stops its workers
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


# --- the two ways of issuing a ticket ---------------------------------------------------------------


def http_worker(port: int, location_id: int, service_id: int):
    body = json.dumps({"service": service_id}).encode()
    path = f"/api/queue/locations/{location_id}/tickets/"
    headers = {"Content-Type": "application/json", "Accept": "application/json"}

    def do_one():
        # gunicorn's sync workers close every connection after the response, as behind a proxy.
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            payload = response.read()
        finally:
            conn.close()
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
    args = parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the clean-up below
    name = f"tanggap_bench_{os.getpid()}_{secrets.token_hex(3)}"
    admin_url = args.pg
    db_url = with_database(admin_url, name)
    var_dir = Path(tempfile.mkdtemp(prefix="tanggap-bench-"))
    process = redis_process = None
    created = False
    try:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
            created = True
            server_version = admin.info.server_version
        set_up_django(db_url, var_dir)
        location, queue_services, today, zone = create_location()
        redis_process, redis_url = (None, "") if args.no_redis else start_redis(var_dir)
        port = free_port()
        log_path = var_dir / "gunicorn.log"
        process = start_gunicorn(args, db_url, redis_url, var_dir, port, log_path)
        wait_until_up(process, port, log_path)

        warm = 4 * args.workers
        web = queue_services["A"]
        warm_http = run_threads(
            "warm-up", args.clients, warm, lambda: http_worker(port, location.pk, web.pk)
        )
        over_http = run_threads(
            "ORM over HTTP (gunicorn)",
            args.clients,
            args.requests,
            lambda: http_worker(port, location.pk, web.pk),
        )
        issued = warm + args.requests - len(warm_http.errors) - len(over_http.errors)
        http_numbers = check_numbers(db_url, web.pk, issued)
        stop(process)
        process = None

        raw = queue_services["R"]
        warm_raw = run_threads("warm-up", args.clients, warm, lambda: raw_worker(db_url, raw, zone))
        in_sql = run_threads(
            "raw SQL (psycopg)", args.clients, args.requests, lambda: raw_worker(db_url, raw, zone)
        )
        issued = warm + args.requests - len(warm_raw.errors) - len(in_sql.errors)
        raw_numbers = check_numbers(db_url, raw.pk, issued)

        tasks = "Redis (scratch redis-server)" if redis_url else "Huey SQLite file queue"
        report(args, server_version, today, tasks, over_http, in_sql, http_numbers, raw_numbers)
        return (
            1 if over_http.errors or in_sql.errors or "WRONG" in http_numbers + raw_numbers else 0
        )
    finally:
        stop(process)
        stop(redis_process)
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001, S110 - Django may not be set up yet
            pass
        if created:
            with psycopg.connect(admin_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(var_dir, ignore_errors=True)


def report(args, server_version, today, tasks, over_http, in_sql, http_numbers, raw_numbers):
    pg = f"{server_version // 10000}.{server_version % 10000}"
    print(
        f"queue_issue: {args.requests} walk-in tickets, {args.clients} concurrent clients, "
        f"gunicorn {args.workers} sync workers, PostgreSQL {pg}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, local day {today}; task queue and cache: {tasks}"
    )
    print(f"{'':28}{'tickets/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for result in (over_http, in_sql):
        print(
            f"{result.label:28}{result.rate:10.1f}{result.p50:9.2f}{result.p99:9.2f}"
            f"{len(result.errors):8d}"
        )
    print(
        f"{'ratio ORM-HTTP / raw':28}{over_http.rate / in_sql.rate:10.3f}"
        f"{over_http.p50 / in_sql.p50:9.1f}x{over_http.p99 / in_sql.p99:8.1f}x"
    )
    print(f"numbers over HTTP: {http_numbers}")
    print(f"numbers in raw SQL: {raw_numbers}")
    for result in (over_http, in_sql):
        for error in sorted(set(result.errors))[:5]:
            print(f"  {result.label} error: {error}")


if __name__ == "__main__":
    sys.exit(main())
