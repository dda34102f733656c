"""Achievement of an indicator in both directions, and the flag on a target that does not improve."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tanggap.performance.achievement import achievement_percent, target_not_rising

UP, DOWN = "higher_is_better", "lower_is_better"
D = Decimal


@pytest.mark.parametrize(
    ("target", "realisation", "direction", "expected"),
    [
        (D(90), D(90), UP, D("100.00")),
        (D(90), D(45), UP, D("50.00")),
        (D(80), D(100), UP, D("125.00")),
        (D(3), D(1), UP, D("33.33")),
        (D(3), D(2), UP, D("66.67")),
        (D(10), D(10), DOWN, D("100.00")),
        (D(10), D(20), DOWN, D("50.00")),
        (D(10), D(8), DOWN, D("125.00")),
        (15, 12, DOWN, D("125.00")),
    ],
)
def test_achievement_in_both_directions(target, realisation, direction, expected):
    assert (
        achievement_percent(target=target, realisation=realisation, direction=direction) == expected
    )


@pytest.mark.parametrize("direction", [UP, DOWN])
def test_zero_target_met_by_zero_is_100_percent(direction):
    assert achievement_percent(target=D(0), realisation=D(0), direction=direction) == D("100.00")


def test_a_zero_divisor_gives_no_achievement_rather_than_infinity():
    assert achievement_percent(target=D(0), realisation=D(5), direction=UP) is None
    assert achievement_percent(target=D(5), realisation=D(0), direction=DOWN) is None


def test_a_zero_numerator_is_zero_percent():
    assert achievement_percent(target=D(5), realisation=D(0), direction=UP) == D("0.00")
    assert achievement_percent(target=D(0), realisation=D(5), direction=DOWN) == D("0.00")


@pytest.mark.parametrize("direction", [UP, DOWN])
def test_negative_figures_give_no_achievement(direction):
    assert achievement_percent(target=D(-2), realisation=D(1), direction=direction) is None
    assert achievement_percent(target=D(2), realisation=D(-1), direction=direction) is None


def test_achievement_refuses_an_unknown_direction_or_a_float():
    with pytest.raises(ValueError):
        achievement_percent(target=D(1), realisation=D(1), direction="up")
    with pytest.raises(TypeError):
        achievement_percent(target=0.1, realisation=D(1), direction=UP)


def test_higher_is_better_target_must_rise_above_last_years_realisation():
    assert target_not_rising(target=D(90), last_realisation=D("89.99"), direction=UP) is False
    assert target_not_rising(target=D(90), last_realisation=D(90), direction=UP) is True
    assert target_not_rising(target=D(85), last_realisation=D(90), direction=UP) is True


def test_lower_is_better_target_must_fall_below_last_years_realisation():
    assert target_not_rising(target=D(9), last_realisation=D(10), direction=DOWN) is False
    assert target_not_rising(target=D(10), last_realisation=D(10), direction=DOWN) is True
    assert target_not_rising(target=D(12), last_realisation=D(10), direction=DOWN) is True


def test_no_last_realisation_no_flag():
    assert target_not_rising(target=D(1), last_realisation=None, direction=UP) is False
    assert target_not_rising(target=D(1), last_realisation=None, direction=DOWN) is False
    with pytest.raises(ValueError):
        target_not_rising(target=D(1), last_realisation=D(1), direction="sideways")
