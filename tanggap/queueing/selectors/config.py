"""Reads for queue configuration: the locations a user may configure and what each one queues."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from tanggap.accounts.models import Role
from tanggap.accounts.permissions import is_sysadmin, region_ids_with, unit_ids_with
from tanggap.catalog.models import Service
from tanggap.core.errors import NotFound, PermissionDenied
from tanggap.org.models import Unit
from tanggap.queueing.models import Counter, QueueService
from tanggap.queueing.permissions import CONFIG_ROLES, can_configure_queue


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


def location_for_config(*, user, location_id: int) -> Unit:
    """An active location whose queue the user may configure: NotFound, or PermissionDenied."""
    location = Unit.objects.select_related("region").filter(pk=location_id, is_active=True).first()
    if location is None:
        raise NotFound(_("Lokasi tidak ditemukan."))
    if not can_configure_queue(user, location):
        raise PermissionDenied()
    return location


def queue_services_of(location) -> QuerySet[QueueService]:
    """Every queued service of the location, active or not, in display order."""
    return (
        QueueService.objects.filter(location=location)
        .select_related("service")
        .order_by("order", "prefix")
    )


def counters_of(location) -> QuerySet[Counter]:
    """Every counter of the location with the services it handles."""
    return Counter.objects.filter(location=location).prefetch_related("services")


def queue_service_of(location, pk: int) -> QueueService:
    """One queued service of this location, or NotFound."""
    found = queue_services_of(location).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def counter_of(location, pk: int) -> Counter:
    """One counter of this location, or NotFound."""
    found = Counter.objects.filter(location=location, pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def services_queueable_at(location) -> QuerySet[Service]:
    """Catalogue services offered at the location (or run by it) that are not queued there yet."""
    return (
        Service.objects.filter(region_id=location.region_id, is_active=True)
        .filter(Q(unit=location) | Q(locations=location))
        .exclude(pk__in=QueueService.objects.filter(location=location).values("service_id"))
        .distinct()
        .order_by("name")
    )
