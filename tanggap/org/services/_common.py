"""Helpers every org service shares: the permission check, input cleaning, validation and updates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from tanggap.accounts.permissions import can_manage_region
from tanggap.core.audit import audit_record, snapshot
from tanggap.core.calendar import parse_work_days
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.org.nip import NipInfo, parse_nip

# --- shared helpers --------------------------------------------------------------------------------


def require_manager(actor, region) -> None:
    """Refuse unless `actor` may manage this region's organisation."""
    if not can_manage_region(actor, region):
        raise PermissionDenied()


def domain_error_from(exc: ValidationError, *, field: str | None = None) -> DomainError:
    """The first message of a Django ValidationError as a DomainError naming its field."""
    if hasattr(exc, "error_dict"):
        name, errors = next(iter(exc.error_dict.items()))
        message = errors[0].messages[0]
        return DomainError(message, field=None if name == "__all__" else name)
    return DomainError(exc.messages[0], code=getattr(exc, "code", None) or "invalid", field=field)


def parse_nip_or_refuse(nip: str) -> NipInfo:
    """Parse an NIP, turning a format problem into a DomainError on the `nip` field."""
    try:
        return parse_nip(nip)
    except ValidationError as exc:
        raise domain_error_from(exc, field="nip") from exc


def clean_text(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def full_clean(instance: models.Model) -> None:
    try:
        instance.full_clean()
    except ValidationError as exc:
        raise domain_error_from(exc) from exc


def normalise_work_days(value: str | Iterable[int | str] | None, *, required: bool) -> str:
    """Working weekdays as the canonical '0,1,2,3,4' string; blank only when not `required`."""
    if value is None:
        value = ""
    text = value if isinstance(value, str) else ",".join(str(v) for v in value)
    try:
        days = parse_work_days(text)
    except ValueError as exc:
        raise DomainError(
            _("Hari kerja harus angka 0 (Senin) sampai 6 (Minggu)."), field="work_days"
        ) from exc
    if required and not days:
        raise DomainError(_("Pilih sedikitnya satu hari kerja."), field="work_days")
    return ",".join(str(d) for d in sorted(days))


def check_hours(start: dt.time | None, end: dt.time | None, *, required: bool) -> None:
    if start is None and end is None and not required:
        return
    if start is None or end is None:
        raise DomainError(_("Isi jam mulai dan jam selesai sekaligus."), field="work_end")
    if end <= start:
        raise DomainError(_("Jam selesai kerja harus setelah jam mulai."), field="work_end")


def apply_update(
    *, actor, instance, changes: dict, allowed: set[str], action: str, check=None, region_id=None
):
    """Apply the changed fields, validate, save only those fields and audit before/after."""
    unknown = set(changes) - allowed
    if unknown:
        raise DomainError(
            _("Kolom ini tidak dapat diubah: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            field=sorted(unknown)[0],
        )
    changes = {name: clean_text(value) for name, value in changes.items()}
    changed = [name for name, value in changes.items() if getattr(instance, name) != value]
    if not changed:
        return instance
    originals = {name: getattr(instance, name) for name in changed}
    before = snapshot(instance, changed)
    for name in changed:
        setattr(instance, name, changes[name])
    try:
        if check is not None:
            check(instance)
        full_clean(instance)
    except DomainError:
        for name, value in originals.items():  # leave the caller's object as it was
            setattr(instance, name, value)
        raise
    has_updated_at = any(f.name == "updated_at" for f in instance._meta.concrete_fields)
    instance.save(update_fields=changed + (["updated_at"] if has_updated_at else []))
    audit_record(
        actor=actor,
        action=action,
        target=instance,
        before=before,
        after=snapshot(instance, changed),
        region_id=region_id,
    )
    return instance
