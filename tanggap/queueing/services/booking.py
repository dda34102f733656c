"""Online bookings and the moves of the booking code's holder before the visit: book a slot, move it,
cancel (a booking or a waiting ticket)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.calendar import calendar_for
from tanggap.core.errors import DomainError
from tanggap.queueing import workflow
from tanggap.queueing.models import QueueService, Ticket, TicketEvent
from tanggap.queueing.selectors import local_today, settings_for, slot_starts
from tanggap.queueing.services.contact import clean_contact, clean_priority
from tanggap.queueing.services.numbering import insert_with_new_code
from tanggap.queueing.services.transitions import move, record_event, ticket_for_move

S = Ticket.Status
A = TicketEvent.Action


def _check_slot(
    queue_service: QueueService, slot_start: dt.datetime, *, exclude_pk=None
) -> dt.datetime:
    """The slot start in the location's zone, if it is a future slot within the horizon with a place left."""
    location = queue_service.location
    cal = calendar_for(unit=location)
    if timezone.is_naive(slot_start):
        raise DomainError(_("Waktu slot harus menyertakan zona waktu."), code="invalid_slot")
    local = slot_start.astimezone(cal.tz)
    conf = settings_for(location)
    today = local_today(location)
    if local.date() > today + dt.timedelta(days=conf.booking_horizon_days):
        raise DomainError(
            _("Pemesanan paling jauh %(n)s hari ke depan.") % {"n": conf.booking_horizon_days},
            code="slot_too_far",
        )
    if local not in slot_starts(queue_service=queue_service, day=local.date()):
        raise DomainError(_("Slot itu tidak tersedia di lokasi ini."), code="invalid_slot")
    if local <= timezone.now():
        raise DomainError(_("Slot itu sudah lewat. Pilih slot lain."), code="slot_past")
    taken = Ticket.objects.filter(
        queue_service=queue_service, slot_start=local, status__in=Ticket.ACTIVE
    ).exclude(pk=exclude_pk)
    if taken.count() >= queue_service.capacity_per_slot:
        raise DomainError(_("Slot itu sudah penuh. Pilih slot lain."), code="slot_full")
    return local


def _check_one_booking(
    queue_service: QueueService, day: dt.date, contact: dict, *, exclude_pk=None
) -> None:
    """One active booking per person (NIK or phone), service and day."""
    keys = Q()
    if contact["nik_hash"]:
        keys |= Q(nik_hash=contact["nik_hash"])
    if contact["contact_phone"]:
        keys |= Q(contact_phone=contact["contact_phone"])
    if not keys:
        return
    clash = (
        Ticket.objects.filter(
            keys, queue_service__service_id=queue_service.service_id, service_day=day
        )
        .filter(status__in=Ticket.ACTIVE)
        .exclude(pk=exclude_pk)
    )
    if clash.exists():
        raise DomainError(
            _("Anda sudah memiliki pemesanan aktif untuk layanan ini pada tanggal tersebut."),
            code="duplicate_booking",
        )


def _lock_queue(queue_service_id: int) -> None:
    """Serialise bookings of one service: its row lock makes the capacity check and insert atomic."""
    QueueService.objects.select_for_update().filter(pk=queue_service_id).first()


@transaction.atomic
def booking_create(
    *,
    queue_service: QueueService,
    slot_start: dt.datetime,
    contact_name: str,
    contact_phone: str = "",
    contact_email: str = "",
    nik: str = "",
    priority: str = "",
) -> Ticket:
    """Book a slot online; the citizen gets a ticket page with a QR code and the booking code."""
    if not queue_service.is_active or not queue_service.allow_booking:
        raise DomainError(_("Layanan ini tidak bisa dipesan daring."), code="booking_closed")
    if not (contact_name or "").strip():
        raise DomainError(_("Nama wajib diisi."), code="name_required", field="contact_name")
    contact = clean_contact(
        contact_name=contact_name, contact_phone=contact_phone, contact_email=contact_email, nik=nik
    )
    if not (contact["contact_phone"] or contact["contact_email"] or contact["nik_hash"]):
        raise DomainError(
            _("Isi nomor HP, surel, atau NIK agar pemesanan dapat dikenali."),
            code="contact_required",
        )
    _lock_queue(queue_service.pk)
    local = _check_slot(queue_service, slot_start)
    _check_one_booking(queue_service, local.date(), contact)
    now = timezone.now()
    ticket = Ticket(
        region_id=queue_service.region_id,
        location=queue_service.location,
        queue_service=queue_service,
        service_day=local.date(),
        slot_start=local,
        status=S.BOOKED,
        source=Ticket.Source.BOOKING,
        priority=clean_priority(priority),
        booked_at=now,
        **contact,
    )
    insert_with_new_code(ticket)
    record_event(ticket, action=A.BOOKED, from_status="", at=now)
    return ticket


@transaction.atomic
def booking_reschedule(*, ticket: Ticket, slot_start: dt.datetime, actor=None) -> Ticket:
    """Move a booking to another free slot of the same service (the code's holder, before check-in)."""
    ticket = ticket_for_move(ticket, workflow.RESCHEDULE, actor)
    if ticket.status != S.BOOKED:
        raise DomainError(
            _("Hanya pemesanan yang belum check-in yang bisa dijadwal ulang."), code="not_booked"
        )
    _lock_queue(ticket.queue_service_id)
    local = _check_slot(ticket.queue_service, slot_start, exclude_pk=ticket.pk)
    contact = {"nik_hash": ticket.nik_hash, "contact_phone": ticket.contact_phone}
    _check_one_booking(ticket.queue_service, local.date(), contact, exclude_pk=ticket.pk)
    old = ticket.slot_start
    ticket.slot_start = local
    ticket.service_day = local.date()
    return move(
        ticket,
        workflow.RESCHEDULE,
        actor=actor,
        note=f"{old:%Y-%m-%d %H:%M} → {local:%Y-%m-%d %H:%M}",
        fields=["slot_start", "service_day"],
    )


@transaction.atomic
def ticket_cancel(*, ticket: Ticket, actor=None, note: str = "") -> Ticket:
    """The code's holder (actor None) or an officer of the location cancels a booking or a waiting
    ticket; a signed-in account that is no officer here is refused."""
    ticket = ticket_for_move(ticket, workflow.CANCEL, actor)
    return move(ticket, workflow.CANCEL, actor=actor, note=note)
