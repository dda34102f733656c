"""A throwaway `redis-server` for tests that stop Redis on purpose: its own free port, no persistence."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

REDIS_SERVER = shutil.which("redis-server")


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def dead_url() -> str:
    """A Redis URL where no server answers (connection refused at once)."""
    return f"redis://127.0.0.1:{free_port()}/0"


class ScratchRedis:
    """`start()`, `stop()` and `start()` again on the same port; `url` for the cache and the queue."""

    def __init__(self) -> None:
        if REDIS_SERVER is None:
            pytest.skip("redis-server is not installed (apt-get install redis-server)")
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        # No retries: a stopped server must be seen as stopped at once (redis-py retries by default).
        return redis.Redis(
            host="127.0.0.1",
            port=self.port,
            db=0,
            socket_connect_timeout=1,
            retry=Retry(NoBackoff(), 0),
        )

    def start(self) -> None:
        assert REDIS_SERVER is not None
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15  # readiness, not a timing assertion
        while True:
            try:
                if self.client().ping():
                    return
            except redis.exceptions.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on port {self.port}") from None
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)
        self.process = None

    def is_down(self) -> bool:
        try:
            self.client().ping()
        except redis.exceptions.ConnectionError:
            return True
        return False
