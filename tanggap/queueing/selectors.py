"""Reads for queues: a ticket's live position and estimated wait, counter lists, the display board."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.errors import DomainError, NotFound, PermissionDenied
from tanggap.queueing.models import Counter, QueueService, Ticket
from tanggap.queueing.permissions import can_operate_counter
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
    """Live position, people ahead, estimated wait and the counter when called (three queries)."""
    queue_service = ticket.queue_service
    minutes = recent_service_minutes(queue_service)
    counters = open_counter_count(queue_service)
    position = ahead = wait = None
    if ticket.status == S.WAITING:
        # Calling order: priority visitors first, then queue key, then id (as waiting_for_counter).
        before = Q(queue_key__lt=ticket.queue_key) | Q(queue_key=ticket.queue_key, id__lt=ticket.id)
        priority = ~Q(priority="")
        counts = Ticket.objects.filter(
            queue_service=queue_service, status=S.WAITING, service_day=ticket.service_day
        ).aggregate(
            priority_before=Count("id", filter=priority & before),
            priority_all=Count("id", filter=priority),
            plain_before=Count("id", filter=Q(priority="") & before),
        )
        if ticket.priority:
            ahead = counts["priority_before"]
        else:
            ahead = counts["priority_all"] + counts["plain_before"]
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
        .select_related("queue_service__service", "counter")
        .first()
    )
    queue = waiting_for_counter(counter)  # one calendar look-up for the list and its count
    waiting = list(queue.select_related("queue_service__service")[:50])
    return {
        "counter": counter,
        "current": current,
        "waiting": waiting,
        "waiting_count": len(waiting) if len(waiting) < 50 else queue.count(),
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


def bookable_slots(*, queue_service: QueueService, day: dt.date) -> list[Slot]:
    """The slots a citizen may book on `day`: none past the booking horizon; refused when the
    service takes no online bookings."""
    from tanggap.queueing.services import settings_for

    if not queue_service.allow_booking:
        raise DomainError(
            _("Layanan ini tidak bisa dipesan daring."), code="booking_closed", field="service"
        )
    horizon = settings_for(queue_service.location).booking_horizon_days
    if day > local_today(queue_service.location) + dt.timedelta(days=horizon):
        return []
    return available_slots(queue_service=queue_service, day=day)


def locations_with_queues(region=None):
    """Service locations whose queue is enabled, with their active queued services."""
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


def location_get_public(location_id: int):
    """An active location whose queue is enabled and has an active queued service, or NotFound."""
    from tanggap.org.models import Unit

    location = (
        Unit.objects.filter(pk=location_id, is_active=True, queue_services__is_active=True)
        .exclude(queue_settings__is_enabled=False)
        .select_related("region")
        .distinct()
        .first()
    )
    if location is None:
        raise NotFound(_("Lokasi layanan antrean tidak ditemukan."))
    return location


def queue_service_get_public(*, queue_service_id: int, location=None) -> QueueService:
    """An active queued service at an enabled location (this one, when given), or a DomainError.

    The id comes from a request body or query, so an unknown one is bad input (400), not a missing page.
    """
    qs = QueueService.objects.filter(
        pk=queue_service_id, is_active=True, location__is_active=True
    ).exclude(location__queue_settings__is_enabled=False)
    if location is not None:
        qs = qs.filter(location=location)
    queue_service = qs.select_related("service", "location__region").first()
    if queue_service is None:
        raise DomainError(
            _("Layanan antrean itu tidak ada di lokasi ini."),
            code="unknown_service",
            field="service",
        )
    return queue_service


def counter_get_for_operator(*, user, counter_id: int) -> Counter:
    """A counter the user may operate: NotFound when it does not exist, PermissionDenied otherwise."""
    counter = (
        Counter.objects.select_related("location__region")
        .prefetch_related(
            Prefetch("services", queryset=QueueService.objects.select_related("service"))
        )
        .filter(pk=counter_id)
        .first()
    )
    if counter is None:
        raise NotFound(_("Loket tidak ditemukan."))
    if not can_operate_counter(user, counter.location):
        raise PermissionDenied()
    return counter


def counter_at_location(*, counter_id: int, location) -> Counter:
    """A counter of this location (a transfer target named in a request body), or a DomainError."""
    counter = Counter.objects.filter(pk=counter_id, location=location).first()
    if counter is None:
        raise DomainError(
            _("Loket tujuan tidak ada di lokasi ini."), code="invalid_transfer", field="counter"
        )
    return counter
