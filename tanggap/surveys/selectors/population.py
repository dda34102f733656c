"""People served in a period (the population the Krejcie–Morgan sample is checked against): queue
tickets done in the period plus complaints answered or closed in it, counted with database aggregates.

A ticket's response belongs to the unit that served it (the ticket's location); a complaint's to the unit
that answered it. Days are the region's own.
"""

from __future__ import annotations

from collections import Counter
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.db.models.functions import Coalesce

from tanggap.complaints.models import Complaint
from tanggap.org.models import Region
from tanggap.queueing.models import Ticket
from tanggap.surveys.periods import Period

SERVED_COMPLAINTS = (Complaint.Status.ANSWERED, Complaint.Status.CLOSED)
DEFAULT_ZONE = "Asia/Jakarta"


def _tickets_done(period: Period):
    return Ticket.objects.filter(
        status=Ticket.Status.DONE, service_day__gte=period.start, service_day__lte=period.end
    )


def _complaints_served(complaints, period: Period, zone: str):
    first, after = period.bounds(ZoneInfo(zone or DEFAULT_ZONE))
    return complaints.annotate(served_at=Coalesce("answered_at", "closed_at")).filter(
        served_at__gte=first, served_at__lt=after
    )


def served_population(
    *, unit=None, service=None, location=None, region=None, period: Period
) -> int:
    """People served in the period: queue tickets done plus complaints answered or closed (2 queries)."""
    tickets = _tickets_done(period)
    complaints = Complaint.objects.filter(status__in=SERVED_COMPLAINTS)
    if unit is not None:
        tickets = tickets.filter(location=unit)
        complaints = complaints.filter(unit=unit)
    if region is not None:
        tickets = tickets.filter(region=region)
        complaints = complaints.filter(region=region)
    if location is not None:
        tickets = tickets.filter(location=location)
        complaints = complaints.none()  # a complaint is not served at a counter
    if service is not None:
        tickets = tickets.filter(queue_service__service=service)
        complaints = complaints.filter(service=service)
    zone = (region or getattr(unit, "region", None) or Region(timezone=DEFAULT_ZONE)).timezone
    return tickets.count() + _complaints_served(complaints, period, zone).count()


def served_population_by_unit(region: Region, period: Period, unit_ids: set[int]) -> Counter:
    """People served per unit of the region in the period (2 grouped queries)."""
    counts: Counter = Counter()
    tickets = (
        _tickets_done(period)
        .filter(region=region, location_id__in=unit_ids)
        .values_list("location_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for location_id, n in tickets:
        counts[location_id] += n
    complaints = Complaint.objects.filter(
        region=region, status__in=SERVED_COMPLAINTS, unit_id__in=unit_ids
    )
    for unit_id, n in (
        _complaints_served(complaints, period, region.timezone)
        .values_list("unit_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts[unit_id] += n
    return counts
