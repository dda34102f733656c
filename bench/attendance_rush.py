"""Morning rush: 10,000 officials checking in within 30 minutes, replayed over HTTP against gunicorn and
PostgreSQL: check-ins per second, latency percentiles, nothing lost or doubled.

    DJANGO_SETTINGS_MODULE=tanggap.config.testing .venv/bin/python bench/attendance_rush.py
        [--officials 10000] [--speed 12 | --flat-out] [--clients N] [--workers 4]
        [--endpoint page|api] [--duplicates 0.02] [--typed 0.2] [--json]      (or: make bench)

It creates a scratch database on the local PostgreSQL (only 127.0.0.1/localhost is accepted), migrates it,
and creates one region with 50 units, an office location with a geofence per unit, and the officials,
each with an account and a signed-in session (written straight into the session table with the secret
key gunicorn is given, with a CSRF secret: no password hashing and no sign-in requests in the timed part).
Then a scratch redis-server (cache and task queue, as in production) and gunicorn with the production
settings (DEBUG off, static files collected, every scoped rate limit raised).

The replay: each official's arrival in 07:05-07:35, most between 07:15 and 07:35 (85% around 07:24,
sd 5 min, the rest spread evenly), compressed `--speed` times (the default 12 puts the 30 minutes in
150 seconds); `--clients` threads (default 64) send each check-in at its time, as the phone does: the
office's QR token (scanned) or its six-character code (typed, `--typed` of them) for the current
30-second window, computed with the same secret key. `--duplicates` of the officials tap twice (the same
code, 0.2 s apart): the second must be refused. `--flat-out` sends everything as fast as `--clients`
threads (default 8) can. `--endpoint page` posts the Kerja Saya form (`POST /kerja/presensi/`, success is
the 302 back to the page); `--endpoint api` posts JSON to `POST /api/attendance/check-ins/`.

Afterwards, in SQL: every official whose check-in was acknowledged has exactly one check-in (nothing
lost), nobody has two (nothing doubled), and each duplicate tap was refused as a replay. It prints the
rate, latency percentiles (time from sending, and from the scheduled arrival, i.e. with the wait for a
free client), the answers by status and those checks; `--json` prints them as JSON. Exit status 1 when a
check-in failed, was lost or doubled. Gunicorn and redis are stopped and the database dropped at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import secrets
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import harness

UNITS = 50
WINDOW_S = 30 * 60  # 07:05-07:35
PEAK_S, PEAK_SD_S, PEAK_SHARE = 19 * 60, 5 * 60, 0.85  # around 07:24
DUPLICATE_GAP_S = 0.2
PAGE_PATH, API_PATH = "/kerja/presensi/", "/api/attendance/check-ins/"
NOT_SENT = "not sent: --max-seconds reached"
REPLAYED = (b"sudah Anda pakai", b"qr_replayed")


# --- the schedule (pure) ---------------------------------------------------------------------------------


def arrival_schedule(count: int, *, seed: int = 11) -> list[float]:
    """Seconds after 07:05 of `count` arrivals within 30 minutes, sorted: PEAK_SHARE of them normal
    around 07:24 (sd 5 min, redrawn when outside the window), the rest uniform."""
    rng = random.Random(seed)
    times: list[float] = []
    while len(times) < count:
        t = rng.gauss(PEAK_S, PEAK_SD_S) if rng.random() < PEAK_SHARE else rng.uniform(0, WINDOW_S)
        if 0 <= t < WINDOW_S:
            times.append(t)
    return sorted(times)


@dataclass(frozen=True)
class Job:
    at: float  # seconds after the start of the replay
    official: int  # index into the credentials
    duplicate: bool


def jobs_of(arrivals: list[float], *, speed: float | None, duplicates: float, seed: int = 11):
    """The requests in order of their time: one per arrival (compressed by `speed`; None: all at 0,
    flat out) and a second tap DUPLICATE_GAP_S later for a `duplicates` share of the officials."""
    rng = random.Random(seed + 1)
    jobs = []
    for official, t in enumerate(arrivals):
        at = 0.0 if speed is None else t / speed
        jobs.append(Job(at, official, False))
        if rng.random() < duplicates:
            jobs.append(Job(at if speed is None else at + DUPLICATE_GAP_S, official, True))
    return sorted(jobs, key=lambda j: j.at)  # stable: a duplicate stays after its original


def percentiles(values: list[float]) -> dict[str, float]:
    """p50/p90/p99/max in milliseconds (0 for none)."""
    if not values:
        return {"p50": 0.0, "p90": 0.0, "p99": 0.0, "max": 0.0}
    return {
        "p50": harness.percentile(values, 0.5) * 1000,
        "p90": harness.percentile(values, 0.9) * 1000,
        "p99": harness.percentile(values, 0.99) * 1000,
        "max": max(values) * 1000,
    }


# --- the data ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Credential:
    official_id: int
    location_id: int
    session: str
    csrf: str


def create_officials(count: int) -> tuple[int, list[Credential]]:
    """The region, its units, office locations, officials, accounts and sessions: (region id, credentials)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from tanggap.accounts.models import User
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
        OfficeLocation(
            unit=u,
            name=f"Kantor {u.name}",
            latitude=f"{-8.1 + i / 1000:.6f}",
            longitude="112.160000",
            radius_m=100,
        )
        for i, u in enumerate(units)
    )
    unusable = make_password(None)  # no hashing per account; nobody signs in with a password here
    users = User.objects.bulk_create(
        (User(username=f"asn{i:05d}", full_name=f"Pegawai {i:05d}", password=unusable) for i in range(count)),
        batch_size=2000,
    )  # fmt: skip
    officials = Official.objects.bulk_create(
        (
            Official(
                region=region,
                unit=units[i % UNITS],
                user=users[i],
                nip=str(198001012005010000 + i),
                name=f"Pegawai {i:05d}",
                sex="L",
                birth_date=dt.date(1980, 1, 1),
                appointed_on=dt.date(2005, 1, 1),
                rank="III/c",
                position_title="Pengadministrasi Umum",
                position_started_on=dt.date(2022, 1, 3),
            )
            for i in range(count)
        ),
        batch_size=2000,
    )
    backend = "django.contrib.auth.backends.ModelBackend"
    assert backend in settings.AUTHENTICATION_BACKENDS
    store, expires = SessionStore(), timezone.now() + dt.timedelta(days=1)
    sessions, credentials = [], []
    for i, (user, official) in enumerate(zip(users, officials, strict=True)):
        key = secrets.token_hex(16)
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: backend,
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        sessions.append(
            Session(session_key=key, session_data=store.encode(data), expire_date=expires)
        )
        location = locations[i % UNITS].pk
        credentials.append(Credential(official.pk, location, key, secrets.token_hex(16)))
    Session.objects.bulk_create(sessions, batch_size=2000)
    return region.pk, credentials


# --- the phone --------------------------------------------------------------------------------------------


class Phones:
    """What the officials' phones send: the current window's token or code, the same one for a second tap."""

    def __init__(self, port: int, credentials: list[Credential], endpoint: str, typed: float):
        from django.conf import settings
        from django.urls import reverse

        self.done_path = reverse("attendance:mine")  # a check-in on the page redirects back to it
        self.port, self.credentials, self.endpoint = port, credentials, endpoint
        rng = random.Random(7)
        self.typed = [rng.random() < typed for _ in credentials]
        self.cookie_names = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
        self.lock = threading.Lock()
        # (location, window) → (token, code)
        self.shown: dict[tuple[int, int], tuple[str, str]] = {}
        self.used: dict[int, str] = {}  # official → what their first tap sent

    def _on_screen(self, location_id: int) -> tuple[str, str]:
        from django.utils import timezone

        from tanggap.attendance.models import OfficeLocation
        from tanggap.attendance.qrtoken import qr_code, qr_token, window_of

        now = timezone.now()
        key = (location_id, window_of(now))
        if key not in self.shown:
            place = OfficeLocation(pk=location_id)
            self.shown[key] = (qr_token(place, now), qr_code(place, now))
        return self.shown[key]

    def request(self, job: Job) -> tuple[int, bytes, str]:
        cred = self.credentials[job.official]
        with self.lock:  # a second tap sends what the first sent
            if job.official not in self.used:
                token, code = self._on_screen(cred.location_id)
                self.used[job.official] = code if self.typed[job.official] else token
            value = self.used[job.official]
        session_cookie, csrf_cookie = self.cookie_names
        headers = {
            "Cookie": f"{session_cookie}={cred.session}; {csrf_cookie}={cred.csrf}",
            "User-Agent": "Mozilla/5.0 (Linux; Android 12) bench-rush",
        }
        if self.endpoint == "page":
            body = urlencode(
                {"csrfmiddlewaretoken": cred.csrf, "kind": "in", "method": "qr", "code": value}
            ).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            path = PAGE_PATH
        else:
            payload = {"kind": "in", "method": "qr"}
            if len(value) == 6:  # typed: the code and the location the official chose
                payload.update(code=value, location=cred.location_id)
            else:
                payload["token"] = value
            body = json.dumps(payload).encode()
            headers.update({"Content-Type": "application/json", "Accept": "application/json"})
            headers["X-CSRFToken"] = cred.csrf
            path = API_PATH
        response, answer = harness.request(self.port, "POST", path, body, headers)
        return response.status, answer, response.getheader("Location") or ""

    def accepted(self, status: int, location: str) -> bool:
        if self.endpoint == "page":
            return status == 302 and urlsplit(location).path == self.done_path
        return 200 <= status < 300


@dataclass
class Record:
    status: int = 0  # 0: no answer (connection error or timeout)
    accepted: bool = False
    replay_refused: bool = False
    latency: float = 0.0  # from sending to the answer
    waited: float = 0.0  # from the scheduled arrival to the answer
    error: str = ""


def replay(
    phones: Phones, jobs: list[Job], clients: int, max_seconds: float
) -> tuple[list[Record], float]:
    """`clients` threads send the jobs at their times (as soon as a thread is free when late); what is
    not sent within `max_seconds` is left unsent (status 0, error NOT_SENT)."""
    records = [Record() for _ in jobs]
    lock, position = threading.Lock(), [0]
    start = time.perf_counter() + 0.5
    deadline = start + max_seconds

    def run():
        while True:
            with lock:
                i = position[0]
                position[0] += 1
            if i >= len(jobs):
                return
            job, record = jobs[i], records[i]
            delay = start + job.at - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            sent = time.perf_counter()
            if sent > deadline:
                record.error = NOT_SENT
                continue
            try:
                record.status, answer, location = phones.request(job)
                record.accepted = phones.accepted(record.status, location)
                record.replay_refused = record.status == 400 and any(m in answer for m in REPLAYED)
                if not record.accepted and not record.replay_refused:
                    record.error = f"HTTP {record.status}: {answer[:160]!r}"
            except Exception as exc:  # noqa: BLE001 - counted and shown, the run goes on
                record.error = f"{type(exc).__name__}: {exc}"
            done = time.perf_counter()
            record.latency, record.waited = done - sent, done - (start + job.at)

    threads = [threading.Thread(target=run, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return records, time.perf_counter() - start


# --- the checks ---------------------------------------------------------------------------------------------


def refused_pairs(jobs: list[Job], records: list[Record]) -> int:
    """Officials who tapped twice with one tap accepted and the other refused as a replay (either may
    reach the server first)."""
    taps: dict[int, list[Record]] = {}
    for job, record in zip(jobs, records, strict=True):
        taps.setdefault(job.official, []).append(record)
    return sum(
        1
        for pair in taps.values()
        if len(pair) == 2
        and sum(r.accepted for r in pair) == 1
        and sum(r.replay_refused for r in pair) == 1
    )


def verify(region_id: int, credentials, jobs, records) -> dict:
    """Compare the answers with the check-ins in the database."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT o.id, count(e.id) FILTER (WHERE e.kind = 'in')
            FROM org_official o LEFT JOIN attendance_attendanceevent e ON e.official_id = o.id
            WHERE o.region_id = %s GROUP BY o.id
            """,
            [region_id],
        )
        stored = dict(cursor.fetchall())
    acknowledged: Counter[int] = Counter()
    for job, record in zip(jobs, records, strict=True):
        acknowledged[job.official] += record.accepted
    firsts = [
        r for j, r in zip(jobs, records, strict=True) if not j.duplicate and r.error != NOT_SENT
    ]
    seconds = [r for j, r in zip(jobs, records, strict=True) if j.duplicate and r.error != NOT_SENT]
    ids = [c.official_id for c in credentials]
    return {
        "check_ins_stored": sum(stored.values()),
        "lost": sum(1 for i, pk in enumerate(ids) if acknowledged[i] and not stored.get(pk)),
        "doubled": sum(1 for pk in ids if stored.get(pk, 0) > 1),
        "acknowledged_twice": sum(1 for n in acknowledged.values() if n > 1),
        "stored_unacknowledged": sum(1 for i, pk in enumerate(ids) if stored.get(pk) and not acknowledged[i]),
        "first_taps_failed": sum(1 for r in firsts if not r.accepted and not r.replay_refused),
        "not_sent": sum(1 for r in records if r.error == NOT_SENT),
        "duplicate_taps": len(seconds),
        "duplicates_refused": refused_pairs(jobs, records),
    }  # fmt: skip


def summary(args, site, jobs, records, elapsed, checks) -> dict:
    sent = [r for r in records if r.error != NOT_SENT]
    statuses = Counter(str(r.status or "no answer") for r in sent)
    accepted = sum(r.accepted for r in records)
    errors = Counter(r.error for r in records if r.error)
    return {
        "endpoint": args.endpoint,
        "mode": "flat-out" if args.flat_out else f"replay x{args.speed:g}",
        "officials": args.officials,
        "requests": len(jobs),
        "clients": args.clients,
        "workers": args.workers,
        "seconds": round(elapsed, 2),
        "requests_per_s": round(len(sent) / elapsed, 1),
        "check_ins_per_s": round(accepted / elapsed, 1),
        "latency_ms": {k: round(v, 1) for k, v in percentiles([r.latency for r in sent]).items()},
        "from_arrival_ms": {k: round(v, 1) for k, v in percentiles([r.waited for r in sent]).items()},
        "statuses": dict(sorted(statuses.items())),
        "checks": checks,
        "errors": dict(errors.most_common(5)),
        "machine": harness.machine(site),
    }  # fmt: skip


def report(result: dict) -> None:
    r, c = result, result["checks"]
    print(
        f"attendance_rush: {r['officials']} officials, {r['requests']} requests, {r['mode']}, "
        f"{r['endpoint']} endpoint, {r['clients']} clients, gunicorn {r['workers']} sync workers; "
        f"{r['machine']}"
    )
    print(
        f"{r['seconds']:.1f} s: {r['check_ins_per_s']} check-ins/s ({r['requests_per_s']} requests/s)"
    )
    for label, key in (("from sending", "latency_ms"), ("from arrival", "from_arrival_ms")):
        p = r[key]
        print(
            f"  {label:13} p50 {p['p50']:8.1f} ms  p90 {p['p90']:8.1f}  p99 {p['p99']:8.1f}  "
            f"max {p['max']:8.1f}"
        )
    print("  answers: " + ", ".join(f"{k}: {v}" for k, v in r["statuses"].items()))
    print(
        f"  stored {c['check_ins_stored']} check-ins; lost {c['lost']}, doubled {c['doubled']}, "
        f"acknowledged twice {c['acknowledged_twice']}, stored unacknowledged "
        f"{c['stored_unacknowledged']}, first taps failed {c['first_taps_failed']}; duplicate taps "
        f"{c['duplicate_taps']}, refused {c['duplicates_refused']}; not sent {c['not_sent']}"
    )
    for error, n in r["errors"].items():
        print(f"  {n} × {error}")


# --- the run ------------------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--officials", type=int, default=harness.env_int("BENCH_OFFICIALS", 10_000))
    parser.add_argument(
        "--speed", type=float, default=12.0, help="time compression of the 30 minutes"
    )
    parser.add_argument("--flat-out", action="store_true", help="send as fast as the clients can")
    parser.add_argument("--clients", type=int, help="client threads (replay 64, flat out 8)")
    parser.add_argument("--workers", type=int, default=harness.env_int("BENCH_WORKERS", 4))
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=600,
        help="stop sending after this long (what is left is reported as not sent)",
    )
    parser.add_argument("--endpoint", choices=["page", "api"], default="page")
    parser.add_argument("--duplicates", type=float, default=0.02, help="share tapping twice")
    parser.add_argument("--typed", type=float, default=0.2, help="share typing the code")
    parser.add_argument(
        "--collectstatic",
        action="store_true",
        help="collect the static files with hashed names first, as in production (a few minutes)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    harness.add_pg_option(parser)
    args = parser.parse_args()
    args.clients = args.clients or (8 if args.flat_out else 64)
    if not 1 <= args.officials <= 100_000 or args.officials < UNITS:
        parser.error(f"--officials must be between {UNITS} and 100000")
    if args.speed < 1 or args.clients < 1 or args.workers < 1 or not 0 < args.max_seconds <= 3600:
        parser.error("need --speed >= 1, --clients >= 1, --workers >= 1, 0 < --max-seconds <= 3600")
    if not (0 <= args.duplicates <= 1 and 0 <= args.typed <= 1):
        parser.error("--duplicates and --typed are shares between 0 and 1")
    harness.check_pg_option(parser, args)
    return args


def run(args, site) -> int:
    key = secrets.token_urlsafe(48)  # one secret key for the sessions, the QR codes and gunicorn
    harness.set_up_django(site, DJANGO_SECRET_KEY=key)
    from django.db import connections

    from tanggap.core.rates import SCOPES

    started = time.perf_counter()
    region_id, credentials = create_officials(args.officials)
    arrivals = arrival_schedule(args.officials)
    jobs = jobs_of(
        arrivals, speed=None if args.flat_out else args.speed, duplicates=args.duplicates
    )
    connections.close_all()
    rates = {name: "1000000/minute" for name, _default in SCOPES.values()}
    env = harness.production_env(
        site, harness.start_redis(site), API_ANON_RATE="1000000/minute",
        API_USER_RATE="1000000/minute", **rates,
    )  # fmt: skip
    env["DJANGO_SECRET_KEY"] = key
    if not args.collectstatic:
        # Only a refusal renders a page: its stylesheet links need no hashed names.
        env["TANGGAP_STATIC_FROM_SOURCE"] = "1"
    built = time.perf_counter()
    port, _gunicorn = harness.start_gunicorn(
        site, env, workers=args.workers, ready_path="/", collectstatic=args.collectstatic
    )
    peak = sum(1 for t in arrivals if 10 * 60 <= t < WINDOW_S) / len(arrivals)
    if not args.json:
        print(
            f"set up in {built - started:.0f} s + gunicorn {time.perf_counter() - built:.0f} s; {peak:.0%} of arrivals between "
            f"07:15 and 07:35",
            flush=True,
        )
    phones = Phones(port, credentials, args.endpoint, args.typed)
    records, elapsed = replay(phones, jobs, args.clients, args.max_seconds)
    checks = verify(region_id, credentials, jobs, records)
    result = summary(args, site, jobs, records, elapsed, checks)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        report(result)
    bad = (
        checks["lost"]
        or checks["doubled"]
        or checks["acknowledged_twice"]
        or checks["first_taps_failed"]
    )
    return 1 if bad else 0


def main() -> int:
    args = parse_args()
    try:
        with harness.scratch(args.pg, prefix="tanggap_bench_rush") as site:
            return run(args, site)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tanggap.config.testing")
    sys.exit(main())
