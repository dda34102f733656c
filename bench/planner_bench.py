"""The staffing planner: simulated vs Erlang C mean wait for M/M/c cases, and the planner's time for a day.

    .venv/bin/python bench/planner_bench.py [--citizens 1500000] [--replications 4] [--seed 2026]
        (or: make bench)

1. For each M/M/c case, Erlang C's probability of waiting, mean wait Wq and P(W ≤ 5 min) beside the same
   figures from the SimPy day (`simulate_day`) run as one long "day" with constant counters, with the
   relative difference and the 95% interval of the simulated mean (across replications).
2. A full Dukcapil-like day (8 opening hours with a morning peak): the time of the Erlang C staffing plan
   and of `compare_staffing` (the plan plus two simulations of 30 replications, as the planner page runs
   it), median of 5 runs.

Pure Python: no database and no Django settings are needed. It prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time

import harness  # noqa: F401 - puts the project root on sys.path

from tanggap.queueing.planner import (
    compare_staffing,
    erlang_c_wait_probability,
    mean_wait,
    simulate_day,
    staffing_plan,
    wait_within_probability,
)

CASES = (
    # (name, arrivals per hour, mean service minutes, counters)
    ("M/M/6  λ=50/h, 6 min (ρ=0.83)", 50.0, 6.0, 6),
    ("M/M/1  λ=8/h, 6 min (ρ=0.80)", 8.0, 6.0, 1),
    ("M/M/15 λ=100/h, 8 min (ρ=0.89)", 100.0, 8.0, 15),
)
DAY_ARRIVALS = [30.2, 43.1, 44.1, 30.9, 21.8, 13.6, 14.0, 9.8]  # Dukcapil's demo history, per hour
DAY_COUNTERS = [6, 6, 6, 6, 4, 4, 6, 6]
DAY_SERVICE_MINUTES = 8.7


def agreement(citizens: int, replications: int, seed: int) -> None:
    print(
        f"1. Simulated vs Erlang C: about {citizens:,} citizens per case in {replications} "
        "replications of one long day at constant load (the P(W≤5min) run is a quarter as long)"
    )
    head = f"{'case':34} {'':>9} {'Erlang C':>9} {'simulated':>10} {'rel. diff':>9}  95% CI of sim. mean"
    print(head)
    for name, lam, minutes, servers in CASES:
        mu = 60.0 / minutes
        hours = max(1, round(citizens / (lam * replications)))
        started = time.perf_counter()
        waited = simulate_day(
            [lam] * hours,
            [servers] * hours,
            minutes,
            seed=seed,
            replications=replications,
            target_wait_minutes=0.0,
        )
        within = simulate_day(
            [lam] * (hours // 4),
            [servers] * (hours // 4),
            minutes,
            seed=seed + 1,
            replications=replications,
            target_wait_minutes=5.0,
        )
        elapsed = time.perf_counter() - started
        wq = 60 * mean_wait(lam, mu, servers)
        rows = (
            (
                "P(wait)",
                erlang_c_wait_probability(lam, mu, servers),
                1 - waited.share_within_target,
            ),
            ("Wq (min)", wq, waited.mean_wait),
            (
                "P(W≤5min)",
                wait_within_probability(lam, mu, servers, 5 / 60),
                within.share_within_target,
            ),
        )
        for i, (label, exact, simulated) in enumerate(rows):
            ci = (
                f"± {waited.mean_wait_ci95:.3f} min ({100 * waited.mean_wait_ci95 / wq:.1f}%)"
                if label.startswith("Wq")
                else ""
            )
            print(
                f"{name if i == 0 else '':34} {label:>9} {exact:9.4f} {simulated:10.4f} "
                f"{100 * (simulated / exact - 1):+8.2f}%  {ci}"
            )
        citizens = waited.citizens_per_day * replications + within.citizens_per_day * replications
        print(f"{'':34} {hours:,} h × {replications}: {citizens:,.0f} citizens in {elapsed:.1f} s")


def full_day(runs: int = 5) -> None:
    print()
    print(
        f"2. Planner for a full day: {len(DAY_ARRIVALS)} opening hours, "
        f"{sum(DAY_ARRIVALS):.0f} citizens, {DAY_SERVICE_MINUTES} min per citizen, "
        "target 80% within 15 min"
    )
    plan_times, compare_times = [], []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        plan = staffing_plan(DAY_ARRIVALS, DAY_SERVICE_MINUTES, 15, 0.8)
        plan_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        result = compare_staffing(
            DAY_ARRIVALS, DAY_SERVICE_MINUTES, 15, 0.8, DAY_COUNTERS, replications=30
        )
        compare_times.append(time.perf_counter() - started)
    assert result is not None
    print(f"   counters per hour (Erlang C): {[p.counters for p in plan]}")
    print(
        f"   Erlang C plan:                         {1000 * statistics.median(plan_times):8.2f} ms"
    )
    print(
        f"   plan + 2 simulations × 30 replications: {1000 * statistics.median(compare_times):8.1f} ms"
        f" (median of {runs})"
    )
    now, then = result.simulated_current, result.simulated_proposed
    print(
        f"   today {DAY_COUNTERS}: mean {now.mean_wait:.1f} min, p90 {now.p90_wait:.1f} min; "
        f"proposed: mean {then.mean_wait:.1f} min, p90 {then.p90_wait:.1f} min "
        f"({100 * result.mean_wait_change:+.0f}% / {100 * result.p90_wait_change:+.0f}%)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--citizens", type=int, default=1_500_000, help="simulated citizens per case (about)"
    )
    parser.add_argument("--replications", type=int, default=4)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    print(
        f"planner_bench: Python {platform.python_version()}, {platform.machine()}, "
        f"SimPy discrete-event simulation"
    )
    agreement(args.citizens, args.replications, args.seed)
    full_day()


if __name__ == "__main__":
    main()
