"""Where queues run: a location's queue settings and local day, the locations and queued services a
citizen may use, and what to bring."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.catalog.models import Service, StandardVersion
from tanggap.core.calendar import calendar_for
from tanggap.core.errors import DomainError, NotFound
from tanggap.org.models import Unit
from tanggap.queueing.models import QueueService, QueueSettings


def settings_for(location) -> QueueSettings:
    """The location's saved queue settings, or the defaults (unsaved: only a service saves settings)."""
    saved = QueueSettings.objects.filter(location=location).first()
    return saved or QueueSettings(location=location, region_id=location.region_id)


def local_today(location) -> dt.date:
    """Today's date in the location's time zone."""
    return timezone.now().astimezone(calendar_for(unit=location).tz).date()


def locations_with_queues(region=None):
    """Service locations whose queue is enabled, with their active queued services."""
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


def location_get_public(location_id: int) -> Unit:
    """An active location whose queue is enabled and has an active queued service, or NotFound."""
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


def queue_services_at(location, *, walk_in: bool = False, booking: bool = False):
    """The location's active queued services (optionally only those open to walk-ins or bookings)."""
    qs = QueueService.objects.filter(location=location, is_active=True)
    if walk_in:
        qs = qs.filter(allow_walk_in=True)
    if booking:
        qs = qs.filter(allow_booking=True)
    return qs.select_related("service").order_by("order", "prefix")


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


def _bookable_queue_services():
    """Active queued services open to online booking at an active location whose queue is enabled."""
    return QueueService.objects.filter(
        is_active=True, allow_booking=True, location__is_active=True
    ).exclude(location__queue_settings__is_enabled=False)


def booking_places_for(service_id: int):
    """Where one catalogue service can be booked: its bookable queued services with their locations, by
    location name."""
    return (
        _bookable_queue_services()
        .filter(service_id=service_id, service__is_active=True)
        .select_related("service", "location__region", "location__area")
        .order_by("location__name", "pk")
    )


def queues_at_places(place_ids) -> dict[int, dict[int, int]]:
    """For each of these locations whose queue is open to citizens, its queued services open to online
    booking as {catalogue service id: queued service id} (empty when it only takes walk-ins). One query,
    however many places."""
    rows = (
        QueueService.objects.filter(
            location_id__in=list(place_ids), is_active=True, location__is_active=True
        )
        .exclude(location__queue_settings__is_enabled=False)
        .values_list("pk", "location_id", "service_id", "allow_booking")
    )
    found: dict[int, dict] = {}
    for pk, location_id, service_id, allow_booking in rows:
        bookable = found.setdefault(location_id, {})
        if allow_booking:
            bookable[service_id] = pk
    return found


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


def enacted_requirements(service: Service) -> list[str]:
    """What to bring: the requirements of the service's enacted standard (empty when none)."""
    standard = (
        StandardVersion.objects.filter(service=service, status=StandardVersion.Status.ENACTED)
        .only("requirements")
        .first()
    )
    return list(standard.requirements or []) if standard else []
