"""Erlang C for an M/M/c queue, counters needed for a target, and a per-hour staffing plan.

Each opening hour is treated as its own steady M/M/c queue (rates per hour, waits in minutes where named
so). The simulation in `simulation.py` checks what this cannot see: backlog carried from hour to hour.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

MAX_COUNTERS = 500  # a bound for counters_needed: no service location staffs more


# --- Erlang C ------------------------------------------------------------------------------------


def _check_queue(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Validate an M/M/c queue and return its offered load a = λ/μ."""
    if not all(math.isfinite(x) for x in (arrival_rate, service_rate)):
        raise ValueError("Arrival and service rates must be finite numbers.")
    if arrival_rate < 0:
        raise ValueError(f"The arrival rate cannot be negative (got {arrival_rate}).")
    if service_rate <= 0:
        raise ValueError(f"The service rate must be positive (got {service_rate}).")
    if int(servers) != servers or servers < 1:
        raise ValueError(f"The number of counters must be a whole number ≥ 1 (got {servers}).")
    load = arrival_rate / service_rate
    if load >= servers:
        raise ValueError(
            f"Utilisation ρ = λ/(cμ) = {load / servers:.2f} ≥ 1: with {int(servers)} counter(s) the "
            "queue grows without limit; add counters or shorten the service time."
        )
    return load


def erlang_c_wait_probability(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Probability that an arriving citizen has to wait (Erlang C), for an M/M/c queue with ρ < 1.

    Computed through the Erlang B recursion, which stays stable for large loads and many counters.
    """
    load = _check_queue(arrival_rate, service_rate, servers)
    if load == 0:
        return 0.0
    erlang_b = 1.0
    for k in range(1, int(servers) + 1):
        erlang_b = load * erlang_b / (k + load * erlang_b)
    return servers * erlang_b / (servers - load * (1 - erlang_b))


def mean_wait(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Mean wait in the queue Wq = C / (cμ − λ), in the rates' time unit."""
    probability = erlang_c_wait_probability(arrival_rate, service_rate, servers)
    return probability / (servers * service_rate - arrival_rate)


def wait_within_probability(
    arrival_rate: float, service_rate: float, servers: int, wait: float
) -> float:
    """P(W ≤ t) = 1 − C·e^{−(cμ−λ)t}: the share of citizens called within `wait` (rates' time unit)."""
    if wait < 0:
        raise ValueError(f"The target wait cannot be negative (got {wait}).")
    probability = erlang_c_wait_probability(arrival_rate, service_rate, servers)
    return 1 - probability * math.exp(-(servers * service_rate - arrival_rate) * wait)


def _check_targets(mean_service_minutes: float, target_wait_minutes: float, target_share: float):
    if not mean_service_minutes > 0:
        raise ValueError(f"The mean service time must be positive (got {mean_service_minutes}).")
    if not target_wait_minutes >= 0:
        raise ValueError(f"The target wait cannot be negative (got {target_wait_minutes}).")
    if not 0 < target_share < 1:
        raise ValueError(
            f"The share within the target must be between 0 and 1, exclusive (got {target_share})."
        )


def counters_needed(
    arrival_rate_per_hour: float,
    mean_service_minutes: float,
    target_wait_minutes: float,
    target_share: float,
) -> int:
    """The fewest counters with ρ < 1 and P(W ≤ target) ≥ share; 0 when nobody arrives."""
    _check_targets(mean_service_minutes, target_wait_minutes, target_share)
    if not math.isfinite(arrival_rate_per_hour) or arrival_rate_per_hour < 0:
        raise ValueError(f"The arrival rate cannot be negative (got {arrival_rate_per_hour}).")
    if arrival_rate_per_hour == 0:
        return 0
    service_rate = 60.0 / mean_service_minutes
    wait_hours = target_wait_minutes / 60.0
    servers = math.floor(arrival_rate_per_hour / service_rate) + 1  # the fewest with ρ < 1
    while servers <= MAX_COUNTERS:
        share = wait_within_probability(arrival_rate_per_hour, service_rate, servers, wait_hours)
        if share >= target_share:
            return servers
        servers += 1
    raise ValueError(f"More than {MAX_COUNTERS} counters would be needed; check the figures.")


@dataclass(frozen=True)
class HourPlan:
    """One hour of a staffing plan: the load, the counters proposed and what Erlang C predicts."""

    hour: int  # local clock hour the period starts at
    arrivals: float  # expected arrivals in the hour
    counters: int
    utilisation: float  # ρ = λ/(cμ); 0 when nobody comes
    wait_probability: float  # Erlang C
    mean_wait_minutes: float
    share_within_target: float


def hour_figures(
    hour: int, arrivals: float, counters: int, mean_service_minutes: float, target_minutes: float
) -> HourPlan:
    """Erlang C figures for one hour; a saturated hour (ρ ≥ 1) reports an infinite wait."""
    service_rate = 60.0 / mean_service_minutes
    if arrivals == 0:
        return HourPlan(hour, 0.0, counters, 0.0, 0.0, 0.0, 1.0)
    if counters == 0 or arrivals >= counters * service_rate:
        rho = math.inf if counters == 0 else arrivals / (counters * service_rate)
        return HourPlan(hour, arrivals, counters, rho, 1.0, math.inf, 0.0)
    return HourPlan(
        hour=hour,
        arrivals=arrivals,
        counters=counters,
        utilisation=arrivals / (counters * service_rate),
        wait_probability=erlang_c_wait_probability(arrivals, service_rate, counters),
        mean_wait_minutes=60.0 * mean_wait(arrivals, service_rate, counters),
        share_within_target=wait_within_probability(
            arrivals, service_rate, counters, target_minutes / 60.0
        ),
    )


def staffing_plan(
    hourly_arrivals: Sequence[float],
    mean_service_minutes: float,
    target_wait_minutes: float,
    target_share: float,
    *,
    first_hour: int = 8,
    min_counters: int = 1,
) -> list[HourPlan]:
    """Counters needed in each opening hour (each hour as its own steady M/M/c queue)."""
    _check_targets(mean_service_minutes, target_wait_minutes, target_share)
    if min_counters < 0:
        raise ValueError("The minimum number of counters cannot be negative.")
    plan = []
    for offset, arrivals in enumerate(hourly_arrivals):
        needed = counters_needed(arrivals, mean_service_minutes, target_wait_minutes, target_share)
        counters = max(needed, min_counters)
        plan.append(
            hour_figures(
                first_hour + offset, arrivals, counters, mean_service_minutes, target_wait_minutes
            )
        )
    return plan
