"""Writing the audit trail: called by services inside their transaction."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Sequence
from typing import Any

from django.db import models

from tanggap.core.middleware import current_request_id
from tanggap.core.models import AuditEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of a record, ready for the audit's before/after."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        name = field.attname
        if fields is not None and field.name not in fields and name not in fields:
            continue
        data[field.name] = _jsonable(getattr(instance, name))
    return data


def _event(
    *, actor, action: str, target: models.Model, before, after, note: str, region_id
) -> AuditEvent:
    """One unsaved audit row (shared by the single and the batched writers)."""
    if region_id is None:
        region_id = getattr(target, "region_id", None)
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent(
        actor=actor if is_user else None,
        actor_label=(actor.get_full_name() or actor.get_username()) if is_user else "sistem",
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        region_id=region_id,
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
        note=note,
        request_id=current_request_id() or "",
    )


def audit_record(
    *,
    actor,
    action: str,
    target: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    note: str = "",
    region_id: int | None = None,
) -> AuditEvent:
    """Append one audit row for `action` on `target` (services call this in their transaction)."""
    event = _event(
        actor=actor,
        action=action,
        target=target,
        before=before,
        after=after,
        note=note,
        region_id=region_id,
    )
    event.save()
    return event


def audit_many(
    *,
    actor,
    action: str,
    items: Sequence[tuple[models.Model, dict | None, dict | None]],
    region_id: int | None = None,
    note: str = "",
) -> list[AuditEvent]:
    """Append one audit row per (target, before, after) in a single INSERT (a decree moving dozens)."""
    rows = [
        _event(
            actor=actor, action=action, target=t, before=b, after=a, note=note, region_id=region_id
        )
        for t, b, a in items
    ]
    return AuditEvent.objects.bulk_create(rows) if rows else []
