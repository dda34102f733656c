"""Open311 API keys: issued once per client app and region, stored only as a hash with a lookup prefix.

A key is shown once when it is issued (`manage.py open311_key issue`). The database keeps the first
characters as `key_prefix` (to find the candidate rows without scanning) and the SHA-256 of the whole
key. A plain hash suffices because issued keys carry 256 random bits; it is not keyed with SECRET_KEY so
rotating that secret does not lock every client app out.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from tanggap.complaints.models import Open311Client
from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError

PREFIX_LENGTH = 8
MIN_KEY_LENGTH = 16
MAX_KEY_LENGTH = 200
# The one key the demo data carries (README: demo only). Only the demo loader calls
# ensure_demo_open311_key; nothing else creates it, so a production database never accepts it.
DEMO_KEY = "demo-open311-key"
DEMO_CLIENT_NAME = "Aplikasi demo Open311"


def key_digest(key: str) -> str:
    """The stored form of a key."""
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    """A fresh random key (43 URL-safe characters), never starting with "-": its prefix is typed on the
    command line (`open311_key revoke <region> <prefix>`), where a leading dash reads as an option."""
    while (key := secrets.token_urlsafe(32)).startswith("-"):
        pass
    return key


def _check_key(key: str) -> str:
    printable = key.isascii() and key.isprintable() and not any(c.isspace() for c in key)
    if not printable or not MIN_KEY_LENGTH <= len(key) <= MAX_KEY_LENGTH:
        raise DomainError(_("Kunci API harus 16–200 karakter ASCII tanpa spasi."), field="key")
    return key


@transaction.atomic
def open311_client_issue(
    *, region, name: str, key: str | None = None, actor=None
) -> tuple[Open311Client, str]:
    """Register a client app for a region; returns it and its key, which is never shown again."""
    name = (name or "").strip()[:120]
    if not name:
        raise DomainError(_("Nama aplikasi wajib diisi."), field="name")
    key = new_key() if key is None else _check_key(key)
    digest = key_digest(key)
    if Open311Client.objects.filter(key_prefix=key[:PREFIX_LENGTH], key_hash=digest).exists():
        raise DomainError(_("Kunci API ini sudah dipakai."), field="key")
    client = Open311Client.objects.create(
        region=region,
        name=name,
        key_prefix=key[:PREFIX_LENGTH],
        key_hash=digest,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action="open311_client.issued",
        target=client,
        after=snapshot(client, ["region", "name", "key_prefix", "is_active"]),
    )
    return client, key


@transaction.atomic
def open311_client_revoke(*, client: Open311Client, actor=None) -> Open311Client:
    """Stop accepting a client app's key (the row stays, for the reports it filed)."""
    client = Open311Client.objects.select_for_update().get(pk=client.pk)
    if not client.is_active:
        return client
    client.is_active = False
    client.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action="open311_client.revoked",
        target=client,
        before={"is_active": True},
        after={"is_active": False},
    )
    return client


def open311_client_for_key(key: str | None) -> Open311Client | None:
    """The active client app (of an active region) whose key this is, or None."""
    key = (key or "").strip()
    if not MIN_KEY_LENGTH <= len(key) <= MAX_KEY_LENGTH:
        return None
    digest = key_digest(key)
    candidates = Open311Client.objects.filter(
        key_prefix=key[:PREFIX_LENGTH], is_active=True, region__is_active=True
    ).select_related("region")
    for client in candidates:
        if hmac.compare_digest(client.key_hash, digest):
            return client
    return None


def ensure_demo_open311_key(region) -> Open311Client:
    """The demo loader's client app with the documented key `demo-open311-key` (idempotent).

    Demo data only: never call this outside the demo loader.
    """
    existing = Open311Client.objects.filter(
        region=region, key_prefix=DEMO_KEY[:PREFIX_LENGTH], key_hash=key_digest(DEMO_KEY)
    ).first()
    if existing is not None:
        return existing  # a revoked demo key stays revoked
    client, _key = open311_client_issue(region=region, name=DEMO_CLIENT_NAME, key=DEMO_KEY)
    return client
