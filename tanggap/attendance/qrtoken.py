"""The rotating QR token of an office location: signed by the server, valid for its 30-second window and
the one before, accepted at most once per official.

A screen shows `qr_token(location, now)` as a QR code and `qr_code(location, now)` (six characters) under
it. Neither needs a database write per display: both are derived from the location, the window number
and the server's secret key (Django's signing). The replay record is the attendance event itself, which
carries the window (unique per official, location and window)."""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from tanggap.attendance.models import AttendanceEvent, OfficeLocation
from tanggap.core.errors import DomainError

WINDOW_SECONDS = 30
ACCEPTED_WINDOWS = 2  # the current window and the one before: a photo stops working within a minute
CODE_LENGTH = 6
# No 0/O, 1/I/L: a code read off a screen is typed without guessing.
CODE_ALPHABET = "".join(c for c in string.ascii_uppercase + string.digits if c not in "0O1IL")
_SALT = "tanggap.attendance.qr"
_EXPIRED_LOOKBACK = 20  # a code from the last ten minutes is "expired", older is just "invalid"


@dataclass(frozen=True)
class QrMatch:
    """A verified token: the location it belongs to and its window."""

    location: OfficeLocation
    window: int


def window_of(now: dt.datetime) -> int:
    """The number of the 30-second window `now` falls in."""
    return int(now.timestamp()) // WINDOW_SECONDS


def qr_token(location, now: dt.datetime) -> str:
    """The signed token a location's screen shows as a QR code during the window of `now`."""
    return signing.dumps([location.pk, window_of(now)], salt=_SALT)


def qr_code(location, now: dt.datetime) -> str:
    """The six-character form of the token, for typing."""
    return _code(location.pk, window_of(now))


def _code(location_id: int, window: int) -> str:
    digest = salted_hmac(_SALT, f"{location_id}:{window}", algorithm="sha256").digest()
    return "".join(CODE_ALPHABET[b % len(CODE_ALPHABET)] for b in digest[:CODE_LENGTH])


def _invalid() -> DomainError:
    return DomainError(
        _("Kode QR tidak dikenali. Pindai kode yang tampil di layar kantor."), code="qr_invalid"
    )


def _expired() -> DomainError:
    return DomainError(
        _("Kode QR sudah kedaluwarsa. Pindai kode yang sedang tampil di layar kantor."),
        code="qr_expired",
    )


def _match_signed(token: str, current: int) -> tuple[int, int]:
    try:
        location_id, window = signing.loads(token, salt=_SALT)
        location_id, window = int(location_id), int(window)
    except (signing.BadSignature, TypeError, ValueError):
        raise _invalid() from None
    if not current - ACCEPTED_WINDOWS < window <= current:
        raise _expired()
    return location_id, window


def _match_code(code: str, current: int, candidates) -> tuple[int, int]:
    """The (location, window) whose code this is; the official's region's active locations are tried,
    every location's live windows first (so an old code of one place never hides a live one of another)."""
    candidates = list(candidates)
    live = range(current, current - ACCEPTED_WINDOWS, -1)
    old = range(current - ACCEPTED_WINDOWS, current - _EXPIRED_LOOKBACK, -1)
    for windows, expired in ((live, False), (old, True)):
        for location_id in candidates:
            for window in windows:
                if constant_time_compare(_code(location_id, window), code):
                    if expired:
                        raise _expired()
                    return location_id, window
    raise _invalid()


def qr_verify(token: str, official, now: dt.datetime, *, location=None) -> QrMatch:
    """The location and window of a scanned token or typed code, or a DomainError (invalid, expired,
    or already used by this official). `location` narrows where a typed code is looked for."""
    token = (token or "").strip()
    if not token or len(token) > 200:
        raise _invalid()
    current = window_of(now)
    code = token.upper().replace(" ", "").replace("-", "")
    if len(code) == CODE_LENGTH:
        places = OfficeLocation.objects.filter(is_active=True, unit__region_id=official.region_id)
        if location is not None:
            places = places.filter(pk=location.pk)
        location_id, window = _match_code(code, current, places.values_list("pk", flat=True))
    else:
        location_id, window = _match_signed(token, current)
    place = OfficeLocation.objects.filter(
        pk=location_id, is_active=True, unit__region_id=official.region_id
    ).first()
    if place is None:
        raise DomainError(_("Lokasi presensi ini tidak dikenal."), code="unknown_location")
    if AttendanceEvent.objects.filter(official=official, location=place, qr_window=window).exists():
        raise DomainError(
            _("Kode QR ini sudah Anda pakai. Tunggu kode berikutnya di layar kantor."),
            code="qr_replayed",
        )
    return QrMatch(place, window)
