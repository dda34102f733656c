"""Four citizen pages on a slow 3G line: time to the load event and bytes on the wire, first visit (empty
browser cache) and repeat visit (same browser, second navigation).

    DJANGO_SETTINGS_MODULE=tanggap.config.testing .venv/bin/python bench/pages_3g.py
        [--server gunicorn|runserver] [--runs 1]        (or: make bench)

It creates a scratch database on the local PostgreSQL (BENCH_PG_URL, default
postgres://postgres@127.0.0.1:5432/postgres; only 127.0.0.1/localhost is accepted), loads the demo, books
one ticket at Kantor Kecamatan Kanigoro's KTP-el queue, starts a scratch redis-server (the cache, as in
production), collects the static files and starts either
gunicorn with the production settings (`--server gunicorn`, the default) or what `make run` starts
(`--server runserver`: DJANGO_DEBUG=1, runserver). Headless Chromium then opens each page under DevTools
network emulation: 400 kbit/s down and up, 2 s latency per request, cache on (e2e/net3g.py, shared with
the budget test e2e/test_3g_budget.py). Load times are the navigation's loadEventStart; bytes are the sum of
Chromium's encodedDataLength (headers included) of the requests that went to the network. With --runs N
each figure is the median of N browser profiles. The server is stopped and the database dropped at the end.
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import statistics
import subprocess
import sys
import time

import harness

from e2e.conftest import CHROMIUM, CHROMIUM_ARGS, LOCATION, SERVICE
from e2e.net3g import after, book_a_ticket, first_and_repeat


def set_up(site) -> dict[str, str]:
    """The demo on the scratch database and one booked ticket: the pages to open, by label."""
    harness.set_up_django(site)
    from django.core.management import call_command
    from django.db import connections

    from tanggap.queueing.models import QueueService

    call_command("load_demo", verbosity=0)
    queue_service = QueueService.objects.select_related("location").get(
        location__region__slug=LOCATION[0],
        location__slug=LOCATION[1],
        service__slug=SERVICE,
    )
    ticket = book_a_ticket(queue_service)
    connections.close_all()  # the server brings its own connections
    return {
        "home": "/",
        "service": f"/layanan/{LOCATION[0]}/{SERVICE}/",
        "booking step": f"/antrean/pesan/{queue_service.pk}/",
        "ticket": f"/antrean/tiket/{ticket.code}/",
        "queue locations": "/antrean/",
        "complaints": "/pengaduan/",
    }


def start_runserver(site, env: dict[str, str]) -> int:
    """What `make run` serves: DJANGO_DEBUG=1, the static files collected, Django's runserver."""
    env = {**env, "DJANGO_DEBUG": "1"}
    manage = [sys.executable, "manage.py"]
    subprocess.run(
        [*manage, "collectstatic", "--noinput", "-v", "0"], cwd=harness.ROOT, env=env, check=True
    )
    port = harness.free_port()
    log = (site.var_dir / "runserver.log").open("wb")
    process = site.track(
        subprocess.Popen(
            [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=harness.ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("runserver exited; see " + str(site.var_dir / "runserver.log"))
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/")
            if conn.getresponse().status == 200:
                return port
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("runserver did not answer within a minute")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", choices=["gunicorn", "runserver"], default="gunicorn")
    parser.add_argument("--runs", type=int, default=harness.env_int("BENCH_RUNS", 1))
    parser.add_argument("--verbose", action="store_true", help="list each visit's requests")
    harness.add_pg_option(parser)
    args = parser.parse_args()
    harness.check_pg_option(parser, args)
    if args.runs < 1:
        parser.error("--runs must be 1 or more")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in this thread

    with harness.scratch(args.pg, prefix="tanggap_bench_3g") as site:
        pages = set_up(site)
        # Redis for the cache, as in production (the ticket page's per-client limit counts in it).
        env = harness.production_env(
            site, harness.start_redis(site), CODE_LOOKUP_RATE="1000/minute"
        )
        if args.server == "gunicorn":
            port, _ = harness.start_gunicorn(
                site, env, workers=2, ready_path="/", collectstatic=True
            )
        else:
            port = start_runserver(site, env)
        base = f"http://127.0.0.1:{port}"
        from playwright.sync_api import sync_playwright

        rows = []
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for label, path in pages.items():
                runs = [
                    (
                        *first_and_repeat(browser, base + path),
                        after(browser, base + "/", base + path),
                    )
                    for _ in range(args.runs)
                ]
                if args.verbose:
                    for first, repeat, later in runs:
                        print(f"  first  {first.describe()}\n  repeat {repeat.describe()}")
                        print(f"  after home {later.describe()}")
                rows.append((label, path, runs))
            browser.close()

    print(
        f"pages_3g: {args.server}, 400 kbit/s down/up, 2000 ms latency, median of {args.runs} "
        f"run(s); Python {platform.python_version()}, {os.cpu_count()} CPUs"
    )
    print(f"{'':16}{'first visit':>20}{'repeat visit':>20}{'after the home page':>22}")
    print(f"{'page':16}" + f"{'s':>7}{'KB':>7}{'req':>6}" * 3)
    for label, _path, runs in rows:
        line = f"{label:16}"
        for column in range(3):
            visits = [run[column] for run in runs]
            seconds = statistics.median(v.load_ms for v in visits) / 1000
            kilobytes = statistics.median(v.bytes for v in visits) / 1000
            requests = statistics.median(len(v.fetched) for v in visits)
            line += f"{seconds:7.2f}{kilobytes:7.1f}{requests:6.0f}"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
