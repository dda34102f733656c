"""Automatic realisation of SKP results: pure functions from figures the platform already records.

Each function takes figures already fetched by its caller (the queue's tickets served by the official, the
complaints the official answered and how many of them on time, the unit's IKM) and returns the realisation
as a Decimal, or None when the figures give nothing to report. Nothing here queries another app: wiring the
real figures from queueing, complaints and surveys is left to the caller (not done yet).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from tanggap.performance.models import AutoSource

CENT = Decimal("0.01")


def _count(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"a count must be a whole number of at least zero, not {value!r}")
    return value


def tickets_served(*, served) -> Decimal:
    """The number of queue tickets the official served in the period."""
    return Decimal(_count(served))


def complaints_on_time_share(*, answered, on_time) -> Decimal | None:
    """The share (percent, two decimals) of the official's answered complaints answered on time; None
    when nothing was answered (no share to report, rather than 0% or 100%)."""
    answered, on_time = _count(answered), _count(on_time)
    if on_time > answered:
        raise ValueError("more complaints on time than answered")
    if answered == 0:
        return None
    return (Decimal(on_time) * 100 / Decimal(answered)).quantize(CENT, rounding=ROUND_HALF_UP)


def unit_ikm(*, ikm) -> Decimal | None:
    """The unit's IKM (0–100) for the period; None when the unit has no IKM yet."""
    if ikm is None:
        return None
    value = Decimal(str(ikm))
    if not value.is_finite() or not 0 <= value <= 100:
        raise ValueError(f"an IKM lies between 0 and 100, not {ikm!r}")
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


SOURCES = {
    AutoSource.TICKETS_SERVED: tickets_served,
    AutoSource.COMPLAINTS_ON_TIME_SHARE: complaints_on_time_share,
    AutoSource.UNIT_IKM: unit_ikm,
}


def automatic_realisation(source: str, figures: Mapping[str, object]) -> Decimal | None:
    """The realisation of a result drawn from `source`, given that source's figures as keywords."""
    try:
        function = SOURCES[AutoSource(source)]
    except (ValueError, KeyError):
        raise ValueError(f"no automatic source {source!r}") from None
    return function(**figures)
