"""Pure arithmetic of a performance indicator: the achievement of a realisation against its target, and
the flag on a yearly target that does not improve on last year's realisation (seed 003).

Both directions are supported. For a higher-is-better indicator (services delivered, IKM) achievement is
realisation / target × 100; for a lower-is-better one (waiting time, poverty rate) it is
target / realisation × 100, so beating the target gives more than 100% either way.

Zero and negative figures: when both figures are zero the target is met exactly (100%). When only the
divisor is zero (a zero target of a higher-is-better indicator, a zero realisation of a lower-is-better
one) or either figure is negative, the ratio means nothing, so the achievement is None: a page shows
the figures themselves and "cannot be computed" rather than an infinite or upside-down percentage.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


class Direction(models.TextChoices):
    """Which way an indicator improves."""

    HIGHER_IS_BETTER = "higher_is_better", _("Makin tinggi makin baik")
    LOWER_IS_BETTER = "lower_is_better", _("Makin rendah makin baik")


def _decimal(value) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(f"expected an int or Decimal, got {type(value).__name__}")
    return Decimal(value)


def achievement_percent(*, target, realisation, direction: str) -> Decimal | None:
    """The achievement in percent (two decimals), or None where the ratio means nothing (module doc)."""
    target, realisation = _decimal(target), _decimal(realisation)
    if direction == Direction.HIGHER_IS_BETTER:
        numerator, divisor = realisation, target
    elif direction == Direction.LOWER_IS_BETTER:
        numerator, divisor = target, realisation
    else:
        raise ValueError(f"unknown direction {direction!r}")
    if target < 0 or realisation < 0:
        return None
    if divisor == 0:
        return HUNDRED.quantize(CENT) if numerator == 0 else None
    return (numerator / divisor * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def target_not_rising(*, target, last_realisation, direction: str) -> bool:
    """True when the yearly target does not improve on last year's realisation: not above it for a
    higher-is-better indicator, not below it for a lower-is-better one. No realisation, no flag."""
    if last_realisation is None:
        return False
    target, last = _decimal(target), _decimal(last_realisation)
    if direction == Direction.HIGHER_IS_BETTER:
        return target <= last
    if direction == Direction.LOWER_IS_BETTER:
        return target >= last
    raise ValueError(f"unknown direction {direction!r}")
