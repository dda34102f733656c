"""Booking slots: the slot starts of a day, the places left in each, the days a citizen may book."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.calendar import calendar_for
from tanggap.core.errors import DomainError
from tanggap.queueing.models import QueueService, Ticket
from tanggap.queueing.selectors.locations import local_today, settings_for


@dataclass(frozen=True)
class Slot:
    """A bookable time slot and how many places are left in it."""

    start: dt.datetime
    capacity: int
    booked: int

    @property
    def free(self) -> int:
        return max(self.capacity - self.booked, 0)


def slot_starts(*, queue_service: QueueService, day: dt.date) -> list[dt.datetime]:
    """Every slot start on `day` within the location's opening hours; none on a day off."""
    location = queue_service.location
    cal = calendar_for(unit=location)
    if not cal.is_working_day(day):
        return []
    minutes = settings_for(location).slot_minutes or 30
    start = dt.datetime.combine(day, cal.start, tzinfo=cal.tz)
    end = dt.datetime.combine(day, cal.end, tzinfo=cal.tz)
    slots = []
    current = start
    while current + dt.timedelta(minutes=minutes) <= end:
        slots.append(current)
        current += dt.timedelta(minutes=minutes)
    return slots


def available_slots(*, queue_service: QueueService, day: dt.date) -> list[Slot]:
    """The day's future slots with their remaining places (one query for the bookings)."""
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
    if not queue_service.allow_booking:
        raise DomainError(
            _("Layanan ini tidak bisa dipesan daring."), code="booking_closed", field="service"
        )
    horizon = settings_for(queue_service.location).booking_horizon_days
    if day > local_today(queue_service.location) + dt.timedelta(days=horizon):
        return []
    return available_slots(queue_service=queue_service, day=day)


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
