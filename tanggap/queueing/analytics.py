"""Queue analytics for the location head: per day, hour, service and counter; the live status; the planner's
observed inputs. Every figure comes from Ticket rows (whose times the TicketEvent trail sets).

Definitions (the dashboard's legend says the same):
- tickets: a citizen's ticket in the period (booked or walk-in; not cancelled, not a transfer copy);
- waiting time: check-in → first call; service time: service start → finish of tickets that were done;
- no-show: a booking that never checked in, or a called citizen who never came to the counter.

Counts are database aggregates, one grouped query per table. Median and 90th percentile are not portable
SQL aggregates (PostgreSQL has percentile_cont, SQLite nothing), so the durations of the filtered tickets
come in one query (differences computed by the database) and the percentiles are computed in Python with
percentile_cont's linear interpolation: the same figures on both databases. A page runs a fixed number of
queries whatever the period, and the period is capped at MAX_PERIOD_DAYS.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Count,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    Min,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import ExtractHour
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.accounts.models import UNIT_ROLES
from tanggap.accounts.permissions import (
    REGION_READERS,
    is_sysadmin,
    region_ids_with,
    unit_ids_with,
)
from tanggap.core.calendar import WorkingCalendar, calendar_for
from tanggap.core.errors import NotFound, PermissionDenied
from tanggap.org.models import Unit
from tanggap.queueing.models import Counter, QueueService, Ticket
from tanggap.queueing.permissions import can_view_queue_reports
from tanggap.queueing.planner import percentile

S = Ticket.Status
SRC = Ticket.Source
MAX_PERIOD_DAYS = 92

# What each count means, as Count(filter=...) conditions.
CITIZEN = ~Q(source=SRC.TRANSFER) & ~Q(status=S.CANCELLED)
COUNTS = {
    "tickets": CITIZEN,
    "booked": CITIZEN & Q(source=SRC.BOOKING),
    "walk_in": CITIZEN & Q(source=SRC.WALK_IN),
    "served": Q(status=S.DONE),
    "no_show": Q(status=S.NO_SHOW),
    "cancelled": Q(status=S.CANCELLED),
}
WAIT = ExpressionWrapper(F("called_at") - F("checked_in_at"), output_field=DurationField())
SERVICE = ExpressionWrapper(
    F("finished_at") - F("serving_started_at"), output_field=DurationField()
)


@dataclass
class Row:
    """One line of a report table: counts and median / 90th-percentile times in minutes."""

    key: Any  # the day (date), hour (int), queue service or counter id, or "total"
    label: str
    tickets: int = 0
    booked: int = 0
    walk_in: int = 0
    served: int = 0
    no_show: int = 0
    cancelled: int = 0
    wait_median: float | None = None
    wait_p90: float | None = None
    wait_mean: float | None = None
    service_median: float | None = None
    service_p90: float | None = None
    waits: list[float] = field(default_factory=list, repr=False)
    services: list[float] = field(default_factory=list, repr=False)

    def finish(self) -> Row:
        """Turn the collected durations into percentiles (and drop them)."""
        self.wait_median = percentile(self.waits, 0.5)
        self.wait_p90 = percentile(self.waits, 0.9)
        self.wait_mean = sum(self.waits) / len(self.waits) if self.waits else None
        self.service_median = percentile(self.services, 0.5)
        self.service_p90 = percentile(self.services, 0.9)
        self.waits, self.services = [], []
        return self


@dataclass
class QueueReport:
    """The location dashboard for one period."""

    location: Unit
    start: dt.date
    end: dt.date
    queue_service: QueueService | None
    total: Row
    by_day: list[Row]
    by_hour: list[Row]
    by_service: list[Row]
    by_counter: list[Row]
    days_with_tickets: int


@dataclass(frozen=True)
class LiveStatus:
    """Right now at the location."""

    day: dt.date
    waiting: int
    called: int
    serving: int
    done: int
    no_show: int
    booked_to_come: int
    open_counters: int
    counters: int
    longest_wait_minutes: float | None


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


# --- visibility ---------------------------------------------------------------------------------


def report_locations_visible_to(*, user) -> QuerySet[Unit]:
    """Locations with a queue whose reports the user may read, with their live waiting count."""
    qs = Unit.objects.filter(queue_services__is_active=True).distinct()
    if not is_sysadmin(user):
        regions = region_ids_with(user, REGION_READERS)
        units = unit_ids_with(user, UNIT_ROLES)
        qs = qs.filter(Q(region_id__in=regions) | Q(id__in=units))
    return qs.select_related("region").order_by("region__name", "kind", "name")


def report_location_for(*, user, location_id: int) -> Unit:
    """The location if it has a queue and the user may read its reports; NotFound / PermissionDenied."""
    location = (
        Unit.objects.select_related("region").filter(pk=location_id, queue_services__isnull=False)
    ).first()
    if location is None:
        raise NotFound(_("Lokasi antrean tidak ditemukan."))
    if not can_view_queue_reports(user, location):
        raise PermissionDenied(_("Anda tidak berwenang melihat laporan antrean lokasi ini."))
    return location


def queue_services_of(location: Unit) -> list[QueueService]:
    """The location's queued services, in display order."""
    return list(
        QueueService.objects.filter(location=location)
        .select_related("service")
        .order_by("order", "prefix")
    )


# --- the report -------------------------------------------------------------------------------------


def _tickets(location: Unit, start: dt.date, end: dt.date, queue_service=None) -> QuerySet[Ticket]:
    qs = Ticket.objects.filter(location=location, service_day__gte=start, service_day__lte=end)
    if queue_service is not None:
        qs = qs.filter(queue_service=queue_service)
    return qs


def _grouped_counts(qs: QuerySet[Ticket], group: str, **annotations) -> dict[Any, dict]:
    """{group value: {count name: n}} in one grouped query."""
    aggregates = {name: Count("id", filter=condition) for name, condition in COUNTS.items()}
    rows = qs.annotate(**annotations).values(group).annotate(**aggregates).order_by()
    return {row[group]: row for row in rows}


def _minutes(value: dt.timedelta | None) -> float | None:
    if value is None:
        return None
    minutes = value.total_seconds() / 60
    return minutes if minutes >= 0 else None


def _fill(row: Row, counts: dict | None) -> Row:
    for name in COUNTS:
        setattr(row, name, (counts or {}).get(name, 0))
    return row


def check_period(start: dt.date, end: dt.date) -> None:
    """Refuse an empty or over-long period with a message for the form."""
    if end < start:
        raise ValueError(_("Tanggal akhir harus sama atau sesudah tanggal awal."))
    if (end - start).days + 1 > MAX_PERIOD_DAYS:
        raise ValueError(
            _("Periode paling panjang %(n)s hari.") % {"n": MAX_PERIOD_DAYS},
        )


def location_report(
    *, location: Unit, start: dt.date, end: dt.date, queue_service: QueueService | None = None
) -> QueueReport:
    """Per day, hour, service and counter: tickets, booked/walk-in, no-shows, wait and service times.

    Seven queries whatever the period's size: four grouped counts, the durations, services, counters.
    """
    check_period(start, end)
    tz = calendar_for(unit=location).tz
    qs = _tickets(location, start, end, queue_service)
    hour = ExtractHour("checked_in_at", tzinfo=tz)

    day_counts = _grouped_counts(qs, "service_day")
    hour_counts = _grouped_counts(qs.filter(checked_in_at__isnull=False), "hour", hour=hour)
    service_counts = _grouped_counts(qs, "queue_service_id")
    counter_counts = _grouped_counts(qs.filter(counter__isnull=False), "counter_id")

    services = {s.pk: s for s in queue_services_of(location)}
    counters = {
        c.pk: c for c in Counter.objects.filter(location=location).order_by("order", "name")
    }

    days = {key: _fill(Row(key, key.strftime("%d-%m-%Y")), c) for key, c in day_counts.items()}
    hours = {
        key: _fill(Row(key, f"{key:02d}.00–{key + 1:02d}.00"), c)
        for key, c in hour_counts.items()
        if key is not None
    }
    by_service = {
        pk: _fill(Row(pk, f"{s.prefix} · {s.service.name}"), service_counts.get(pk))
        for pk, s in services.items()
        if queue_service is None or pk == queue_service.pk
    }
    by_counter = {
        pk: _fill(Row(pk, counter.name), counter_counts.get(pk)) for pk, counter in counters.items()
    }
    total = Row("total", _("Semua"))
    for name in COUNTS:
        setattr(total, name, sum(c[name] for c in day_counts.values()))

    durations = (
        qs.filter(
            Q(called_at__isnull=False, checked_in_at__isnull=False)
            | Q(status=S.DONE, serving_started_at__isnull=False)
        )
        .annotate(hour=hour, wait=WAIT, service_time=SERVICE)
        .values_list(
            "service_day",
            "hour",
            "queue_service_id",
            "counter_id",
            "source",
            "status",
            "wait",
            "service_time",
        )
        .order_by()
    )
    for day, hour_key, service_id, counter_id, source, status, wait, service_time in durations:
        targets = [total, days.get(day), hours.get(hour_key), by_service.get(service_id)]
        targets.append(by_counter.get(counter_id))
        wait_minutes = _minutes(wait) if source != SRC.TRANSFER else None
        service_minutes = _minutes(service_time) if status == S.DONE else None
        for row in targets:
            if row is None:
                continue
            if wait_minutes is not None:
                row.waits.append(wait_minutes)
            if service_minutes is not None:
                row.services.append(service_minutes)

    return QueueReport(
        location=location,
        start=start,
        end=end,
        queue_service=queue_service,
        total=total.finish(),
        by_day=[days[k].finish() for k in sorted(days)],
        by_hour=[hours[k].finish() for k in sorted(hours)],
        by_service=[row.finish() for row in by_service.values()],
        by_counter=[row.finish() for row in by_counter.values()],
        days_with_tickets=len(days),
    )


# --- right now ---------------------------------------------------------------------------------------


def live_status(*, location: Unit, now: dt.datetime | None = None) -> LiveStatus:
    """Today's queue at the location: waiting, at the counters, done, open counters, longest wait."""
    now = now or timezone.now()
    today = now.astimezone(calendar_for(unit=location).tz).date()
    figures = Ticket.objects.filter(location=location, service_day=today).aggregate(
        waiting=Count("id", filter=Q(status=S.WAITING)),
        called=Count("id", filter=Q(status=S.CALLED)),
        serving=Count("id", filter=Q(status=S.SERVING)),
        done=Count("id", filter=Q(status=S.DONE)),
        no_show=Count("id", filter=Q(status=S.NO_SHOW)),
        booked=Count("id", filter=Q(status=S.BOOKED)),
        oldest=Min("checked_in_at", filter=Q(status=S.WAITING)),
    )
    counters = Counter.objects.filter(location=location).aggregate(
        total=Count("id"), open=Count("id", filter=Q(is_open=True))
    )
    oldest = figures["oldest"]
    return LiveStatus(
        day=today,
        waiting=figures["waiting"],
        called=figures["called"],
        serving=figures["serving"],
        done=figures["done"],
        no_show=figures["no_show"],
        booked_to_come=figures["booked"],
        open_counters=counters["open"],
        counters=counters["total"],
        longest_wait_minutes=max(0.0, (now - oldest).total_seconds() / 60) if oldest else None,
    )


# --- planner inputs ------------------------------------------------------------------------------------


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
    all_services = _tickets(location, start, end)
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
            _minutes(d)
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


def default_period(location: Unit, *, days: int = 28) -> tuple[dt.date, dt.date]:
    """The last `days` days up to today, in the location's zone."""
    today = timezone.now().astimezone(calendar_for(unit=location).tz).date()
    return today - dt.timedelta(days=days - 1), today


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
            _minutes(d)
            for d in _tickets(location, start, end, queue_service)
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
