"""Is a phone's position fix inside an office's geofence? A pure function (haversine distance).

A fix is accepted only when its whole accuracy circle lies inside the fence: distance + accuracy ≤ radius.
A fix exactly on the edge (or whose circle touches the edge from inside) is accepted."""

from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG)
_EDGE_TOLERANCE_M = 1e-6  # floating-point slack, so "exactly at the radius" is inside


@dataclass(frozen=True)
class GeofenceResult:
    """The answer: accepted or not, the distance from the office and the fence's radius (metres)."""

    accepted: bool
    distance_m: float
    radius_m: float
    accuracy_m: float


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def _finite(value, low: float, high: float, what: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{what} is not a number.") from None
    if not math.isfinite(number) or not low <= number <= high:
        raise ValueError(f"{what} must lie in [{low}, {high}].")
    return number


def geofence_check(lat, lon, accuracy_m, location) -> GeofenceResult:
    """Whether the fix (lat, lon, accuracy) lies inside `location`'s fence (anything with latitude,
    longitude and radius_m). Raises ValueError for coordinates or an accuracy that are not sane."""
    lat = _finite(lat, -90, 90, "Latitude")
    lon = _finite(lon, -180, 180, "Longitude")
    accuracy = _finite(accuracy_m, 0, 1e7, "Accuracy")
    distance = haversine_m(lat, lon, float(location.latitude), float(location.longitude))
    radius = float(location.radius_m)
    accepted = distance + accuracy <= radius + _EDGE_TOLERANCE_M
    return GeofenceResult(accepted, distance, radius, accuracy)
