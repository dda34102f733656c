"""Report intake over HTTP: reports filed per second and p50/p99 latency for the REST API's public filing
(POST /api/complaints/, JSON) and the Open311 GeoReport v2 POST (POST /open311/v2/requests.json,
form-encoded with an API key), against gunicorn + PostgreSQL.

    DJANGO_SETTINGS_MODULE=tanggap.config.testing .venv/bin/python bench/complaint_intake.py
        [--clients 8] [--requests 1000] [--workers 4]        (or: make bench)

It creates a scratch database on the local PostgreSQL (BENCH_PG_URL, default
postgres://postgres@127.0.0.1:5432/postgres; only 127.0.0.1/localhost is accepted), migrates it, sets up
one region with a category and an Open311 client key, starts gunicorn with the production settings (and
a scratch redis-server for the task queue and cache when one is installed) on a free 127.0.0.1 port,
and has N client threads post `--requests` reports through each door in turn. Every report runs the
whole filing service: validation, the deadline policy, the verify deadline on the working calendar, the
tracking code and hashed secret, the first timeline step. Gunicorn is stopped and the database dropped
at the end, also on error or Ctrl-C. It prints figures; it asserts only that every accepted report was
stored once, through the channel it came from.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
# The thread runner, percentiles, scratch redis and process handling are queue_issue.py's.
from queue_issue import (  # noqa: E402
    LOCAL_HOSTS,
    env_int,
    free_port,
    run_threads,
    start_redis,
    stop,
    with_database,
)

REGION = "bench-intake"
CATEGORY = "jalan-rusak"
DESCRIPTION = "Jalan berlubang besar di depan SDN 1, sudah dua pengendara motor jatuh minggu ini."


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=env_int("BENCH_CLIENTS", 8))
    parser.add_argument("--requests", type=int, default=env_int("BENCH_INTAKE_REQUESTS", 1000))
    parser.add_argument("--workers", type=int, default=env_int("BENCH_WORKERS", 4))
    parser.add_argument(
        "--no-redis",
        action="store_true",
        help="keep Huey's SQLite file queue and the local-memory cache even when redis is installed",
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


def set_up(db_url: str, var_dir: Path) -> str:
    """Migrate the scratch database; one region, one category, one Open311 key (returned)."""
    os.environ["DATABASE_URL"] = db_url
    os.environ["TANGGAP_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tanggap.config.testing")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from tanggap.complaints.models import ComplaintCategory
    from tanggap.complaints.open311.keys import open311_client_issue
    from tanggap.org.models import Region, Unit

    call_command("migrate", verbosity=0, interactive=False)
    region = Region.objects.create(slug=REGION, name="Kabupaten Bench")
    unit = Unit.objects.create(region=region, kind="opd", slug="dpupr", name="Dinas PUPR")
    ComplaintCategory.objects.create(
        region=region, slug=CATEGORY, name="Jalan rusak", default_unit=unit
    )
    _client, key = open311_client_issue(region=region, name="Aplikasi bench")
    connections.close_all()  # gunicorn brings its own connections
    return key


def start_gunicorn(args, db_url: str, redis_url: str, var_dir: Path, port: int, log_path: Path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"TANGGAP_TESTING", "HUEY_IMMEDIATE", "DJANGO_SETTINGS_MODULE", "DJANGO_DEBUG"}
    }
    # Limits that never bite, per second: DRF keeps every request's time of the last period per client,
    # so a per-minute limit at bench speed would have each request unpickle thousands of entries (a
    # real limit of 20/minute keeps at most 20). Every throttle still runs its cache round trips.
    unlimited = "1000000/second"
    env.update(
        DJANGO_SETTINGS_MODULE="tanggap.config.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DATABASE_URL=db_url,
        TANGGAP_VAR_DIR=str(var_dir),
        REDIS_URL=redis_url,
        API_ANON_RATE=unlimited,
        API_USER_RATE=unlimited,  # DRF counts anonymous callers against it too
        API_COMPLAINTS_PUBLIC_RATE=unlimited,
        API_COMPLAINTS_FILING_RATE=unlimited,
        API_COMPLAINT_RATE=unlimited,
        API_OPEN311_READ_RATE=unlimited,
        API_OPEN311_WRITE_RATE=unlimited,
    )
    # As in production: the pages' static files are collected (hashed names) before the server starts.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
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
    path = f"/open311/v2/services.json?jurisdiction_id={REGION}"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited:\n" + log_path.read_text(errors="replace")[-3000:])
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within a minute")


def poster(port: int, path: str, body: bytes, content_type: str, expected: int):
    """A worker posting the same report again and again (a new connection each time)."""
    headers = {"Content-Type": content_type, "Accept": "application/json"}

    def do_one():
        # gunicorn's sync workers close every connection after the response, as behind a proxy.
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            payload = response.read()
        finally:
            conn.close()
        if response.status != expected:
            raise RuntimeError(f"HTTP {response.status}: {payload[:200]!r}")

    return do_one, lambda: None


def web_api_worker(port: int):
    body = json.dumps(
        {
            "region": REGION,
            "report_type": "pengaduan",
            "title": "Jalan berlubang di depan SDN 1",
            "description": DESCRIPTION,
            "category": CATEGORY,
            "latitude": "-8.098300",
            "longitude": "112.168100",
        }
    ).encode()
    return poster(port, "/api/complaints/", body, "application/json", 201)


CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def web_form_worker(port: int):
    """A citizen's browser: GET the form (CSRF cookie and token), then POST it; 302 to the receipt."""

    def do_one():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            conn.request("GET", f"/pengaduan/lapor/?wilayah={REGION}")
            page = conn.getresponse()
            html = page.read()
            cookie = next(
                (
                    c.split(";")[0]
                    for c in page.headers.get_all("Set-Cookie") or []
                    if c.startswith("csrftoken=")
                ),
                "",
            )
        finally:
            conn.close()
        found = CSRF_INPUT.search(html)
        if page.status != 200 or not found or not cookie:
            raise RuntimeError(f"form page: HTTP {page.status}")
        body = urlencode(
            {
                "csrfmiddlewaretoken": found.group(1).decode(),
                "report_type": "pengaduan",
                "title": "Jalan berlubang di depan SDN 1",
                "description": DESCRIPTION,
                "privacy": "publik",
                "website": "",
            }
        ).encode()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            conn.request(
                "POST",
                f"/pengaduan/lapor/?wilayah={REGION}",
                body=body,
                headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
            )
            response = conn.getresponse()
            payload = response.read()
        finally:
            conn.close()
        if response.status != 302:
            raise RuntimeError(f"HTTP {response.status}: {payload[:200]!r}")

    return do_one, lambda: None


def open311_worker(port: int, key: str):
    body = urlencode(
        {
            "api_key": key,
            "jurisdiction_id": REGION,
            "service_code": CATEGORY,
            "lat": "-8.0983",
            "long": "112.1681",
            "description": DESCRIPTION,
            "attribute[report_type]": "pengaduan",
        }
    ).encode()
    return poster(port, "/open311/v2/requests.json", body, "application/x-www-form-urlencoded", 200)


def stored(db_url: str) -> dict[str, int]:
    with psycopg.connect(db_url) as conn:
        rows = conn.execute(
            "SELECT channel, count(*), count(DISTINCT tracking_code) FROM complaints_complaint "
            "GROUP BY channel"
        ).fetchall()
    return {channel: count for channel, count, distinct in rows if count == distinct} | {
        f"{channel} (duplicate codes!)": count
        for channel, count, distinct in rows
        if count != distinct
    }


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
        key = set_up(db_url, var_dir)
        redis_process, redis_url = (None, "") if args.no_redis else start_redis(var_dir)
        port = free_port()
        log_path = var_dir / "gunicorn.log"
        process = start_gunicorn(args, db_url, redis_url, var_dir, port, log_path)
        wait_until_up(process, port, log_path)

        warm = 4 * args.workers
        doors = [
            ("web form (GET + POST)", "web", lambda: web_form_worker(port)),
            ("REST API POST (JSON)", "api", lambda: web_api_worker(port)),
            ("Open311 POST (form)", "open311", lambda: open311_worker(port, key)),
        ]
        results, accepted = [], {}
        for label, channel, make_worker in doors:
            warm_up = run_threads("warm-up", args.clients, warm, make_worker)
            result = run_threads(label, args.clients, args.requests, make_worker)
            for error in sorted(set(warm_up.errors + result.errors))[:3]:
                print(f"  {label}: {error}", file=sys.stderr)
            results.append(result)
            accepted[channel] = warm + args.requests - len(warm_up.errors) - len(result.errors)
        counts = stored(db_url)
        tasks = "Redis (scratch redis-server)" if redis_url else "Huey SQLite file queue"
        report(args, server_version, tasks, results, accepted, counts)
        ok = all(not r.errors for r in results) and counts == accepted
        return 0 if ok else 1
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


def report(args, server_version, tasks, results, accepted, counts):
    pg = f"{server_version // 10000}.{server_version % 10000}"
    print(
        f"complaint_intake: {args.requests} reports per door, {args.clients} concurrent clients, "
        f"gunicorn {args.workers} sync workers, PostgreSQL {pg}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; task queue and cache: {tasks}"
    )
    print(f"{'':24}{'reports/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for result in results:
        print(
            f"{result.label:24}{result.rate:10.1f}{result.p50:9.2f}{result.p99:9.2f}"
            f"{len(result.errors):8d}"
        )
    verdict = "ok" if counts == accepted else "WRONG"
    print(f"stored by channel: {verdict}: {counts} (accepted: {accepted})")
    for result in results:
        for error in sorted(set(result.errors))[:5]:
            print(f"  {result.label} error: {error}")


if __name__ == "__main__":
    sys.exit(main())
