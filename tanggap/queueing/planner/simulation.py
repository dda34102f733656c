"""The simulated queue day (SimPy): arrivals, counters changing per hour, priority and booked order.

Times are minutes from opening. `run_day` plays one day and fills each citizen's call, start and finish;
`simulate_day` replicates a day and reports mean and 90th-percentile waits. The queue history generator
uses `run_day` too, so demo waits are consequences of load and staffing.
"""

from __future__ import annotations

import heapq
import math
import random
import statistics
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, field

import simpy


@dataclass
class Arrival:
    """One citizen in a simulated day (times in minutes from opening)."""

    at: float  # check-in (kiosk or QR scan)
    service: int = 0  # index of the queued service
    service_minutes: float = 10.0  # drawn in advance: both staffing variants serve the same people
    booked: bool = False
    slot: float | None = None  # a booking's slot start
    priority: bool = False
    no_show: bool = False  # called but never came to the counter
    # filled in by run_day
    called_at: float | None = None
    started_at: float | None = None
    finished_at: float | None = None
    counter: int | None = None

    @property
    def key(self) -> float:
        """Calling order after priority: a booking's slot time (it checks in around it), else arrival."""
        return self.slot if self.booked and self.slot is not None else self.at

    @property
    def wait(self) -> float:
        return (self.called_at or 0.0) - self.at


@dataclass
class DayConfig:
    """How the location works that day: opening length, counters per hour and who serves what."""

    hourly_counters: Sequence[int]  # counters on duty in each opening hour
    # The services each counter handles; a counter with None (or none listed) handles every service.
    counter_services: Sequence[Set[int] | None] = ()
    walk_to_counter_minutes: float = 0.0  # called → service starts
    no_show_grace_minutes: float = 10.0  # a counter waits this long before skipping a no-show

    def handles(self, counter: int, service: int) -> bool:
        handled = self.counter_services[counter] if counter < len(self.counter_services) else None
        return handled is None or service in handled


@dataclass
class _State:
    env: simpy.Environment
    config: DayConfig
    close: float
    after_close: int
    queues: dict[int, list] = field(default_factory=dict)
    idle: dict[int, simpy.Event] = field(
        default_factory=dict
    )  # insertion order = idle longest first
    arrivals_done: bool = False
    seq: int = 0

    def on_duty(self, counter: int, now: float) -> bool:
        hour = int(now // 60)
        counters = self.config.hourly_counters
        wanted = counters[hour] if now < self.close else self.after_close
        return counter < wanted

    def next_duty_start(self, counter: int, now: float) -> float | None:
        for hour in range(int(now // 60) + 1, len(self.config.hourly_counters)):
            if counter < self.config.hourly_counters[hour]:
                return hour * 60.0
        return self.close if counter < self.after_close else None

    def push(self, visit: Arrival) -> None:
        self.seq += 1
        heapq.heappush(
            self.queues.setdefault(visit.service, []),
            (0 if visit.priority else 1, visit.key, self.seq, visit),
        )
        for counter, event in list(self.idle.items()):
            if self.config.handles(counter, visit.service) and self.on_duty(counter, self.env.now):
                del self.idle[counter]
                event.succeed()
                return

    def pop_for(self, counter: int) -> Arrival | None:
        best = None
        for service, heap in self.queues.items():
            if heap and self.config.handles(counter, service) and (best is None or heap[0] < best):
                best = heap[0]
        if best is None:
            return None
        return heapq.heappop(self.queues[best[3].service])[3]

    def wake_all(self) -> None:
        idle, self.idle = self.idle, {}
        for event in idle.values():
            event.succeed()


def _arrive(state: _State, arrivals: list[Arrival]):
    env = state.env
    for visit in arrivals:
        if visit.at > env.now:
            yield env.timeout(visit.at - env.now)
        state.push(visit)
    state.arrivals_done = True
    state.wake_all()


def _shifts(state: _State):
    """Wake idle counters at each hour boundary so they see the new duty roster."""
    env = state.env
    for hour in range(1, len(state.config.hourly_counters) + 1):
        yield env.timeout(hour * 60.0 - env.now)
        state.wake_all()


def _counter(state: _State, counter: int):
    env = state.env
    config = state.config
    while True:
        if not state.on_duty(counter, env.now):
            start = state.next_duty_start(counter, env.now)
            if start is None:
                return
            yield env.timeout(start - env.now)
            continue
        visit = state.pop_for(counter)
        if visit is None:
            if state.arrivals_done and env.now >= state.close:
                return
            event = env.event()
            state.idle[counter] = event
            yield event
            continue
        visit.called_at = env.now
        visit.counter = counter
        if visit.no_show:
            yield env.timeout(config.no_show_grace_minutes)
            visit.finished_at = env.now
            continue
        if config.walk_to_counter_minutes:
            yield env.timeout(config.walk_to_counter_minutes)
        visit.started_at = env.now
        yield env.timeout(visit.service_minutes)
        visit.finished_at = env.now


def run_day(arrivals: Sequence[Arrival], config: DayConfig) -> list[Arrival]:
    """Play one day with SimPy: fills each arrival's call, start and finish time and counter.

    Counters on duty in an hour are the first `hourly_counters[h]`; each calls the best waiting ticket
    among the services it handles (priority first, then slot time / arrival) and finishes the citizen in
    front of it even when its shift ends. After closing no one new arrives and the last hour's counters
    (at least one) serve everyone who already took a number.
    """
    hours = len(config.hourly_counters)
    if hours == 0:
        raise ValueError("A day needs at least one opening hour.")
    if any(int(c) != c or c < 0 for c in config.hourly_counters):
        raise ValueError("Counters per hour must be whole numbers ≥ 0.")
    env = simpy.Environment()
    close = hours * 60.0
    state = _State(env, config, close, max(1, int(config.hourly_counters[-1])))
    ordered = sorted(arrivals, key=lambda a: a.at)
    if ordered and (ordered[0].at < 0 or ordered[-1].at > close):
        raise ValueError("Arrivals must fall within the opening hours.")
    staff = range(max(max(config.hourly_counters), state.after_close))
    unserved = {a.service for a in ordered} - {
        s for s in {a.service for a in ordered} if any(config.handles(k, s) for k in staff)
    }
    if unserved:
        raise ValueError(f"There is no counter for service(s) {sorted(unserved)}.")
    env.process(_arrive(state, ordered))
    env.process(_shifts(state))
    for counter in staff:
        env.process(_counter(state, counter))
    env.run()
    return ordered


# --- arrivals ---------------------------------------------------------------------------------------


def service_time_sampler(
    rng: random.Random, mean_minutes: float, cv: float | None = None
) -> Callable[[], float]:
    """Exponential service times with the given mean, or lognormal with coefficient of variation `cv`."""
    if not mean_minutes > 0:
        raise ValueError(f"The mean service time must be positive (got {mean_minutes}).")
    if cv is None:
        rate = 1.0 / mean_minutes
        return lambda: rng.expovariate(rate)
    if not cv > 0:
        raise ValueError(f"The coefficient of variation must be positive (got {cv}).")
    sigma = math.sqrt(math.log(1 + cv * cv))
    mu = math.log(mean_minutes) - sigma * sigma / 2
    return lambda: rng.lognormvariate(mu, sigma)


def _poisson_times(rng: random.Random, rate_per_hour: float, start: float, end: float):
    """Event times of a Poisson process with the given hourly rate in [start, end) minutes."""
    times: list[float] = []
    if rate_per_hour <= 0:
        return times
    rate = rate_per_hour / 60.0
    moment = start + rng.expovariate(rate)
    while moment < end:
        times.append(moment)
        moment += rng.expovariate(rate)
    return times


def generate_arrivals(
    rng: random.Random,
    hourly_arrivals: Sequence[float],
    *,
    booked_share: float = 0.0,
    slot_minutes: int = 30,
    priority_share: float = 0.0,
    service_minutes: Callable[[], float],
    booked_early_minutes: float = 10.0,
    booked_late_minutes: float = 10.0,
) -> list[Arrival]:
    """A day's citizens: Poisson walk-ins per hour, bookings per slot arriving around the slot start."""
    if any(not math.isfinite(x) or x < 0 for x in hourly_arrivals):
        raise ValueError("Arrivals per hour cannot be negative.")
    if not 0 <= booked_share <= 1 or not 0 <= priority_share <= 1:
        raise ValueError("Shares must lie between 0 and 1.")
    if slot_minutes <= 0:
        raise ValueError("The slot length must be positive.")
    close = len(hourly_arrivals) * 60.0
    people: list[Arrival] = []
    for hour, rate in enumerate(hourly_arrivals):
        for moment in _poisson_times(rng, rate * (1 - booked_share), hour * 60.0, hour * 60.0 + 60):
            people.append(Arrival(at=moment))
    slot = 0.0
    while slot < close:
        rate = hourly_arrivals[int(slot // 60)] * booked_share
        count = len(_poisson_times(rng, rate, 0.0, min(slot_minutes, close - slot)))
        for _ in range(count):
            moment = slot + rng.uniform(-booked_early_minutes, booked_late_minutes)
            people.append(Arrival(at=min(max(moment, 0.0), close), booked=True, slot=slot))
        slot += slot_minutes
    people.sort(key=lambda a: a.at)
    for person in people:  # drawn in arrival order so a seed gives the same day in any variant
        person.service_minutes = service_minutes()
        person.priority = rng.random() < priority_share
    return people


# --- planner simulation ------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th quantile (0–1) with linear interpolation, as PostgreSQL's percentile_cont."""
    if not values:
        return None
    ordered = sorted(values)
    rank = q * (len(ordered) - 1)
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class SimulationResult:
    """Waits over all replications of a simulated day (minutes)."""

    replications: int
    citizens_per_day: float
    mean_wait: float
    mean_wait_ci95: float  # half-width of the 95% interval of the mean, across replications
    p90_wait: float
    share_within_target: float
    target_wait_minutes: float
    hourly_mean_wait: list[float]  # by hour of arrival
    overtime_minutes: float  # mean time after closing until the last citizen is done


def simulate_day(
    hourly_arrivals: Sequence[float],
    hourly_counters: Sequence[int],
    mean_service_minutes: float,
    booked_share: float = 0.0,
    seed: int = 7,
    replications: int = 20,
    *,
    target_wait_minutes: float = 15.0,
    service_cv: float | None = None,
    priority_share: float = 0.0,
    slot_minutes: int = 30,
    day_volume_cv: float = 0.0,
) -> SimulationResult:
    """Simulate a day `replications` times; the same seed gives the same citizens for any staffing.

    Exponential service times by default; pass `service_cv` for lognormal ones with that variation.
    `day_volume_cv` makes days differ (a busy Monday, a quiet Friday): each replication scales the
    arrival rates by a lognormal factor of mean 1 and this coefficient of variation. Waits grow faster
    than load, so an average day alone understates the average wait.
    """
    if len(hourly_arrivals) != len(hourly_counters):
        raise ValueError("Give one arrival rate and one number of counters per opening hour.")
    if replications < 1:
        raise ValueError("At least one replication is needed.")
    if target_wait_minutes < 0:
        raise ValueError("The target wait cannot be negative.")
    if not 0 <= day_volume_cv <= 2:
        raise ValueError("The day-to-day variation must lie between 0 and 2.")
    day_sigma = math.sqrt(math.log(1 + day_volume_cv**2))
    rng = random.Random(seed)  # noqa: S311 - a reproducible simulation, not secrets
    sampler = service_time_sampler(rng, mean_service_minutes, service_cv)
    config = DayConfig(hourly_counters=list(hourly_counters))
    hours = len(hourly_arrivals)
    waits: list[float] = []
    rep_means: list[float] = []
    by_hour: list[list[float]] = [[] for _ in range(hours)]
    overtime: list[float] = []
    for _ in range(replications):
        factor = rng.lognormvariate(-day_sigma * day_sigma / 2, day_sigma) if day_sigma else 1.0
        people = generate_arrivals(
            rng,
            [rate * factor for rate in hourly_arrivals],
            booked_share=booked_share,
            slot_minutes=slot_minutes,
            priority_share=priority_share,
            service_minutes=sampler,
        )
        run_day(people, config)
        day_waits = [p.wait for p in people]
        waits += day_waits
        rep_means.append(statistics.fmean(day_waits) if day_waits else 0.0)
        for person in people:
            by_hour[min(int(person.at // 60), hours - 1)].append(person.wait)
        last = max((p.finished_at or 0.0 for p in people), default=0.0)
        overtime.append(max(0.0, last - hours * 60.0))
    spread = statistics.stdev(rep_means) if replications > 1 else 0.0
    return SimulationResult(
        replications=replications,
        citizens_per_day=len(waits) / replications,
        mean_wait=statistics.fmean(waits) if waits else 0.0,
        mean_wait_ci95=1.96 * spread / math.sqrt(replications),
        p90_wait=percentile(waits, 0.9) or 0.0,
        share_within_target=(
            sum(w <= target_wait_minutes for w in waits) / len(waits) if waits else 1.0
        ),
        target_wait_minutes=target_wait_minutes,
        hourly_mean_wait=[statistics.fmean(h) if h else 0.0 for h in by_hour],
        overtime_minutes=statistics.fmean(overtime),
    )


def relative_change(before: float, after: float) -> float | None:
    """(after − before) / before, or None when there was nothing to change."""
    if before == 0:
        return None
    return (after - before) / before
