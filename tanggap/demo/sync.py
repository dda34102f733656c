"""Idempotent bulk upsert by natural key: the one write primitive the demo loader uses.

Rows are plain dicts keyed by attribute names (``region_id``, not ``region``). A row whose natural key is
missing is created; a row that exists is written back only when a synced field differs, so loading the
same data twice touches nothing (not even ``updated_at``). Fields named in ``create_only`` are written
when the record is created and never again: they belong to the app's own workflows afterwards.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone


@dataclass
class Tally:
    """How many records of each model one load created and updated."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    def add(self, label: str, *, created: int = 0, updated: int = 0) -> None:
        self.created[label] += created
        self.updated[label] += updated

    @property
    def changed_anything(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())


def _key(obj_or_row, key: Sequence[str]) -> tuple:
    if isinstance(obj_or_row, dict):
        return tuple(obj_or_row[name] for name in key)
    return tuple(getattr(obj_or_row, name) for name in key)


def sync_rows(
    model: type[models.Model],
    rows: Iterable[dict],
    *,
    key: Sequence[str],
    existing: models.QuerySet,
    tally: Tally,
    create_only: Iterable[str] = (),
    label: str | None = None,
) -> dict[tuple, models.Model]:
    """Create missing rows and correct changed ones; return every row's record by natural key.

    ``existing`` is the queryset the natural keys are unique in (e.g. one region's units).
    """
    label = label or model._meta.label
    create_only = set(create_only)
    rows = list(rows)
    found = {_key(obj, key): obj for obj in existing}
    to_create: list[models.Model] = []
    to_update: list[models.Model] = []
    changed_fields: set[str] = set()
    for row in rows:
        obj = found.get(_key(row, key))
        if obj is None:
            to_create.append(model(**row))
            continue
        diff = [
            name
            for name, value in row.items()
            if name not in key and name not in create_only and getattr(obj, name) != value
        ]
        if diff:
            for name in diff:
                setattr(obj, name, row[name])
            to_update.append(obj)
            changed_fields.update(diff)
    if to_create:
        model.objects.bulk_create(to_create)
    if to_update:
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            now = timezone.now()
            for obj in to_update:
                obj.updated_at = now
            changed_fields.add("updated_at")
        model.objects.bulk_update(to_update, sorted(changed_fields))
    tally.add(label, created=len(to_create), updated=len(to_update))
    if to_create:  # re-read so every record carries its primary key on every database
        found = {_key(obj, key): obj for obj in existing.all()}
    wanted = {_key(row, key) for row in rows}
    return {k: obj for k, obj in found.items() if k in wanted}


def fill_if_empty(
    objs: Iterable[models.Model],
    field_name: str,
    values: dict[int, object],
    *,
    tally: Tally,
    label: str,
) -> None:
    """Set ``field_name`` on records (by pk) where it is still empty; never overwrite a value."""
    to_update = []
    for obj in objs:
        value = values.get(obj.pk)
        if value is not None and getattr(obj, field_name) is None:
            setattr(obj, field_name, value)
            to_update.append(obj)
    if to_update:
        model = type(to_update[0])
        fields = [field_name]
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            now = timezone.now()
            for obj in to_update:
                obj.updated_at = now
            fields.append("updated_at")
        model.objects.bulk_update(to_update, fields)
    tally.add(label, updated=len(to_update))
