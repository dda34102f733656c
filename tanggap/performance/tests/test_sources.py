"""The automatic realisation sources: pure functions of figures already fetched."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tanggap.performance.models import AutoSource
from tanggap.performance.sources import (
    automatic_realisation,
    complaints_on_time_share,
    tickets_served,
    unit_ikm,
)


def test_tickets_served_is_the_count():
    assert tickets_served(served=0) == Decimal(0)
    assert tickets_served(served=412) == Decimal(412)


@pytest.mark.parametrize("served", [-1, 1.5, "12", True, None])
def test_tickets_served_refuses_what_is_no_count(served):
    with pytest.raises(ValueError):
        tickets_served(served=served)


@pytest.mark.parametrize(
    ("answered", "on_time", "share"),
    [(0, 0, None), (3, 3, Decimal("100.00")), (3, 2, Decimal("66.67")), (8, 1, Decimal("12.50"))],
)
def test_the_share_of_complaints_answered_on_time(answered, on_time, share):
    assert complaints_on_time_share(answered=answered, on_time=on_time) == share


@pytest.mark.parametrize(("answered", "on_time"), [(2, 3), (-1, 0), (2, -1)])
def test_the_share_refuses_impossible_counts(answered, on_time):
    with pytest.raises(ValueError):
        complaints_on_time_share(answered=answered, on_time=on_time)


def test_the_unit_ikm_is_kept_to_two_decimals():
    assert unit_ikm(ikm=None) is None
    assert unit_ikm(ikm=Decimal("82.456")) == Decimal("82.46")
    assert unit_ikm(ikm=100) == Decimal("100.00")


@pytest.mark.parametrize("ikm", [-0.1, 100.01, "nan", float("inf")])
def test_an_ikm_outside_zero_to_hundred_is_refused(ikm):
    with pytest.raises(ValueError):
        unit_ikm(ikm=ikm)


def test_the_dispatcher_picks_the_sources_function():
    assert automatic_realisation("tickets_served", {"served": 5}) == Decimal(5)
    assert automatic_realisation(
        AutoSource.COMPLAINTS_ON_TIME_SHARE, {"answered": 4, "on_time": 3}
    ) == Decimal("75.00")
    assert automatic_realisation("unit_ikm", {"ikm": 90}) == Decimal("90.00")
    for source in ("", "gaji", None):
        with pytest.raises(ValueError):
            automatic_realisation(source, {})
