"""Reads for queues: a ticket's live position and estimated wait, counter lists, the display board."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from tanggap.queueing.models import Counter, QueueService, Ticket
from tanggap.queueing.services import PRIORITY_FIRST, local_today, waiting_for_counter

S = Ticket.Status
RECENT_SAMPLE = 50  # finished tickets used to estimate the service time
RECENT_DAYS = 14


@dataclass(frozen=True)
class TicketStatus:
    """What the citizen's ticket page and the public API show."""

    ticket: Ticket
    position: int | None  # 1 = next to be called; None when not waiting
    ahead: int | None
    estimated_wait_minutes: int | None
    counter_name: str | None
    open_counters: int
    service_minutes: float


def _waiting(queue_service: QueueService):
    return Ticket.objects.filter(
        queue_service=queue_service,
        status=S.WAITING,
        service_day=local_today(queue_service.location),
    )


def waiting_positions(*, queue_service: QueueService, limit: int) -> list[tuple[int, int]]:
    """(ticket id, number ahead) for the first `limit` waiting tickets of a queue, in calling order."""
    ids = list(
        _waiting(queue_service)
        .order_by(PRIORITY_FIRST, "queue_key", "id")
        .values_list("id", flat=True)[:limit]
    )
    return [(ticket_id, index) for index, ticket_id in enumerate(ids)]


def recent_service_minutes(queue_service: QueueService) -> float:
    """Median service time (start → finish) of the last finished tickets, or the configured default."""
    since = timezone.now() - dt.timedelta(days=RECENT_DAYS)
    rows = (
        Ticket.objects.filter(
            queue_service=queue_service,
            status=S.DONE,
            finished_at__gte=since,
            serving_started_at__isnull=False,
        )
        .order_by("-finished_at")
        .values_list("serving_started_at", "finished_at")[:RECENT_SAMPLE]
    )
    durations = [
        (end - start).total_seconds() / 60 for start, end in rows if end and start and end >= start
    ]
    if len(durations) < 5:
        return float(queue_service.default_service_minutes)
    return float(statistics.median(durations))


def open_counter_count(queue_service: QueueService) -> int:
    """Open counters that handle this queue's service."""
    return Counter.objects.filter(services=queue_service, is_open=True).count()


def ticket_status(ticket: Ticket) -> TicketStatus:
    """Live position, people ahead, estimated wait and the counter when called."""
    queue_service = ticket.queue_service
    minutes = recent_service_minutes(queue_service)
    counters = open_counter_count(queue_service)
    position = ahead = wait = None
    if ticket.status == S.WAITING:
        before = Q(queue_key__lt=ticket.queue_key) | Q(queue_key=ticket.queue_key, id__lt=ticket.id)
        if ticket.priority:
            ahead = _waiting(queue_service).exclude(priority="").filter(before).count()
        else:
            ahead = (
                _waiting(queue_service).exclude(priority="").count()
                + _waiting(queue_service).filter(priority="").filter(before).count()
            )
        position = ahead + 1
        # Everyone ahead must be served, shared among the open counters (at least one, or we cannot promise).
        wait = round(ahead * minutes / max(counters, 1))
    counter_name = (
        ticket.counter.name
        if ticket.counter is not None and ticket.status in (S.CALLED, S.SERVING)
        else None
    )
    return TicketStatus(
        ticket=ticket,
        position=position,
        ahead=ahead,
        estimated_wait_minutes=wait,
        counter_name=counter_name,
        open_counters=counters,
        service_minutes=minutes,
    )


def counter_screen(counter: Counter) -> dict:
    """What a front-desk officer sees: the current ticket and the waiting list this counter may call."""
    current = (
        Ticket.objects.filter(counter=counter, status__in=(S.CALLED, S.SERVING))
        .select_related("queue_service__service")
        .first()
    )
    waiting = list(waiting_for_counter(counter).select_related("queue_service__service")[:50])
    return {
        "counter": counter,
        "current": current,
        "waiting": waiting,
        "waiting_count": waiting_for_counter(counter).count(),
    }


def board_for_location(location, *, limit: int = 8) -> dict:
    """The display board: tickets called or being served now, latest call first, and queue lengths."""
    today = local_today(location)
    called = list(
        Ticket.objects.filter(
            location=location, service_day=today, status__in=(S.CALLED, S.SERVING)
        )
        .select_related("counter", "queue_service__service")
        .order_by("-called_at")[:limit]
    )
    waiting = Ticket.objects.filter(location=location, service_day=today, status=S.WAITING).count()
    return {"location": location, "called": called, "waiting_count": waiting}


@dataclass(frozen=True)
class Slot:
    """A bookable time slot and how many places are left in it."""

    start: dt.datetime
    capacity: int
    booked: int

    @property
    def free(self) -> int:
        return max(self.capacity - self.booked, 0)


def available_slots(*, queue_service: QueueService, day: dt.date) -> list[Slot]:
    """The day's future slots with their remaining places (one query for the bookings)."""
    from django.db.models import Count

    from tanggap.queueing.services import slot_starts

    starts = [s for s in slot_starts(queue_service=queue_service, day=day) if s > timezone.now()]
    if not starts:
        return []
    booked = dict(
        Ticket.objects.filter(
            queue_service=queue_service, slot_start__in=starts, status__in=Ticket.ACTIVE
        )
        .values("slot_start")
        .annotate(n=Count("id"))
        .values_list("slot_start", "n")
    )
    return [
        Slot(start=s, capacity=queue_service.capacity_per_slot, booked=booked.get(s, 0))
        for s in starts
    ]


def locations_with_queues(region=None):
    """Service locations whose queue is enabled, with their active queued services."""
    from django.db.models import Prefetch

    from tanggap.org.models import Unit

    qs = Unit.objects.filter(queue_services__is_active=True, is_active=True).distinct()
    qs = qs.exclude(queue_settings__is_enabled=False)
    if region is not None:
        qs = qs.filter(region=region)
    return (
        qs.select_related("region", "area")
        .prefetch_related(
            Prefetch(
                "queue_services",
                queryset=QueueService.objects.filter(is_active=True)
                .select_related("service")
                .order_by("order", "prefix"),
                to_attr="active_queue_services",
            )
        )
        .order_by("name")
    )
