"""Queue analytics for the location head: per day, hour, service and counter, and the live status. Every
figure comes from Ticket rows (whose times the TicketEvent trail sets); the planner's observed inputs are
in observed.py.

Definitions (the dashboard's legend says the same):
- tickets: a citizen's ticket in the period (booked or walk-in; not cancelled, not a transfer copy);
- waiting time: check-in → first call; service time: service start → finish of tickets that were done;
- no-show: a booking that never checked in, or a called citizen who never came to the counter.

Counts are database aggregates, one grouped query per table. Median and 90th percentile are not portable
SQL aggregates (PostgreSQL has percentile_cont, SQLite nothing), so the durations of the filtered tickets
come in one query (differences computed by the database) and the percentiles are computed in Python with
percentile_cont's linear interpolation: the same figures on both databases. A page runs a fixed number of
queries whatever the period, and the period is capped at MAX_PERIOD_DAYS.

Who may read a location's reports has one definition, `report_locations_visible_to` (the queryset); the
per-object rule `permissions.can_view_queue_reports` is proven to agree with it for every persona
(tests/test_visibility.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, DurationField, ExpressionWrapper, F, Min, Q, QuerySet
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
from tanggap.core.calendar import calendar_for
from tanggap.core.errors import NotFound, PermissionDenied
from tanggap.org.models import Unit
from tanggap.queueing.models import Counter, QueueService, Ticket
from tanggap.queueing.permissions import can_view_queue_reports
from tanggap.queueing.planner import percentile
from tanggap.queueing.selectors import queue_services_of

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


# --- the report -------------------------------------------------------------------------------------


def tickets_in_period(
    location: Unit, start: dt.date, end: dt.date, queue_service=None
) -> QuerySet[Ticket]:
    qs = Ticket.objects.filter(location=location, service_day__gte=start, service_day__lte=end)
    if queue_service is not None:
        qs = qs.filter(queue_service=queue_service)
    return qs


def _grouped_counts(qs: QuerySet[Ticket], group: str, **annotations) -> dict[Any, dict]:
    """{group value: {count name: n}} in one grouped query."""
    aggregates = {name: Count("id", filter=condition) for name, condition in COUNTS.items()}
    rows = qs.annotate(**annotations).values(group).annotate(**aggregates).order_by()
    return {row[group]: row for row in rows}


def duration_minutes(value: dt.timedelta | None) -> float | None:
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
    qs = tickets_in_period(location, start, end, queue_service)
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
        wait_minutes = duration_minutes(wait) if source != SRC.TRANSFER else None
        service_minutes = duration_minutes(service_time) if status == S.DONE else None
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


def default_period(location: Unit, *, days: int = 28) -> tuple[dt.date, dt.date]:
    """The last `days` days up to today, in the location's zone."""
    today = timezone.now().astimezone(calendar_for(unit=location).tz).date()
    return today - dt.timedelta(days=days - 1), today
