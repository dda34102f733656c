"""Reads the queue pages need beyond selectors.py: a user's counters and configurable locations, a
location's bookable days, a ticket with everything its page shows. Each is scoped like a selector."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from tanggap.accounts.models import Role
from tanggap.accounts.permissions import is_sysadmin, region_ids_with, unit_ids_with
from tanggap.catalog.models import Service, StandardVersion
from tanggap.core.calendar import calendar_for
from tanggap.core.errors import NotFound
from tanggap.org.models import Unit
from tanggap.queueing.models import Counter, QueueService, Ticket
from tanggap.queueing.permissions import COUNTER_ROLES
from tanggap.queueing.services import local_today, settings_for

CONFIG_ROLES = frozenset({Role.UNIT_HEAD, Role.UNIT_ADMIN})


def ticket_absolute_url(ticket: Ticket) -> str:
    """The ticket page's address as printed and carried by its QR code (SITE_URL + path)."""
    return settings.SITE_URL.rstrip("/") + reverse("queueing:ticket", args=[ticket.code])


def ticket_by_code(code: str) -> Ticket:
    """The ticket a public code refers to, with what its page shows, or NotFound."""
    ticket = (
        Ticket.objects.select_related(
            "queue_service__service", "location__region", "counter", "reserved_counter"
        )
        .filter(code=(code or "").strip().upper()[:16])
        .first()
    )
    if ticket is None:
        raise NotFound()
    # One location object for the ticket and its queue: the calendar reads its region only once.
    ticket.queue_service.location = ticket.location
    return ticket


def location_with_queue(location_id: int) -> Unit:
    """An active location whose queue is enabled and has an active queued service, or NotFound."""
    location = (
        Unit.objects.filter(pk=location_id, is_active=True, queue_services__is_active=True)
        .exclude(queue_settings__is_enabled=False)
        .select_related("region")
        .distinct()
        .first()
    )
    if location is None:
        raise NotFound()
    return location


def queue_service_for_booking(queue_service_id: int) -> QueueService:
    """An active queued service that takes online bookings at an enabled location, or NotFound."""
    queue_service = (
        QueueService.objects.filter(
            pk=queue_service_id,
            is_active=True,
            allow_booking=True,
            location__is_active=True,
        )
        .exclude(location__queue_settings__is_enabled=False)
        .select_related("service", "location__region")
        .first()
    )
    if queue_service is None:
        raise NotFound()
    return queue_service


def queue_services_at(location, *, walk_in: bool = False, booking: bool = False):
    """The location's active queued services (optionally only those open to walk-ins or bookings)."""
    qs = QueueService.objects.filter(location=location, is_active=True)
    if walk_in:
        qs = qs.filter(allow_walk_in=True)
    if booking:
        qs = qs.filter(allow_booking=True)
    return qs.select_related("service").order_by("order", "prefix")


def booking_days(location) -> list[dt.date]:
    """The working days a citizen may book: today through today + the location's horizon."""
    cal = calendar_for(unit=location)
    today = local_today(location)
    horizon = settings_for(location).booking_horizon_days
    return [
        today + dt.timedelta(days=n)
        for n in range(horizon + 1)
        if cal.is_working_day(today + dt.timedelta(days=n))
    ]


def enacted_requirements(service: Service) -> list[str]:
    """What to bring: the requirements of the service's enacted standard (empty when none)."""
    standard = (
        StandardVersion.objects.filter(service=service, status=StandardVersion.Status.ENACTED)
        .only("requirements")
        .first()
    )
    return list(standard.requirements or []) if standard else []


def counters_operable_by(user) -> QuerySet[Counter]:
    """The counters at every location where the user may call tickets."""
    qs = Counter.objects.select_related("location").prefetch_related("services")
    if is_sysadmin(user):
        return qs.order_by("location__name", "order", "name")
    regions = region_ids_with(user, {Role.REGION_ADMIN})
    units = unit_ids_with(user, COUNTER_ROLES)
    return qs.filter(Q(region_id__in=regions) | Q(location_id__in=units)).order_by(
        "location__name", "order", "name"
    )


def counter_for(user, counter_id: int) -> Counter:
    """One counter the user may operate, or NotFound (a counter elsewhere is not shown)."""
    counter = counters_operable_by(user).select_related("location__region").filter(pk=counter_id)
    found = counter.first()
    if found is None:
        raise NotFound()
    return found


def locations_configurable_by(user) -> QuerySet[Unit]:
    """Service locations whose queue the user may configure, with their queue's size."""
    qs = Unit.objects.filter(is_active=True).filter(
        Q(is_service_location=True) | Q(queue_services__isnull=False)
    )
    if not is_sysadmin(user):
        regions = region_ids_with(user, {Role.REGION_ADMIN})
        units = unit_ids_with(user, CONFIG_ROLES)
        qs = qs.filter(Q(region_id__in=regions) | Q(pk__in=units))
    return (
        qs.select_related("region")
        .annotate(
            service_count=Count("queue_services", distinct=True),
            counter_count=Count("counters", distinct=True),
        )
        .order_by("region__name", "name")
    )


def location_configurable_by(user, location_id: int) -> Unit:
    """One location the user may configure, or NotFound."""
    location = locations_configurable_by(user).filter(pk=location_id).first()
    if location is None:
        raise NotFound()
    return location


def services_queueable_at(location) -> QuerySet[Service]:
    """Catalogue services offered at the location (or run by it) that are not queued there yet."""
    return (
        Service.objects.filter(region_id=location.region_id, is_active=True)
        .filter(Q(unit=location) | Q(locations=location))
        .exclude(pk__in=QueueService.objects.filter(location=location).values("service_id"))
        .distinct()
        .order_by("name")
    )
