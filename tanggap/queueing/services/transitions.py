"""Moving a ticket through its one transition table (tanggap.queueing.workflow) and recording the move.

Every move re-reads the ticket under a row lock, checks who may make it (403) and from which status
(409), saves the changed fields and appends a TicketEvent (actor, counter, time): the audit trail and
the source of every queue metric.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from tanggap.queueing import workflow
from tanggap.queueing.models import Counter, Ticket, TicketEvent
from tanggap.queueing.services.notifications import queue_changed
from tanggap.queueing.workflow import TICKET_MACHINE, require_move

A = TicketEvent.Action

# The event row each move of the table leaves.
EVENT_OF_MOVE = {
    workflow.CHECK_IN: A.CHECKED_IN,
    workflow.RESCHEDULE: A.RESCHEDULED,
    workflow.CANCEL: A.CANCELLED,
    workflow.CALL: A.CALLED,
    workflow.RECALL: A.RECALLED,
    workflow.START: A.SERVING,
    workflow.FINISH: A.DONE,
    workflow.NO_SHOW: A.NO_SHOW,
    workflow.TRANSFER: A.TRANSFERRED,
}


def ticket_for_update(ticket: Ticket) -> Ticket:
    """Re-read the ticket under a row lock (no-op on SQLite, which serialises writers)."""
    return (
        Ticket.objects.select_for_update()
        .select_related("queue_service", "location")
        .get(pk=ticket.pk)
    )


def ticket_for_move(ticket: Ticket, action: str, actor) -> Ticket:
    """The ticket re-read under a row lock, once the table says `actor` may make `action` at its place."""
    ticket = ticket_for_update(ticket)
    require_move(action, actor, ticket.location)
    return ticket


def record_event(
    ticket: Ticket,
    *,
    action: str,
    from_status: str,
    actor=None,
    counter: Counter | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> None:
    """Append the ticket's event row (an anonymous actor, the code's holder, is recorded as nobody)."""
    TicketEvent.objects.create(
        ticket=ticket,
        action=action,
        from_status=from_status,
        to_status=ticket.status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        counter=counter,
        at=at or timezone.now(),
        note=note[:300],
    )


def move(
    ticket: Ticket,
    action: str,
    *,
    actor=None,
    counter: Counter | None = None,
    note: str = "",
    fields: Iterable[str] = (),
    at: dt.datetime | None = None,
) -> Ticket:
    """Make the table's move `action` from the ticket's status, save the changed fields, append the
    event and, after commit, queue the near-the-front notifications of the ticket's queue."""
    source = ticket.status
    transition = TICKET_MACHINE.check_action(action, source, actor, ticket.location)
    ticket.status = transition.target
    ticket.save(update_fields=["status", *fields])
    record_event(
        ticket,
        action=EVENT_OF_MOVE[action],
        from_status=source,
        actor=actor,
        counter=counter,
        note=note,
        at=at,
    )
    queue_changed(ticket.queue_service_id)
    return ticket
