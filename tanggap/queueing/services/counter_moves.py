"""The officer's moves at a counter: call the next ticket, recall, start, finish, skip as a no-show,
transfer to another service or counter.

Call-next takes the first waiting ticket with `SELECT ... FOR UPDATE SKIP LOCKED`, so counters calling
at the same moment never get the same ticket, and locks the counter's own row, so two clicks on one
counter call one ticket.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.errors import DomainError
from tanggap.queueing import workflow
from tanggap.queueing.models import Counter, QueueService, Ticket, TicketEvent
from tanggap.queueing.selectors import counter_busy_with, no_show_grace, waiting_for_counter
from tanggap.queueing.services.notifications import queue_changed
from tanggap.queueing.services.numbering import assign_number, insert_with_new_code
from tanggap.queueing.services.transitions import move, record_event, ticket_for_move
from tanggap.queueing.workflow import require_move

S = Ticket.Status
A = TicketEvent.Action


@transaction.atomic
def counter_call_next(*, counter: Counter, actor) -> Ticket | None:
    """Call the next ticket for this counter; None when nobody waits. Never hands one ticket to two counters."""
    require_move(workflow.CALL, actor, counter.location)
    # Lock the counter's row: two clicks on one counter queue up here instead of each calling a
    # ticket (SKIP LOCKED below would hand them different tickets). Other counters are not blocked.
    counter = (
        Counter.objects.select_for_update(of=("self",))
        .select_related("location")
        .get(pk=counter.pk)
    )
    if not counter.is_open:
        raise DomainError(_("Loket ini sedang tutup."), code="counter_closed")
    busy = counter_busy_with(counter)
    if busy is not None:
        raise DomainError(
            _("Selesaikan, lewati, atau alihkan tiket %(n)s dulu.") % {"n": busy.number},
            code="counter_busy",
        )
    candidates = waiting_for_counter(counter).select_for_update(skip_locked=True, of=("self",))
    ticket = candidates.first()
    if ticket is None:
        return None
    now = timezone.now()
    ticket.counter = counter
    ticket.called_at = now
    ticket.call_count = 1
    return move(
        ticket,
        workflow.CALL,
        actor=actor,
        counter=counter,
        fields=["counter", "called_at", "call_count"],
        at=now,
    )


def _at_counter(
    ticket: Ticket, action: str, *, actor, stamp: str = "", fields=(), note: str = ""
) -> Ticket:
    """A move made at the ticket's counter, stamping `stamp` (a timestamp field) with its moment."""
    now = timezone.now()
    changed = list(fields)
    if stamp:
        setattr(ticket, stamp, now)
        changed.append(stamp)
    return move(
        ticket, action, actor=actor, counter=ticket.counter, note=note, fields=changed, at=now
    )


@transaction.atomic
def ticket_recall(*, ticket: Ticket, actor) -> Ticket:
    """Call the same ticket again (the citizen did not come to the counter yet)."""
    ticket = ticket_for_move(ticket, workflow.RECALL, actor)
    ticket.call_count += 1
    return _at_counter(ticket, workflow.RECALL, actor=actor, fields=["call_count"])


@transaction.atomic
def ticket_start(*, ticket: Ticket, actor) -> Ticket:
    """The citizen is at the counter: service starts."""
    ticket = ticket_for_move(ticket, workflow.START, actor)
    return _at_counter(ticket, workflow.START, actor=actor, stamp="serving_started_at")


@transaction.atomic
def ticket_finish(*, ticket: Ticket, actor, note: str = "") -> Ticket:
    """Service finished."""
    ticket = ticket_for_move(ticket, workflow.FINISH, actor)
    return _at_counter(ticket, workflow.FINISH, actor=actor, stamp="finished_at", note=note)


@transaction.atomic
def ticket_no_show(*, ticket: Ticket, actor) -> Ticket:
    """Skip a called ticket whose holder did not come, once the grace period has passed (or a booking
    whose holder never came)."""
    ticket = ticket_for_move(ticket, workflow.NO_SHOW, actor)
    grace = no_show_grace(ticket)
    if not grace.ready:
        raise DomainError(
            _("Tunggu %(m)s menit lagi sebelum melewati tiket ini (masa tunggu %(g)s menit).")
            % {"m": grace.minutes_left, "g": grace.grace_minutes},
            code="grace_period",
        )
    return _at_counter(ticket, workflow.NO_SHOW, actor=actor, stamp="finished_at")


def _check_transfer_target(
    ticket: Ticket, to_queue_service: QueueService | None, to_counter: Counter | None
) -> QueueService:
    """The service the transferred citizen joins: active, at the same place, handled by the counter."""
    if to_queue_service is None and to_counter is None:
        raise DomainError(_("Pilih layanan atau loket tujuan."), code="transfer_target_required")
    target_service = to_queue_service or ticket.queue_service
    if target_service.location_id != ticket.location_id or not target_service.is_active:
        raise DomainError(_("Layanan tujuan tidak ada di lokasi ini."), code="invalid_transfer")
    if to_counter is not None:
        if to_counter.location_id != ticket.location_id:
            raise DomainError(_("Loket tujuan tidak ada di lokasi ini."), code="invalid_transfer")
        if not to_counter.services.filter(pk=target_service.pk).exists():
            raise DomainError(
                _("Loket tujuan tidak melayani layanan itu."), code="invalid_transfer"
            )
    return target_service


@transaction.atomic
def ticket_transfer(
    *,
    ticket: Ticket,
    actor,
    to_queue_service: QueueService | None = None,
    to_counter: Counter | None = None,
    note: str = "",
) -> Ticket:
    """Send the citizen to another service and/or counter at the same location, keeping their place."""
    ticket = ticket_for_move(ticket, workflow.TRANSFER, actor)
    target_service = _check_transfer_target(ticket, to_queue_service, to_counter)
    now = timezone.now()
    ticket.finished_at = now
    move(
        ticket,
        workflow.TRANSFER,
        actor=actor,
        counter=ticket.counter,
        note=note,
        fields=["finished_at"],
        at=now,
    )
    new = Ticket(
        region_id=ticket.region_id,
        location_id=ticket.location_id,
        queue_service=target_service,
        service_day=ticket.service_day,
        status=S.WAITING,
        source=Ticket.Source.TRANSFER,
        priority=ticket.priority,
        contact_name=ticket.contact_name,
        contact_phone=ticket.contact_phone,
        contact_email=ticket.contact_email,
        nik_hash=ticket.nik_hash,
        nik_masked=ticket.nik_masked,
        checked_in_at=now,
        queue_key=ticket.queue_key or now,
        reserved_counter=to_counter,
        transferred_from=ticket,
        slot_start=ticket.slot_start,
    )
    if target_service.pk == ticket.queue_service_id:
        new.number, new.sequence = ticket.number, ticket.sequence
    else:
        assign_number(new)
    insert_with_new_code(new)
    record_event(
        new,
        action=A.TRANSFERRED,
        from_status="",
        actor=actor,
        counter=to_counter,
        note=_("dialihkan dari %(n)s") % {"n": ticket.number},
        at=now,
    )
    queue_changed(target_service.pk)
    return new
