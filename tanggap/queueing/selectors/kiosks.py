"""Reads about entrance kiosks: the kiosk a presented token belongs to, and a location's kiosks for the
people who manage them (the caller has already checked, through `location_for_config`, that they may)."""

from __future__ import annotations

import hashlib
from typing import TypeGuard

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from tanggap.core.errors import NotFound
from tanggap.queueing.models import KioskDevice

# What a kiosk token may look like: issued ones are 43 URL-safe characters; anything else is refused
# before it is hashed or looked up.
MIN_TOKEN_LENGTH = 16
MAX_TOKEN_LENGTH = 200


def kiosk_token_digest(token: str) -> str:
    """The stored form of a kiosk token (a plain SHA-256: issued tokens carry 256 random bits)."""
    return hashlib.sha256(token.encode()).hexdigest()


def kiosk_token_well_formed(token: str | None) -> TypeGuard[str]:
    """Printable ASCII without spaces, of a plausible length."""
    return (
        isinstance(token, str)
        and MIN_TOKEN_LENGTH <= len(token) <= MAX_TOKEN_LENGTH
        and token.isascii()
        and token.isprintable()
        and not any(c.isspace() for c in token)
    )


def kiosk_device_by_token(token: str | None) -> KioskDevice | None:
    """The active kiosk (of an active location) whose token this is, or None."""
    if not kiosk_token_well_formed(token):
        return None
    return (
        KioskDevice.objects.filter(
            token_hash=kiosk_token_digest(token), is_active=True, location__is_active=True
        )
        .select_related("location", "location__region")
        .first()
    )


def kiosk_devices_of(location) -> QuerySet[KioskDevice]:
    """Every kiosk registered at the location, active first, with who registered or revoked it and
    how many tickets it issued."""
    return (
        KioskDevice.objects.filter(location=location)
        .select_related("created_by", "revoked_by")
        .annotate(ticket_count=Count("tickets"))
        .order_by("-is_active", "name", "pk")
    )


def kiosk_device_of(location, pk: int) -> KioskDevice:
    """One kiosk of this location, or NotFound (a kiosk of another location is not found here)."""
    found = KioskDevice.objects.filter(location=location, pk=pk).first()
    if found is None:
        raise NotFound(_("Kiosk tidak ditemukan."))
    return found
