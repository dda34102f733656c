"""The checks every service makes of its arguments: an aware time, text within its limits, and (for the
services outside the workflow table) the caller's permission."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.errors import DomainError, PermissionDenied


def now_or(now: dt.datetime | None) -> dt.datetime:
    """`now`, or the current time (services take an optional `now` for demo history and tests)."""
    if now is not None and timezone.is_naive(now):
        raise ValueError("Services need an aware datetime.")
    return now or timezone.now()


def require_permission(allowed: bool, message=None) -> None:
    """Refuse with PermissionDenied unless `allowed`."""
    if not allowed:
        raise PermissionDenied(message)


def clean_text(value, *, field: str, min_len: int, max_len: int, message) -> str:
    """Stripped text of at least `min_len` characters (refused otherwise) and at most `max_len`."""
    text = (value or "").strip()
    if len(text) < min_len:
        raise DomainError(message, field=field)
    if len(text) > max_len:
        raise DomainError(
            _("Teks paling panjang %(n)s huruf.") % {"n": f"{max_len:,}".replace(",", ".")},
            field=field,
        )
    return text
