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

import json
import re
import sys
from urllib.parse import urlencode

import harness
import psycopg

REGION = "bench-intake"
CATEGORY = "jalan-rusak"
DESCRIPTION = "Jalan berlubang besar di depan SDN 1, sudah dua pengendara motor jatuh minggu ini."


def set_up(site) -> str:
    """Migrate the scratch database; one region, one category, one Open311 key (returned)."""
    harness.set_up_django(site)
    from django.db import connections

    from tanggap.complaints.models import ComplaintCategory
    from tanggap.complaints.open311.keys import open311_client_issue
    from tanggap.org.models import Region, Unit

    region = Region.objects.create(slug=REGION, name="Kabupaten Bench")
    unit = Unit.objects.create(region=region, kind="opd", slug="dpupr", name="Dinas PUPR")
    ComplaintCategory.objects.create(
        region=region, slug=CATEGORY, name="Jalan rusak", default_unit=unit
    )
    _client, key = open311_client_issue(region=region, name="Aplikasi bench")
    connections.close_all()  # gunicorn brings its own connections
    return key


# Limits that never bite, per second: DRF keeps every request's time of the last period per client, so a
# per-minute limit at bench speed would have each request unpickle thousands of entries (a real limit of
# 20/minute keeps at most 20). Every throttle still runs its cache round trips.
UNLIMITED = "1000000/second"
RATES = (
    "API_ANON_RATE",
    "API_USER_RATE",  # DRF counts anonymous callers against it too
    "API_COMPLAINTS_PUBLIC_RATE",
    "API_COMPLAINTS_FILING_RATE",
    "API_COMPLAINT_RATE",
    "API_OPEN311_READ_RATE",
    "API_OPEN311_WRITE_RATE",
)


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
    return harness.poster(port, "/api/complaints/", body, "application/json", 201)


CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def web_form_worker(port: int):
    """A citizen's browser: GET the form (CSRF cookie and token), then POST it; 302 to the receipt."""

    def do_one():
        page, html = harness.request(port, "GET", f"/pengaduan/lapor/?wilayah={REGION}")
        cookie = next(
            (
                c.split(";")[0]
                for c in page.headers.get_all("Set-Cookie") or []
                if c.startswith("csrftoken=")
            ),
            "",
        )
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
        response, payload = harness.request(
            port,
            "POST",
            f"/pengaduan/lapor/?wilayah={REGION}",
            body,
            {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
        )
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
    return harness.poster(
        port, "/open311/v2/requests.json", body, "application/x-www-form-urlencoded", 200
    )


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
    args = harness.http_bench_arguments(
        __doc__, requests=1000, requests_env="BENCH_INTAKE_REQUESTS"
    )
    with harness.scratch(args.pg) as site:
        key = set_up(site)
        redis_url = "" if args.no_redis else harness.start_redis(site)
        env = harness.production_env(site, redis_url, **dict.fromkeys(RATES, UNLIMITED))
        port, _gunicorn = harness.start_gunicorn(
            site,
            env,
            workers=args.workers,
            ready_path=f"/open311/v2/services.json?jurisdiction_id={REGION}",
            collectstatic=True,  # the pages' static files, hashed, as in production
        )
        doors = [
            ("web form (GET + POST)", "web", lambda: web_form_worker(port)),
            ("REST API POST (JSON)", "api", lambda: web_api_worker(port)),
            ("Open311 POST (form)", "open311", lambda: open311_worker(port, key)),
        ]
        results, accepted = [], {}
        for label, channel, make_worker in doors:
            result, accepted[channel] = harness.warm_then_run(args, label, make_worker)
            results.append(result)
        counts = stored(site.db_url)

        tasks = "Redis (scratch redis-server)" if redis_url else "Huey SQLite file queue"
        print(
            f"complaint_intake: {args.requests} reports per door, {args.clients} concurrent clients, "
            f"gunicorn {args.workers} sync workers, {harness.machine(site)}; "
            f"task queue and cache: {tasks}"
        )
        harness.print_results("reports", results, 24)
        verdict = "ok" if counts == accepted else "WRONG"
        print(f"stored by channel: {verdict}: {counts} (accepted: {accepted})")
        harness.print_errors(results)
        ok = all(not r.errors for r in results) and counts == accepted
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
