"""Reads of tickets: one look-up by public code, a ticket's live position and estimated wait, the
calling order, and when a called ticket may be skipped as a no-show."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.errors import NotFound
from tanggap.queueing.models import Counter, QueueService, Ticket
from tanggap.queueing.selectors.locations import local_today, settings_for

S = Ticket.Status
RECENT_SAMPLE = 50  # finished tickets used to estimate the service time
RECENT_DAYS = 14
CODE_MAX_LENGTH = 16

# Priority visitors (kelompok rentan, UU 25/2009) first, whatever their reason.
PRIORITY_FIRST = Case(
    When(priority="", then=Value(1)), default=Value(0), output_field=IntegerField()
)
CALLING_ORDER = (PRIORITY_FIRST, "queue_key", "id")


def lookup_code(code: str | None) -> str | None:
    """A public code ready to look up (trimmed, upper case), or None when it cannot be one.

    A code is at most 16 letters, digits and dashes (generated history starts with "H-"); anything else
    (a NUL byte PostgreSQL would refuse, a pasted URL, a very long string) is not worth a query.
    """
    code = (code or "").strip().upper()
    if not code or len(code) > CODE_MAX_LENGTH or not code.isascii():
        return None
    return code if code.replace("-", "").isalnum() else None


def ticket_by_code(code: str | None) -> Ticket:
    """The ticket a public code refers to, with what its page and the API show, or NotFound."""
    wanted = lookup_code(code)
    ticket = (
        Ticket.objects.select_related(
            "queue_service__service", "location__region", "counter", "reserved_counter"
        )
        .filter(code=wanted)
        .first()
        if wanted
        else None
    )
    if ticket is None:
        raise NotFound(_("Tiket dengan kode itu tidak ditemukan."))
    # One location object for the ticket and its queue: the calendar reads its region only once.
    ticket.queue_service.location = ticket.location
    return ticket


def tickets_by_codes(codes) -> list[Ticket]:
    """The tickets these codes refer to (unknown ones left out), in the codes' order; one query."""
    wanted = [code for code in (lookup_code(c) for c in codes) if code]
    found = {
        ticket.code: ticket
        for ticket in Ticket.objects.filter(code__in=wanted).select_related(
            "queue_service__service", "location__region"
        )
    }
    return [found[code] for code in wanted if code in found]


def ticket_absolute_url(ticket: Ticket) -> str:
    """The ticket page's address as printed and carried by its QR code (SITE_URL + path)."""
    return settings.SITE_URL.rstrip("/") + reverse("queueing:ticket", args=[ticket.code])


# --- position and wait -------------------------------------------------------------------------------


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


def waiting_positions(*, queue_service: QueueService, limit: int) -> list[tuple[int, int]]:
    """(ticket id, number ahead) for the first `limit` waiting tickets of a queue, in calling order."""
    ids = list(
        Ticket.objects.filter(
            queue_service=queue_service,
            status=S.WAITING,
            service_day=local_today(queue_service.location),
        )
        .order_by(*CALLING_ORDER)
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
        # Calling order: priority visitors first, then queue key, then id (as CALLING_ORDER).
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


# --- the no-show grace period ------------------------------------------------------------------------


@dataclass(frozen=True)
class NoShowGrace:
    """When a called ticket may be skipped as a no-show: the location's grace period after the call."""

    grace_minutes: int | None  # None when there is nothing to wait for (the ticket is not called)
    ready_at: dt.datetime | None
    seconds_left: int

    @property
    def ready(self) -> bool:
        return self.seconds_left == 0

    @property
    def minutes_left(self) -> int:
        return (self.seconds_left + 59) // 60


def no_show_grace(ticket: Ticket, *, now: dt.datetime | None = None) -> NoShowGrace:
    """How long until `ticket` may be skipped as a no-show (the one rule the counter screen shows and
    `ticket_no_show` enforces). Only a called ticket waits; it waits from its call."""
    if ticket.status != S.CALLED or ticket.called_at is None:
        return NoShowGrace(grace_minutes=None, ready_at=None, seconds_left=0)
    grace = settings_for(ticket.location).no_show_grace_minutes
    ready_at = ticket.called_at + dt.timedelta(minutes=grace)
    left = (ready_at - (now or timezone.now())).total_seconds()
    return NoShowGrace(grace_minutes=grace, ready_at=ready_at, seconds_left=max(math.ceil(left), 0))
