"""Arriving at the location: a walk-in takes a numbered ticket at the kiosk, a booked citizen checks in."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.calendar import calendar_for
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.queueing import workflow
from tanggap.queueing.models import KioskDevice, QueueService, Ticket, TicketEvent
from tanggap.queueing.selectors import local_today, settings_for
from tanggap.queueing.services.contact import clean_contact, clean_priority
from tanggap.queueing.services.notifications import queue_changed
from tanggap.queueing.services.numbering import assign_number, insert_with_new_code
from tanggap.queueing.services.transitions import move, record_event, ticket_for_move

S = Ticket.Status
A = TicketEvent.Action


@transaction.atomic
def ticket_walk_in(
    *,
    queue_service: QueueService,
    priority: str = "",
    actor=None,
    contact_phone: str = "",
    kiosk: KioskDevice | None = None,
) -> Ticket:
    """A walk-in takes a numbered ticket at the kiosk without booking.

    The kiosk page and the API require the kiosk that asks and pass it (it is recorded on the ticket);
    a kiosk issues tickets only at its own location. Internal callers (demo history, tests) pass none.
    """
    location = queue_service.location
    if kiosk is not None and kiosk.location_id != location.pk:
        raise PermissionDenied(
            _("Kiosk ini tidak dapat menerbitkan nomor antrean di lokasi ini."),
            code="kiosk_wrong_location",
        )
    if not queue_service.is_active or not queue_service.allow_walk_in:
        raise DomainError(_("Layanan ini tidak menerima antrean di tempat."), code="walk_in_closed")
    cal = calendar_for(unit=location)
    now = timezone.now()
    local_now = now.astimezone(cal.tz)
    if not cal.is_working_day(local_now.date()):
        raise DomainError(_("Lokasi ini tutup hari ini."), code="closed_today")
    if not cal.start <= local_now.time() < cal.end:
        raise DomainError(
            _("Di luar jam layanan (%(a)s–%(b)s). Silakan datang kembali pada jam layanan.")
            % {"a": cal.start.strftime("%H:%M"), "b": cal.end.strftime("%H:%M")},
            code="closed_now",
        )
    contact = clean_contact(contact_name="", contact_phone=contact_phone, contact_email="", nik="")
    if kiosk is not None:
        # Re-read under the row lock the update takes: a kiosk revoked a moment ago issues nothing.
        seen = KioskDevice.objects.filter(pk=kiosk.pk, is_active=True, location=location)
        if not seen.update(last_seen_at=now):
            raise PermissionDenied(_("Kiosk ini sudah dicabut."), code="kiosk_revoked")
    ticket = Ticket(
        region_id=queue_service.region_id,
        location=location,
        queue_service=queue_service,
        service_day=local_now.date(),
        status=S.WAITING,
        source=Ticket.Source.WALK_IN,
        priority=clean_priority(priority),
        checked_in_at=now,
        queue_key=now,
        contact_phone=contact["contact_phone"],
        kiosk=kiosk,
    )
    assign_number(ticket)
    insert_with_new_code(ticket)
    record_event(ticket, action=A.ISSUED, from_status="", actor=actor, at=now)
    queue_changed(queue_service.pk)
    return ticket


@transaction.atomic
def ticket_check_in(*, ticket: Ticket, actor=None, priority: str | None = None) -> Ticket:
    """A booked citizen arrives: the code's holder (the QR scanned at the kiosk) or an officer puts
    them in today's queue, in their slot's place when on time."""
    ticket = ticket_for_move(ticket, workflow.CHECK_IN, actor)
    if ticket.status != S.BOOKED:
        raise DomainError(_("Tiket ini sudah check-in atau tidak aktif."), code="not_booked")
    today = local_today(ticket.location)
    if ticket.service_day != today:
        raise DomainError(
            _("Pemesanan ini untuk tanggal %(d)s, bukan hari ini.")
            % {"d": ticket.service_day.strftime("%d-%m-%Y")},
            code="wrong_day",
        )
    now = timezone.now()
    late = settings_for(ticket.location).late_check_in_minutes
    on_time = ticket.slot_start is not None and now <= ticket.slot_start + dt.timedelta(
        minutes=late
    )
    ticket.queue_key = ticket.slot_start if on_time else now
    ticket.checked_in_at = now
    if priority is not None:
        ticket.priority = clean_priority(priority)
    assign_number(ticket)
    return move(
        ticket,
        workflow.CHECK_IN,
        actor=actor,
        note="" if on_time else _("terlambat dari slot"),
        fields=["queue_key", "checked_in_at", "priority", "number", "sequence"],
        at=now,
    )
