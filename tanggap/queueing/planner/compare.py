"""Today's staffing against a proposal: Erlang C per hour and the simulated day for both."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tanggap.queueing.planner.erlang import HourPlan, hour_figures, staffing_plan
from tanggap.queueing.planner.simulation import SimulationResult, relative_change, simulate_day


@dataclass(frozen=True)
class StaffingComparison:
    """Erlang C per hour and the simulated day, for today's staffing and a proposal."""

    needed: list[int]  # Erlang C's counters per hour for the target
    current: list[HourPlan]
    proposed: list[HourPlan]
    simulated_current: SimulationResult
    simulated_proposed: SimulationResult
    mean_wait_change: float | None  # relative: −0.6 is the seed's 60% cut
    p90_wait_change: float | None


def compare_staffing(
    hourly_arrivals: Sequence[float],
    mean_service_minutes: float,
    target_wait_minutes: float,
    target_share: float,
    current_counters: Sequence[int],
    proposed_counters: Sequence[int] | None = None,
    *,
    booked_share: float = 0.0,
    service_cv: float | None = None,
    day_volume_cv: float = 0.0,
    seed: int = 2026,
    replications: int = 30,
) -> StaffingComparison:
    """Plan counters per hour with Erlang C (unless a proposal is given) and simulate both days.

    Both simulations see the same citizens (same seed), so the difference is the staffing alone.
    """
    if len(current_counters) != len(hourly_arrivals):
        raise ValueError("Give today's counters for every opening hour.")
    plan = staffing_plan(
        hourly_arrivals, mean_service_minutes, target_wait_minutes, target_share, min_counters=1
    )
    needed = [hour.counters for hour in plan]
    proposal = list(proposed_counters) if proposed_counters is not None else needed
    if len(proposal) != len(hourly_arrivals):
        raise ValueError("Give the proposed counters for every opening hour.")

    def figures(counters: Sequence[int]) -> list[HourPlan]:
        return [
            hour_figures(i, a, int(c), mean_service_minutes, target_wait_minutes)
            for i, (a, c) in enumerate(zip(hourly_arrivals, counters, strict=True))
        ]

    def simulate(counters: Sequence[int]) -> SimulationResult:
        return simulate_day(
            hourly_arrivals,
            counters,
            mean_service_minutes,
            booked_share,
            seed=seed,
            replications=replications,
            target_wait_minutes=target_wait_minutes,
            service_cv=service_cv,
            day_volume_cv=day_volume_cv,
        )

    now, then = simulate(current_counters), simulate(proposal)
    return StaffingComparison(
        needed=needed,
        current=figures(current_counters),
        proposed=figures(proposal),
        simulated_current=now,
        simulated_proposed=then,
        mean_wait_change=relative_change(now.mean_wait, then.mean_wait),
        p90_wait_change=relative_change(now.p90_wait, then.p90_wait),
    )
