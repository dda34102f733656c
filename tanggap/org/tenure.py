"""Tenure in the current position: whole years and months since the position started (TMT jabatan)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Tenure:
    """Completed years and months in a position."""

    years: int
    months: int

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months


def tenure_between(start: dt.date, today: dt.date) -> Tenure:
    """Completed years and months from `start` to `today` (zero when `start` lies ahead)."""
    months = (today.year - start.year) * 12 + (today.month - start.month)
    if today.day < start.day:
        months -= 1
    months = max(months, 0)
    return Tenure(years=months // 12, months=months % 12)


def years_before(today: dt.date, years: int) -> dt.date:
    """The same calendar day `years` earlier (29 February falls back to the 28th)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)
