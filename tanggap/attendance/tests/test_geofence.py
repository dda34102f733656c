"""The geofence: inside, outside, and the accuracy circle at the fence's edge."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest

from tanggap.attendance.geofence import EARTH_RADIUS_M, geofence_check, haversine_m

OFFICE = SimpleNamespace(latitude=-8.0981, longitude=112.165, radius_m=100)


def north_of(metres: float) -> tuple[float, float]:
    """A point `metres` due north of the office (on a meridian, distance is exact in latitude)."""
    return OFFICE.latitude + math.degrees(metres / EARTH_RADIUS_M), OFFICE.longitude


def test_haversine_agrees_with_a_known_distance():
    # One degree of latitude is about 111.2 km.
    assert haversine_m(0, 0, 1, 0) == pytest.approx(111_195, rel=1e-3)


def test_a_precise_fix_inside_the_fence_is_accepted():
    result = geofence_check(*north_of(40), 10, OFFICE)
    assert result.accepted
    assert result.distance_m == pytest.approx(40, abs=0.01)


def test_a_fix_outside_the_fence_is_refused_with_its_distance():
    result = geofence_check(*north_of(250), 5, OFFICE)
    assert not result.accepted
    assert result.distance_m == pytest.approx(250, abs=0.01)
    assert result.radius_m == 100


def test_a_fix_exactly_at_the_radius_with_perfect_accuracy_is_accepted():
    lat, lon = north_of(100)
    location = SimpleNamespace(
        latitude=OFFICE.latitude,
        longitude=OFFICE.longitude,
        radius_m=haversine_m(lat, lon, OFFICE.latitude, OFFICE.longitude),
    )
    assert geofence_check(lat, lon, 0, location).accepted


def test_an_accuracy_circle_touching_the_edge_from_inside_is_accepted():
    assert geofence_check(*north_of(70), 30, OFFICE).accepted


def test_an_accuracy_circle_reaching_outside_the_fence_is_refused():
    # The centre is well inside, but the phone could be anywhere within 31 m of it.
    result = geofence_check(*north_of(70), 31, OFFICE)
    assert not result.accepted
    assert result.distance_m < OFFICE.radius_m


def test_a_fix_at_the_office_with_an_accuracy_wider_than_the_fence_is_refused():
    assert not geofence_check(OFFICE.latitude, OFFICE.longitude, 150, OFFICE).accepted


@pytest.mark.parametrize(
    "lat, lon, accuracy",
    [(91, 0, 5), (0, 181, 5), ("x", 0, 5), (0, 0, -1), (float("nan"), 0, 5), (0, 0, None)],
)
def test_nonsense_coordinates_are_refused(lat, lon, accuracy):
    with pytest.raises(ValueError):
        geofence_check(lat, lon, accuracy, OFFICE)
