"""What the benchmark scripts share: a scratch PostgreSQL database, Django set up on it, a scratch
redis-server, gunicorn with the production settings, client threads sharing a number of requests, and
their rate and percentiles. Not a benchmark itself (`make bench` skips it).

Importing it puts the project root on sys.path, so a script run as `python bench/x.py` can import
`harness` (its own folder) and then `tanggap`.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/postgres"
# A client thread's job: (do_one, close); do_one raises on a failed request.
Worker = tuple[Callable[[], None], Callable[[], None]]


# --- arguments ---------------------------------------------------------------------------------------


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def add_pg_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pg",
        default=os.environ.get("BENCH_PG_URL", DEFAULT_PG),
        help="a maintenance database URL on the local PostgreSQL",
    )


def check_pg_option(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if urlsplit(args.pg).hostname not in LOCAL_HOSTS:
        parser.error("the benchmark only touches a PostgreSQL on 127.0.0.1")


def http_bench_arguments(doc: str, *, requests: int, requests_env: str) -> argparse.Namespace:
    """The options of a gunicorn benchmark: --clients, --requests, --workers, --no-redis, --pg."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--clients", type=int, default=env_int("BENCH_CLIENTS", 8))
    parser.add_argument("--requests", type=int, default=env_int(requests_env, requests))
    parser.add_argument("--workers", type=int, default=env_int("BENCH_WORKERS", 4))
    parser.add_argument(
        "--no-redis",
        action="store_true",
        help="keep Huey's SQLite file queue and the local-memory cache even when redis is installed",
    )
    add_pg_option(parser)
    args = parser.parse_args()
    if args.clients < 1 or args.requests < args.clients or args.workers < 1:
        parser.error("need clients >= 1, workers >= 1 and requests >= clients")
    check_pg_option(parser, args)
    return args


# --- scratch database, Django, processes ---------------------------------------------------------------


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Scratch:
    """A scratch database and folder; processes started under it are stopped before the drop."""

    db_url: str
    var_dir: Path
    server_version: int
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def pg_version(self) -> str:
        return f"{self.server_version // 10000}.{self.server_version % 10000}"

    def track(self, process: subprocess.Popen) -> subprocess.Popen:
        self.processes.append(process)
        return process


@contextlib.contextmanager
def scratch(admin_url: str, prefix: str = "tanggap_bench") -> Iterator[Scratch]:
    """Create `<prefix>_<pid>_<hex>` on the local PostgreSQL and a temporary folder; at the end, also on
    error, Ctrl-C or SIGTERM, stop the tracked processes, drop the database (WITH FORCE) and remove the
    folder."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the clean-up below
    name = f"{prefix}_{os.getpid()}_{secrets.token_hex(3)}"
    var_dir = Path(tempfile.mkdtemp(prefix="tanggap-bench-"))
    created = False
    site = None
    try:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
            created = True
            version = admin.info.server_version
        site = Scratch(with_database(admin_url, name), var_dir, version)
        yield site
    finally:
        for process in reversed(site.processes if site else []):
            stop(process)
        with contextlib.suppress(Exception):  # Django may not be set up yet
            from django.db import connections

            connections.close_all()
        if created:
            with psycopg.connect(admin_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(var_dir, ignore_errors=True)


def set_up_django(site: Scratch, **environ: str) -> None:
    """Django on the scratch database (the test settings unless DJANGO_SETTINGS_MODULE says otherwise),
    migrated."""
    os.environ["DATABASE_URL"] = site.db_url
    os.environ["TANGGAP_VAR_DIR"] = str(site.var_dir)
    os.environ.update(environ)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tanggap.config.testing")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)  # gunicorn's master stops its workers
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def start_redis(site: Scratch) -> str:
    """A scratch redis-server on 127.0.0.1 for Huey and the cache, as in production; its URL, or ""
    when redis-server is not installed."""
    binary = shutil.which("redis-server")
    if binary is None:
        return ""
    port = free_port()
    command = [
        binary,
        "--bind",
        "127.0.0.1",
        "--port",
        str(port),
        "--save",
        "",
        "--appendonly",
        "no",
    ]
    site.track(
        subprocess.Popen(
            [*command, "--dir", str(site.var_dir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    )
    import redis

    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            redis.Redis.from_url(url).ping()
            return url
        except redis.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError("redis-server did not start")


def production_env(site: Scratch, redis_url: str, **environ: str) -> dict[str, str]:
    """The environment of a production process on the scratch database: tanggap.config.settings, a
    random secret key, plain HTTP on 127.0.0.1, plus `environ` (the benchmark's rate limits)."""
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
        DATABASE_URL=site.db_url,
        TANGGAP_VAR_DIR=str(site.var_dir),
        REDIS_URL=redis_url,
        **environ,
    )
    return env


def start_gunicorn(
    site: Scratch,
    env: dict[str, str],
    *,
    workers: int,
    ready_path: str,
    collectstatic: bool = False,
) -> tuple[int, subprocess.Popen]:
    """gunicorn (tanggap.config.wsgi, sync workers) on a free 127.0.0.1 port, once GET `ready_path`
    answers 200: (port, process). With `collectstatic`, the static files are collected first (hashed names),
    as in production."""
    if collectstatic:
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT, env=env, check=True,
        )  # fmt: skip
    port = free_port()
    log_path = site.var_dir / "gunicorn.log"
    command = [
        sys.executable, "-m", "gunicorn", "tanggap.config.wsgi",
        "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
        "--log-level", "warning", "--timeout", "60",
    ]  # fmt: skip
    with log_path.open("wb") as log:
        process = site.track(
            subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited:\n" + log_path.read_text(errors="replace")[-3000:])
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", ready_path)
            if conn.getresponse().status == 200:
                return port, process
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within a minute")


def stop_tracked(site: Scratch, process: subprocess.Popen) -> None:
    stop(process)
    site.processes.remove(process)


# --- clients and figures -------------------------------------------------------------------------------


def request(port: int, method: str, path: str, body: bytes | None = None, headers=None):
    """One request on a new connection (gunicorn's sync workers close each one, as behind a proxy):
    (response, payload)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response, response.read()
    finally:
        conn.close()


def poster(port: int, path: str, body: bytes, content_type: str, expected: int) -> Worker:
    """A worker posting the same body again and again; a status other than `expected` is an error."""
    headers = {"Content-Type": content_type, "Accept": "application/json"}

    def do_one():
        response, payload = request(port, "POST", path, body, headers)
        if response.status != expected:
            raise RuntimeError(f"HTTP {response.status}: {payload[:200]!r}")

    return do_one, lambda: None


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


@dataclass
class Result:
    label: str
    latencies: list[float]
    elapsed: float
    errors: list[str]

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.elapsed

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p99(self) -> float:
        return percentile(self.latencies, 0.99) * 1000


def run_threads(label: str, clients: int, total: int, make_worker: Callable[[], Worker]) -> Result:
    """`clients` threads share `total` jobs; each thread's `make_worker()` returns (do_one, close).
    The clock starts when every thread is ready."""
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


def warm_then_run(args, label: str, make_worker: Callable[[], Worker]) -> tuple[Result, int]:
    """A warm-up of 4 × workers jobs, then `args.requests` timed jobs on `args.clients` threads: the
    timed result and how many jobs of both succeeded."""
    warm = 4 * args.workers
    warm_up = run_threads("warm-up", args.clients, warm, make_worker)
    result = run_threads(label, args.clients, args.requests, make_worker)
    for error in sorted(set(warm_up.errors))[:3]:
        print(f"  {label} warm-up error: {error}", file=sys.stderr)
    return result, warm + args.requests - len(warm_up.errors) - len(result.errors)


def machine(site: Scratch) -> str:
    return (
        f"PostgreSQL {site.pg_version}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )


def print_results(unit: str, results: list[Result], width: int) -> None:
    """The table of rate, p50, p99 and errors, then the first distinct errors of each run."""
    print(f"{'':{width}}{unit + '/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for r in results:
        print(f"{r.label:{width}}{r.rate:10.1f}{r.p50:9.2f}{r.p99:9.2f}{len(r.errors):8d}")


def print_errors(results: list[Result]) -> None:
    for r in results:
        for error in sorted(set(r.errors))[:5]:
            print(f"  {r.label} error: {error}")
