"""Reads for counters: which counters a user may operate, the counter screen, the display board.

Counter visibility has one definition, `counters_operable_by` (the queryset); the per-object rule the
services and the transition table use, `permissions.can_operate_counter`, is proven to agree with it
for every persona and counter (tests/test_visibility.py).
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from tanggap.accounts.models import Role
from tanggap.accounts.permissions import is_sysadmin, region_ids_with, unit_ids_with
from tanggap.core.errors import DomainError, NotFound, PermissionDenied
from tanggap.queueing.models import Counter, QueueService, Ticket
from tanggap.queueing.permissions import COUNTER_ROLES, can_operate_counter
from tanggap.queueing.selectors.locations import local_today
from tanggap.queueing.selectors.tickets import CALLING_ORDER, lookup_code

S = Ticket.Status
AT_THE_COUNTER = (S.CALLED, S.SERVING)
SCREEN_LIST = 50


def counters_operable_by(user) -> QuerySet[Counter]:
    """The counters at every location where the user may call tickets."""
    qs = Counter.objects.select_related("location").prefetch_related("services")
    if not is_sysadmin(user):
        regions = region_ids_with(user, {Role.REGION_ADMIN})
        units = unit_ids_with(user, COUNTER_ROLES)
        qs = qs.filter(Q(region_id__in=regions) | Q(location_id__in=units))
    return qs.order_by("location__name", "order", "name")


def counter_get_for_operator(*, user, counter_id: int, with_services: bool = False) -> Counter:
    """A counter the user may operate: NotFound when it does not exist, PermissionDenied otherwise.

    `with_services` also fetches the services it handles (the API shows them; the page does not)."""
    qs = Counter.objects.select_related("location__region").filter(pk=counter_id)
    if with_services:
        qs = qs.prefetch_related(
            Prefetch("services", queryset=QueueService.objects.select_related("service"))
        )
    counter = qs.first()
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


def waiting_for_counter(counter: Counter) -> QuerySet[Ticket]:
    """The tickets this counter may call, in fair order: priority first, then slot time / arrival."""
    return (
        Ticket.objects.filter(
            location_id=counter.location_id,
            status=S.WAITING,
            queue_service__in=counter.services.all(),
            service_day=local_today(counter.location),
        )
        .filter(Q(reserved_counter__isnull=True) | Q(reserved_counter=counter))
        .order_by(*CALLING_ORDER)
    )


def counter_busy_with(counter: Counter) -> Ticket | None:
    """The ticket the counter is calling or serving, if any."""
    return Ticket.objects.filter(counter=counter, status__in=AT_THE_COUNTER).first()


def counter_current_ticket(counter: Counter, code: str | None) -> Ticket:
    """The ticket a counter form names, which must be the one this counter is calling or serving
    (a double click or a stale screen never acts on a ticket the officer did not see)."""
    wanted = lookup_code(code)
    ticket = (
        Ticket.objects.select_related("queue_service", "location")
        .filter(code=wanted, counter=counter, status__in=AT_THE_COUNTER)
        .first()
        if wanted
        else None
    )
    if ticket is None:
        raise DomainError(
            _("Tiket itu sudah tidak aktif di loket ini. Layar diperbarui."), code="stale_ticket"
        )
    return ticket


def counter_screen(counter: Counter) -> dict:
    """What a front-desk officer sees: the current ticket and the waiting list this counter may call."""
    current = (
        Ticket.objects.filter(counter=counter, status__in=AT_THE_COUNTER)
        .select_related("queue_service__service", "counter")
        .first()
    )
    queue = waiting_for_counter(counter)  # one calendar look-up for the list and its count
    waiting = list(queue.select_related("queue_service__service")[:SCREEN_LIST])
    return {
        "counter": counter,
        "current": current,
        "waiting": waiting,
        "waiting_count": len(waiting) if len(waiting) < SCREEN_LIST else queue.count(),
    }


def board_for_location(location, *, limit: int = 8) -> dict:
    """The display board: tickets called or being served now, latest call first, and queue lengths."""
    today = local_today(location)
    called = list(
        Ticket.objects.filter(location=location, service_day=today, status__in=AT_THE_COUNTER)
        .select_related("counter", "queue_service__service")
        .order_by("-called_at")[:limit]
    )
    waiting = Ticket.objects.filter(location=location, service_day=today, status=S.WAITING).count()
    return {"location": location, "called": called, "waiting_count": waiting}
