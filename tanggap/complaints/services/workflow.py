"""The one transition table of a report and the one function that moves a report through it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from tanggap.complaints.models import Complaint, ComplaintEvent
from tanggap.core.statemachine import StateMachine, Transition

S = Complaint.Status

COMPLAINT_MACHINE = StateMachine(
    [
        # Verifier (admin instansi) on a new report.
        Transition(S.NEW, S.DISPATCHED),  # verify and dispatch to a unit
        Transition(S.NEW, S.NEEDS_INFO),  # ask the reporter for details: the clock pauses
        Transition(S.NEW, S.TRANSFERRED),  # not our authority
        Transition(S.NEW, S.MERGED),  # duplicate of another report
        Transition(S.NEW, S.ARCHIVED),  # too general, irrelevant, ...
        # Waiting for the reporter: back to where it was, or archived when they never answer.
        Transition(S.NEEDS_INFO, S.NEW),
        Transition(S.NEEDS_INFO, S.DISPATCHED),
        Transition(S.NEEDS_INFO, S.IN_PROGRESS),
        Transition(S.NEEDS_INFO, S.ARCHIVED),
        # The unit's responsive team.
        Transition(S.DISPATCHED, S.DISPATCHED),  # re-dispatch to another unit
        Transition(S.DISPATCHED, S.IN_PROGRESS),  # assigned to a team member
        Transition(S.DISPATCHED, S.NEEDS_INFO),
        Transition(S.DISPATCHED, S.MERGED),
        Transition(S.IN_PROGRESS, S.IN_PROGRESS),  # re-assigned
        Transition(S.IN_PROGRESS, S.NEEDS_INFO),
        Transition(S.IN_PROGRESS, S.ANSWERED),
        Transition(S.IN_PROGRESS, S.DISPATCHED),  # handed back: wrong unit
        # The reporter's verdict.
        Transition(S.ANSWERED, S.CLOSED),
        Transition(S.ANSWERED, S.IN_PROGRESS),  # reopened within the response window
        Transition(S.CLOSED, S.IN_PROGRESS),  # reopened within the response window
    ]
)


def actor_label(actor, *, by_reporter: bool = False) -> str:
    """How the timeline names who acted (never the name of an anonymous reporter)."""
    if by_reporter:
        return "Pelapor"
    if actor is not None and getattr(actor, "is_authenticated", False):
        return actor.get_full_name() or actor.get_username()
    return "Sistem"


def complaint_event_add(
    complaint: Complaint,
    *,
    action: str,
    actor=None,
    by_reporter: bool = False,
    message: str = "",
    visibility: str = ComplaintEvent.Visibility.PUBLIC,
    from_status: str = "",
    to_status: str = "",
    at=None,
) -> ComplaintEvent:
    """Append one step to the report's timeline."""
    return ComplaintEvent.objects.create(
        complaint=complaint,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=actor_label(actor, by_reporter=by_reporter),
        by_reporter=by_reporter,
        unit_id=complaint.unit_id,
        message=message,
        visibility=visibility,
        at=at or timezone.now(),
    )


def complaint_transition(
    complaint: Complaint,
    to: str,
    *,
    action: str,
    actor=None,
    by_reporter: bool = False,
    message: str = "",
    visibility: str = ComplaintEvent.Visibility.PUBLIC,
    fields: tuple[str, ...] = (),
    at=None,
) -> ComplaintEvent:
    """Move the report along the table, save `status` and the other changed `fields`, append the event.

    Callers hold the report's row lock (select_for_update) inside their transaction.
    """
    source = complaint.status
    COMPLAINT_MACHINE.check(source, to)
    complaint.status = to
    complaint.save(update_fields=["status", "updated_at", *fields])
    event = complaint_event_add(
        complaint,
        action=action,
        actor=actor,
        by_reporter=by_reporter,
        message=message,
        visibility=visibility,
        from_status=source,
        to_status=to,
        at=at,
    )
    notify_after_commit(event)
    return event


def notify_after_commit(event: ComplaintEvent) -> None:
    """Queue the notification task for `event` once the transaction commits.

    `robust`: the move is already saved, so a task queue that is down is logged and never turns the
    citizen's or officer's request into an error."""
    event_id = event.pk
    transaction.on_commit(lambda: _notify(event_id), robust=True)


def _notify(event_id: int) -> None:
    """Hand the event to the notification task (it decides who hears about it)."""
    from tanggap.complaints import tasks

    tasks.notify_event(event_id)
