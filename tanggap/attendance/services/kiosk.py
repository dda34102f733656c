"""The office kiosk tablet (NIP + PIN) for staff without a smartphone, and the PIN each official sets.

The PIN is kept only as a hash by Django's password hashers. Wrong PINs in a row lock the PIN for a
while; an unknown NIP, a NIP without a PIN, a wrong PIN and a locked PIN all get the one same message,
so the kiosk never tells whether a NIP exists. Every refused attempt is audited."""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.attendance.models import AttendanceEvent, KioskPin, OfficeLocation
from tanggap.attendance.permissions import is_own, may_run_kiosk
from tanggap.attendance.services.checkin import check_in
from tanggap.core.audit import audit_record
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.identity import mask_nip
from tanggap.org.models import Official

# Wrong PINs in a row before the PIN is locked, and for how long.
KIOSK_MAX_FAILURES = 5
KIOSK_LOCKOUT = dt.timedelta(minutes=15)
PIN_PATTERN = re.compile(r"\d{6}")
# PINs anyone would try first.
TRIVIAL_PINS = frozenset({"123456", "654321", "012345", "543210", "123123", "112233"})


def refused_message() -> str:
    """The kiosk's one answer to every refused NIP + PIN (no enumeration of NIPs)."""
    return _(
        "NIP atau PIN salah, atau PIN terkunci sementara karena terlalu banyak percobaan. "
        "Periksa lalu coba lagi; setelah %(count)s kali salah, tunggu %(minutes)s menit."
    ) % {"count": KIOSK_MAX_FAILURES, "minutes": int(KIOSK_LOCKOUT.total_seconds() // 60)}


def check_pin_format(pin: str) -> str:
    pin = (pin or "").strip()
    if not PIN_PATTERN.fullmatch(pin):
        raise DomainError(_("PIN harus 6 angka."), field="pin", code="bad_pin")
    return pin


@transaction.atomic
def kiosk_pin_set(*, actor, official, pin: str, pin_again: str) -> KioskPin:
    """Set or change the official's own kiosk PIN (six digits, not a trivial one); it also lifts a
    lockout, since whoever set it knows it."""
    if not is_own(actor, official):
        raise PermissionDenied()
    pin = check_pin_format(pin)
    if pin != (pin_again or "").strip():
        raise DomainError(_("Kedua PIN tidak sama."), field="pin_again", code="pin_mismatch")
    if len(set(pin)) == 1 or pin in TRIVIAL_PINS:
        raise DomainError(
            _("PIN ini terlalu mudah ditebak. Pilih enam angka lain."), field="pin", code="weak_pin"
        )
    record, created = KioskPin.objects.select_for_update().get_or_create(
        official=official, defaults={"pin_hash": make_password(pin)}
    )
    if not created:
        record.pin_hash = make_password(pin)
        record.failed_count, record.locked_until = 0, None
        record.save(update_fields=["pin_hash", "failed_count", "locked_until", "updated_at"])
    audit_record(
        actor=actor,
        action="attendance.kiosk_pin_set" if created else "attendance.kiosk_pin_changed",
        target=record,
        region_id=official.region_id,
    )
    return record


@transaction.atomic
def _verify(*, actor, location: OfficeLocation, nip: str, pin: str, now) -> Official | None:
    """The active official of the location's region with this NIP and PIN, or None (the failure is
    counted and audited, and committed even though the kiosk then refuses)."""
    official = Official.objects.filter(
        nip=nip, region_id=location.unit.region_id, status=Official.Status.ACTIVE
    ).first()
    record = (
        KioskPin.objects.select_for_update().filter(official=official).first()
        if official is not None
        else None
    )
    if record is None:
        make_password(pin)  # as long as a check: the answer's timing does not tell a NIP exists
        reason = "unknown_nip" if official is None else "no_pin"
    elif record.locked_until is not None and record.locked_until > now:
        reason = "locked"
    elif check_password(pin, record.pin_hash):
        if record.failed_count or record.locked_until:
            record.failed_count, record.locked_until = 0, None
            record.save(update_fields=["failed_count", "locked_until", "updated_at"])
        return official
    else:
        record.failed_count += 1
        reason = "wrong_pin"
        if record.failed_count >= KIOSK_MAX_FAILURES:
            record.failed_count, record.locked_until = 0, now + KIOSK_LOCKOUT
            reason = "locked_now"
        record.save(update_fields=["failed_count", "locked_until", "updated_at"])
    audit_record(
        actor=actor,
        action="attendance.kiosk_refused",
        target=location,
        after={
            "nip": mask_nip((nip or "")[:18]),
            "official": getattr(official, "pk", None),
            "reason": reason,
        },
        region_id=location.unit.region_id,
    )
    return None


def kiosk_check_in(
    *, actor, location: OfficeLocation, nip: str, pin: str, kind: str, now=None
) -> AttendanceEvent:
    """Check an official in (or out) on the location's kiosk tablet by NIP + PIN, at the server's time."""
    if not may_run_kiosk(actor, location):
        raise PermissionDenied()
    if kind not in AttendanceEvent.Kind.values:
        raise DomainError(_("Pilih masuk atau pulang."), field="kind", code="bad_kind")
    now = now or timezone.now()
    nip = re.sub(r"\s+", "", nip or "")
    pin = (pin or "").strip()
    official = _verify(actor=actor, location=location, nip=nip, pin=pin, now=now)
    if official is None:
        raise DomainError(refused_message(), code="kiosk_refused")
    with transaction.atomic():
        event = check_in(
            actor=actor,
            official=official,
            method=AttendanceEvent.Method.KIOSK,
            kind=kind,
            location=location,
            device_hint=f"kiosk:{location.pk}",
            now=now,
        )
        audit_record(
            actor=actor,
            action="attendance.kiosk_check_in",
            target=event,
            after={"kind": kind, "location": location.pk},
            region_id=official.region_id,
        )
    return event
