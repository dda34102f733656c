"""PDF uploads: parsed and cleaned of active content in a child process, then stored as written again.

The parsing itself is in pdf_content.py (pikepdf). It runs as a separate Python process, isolated from
the environment (`-I`, only a few harmless variables passed), limited in memory and CPU time, and given a
wall-clock timeout: a hostile file that makes the parser loop, balloon or crash costs that child, and the
upload is refused with a message instead of a stuck or dead web worker.

Scripts, launch actions, embedded files and the rest are removed (a scanned letter carrying a stray
OpenAction is still accepted); a PDF that is locked with a password, damaged, or cannot be cleaned is
refused.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
from pathlib import Path

from django.utils.translation import gettext as _

from tanggap.core.errors import DomainError

__all__ = ["pdf_check"]

logger = logging.getLogger("tanggap.core")

# Per file; a real 5 MB PDF takes well under a second. Five files on one step stay within gunicorn's
# 60-second request timeout (docs/deployment.md).
TIMEOUT_SECONDS = 10
CHILD_SCRIPT = Path(__file__).with_name("pdf_content.py")
_CHILD_ENV = ("PATH", "LANG", "LC_ALL", "LD_LIBRARY_PATH", "TMPDIR")  # no secrets reach the parser


def _command() -> list[str]:
    # -I: no PYTHON* variables, no user site, not the script's own directory on the path.
    return [sys.executable, "-I", str(CHILD_SCRIPT)]


def _run(data: bytes, name: str, field: str) -> tuple[str, list[str], bytes]:
    """The child's answer (status, what it removed, the cleaned PDF): a timeout or the CPU limit is
    `too_complex`, a crash or a garbled answer `failed`."""
    env = {key: os.environ[key] for key in _CHILD_ENV if key in os.environ}
    try:
        run = subprocess.run(  # noqa: S603 - a fixed command: this Python and pdf_content.py
            _command(),
            input=data,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        logger.warning("PDF check stopped after %s s (%s bytes)", TIMEOUT_SECONDS, len(data))
        return "too_complex", [], b""
    except OSError:
        logger.exception("PDF check could not start")
        raise DomainError(
            _("PDF %(name)s tidak dapat diperiksa saat ini; coba kirim lagi nanti.")
            % {"name": name},
            field=field,
        ) from None
    header, _sep, cleaned = run.stdout.partition(b"\n")
    try:
        answer = json.loads(header)
    except ValueError:
        answer = None
    if run.returncode != 0 or not isinstance(answer, dict):
        logger.warning("PDF check failed (exit %s, %s bytes)", run.returncode, len(data))
        out_of_time = run.returncode in (-signal.SIGXCPU, -signal.SIGKILL)
        return "too_complex" if out_of_time else "failed", [], b""
    return str(answer.get("status")), [str(r) for r in answer.get("removed", [])], cleaned


def pdf_check(data: bytes, name: str, *, field: str = "files") -> bytes:
    """The bytes to store for an uploaded PDF (cleaned and written again), or a DomainError (on `field`)
    saying why it is refused."""
    broken = DomainError(_("PDF %(name)s rusak atau tidak lengkap.") % {"name": name}, field=field)
    if b"%%EOF" not in data[-2048:]:
        raise broken  # cut off in transit: the parser might recover a part, we store no part
    status, removed, cleaned = _run(data, name, field)
    if status == "ok" and cleaned:
        if removed:
            logger.info("PDF cleaned of active content: %s", ", ".join(removed))
        return cleaned
    if status == "encrypted":
        raise DomainError(
            _("PDF %(name)s dikunci dengan kata sandi; kirim PDF tanpa kata sandi.")
            % {"name": name},
            field=field,
        )
    if status == "too_complex":
        raise DomainError(
            _(
                "PDF %(name)s terlalu rumit untuk diperiksa; cetak ulang sebagai PDF "
                "(Print to PDF) atau kirim hasil pindaian."
            )
            % {"name": name},
            field=field,
        )
    if status == "active":
        raise DomainError(
            _("PDF %(name)s berisi skrip atau berkas sisipan; simpan ulang sebagai PDF biasa.")
            % {"name": name},
            field=field,
        )
    raise broken
