"""What the questionnaire and kiosk pages read: a unit's survey settings, whether a ticket or complaint
was already surveyed, and the tickets served today at a location that have no survey yet.

Reads only: a unit that never changed its settings gets the defaults, unsaved.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.calendar import calendar_for
from tanggap.core.errors import NotFound, PermissionDenied
from tanggap.org.models import Unit
from tanggap.queueing.models import Ticket
from tanggap.queueing.permissions import can_operate_counter
from tanggap.surveys.invitations import TICKET, source_key
from tanggap.surveys.models import SurveyResponse, SurveySettings
from tanggap.surveys.permissions import may_change_survey_settings

PICK_LIMIT = 60  # today's served tickets a kiosk offers to pick by number


def survey_settings_for(unit) -> SurveySettings:
    """The unit's settings, or the defaults (unsaved) when it never changed them."""
    found = SurveySettings.objects.filter(unit=unit).first()
    return found or SurveySettings(unit=unit)


def unit_weighting(unit: Unit) -> str:
    """The unit's chosen weighting; the official 0,111 when it has no survey settings."""
    found = SurveySettings.objects.filter(unit=unit).values_list("weighting", flat=True).first()
    return found or "official"


def source_answered(key: str) -> bool:
    """A response about this ticket or complaint (its keyed hash) exists already."""
    return SurveyResponse.objects.filter(source_key=key).exists()


def survey_unit(unit_id: int) -> Unit:
    """An active unit whose questionnaire may be taken without a ticket; NotFound otherwise."""
    unit = Unit.objects.select_related("region").filter(pk=unit_id, is_active=True).first()
    if unit is None:
        raise NotFound(_("Unit tidak ditemukan."))
    return unit


def unit_for_settings(unit_id: int, *, user) -> Unit:
    """A unit (archived ones too) whose survey settings the user may change: NotFound for an unknown unit,
    PermissionDenied for anyone else (reading the settings is as scoped as changing them)."""
    unit = Unit.objects.select_related("region").filter(pk=unit_id).first()
    if unit is None:
        raise NotFound()
    if not may_change_survey_settings(user, unit):
        raise PermissionDenied()
    return unit


def kiosk_location_for(*, user, location_id: int) -> Unit:
    """The active location whose counters the user operates (NotFound, or PermissionDenied)."""
    place = Unit.objects.select_related("region").filter(pk=location_id, is_active=True).first()
    if place is None:
        raise NotFound()
    if not can_operate_counter(user, place):
        raise PermissionDenied()
    return place


def _today_at(place: Unit) -> dt.date:
    return timezone.now().astimezone(calendar_for(unit=place).tz).date()


def served_today_without_survey(place: Unit) -> list[Ticket]:
    """Today's done tickets at the location, latest first, that have no survey yet (two queries)."""
    tickets = list(
        Ticket.objects.filter(
            location=place, service_day=_today_at(place), status=Ticket.Status.DONE
        )
        .select_related("queue_service__service")
        .order_by("-finished_at", "-id")[:PICK_LIMIT]
    )
    keys = {ticket.pk: source_key(TICKET, ticket.pk) for ticket in tickets}
    answered = set(
        SurveyResponse.objects.filter(source_key__in=keys.values()).values_list(
            "source_key", flat=True
        )
    )
    return [ticket for ticket in tickets if keys[ticket.pk] not in answered]


def kiosk_ticket(place: Unit, code: str) -> Ticket | None:
    """The ticket with this code in today's queue at the location (any status), or None."""
    return (
        Ticket.objects.select_related("queue_service__service", "location__region")
        .filter(code=code.upper()[:16], location=place, service_day=_today_at(place))
        .first()
    )
