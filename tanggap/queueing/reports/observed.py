"""What the staffing planner starts from, measured at a location over a period: arrivals per opening hour,
service times and their spread, the booked share, how many counters were calling, the waits measured.
A fixed number of queries whatever the period (capped like the dashboard's)."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from dataclasses import dataclass

from django.db.models import Count, DateTimeField, ExpressionWrapper, F, Q, Value
from django.db.models.functions import ExtractHour

from tanggap.core.calendar import WorkingCalendar, calendar_for
from tanggap.org.models import Unit
from tanggap.queueing.models import Counter, QueueService, Ticket
from tanggap.queueing.planner import percentile
from tanggap.queueing.reports.analytics import (
    SERVICE,
    WAIT,
    check_period,
    duration_minutes,
    tickets_in_period,
)

S = Ticket.Status
SRC = Ticket.Source


@dataclass(frozen=True)
class ObservedLoad:
    """What the planner starts from: arrivals per opening hour and the service time actually measured."""

    periods: list[dt.time]  # start of each planning hour, from opening
    arrivals_per_hour: list[float]
    mean_service_minutes: float | None
    service_cv: float | None  # standard deviation / mean of the service times
    booked_share: float
    priority_share: float
    days: int
    day_volume_cv: float  # how much more days differ in arrivals than chance alone would make
    active_counters: list[float]  # counters that called someone, averaged per period and day
    configured_counters: int


def opening_periods(cal: WorkingCalendar) -> list[dt.time]:
    """The planning hours of a day: one per started hour from opening to closing."""
    start = cal.start.hour * 60 + cal.start.minute
    end = cal.end.hour * 60 + cal.end.minute
    count = max(1, math.ceil((end - start) / 60))
    return [dt.time((start + 60 * i) // 60 % 24, (start + 60 * i) % 60) for i in range(count)]


def _period_of(field_name: str, tz, opens_minute: int):
    """The planning hour of a moment: the local hour of the moment shifted back by the opening time."""
    shifted = ExpressionWrapper(
        F(field_name) - Value(dt.timedelta(minutes=opens_minute)), output_field=DateTimeField()
    )
    return ExtractHour(shifted, tzinfo=tz)


def _period_index(value: int | None, count: int) -> int:
    """Clamp a shifted hour to the day's periods: before opening → first, after closing → last."""
    value = int(value or 0)
    if value < count:
        return value
    return 0 if 24 - value < value - (count - 1) else count - 1


def observed_load(
    *, location: Unit, start: dt.date, end: dt.date, queue_service: QueueService | None = None
) -> ObservedLoad:
    """Arrivals per opening hour averaged over the days the location issued tickets, and service times.

    A fixed number of queries: days open, the arrival mix, arrivals per period and per day, active
    counters per period and day, service times, counters.
    """
    check_period(start, end)
    cal = calendar_for(unit=location)
    periods = opening_periods(cal)
    opens = cal.start.hour * 60 + cal.start.minute
    all_services = tickets_in_period(location, start, end)
    qs = all_services if queue_service is None else all_services.filter(queue_service=queue_service)
    arrived = qs.filter(checked_in_at__isnull=False).exclude(source=SRC.TRANSFER)

    days = all_services.filter(checked_in_at__isnull=False).values("service_day").distinct().count()
    mix = arrived.aggregate(
        n=Count("id"),
        booked=Count("id", filter=Q(source=SRC.BOOKING)),
        priority=Count("id", filter=~Q(priority="")),
    )
    per_period = (
        arrived.annotate(period=_period_of("checked_in_at", cal.tz, opens))
        .values("period")
        .annotate(n=Count("id"))
        .order_by()
    )
    arrivals = [0.0] * len(periods)
    for row in per_period:
        arrivals[_period_index(row["period"], len(periods))] += row["n"]
    arrivals = [n / days if days else 0.0 for n in arrivals]
    per_day = list(
        arrived.values("service_day").annotate(n=Count("id")).values_list("n", flat=True)
    )
    per_day += [0] * max(days - len(per_day), 0)  # open days on which nobody came for this service
    # Day-to-day variation beyond the Poisson noise the simulation already makes: cv² − 1/mean.
    day_mean = statistics.fmean(per_day) if per_day else 0.0
    day_cv = (
        math.sqrt(max(statistics.pvariance(per_day) / day_mean**2 - 1 / day_mean, 0.0))
        if len(per_day) > 1 and day_mean > 0
        else 0.0
    )

    active = (
        qs.filter(called_at__isnull=False, counter__isnull=False)
        .annotate(period=_period_of("called_at", cal.tz, opens))
        .values("service_day", "period")
        .annotate(n=Count("counter", distinct=True))
        .order_by()
    )
    # Calls before opening or after closing fold into the first or last hour: keep the larger count.
    per_day_period: dict[tuple, int] = {}
    for row in active:
        key = (row["service_day"], _period_index(row["period"], len(periods)))
        per_day_period[key] = max(per_day_period.get(key, 0), row["n"])
    counter_sum = [0.0] * len(periods)
    for (_day, index), n in per_day_period.items():
        counter_sum[index] += n
    active_counters = [n / days if days else 0.0 for n in counter_sum]

    service_times = [
        m
        for m in (
            duration_minutes(d)
            for d in qs.filter(status=S.DONE, serving_started_at__isnull=False)
            .annotate(service_time=SERVICE)
            .values_list("service_time", flat=True)
            .order_by()
        )
        if m is not None
    ]
    counters = Counter.objects.filter(location=location, is_open=True)
    if queue_service is not None:
        counters = counters.filter(services=queue_service)
    return ObservedLoad(
        periods=periods,
        arrivals_per_hour=arrivals,
        mean_service_minutes=statistics.fmean(service_times) if service_times else None,
        service_cv=(
            statistics.stdev(service_times) / statistics.fmean(service_times)
            if len(service_times) > 1 and statistics.fmean(service_times) > 0
            else None
        ),
        booked_share=mix["booked"] / mix["n"] if mix["n"] else 0.0,
        priority_share=mix["priority"] / mix["n"] if mix["n"] else 0.0,
        days=days,
        day_volume_cv=min(day_cv, 2.0),
        active_counters=active_counters,
        configured_counters=counters.distinct().count(),
    )


@dataclass(frozen=True)
class MeasuredWaits:
    """Waits actually measured (check-in → call) over a period, for the planner's context."""

    count: int
    mean: float | None
    median: float | None
    p90: float | None


def measured_waits(
    *, location: Unit, start: dt.date, end: dt.date, queue_service: QueueService | None = None
) -> MeasuredWaits:
    """Mean, median and 90th percentile of the measured waits (one query)."""
    check_period(start, end)
    waits = [
        m
        for m in (
            duration_minutes(d)
            for d in tickets_in_period(location, start, end, queue_service)
            .filter(called_at__isnull=False, checked_in_at__isnull=False)
            .exclude(source=SRC.TRANSFER)
            .annotate(wait=WAIT)
            .values_list("wait", flat=True)
            .order_by()
        )
        if m is not None
    ]
    return MeasuredWaits(
        count=len(waits),
        mean=sum(waits) / len(waits) if waits else None,
        median=percentile(waits, 0.5),
        p90=percentile(waits, 0.9),
    )
