"""Readable record numbers per region and year (IDE-2026-0001, INO-2026-0001), taken under a lock."""

from __future__ import annotations

from django.db import models

from tanggap.innovation.models.common import region_code


def next_code(model: type[models.Model], *, prefix: str, year: int, **scope) -> str:
    """The next free code `PREFIX-YEAR-NNNN` among `model` rows of `scope` (call inside a transaction;
    the rows of the scope are locked so that two writers cannot take the same number)."""
    start = f"{prefix}-{year}-"
    rows = model._default_manager.select_for_update().filter(code__startswith=start, **scope)
    taken = [code for code in rows.values_list("code", flat=True)]
    numbers = [int(code[len(start) :]) for code in taken if code[len(start) :].isdigit()]
    return region_code(prefix, year, max(numbers, default=0) + 1)
