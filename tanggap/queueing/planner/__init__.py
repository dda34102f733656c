"""Staffing planner: Erlang C (M/M/c) figures and a SimPy simulation of a queue day. Pure Python.

Units: arrival and service rates share one time unit (per hour in the planner's own functions), waits are
in minutes, and a simulated day runs in minutes from opening. Nothing here imports Django, so the planner,
its tests and `bench/planner_bench.py` run without a database.

- Erlang C gives, for one hour at a time (each hour treated as a steady M/M/c queue), the probability of
  waiting, the mean wait and the share served within a target; `counters_needed` is the smallest number
  of counters whose share within the target reaches the wanted share.
- The simulation (`run_day`, `simulate_day`) plays a whole day: Poisson walk-ins, booked citizens around
  their slots, priority visitors first, exponential or lognormal service, counters changing per hour and
  serving whoever took a number before closing. It checks what Erlang C cannot see: the morning backlog
  that spills into the next hours. `run_day` is also what `generate_queue_history` uses, so the demo
  history's waits are consequences of its load and staffing.
"""

from tanggap.queueing.planner.compare import StaffingComparison, compare_staffing
from tanggap.queueing.planner.erlang import (
    MAX_COUNTERS,
    HourPlan,
    counters_needed,
    erlang_c_wait_probability,
    hour_figures,
    mean_wait,
    staffing_plan,
    wait_within_probability,
)
from tanggap.queueing.planner.simulation import (
    Arrival,
    DayConfig,
    SimulationResult,
    generate_arrivals,
    percentile,
    relative_change,
    run_day,
    service_time_sampler,
    simulate_day,
)

__all__ = [
    "MAX_COUNTERS",
    "Arrival",
    "DayConfig",
    "HourPlan",
    "SimulationResult",
    "StaffingComparison",
    "compare_staffing",
    "counters_needed",
    "erlang_c_wait_probability",
    "generate_arrivals",
    "hour_figures",
    "mean_wait",
    "percentile",
    "relative_change",
    "run_day",
    "service_time_sampler",
    "simulate_day",
    "staffing_plan",
    "wait_within_probability",
]
