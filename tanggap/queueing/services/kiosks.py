"""Entrance kiosks: those who manage a location's counters register and revoke them; a browser (or a
ticket machine's software) becomes a kiosk by presenting its token. Only a kiosk of the location issues
walk-in tickets there (services/arrival.py), so nobody mints numbered tickets from afar.

The token is shown once, at registration, and stored only as a hash; a kiosk is revoked, never deleted,
because its tickets keep pointing at it.
"""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.queueing.models import KioskDevice
from tanggap.queueing.permissions import can_manage_kiosks
from tanggap.queueing.selectors.kiosks import (
    kiosk_device_by_token,
    kiosk_token_digest,
    kiosk_token_well_formed,
)

__all__ = [
    "kiosk_device_pair",
    "kiosk_device_register",
    "kiosk_device_revoke",
    "new_kiosk_token",
]

TOKEN_BYTES = 32  # 256 random bits, 43 URL-safe characters
MAX_NAME = 60
AUDITED_FIELDS = ["location", "name", "is_active"]  # never the token's hash


def new_kiosk_token() -> str:
    """A fresh random kiosk token."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def _require_manage(actor, location) -> None:
    if not can_manage_kiosks(actor, location):
        raise PermissionDenied(
            _("Hanya kepala atau admin unit lokasi ini yang dapat mengatur kiosknya.")
        )


def _clean_name(location, name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(_("Nama kiosk wajib diisi."), code="name_required", field="name")
    if len(name) > MAX_NAME:
        raise DomainError(
            _("Nama kiosk paling panjang %(n)s karakter.") % {"n": MAX_NAME},
            code="name_too_long",
            field="name",
        )
    taken = KioskDevice.objects.filter(location=location, is_active=True, name__iexact=name)
    if taken.exists():
        raise DomainError(
            _("Kiosk aktif bernama %(n)s sudah ada di lokasi ini.") % {"n": name},
            code="duplicate_kiosk",
            field="name",
        )
    return name


@transaction.atomic
def kiosk_device_register(
    *, actor, location, name: str, token: str | None = None
) -> tuple[KioskDevice, str]:
    """Register a kiosk at the location; returns it and its token, which is never shown again.

    `token` is for the demo loader's documented demo kiosks only; every other caller gets a random one.
    """
    _require_manage(actor, location)
    name = _clean_name(location, name)
    if token is None:
        token = new_kiosk_token()
    elif not kiosk_token_well_formed(token):
        raise DomainError(
            _("Token kiosk harus 16–200 karakter ASCII tanpa spasi."), code="invalid_token"
        )
    digest = kiosk_token_digest(token)
    if KioskDevice.objects.filter(token_hash=digest).exists():
        raise DomainError(_("Token kiosk ini sudah dipakai."), code="duplicate_token")
    try:
        with transaction.atomic():
            device = KioskDevice.objects.create(
                region_id=location.region_id,
                location=location,
                name=name,
                token_hash=digest,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
    except IntegrityError:  # the same name registered at the same moment by someone else
        raise DomainError(
            _("Data itu baru saja disimpan orang lain. Muat ulang halaman dan periksa lagi."),
            code="conflict",
            field="name",
        ) from None
    audit_record(
        actor=actor,
        action="queue.kiosk.registered",
        target=device,
        after=snapshot(device, AUDITED_FIELDS),
    )
    return device, token


@transaction.atomic
def kiosk_device_revoke(*, actor, device: KioskDevice) -> KioskDevice:
    """Stop accepting a kiosk's token (a lost or replaced tablet); its tickets stay linked to it."""
    device = (
        KioskDevice.objects.select_for_update(of=("self",))
        .select_related("location")
        .get(pk=device.pk)
    )
    _require_manage(actor, device.location)
    if not device.is_active:
        return device
    device.is_active = False
    device.revoked_at = timezone.now()
    device.revoked_by = actor if getattr(actor, "is_authenticated", False) else None
    device.save(update_fields=["is_active", "revoked_at", "revoked_by"])
    audit_record(
        actor=actor,
        action="queue.kiosk.revoked",
        target=device,
        before={"is_active": True},
        after={"is_active": False},
    )
    return device


@transaction.atomic
def kiosk_device_pair(*, token: str, actor=None) -> KioskDevice:
    """A browser presents a kiosk's token to become that kiosk (the page keeps the token in a cookie)."""
    device = kiosk_device_by_token(token)
    if device is None:
        raise DomainError(
            _("Token kiosk tidak dikenal atau kiosknya sudah dicabut."),
            code="kiosk_invalid",
            field="token",
        )
    device.last_seen_at = timezone.now()
    device.save(update_fields=["last_seen_at"])
    audit_record(actor=actor, action="queue.kiosk.paired", target=device)
    return device
