"""`make fuzz`: Schemathesis over the whole OpenAPI, against gunicorn serving the demo on PostgreSQL.

Two runs, one anonymous and one as the demo's region administrator of Kabupaten Blitar (HTTP Basic, which
the API accepts), each with a bounded number of generated cases per operation and a fixed seed, checking
that no response is a server error and that every response matches the schema. Throttles are raised for
the run: what is fuzzed is the code behind them (the limits themselves have their own tests).

The database: DATABASE_URL when it names PostgreSQL, else a scratch database on 127.0.0.1:5432 that is
dropped afterwards. Redis: REDIS_URL when set. The figures (operations, requests, failures per run) are
printed at the end and written to var/fuzz/summary.json; exit status 1 when a run found a failure.

Options (environment): FUZZ_MAX_EXAMPLES (default 20 per operation), FUZZ_SEED (default 20261207),
FUZZ_WORKERS (default 1: two workers once met a race inside Schemathesis' own generator), FUZZ_MAX_TIME
(seconds per run, default unset).
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
OUT = ROOT / "var" / "fuzz"
STAFF = ("admin.blitar", "tanggap-demo-2026")
CHECKS = "not_a_server_error,response_schema_conformance"
# Scoped limits raised so that the fuzzer reaches the views (tanggap/core/rates.py names them).
RATE_VARIABLES = [
    "API_QUEUE_PUBLIC_RATE",
    "API_QUEUE_BOOKING_RATE",
    "API_QUEUE_KIOSK_RATE",
    "API_COMPLAINT_RATE",
    "API_COMPLAINTS_PUBLIC_RATE",
    "API_COMPLAINTS_FILING_RATE",
    "API_COMPLAINTS_REPORTER_RATE",
    "API_OPEN311_READ_RATE",
    "API_OPEN311_WRITE_RATE",
    "API_SURVEY_RATE",
    "CODE_LOOKUP_RATE",
]


def log(message: str) -> None:
    print(f"[fuzz {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment() -> tuple[dict[str, str], str | None]:
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "tanggap.config.testing"
    env["PYTHONPATH"] = str(ROOT)
    env.pop("HUEY_IMMEDIATE", None)
    for name in RATE_VARIABLES:
        env[name] = "1000000/minute"
    scratch = None
    if not env.get("DATABASE_URL", "").startswith("postgres"):
        scratch = f"tanggap_fuzz_{os.getpid()}"
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{scratch}"
    return env, scratch


def run(command: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, env=env, cwd=ROOT, check=True, **kwargs)


def wait_for(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped with exit code {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def fuzz(name: str, schema_url: str, auth: tuple[str, str] | None, env: dict[str, str]) -> dict:
    report_dir = OUT / name
    report_dir.mkdir(parents=True, exist_ok=True)
    command = [
        str(BIN / "schemathesis"),
        "run",
        schema_url,
        "--checks",
        CHECKS,
        "--max-examples",
        env.get("FUZZ_MAX_EXAMPLES", "20"),
        "--seed",
        env.get("FUZZ_SEED", "20261207"),
        "--workers",
        env.get("FUZZ_WORKERS", "1"),
        "--phases",
        "examples,coverage,fuzzing",
        "--request-timeout",
        "60",
        "--suppress-health-check",
        "all",
        "--warnings",
        "off",
        "--report",
        "junit",
        "--report-junit-path",
        str(report_dir / "junit.xml"),
    ]
    if env.get("FUZZ_MAX_TIME"):
        command += ["--max-time", env["FUZZ_MAX_TIME"]]
    if auth:
        command += ["--auth", f"{auth[0]}:{auth[1]}"]
    log(
        f"{name}: {' '.join(c if c != f'{STAFF[0]}:{STAFF[1]}' else '<staff>' for c in command[2:])}"
    )
    started = time.monotonic()
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    generated = None
    for line in process.stdout:
        print(line, end="", flush=True)
        found = re.search(r"(\d+) generated", line)
        if found:
            generated = int(found.group(1))
    process.wait()
    figures = junit_figures(report_dir / "junit.xml")
    figures.update(
        {
            "run": name,
            "exit_code": process.returncode,
            "cases": generated,
            "seconds": round(time.monotonic() - started),
        }
    )
    return figures


def junit_figures(path: Path) -> dict:
    """Operations and failing operations from the JUnit report (one test case per operation)."""
    import xml.etree.ElementTree as ET

    if not path.exists():
        return {"operations": None, "failed_operations": None}
    root = ET.parse(path).getroot()
    cases = root.iter("testcase")
    operations = failed = errors = skipped = 0
    for case in cases:
        operations += 1
        failed += case.find("failure") is not None
        errors += case.find("error") is not None
        skipped += case.find("skipped") is not None
    return {
        "operations": operations,
        "failed_operations": failed,
        "errored_operations": errors,
        "skipped_operations": skipped,
    }


def requests_served(log_path: Path) -> dict[str, int]:
    """Requests gunicorn answered, by status class, from its access log."""
    counts: dict[str, int] = {}
    if log_path.exists():
        for line in log_path.read_text(errors="replace").splitlines():
            parts = line.split(" ")
            if len(parts) > 1 and parts[-1].isdigit():
                key = parts[-1][0] + "xx"
                counts[key] = counts.get(key, 0) + 1
    return counts


def main() -> int:
    env, scratch = environment()
    OUT.mkdir(parents=True, exist_ok=True)
    if scratch:
        log(f"scratch database {scratch}")
        run(["createdb", "-h", "127.0.0.1", "-U", "postgres", scratch], env)
    server = None
    try:
        run([str(BIN / "python"), "manage.py", "migrate", "--noinput", "-v", "0"], env)
        run(
            [str(BIN / "python"), "manage.py", "load_demo", "--force"],
            env,
            stdout=subprocess.DEVNULL,
        )
        port = free_port()
        results = []
        for name, auth in (("anonymous", None), ("staff", STAFF)):
            access_log = OUT / f"{name}-access.log"
            access_log.unlink(missing_ok=True)
            server = subprocess.Popen(
                [
                    str(BIN / "gunicorn"),
                    "tanggap.config.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "2",
                    "--threads",
                    "4",
                    "--timeout",
                    "120",
                    "--access-logfile",
                    str(access_log),
                    "--access-logformat",
                    "%(m)s %(U)s %(s)s",
                    "--log-level",
                    "warning",
                ],
                env=env,
                cwd=ROOT,
            )
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/api/schema/", server)
            figures = fuzz(name, f"{base}/api/schema/", auth, env)
            server.terminate()
            server.wait(timeout=30)
            server = None
            figures["responses"] = requests_served(access_log)
            results.append(figures)
        (OUT / "summary.json").write_text(json.dumps(results, indent=2))
        log("summary (also in var/fuzz/summary.json):")
        for figures in results:
            log(json.dumps(figures))
        failed = [r for r in results if r["exit_code"] != 0 or r["responses"].get("5xx")]
        return 1 if failed else 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if scratch:
            subprocess.run(
                ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", scratch],
                env=env,
                cwd=ROOT,
            )


if __name__ == "__main__":
    raise SystemExit(main())
