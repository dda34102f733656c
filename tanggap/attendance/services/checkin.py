"""Checking in and out: by the office's rotating QR, inside its geofence, or on its kiosk tablet.

The server's clock counts, never the phone's. A refusal (outside the fence, an expired or replayed QR, an
unknown location) raises a DomainError with a message the official can act on and writes nothing."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.attendance.geofence import geofence_check
from tanggap.attendance.models import AttendanceEvent, OfficeLocation
from tanggap.attendance.permissions import is_own, may_run_kiosk
from tanggap.attendance.qrtoken import qr_verify
from tanggap.core.errors import DomainError, PermissionDenied

M = AttendanceEvent.Method


def _active_location(location, official) -> OfficeLocation:
    if location is None or not isinstance(location, OfficeLocation):
        raise DomainError(_("Lokasi presensi ini tidak dikenal."), code="unknown_location")
    fresh = OfficeLocation.objects.filter(
        pk=location.pk, is_active=True, unit__region_id=official.region_id
    ).first()
    if fresh is None:
        raise DomainError(_("Lokasi presensi ini tidak dikenal."), code="unknown_location")
    return fresh


def _inside_fence(location, latitude, longitude, accuracy_m):
    if latitude is None or longitude is None or accuracy_m is None:
        raise DomainError(
            _("Lokasi ponsel belum diterima. Izinkan akses lokasi lalu coba lagi."),
            code="no_position",
        )
    try:
        result = geofence_check(latitude, longitude, accuracy_m, location)
    except ValueError:
        raise DomainError(_("Lokasi ponsel tidak valid."), code="bad_position") from None
    if not result.accepted:
        raise DomainError(
            _(
                "Anda berada %(distance)s m dari %(location)s (akurasi ±%(accuracy)s m); "
                "presensi hanya dalam radius %(radius)s m."
            )
            % {
                "distance": round(result.distance_m),
                "location": location.name,
                "accuracy": round(result.accuracy_m),
                "radius": round(result.radius_m),
            },
            code="outside_geofence",
        )
    return result


def check_in(
    *,
    actor,
    official,
    method: str,
    kind: str = AttendanceEvent.Kind.IN,
    location=None,
    token: str = "",
    latitude=None,
    longitude=None,
    accuracy_m=None,
    device_hint: str = "",
    now=None,
) -> AttendanceEvent:
    """Record one check-in or check-out (`kind`) of `official` at the server's time (`now` is for tests
    and the kiosk's queue of the same request, never a phone's clock)."""
    now = now or timezone.now()
    if kind not in AttendanceEvent.Kind.values:
        raise DomainError(_("Jenis presensi tidak dikenal."), code="bad_kind")
    if official.status != official.Status.ACTIVE:
        raise DomainError(_("Pegawai ini tidak aktif."), code="official_inactive")
    event = AttendanceEvent(
        official=official, kind=kind, method=method, recorded_at=now, device_hint=device_hint[:200]
    )
    if method == M.KIOSK:
        place = _active_location(location, official)
        if not may_run_kiosk(actor, place):
            raise PermissionDenied()
        event.location = place
    elif method in (M.QR, M.GEO):
        if not is_own(actor, official):
            raise PermissionDenied()
        if method == M.QR:
            match = qr_verify(token, official, now, location=location)
            event.location, event.qr_window = match.location, match.window
        else:
            event.location = _active_location(location, official)
            fence = _inside_fence(event.location, latitude, longitude, accuracy_m)
            event.latitude = Decimal(str(round(float(latitude), 6)))
            event.longitude = Decimal(str(round(float(longitude), 6)))
            event.accuracy_m, event.distance_m = fence.accuracy_m, round(fence.distance_m, 1)
    else:
        raise DomainError(_("Cara presensi tidak dikenal."), code="bad_method")
    if not event.location.allows(method):
        raise DomainError(
            _("Di %(location)s presensi dengan cara ini tidak dipakai; pilih cara lain.")
            % {"location": event.location.name},
            code="method_not_allowed",
        )
    event.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            event.save()
    except IntegrityError:  # the same token, raced from two taps
        raise DomainError(
            _("Kode QR ini sudah Anda pakai. Tunggu kode berikutnya di layar kantor."),
            code="qr_replayed",
        ) from None
    return event
