"""The one transition table of a report — which moves exist, what each action is called and who may take
it — and the one function that moves a report through it.

Services call `check_move` before they write (PermissionDenied when the action's rule refuses the actor,
InvalidTransition when the report's status does not allow it now); the staff page asks the same table
which actions to offer (`COMPLAINT_MACHINE.available_actions(status, user, complaint)`), so a page never
offers what a service refuses, nor the other way round.

Several actions share a (from, to) pair (a note and a re-dispatch both keep DISPATCHED; a staff close, a
rating and the reporter's close all end ANSWERED in CLOSED), so the rules are always asked by action
(`check_action`, `available_actions`, `transition_for`); `complaint_transition` only checks that the pair
is in the table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tanggap.complaints.models import Complaint, ComplaintEvent
from tanggap.complaints.models.event_texts import EVENT_TEXTS
from tanggap.complaints.permissions import (
    can_assign,
    can_handle,
    can_verify,
    may_ask_reporter,
    may_close,
    may_merge,
    may_note,
    may_take,
)
from tanggap.core.background import enqueue_after_commit
from tanggap.core.errors import InvalidTransition, PermissionDenied
from tanggap.core.statemachine import StateMachine, Transition, anyone

__all__ = [
    "COMPLAINT_MACHINE",
    "complaint_event_add",
    "complaint_transition",
    "notify_after_commit",
]

S = Complaint.Status

# The staff's actions.
VERIFY = "verify_dispatch"
ASK_REPORTER = "request_info"
TRANSFER = "transfer_out"
MERGE = "merge"
ARCHIVE = "archive"
REDISPATCH = "redispatch"
ASSIGN = "assign"
TAKE = "take"
NOTE = "note"
ANSWER = "answer"
CLOSE = "close"
STAFF_ACTIONS = (
    VERIFY,
    ASK_REPORTER,
    TRANSFER,
    MERGE,
    ARCHIVE,
    REDISPATCH,
    ASSIGN,
    TAKE,
    NOTE,
    ANSWER,
    CLOSE,
)
# The reporter's (the caller has proved who they are, so these services take no actor) and the system's.
REPORTER_MESSAGE = "reporter_message"
RATE = "rate"
REOPEN = "reopen"
REPORTER_CLOSE = "reporter_close"
CLOSE_EXPIRED = "close_expired"


@dataclass(frozen=True)
class Rule:
    """Who may take an action (a rule of permissions.py, called with the actor and the report) and, for a
    move that needs it, a condition on the report beyond its status, with the reason it refuses."""

    who: Callable[[Any, Complaint], bool]
    when: Callable[[Complaint], bool] | None = None
    refusal: Any = ""

    def __call__(self, actor, complaint: Complaint) -> bool:
        return bool(self.who(actor, complaint)) and (self.when is None or self.when(complaint))


def awaits_verification(complaint: Complaint) -> bool:
    """A report paused by the verifier's question, not by the handling unit's."""
    return complaint.status_before_pause in ("", S.NEW)


def unassigned(complaint: Complaint) -> bool:
    """Nobody holds the report yet (a handler may take it; once someone holds it, only an assigner
    moves it on)."""
    return complaint.assignee_id is None


def _move(source: str, target: str, action: str, who, **condition) -> Transition:
    return Transition(source, target, allowed=Rule(who, **condition), action=action)


def _resume(target: str) -> Transition:
    """The reporter's reply ends a pause: the report goes back to where it was (the report decides the
    target, so the move has no name; the reply service checks it as a pair)."""
    return Transition(S.NEEDS_INFO, target)


COMPLAINT_MOVES = (
    # The verifier (admin instansi) on a new report.
    _move(S.NEW, S.DISPATCHED, VERIFY, can_verify),
    _move(S.NEW, S.NEEDS_INFO, ASK_REPORTER, may_ask_reporter),  # the clock pauses
    _move(S.NEW, S.TRANSFERRED, TRANSFER, can_verify),  # not our authority
    _move(S.NEW, S.MERGED, MERGE, may_merge),  # duplicate of another report
    _move(S.NEW, S.ARCHIVED, ARCHIVE, can_verify),  # too general, irrelevant, ...
    _move(S.NEW, S.NEW, NOTE, may_note),
    # Waiting for the reporter: dispatched once they answer the verifier, archived when they never do.
    _move(
        S.NEEDS_INFO,
        S.DISPATCHED,
        VERIFY,
        can_verify,
        when=awaits_verification,
        refusal=gettext_lazy(
            "Laporan ini menunggu jawaban pelapor atas pertanyaan unit, bukan verifikasi."
        ),
    ),
    _move(S.NEEDS_INFO, S.ARCHIVED, ARCHIVE, can_verify),
    _move(S.NEEDS_INFO, S.NEEDS_INFO, NOTE, may_note),
    _resume(S.NEW),
    _resume(S.DISPATCHED),
    _resume(S.IN_PROGRESS),
    # The unit's responsive team.
    _move(S.DISPATCHED, S.IN_PROGRESS, ASSIGN, can_assign),  # given to a team member
    _move(
        S.DISPATCHED,
        S.IN_PROGRESS,
        TAKE,
        may_take,
        when=unassigned,
        refusal=gettext_lazy("Laporan ini sudah ditugaskan kepada petugas lain."),
    ),  # a handler of the unit takes it
    _move(S.DISPATCHED, S.DISPATCHED, REDISPATCH, can_assign),  # to another unit
    _move(S.DISPATCHED, S.NEEDS_INFO, ASK_REPORTER, may_ask_reporter),
    _move(S.DISPATCHED, S.MERGED, MERGE, may_merge),
    _move(S.DISPATCHED, S.DISPATCHED, NOTE, may_note),
    _move(S.IN_PROGRESS, S.ANSWERED, ANSWER, can_handle),
    _move(S.IN_PROGRESS, S.IN_PROGRESS, ASSIGN, can_assign),  # re-assigned
    _move(S.IN_PROGRESS, S.DISPATCHED, REDISPATCH, can_assign),  # handed back: wrong unit
    _move(S.IN_PROGRESS, S.NEEDS_INFO, ASK_REPORTER, may_ask_reporter),
    _move(S.IN_PROGRESS, S.IN_PROGRESS, NOTE, may_note),
    _move(S.ANSWERED, S.CLOSED, CLOSE, may_close),
    _move(S.ANSWERED, S.ANSWERED, NOTE, may_note),
    # The reporter: a message while the report is open or answered, the verdict on the answer.
    *(_move(s, s, REPORTER_MESSAGE, anyone) for s in (S.NEW, S.DISPATCHED, S.IN_PROGRESS)),
    _move(S.ANSWERED, S.ANSWERED, REPORTER_MESSAGE, anyone),
    _move(S.ANSWERED, S.CLOSED, RATE, anyone),  # rating an answer closes the report
    _move(S.CLOSED, S.CLOSED, RATE, anyone),
    _move(S.ANSWERED, S.IN_PROGRESS, REOPEN, anyone),  # within the response window
    _move(S.CLOSED, S.IN_PROGRESS, REOPEN, anyone),
    _move(S.ANSWERED, S.CLOSED, REPORTER_CLOSE, anyone),
    # The system, once the reporter's response window has passed.
    _move(S.ANSWERED, S.CLOSED, CLOSE_EXPIRED, anyone),
)
COMPLAINT_MACHINE = StateMachine(COMPLAINT_MOVES)


def _rights(moves) -> dict[str, Callable[[Any, Complaint], bool]]:
    """Each action's `who` rule; an action whose moves named two different rules is a mistake."""
    rights: dict[str, Callable[[Any, Complaint], bool]] = {}
    for move in moves:
        if not move.action:
            continue
        if not isinstance(move.allowed, Rule):
            raise TypeError(f"The move {move} names no Rule.")
        who = move.allowed.who
        if rights.setdefault(move.action, who) is not who:
            raise ValueError(f"The moves of {move.action!r} name different rules.")
    return rights


RIGHTS = _rights(COMPLAINT_MOVES)


def who_may(action: str) -> Callable[[Any, Complaint], bool]:
    """The rule saying who may take `action` on a report (the same on each of its moves)."""
    return RIGHTS[action]


def check_move(
    action: str, complaint: Complaint, actor, *, not_permitted=None, not_now
) -> Transition:
    """Enforce the table before a service writes; returns the move.

    PermissionDenied (`not_permitted`) when the action's rule refuses this actor on this report;
    InvalidTransition when the report's status does not allow the action now (`not_now`, formatted with
    the status's name) or the move's condition refuses (its own reason)."""
    if not who_may(action)(actor, complaint):
        raise PermissionDenied(not_permitted)
    try:
        return COMPLAINT_MACHINE.check_action(action, complaint.status, actor, complaint)
    except InvalidTransition:
        move = COMPLAINT_MACHINE.transition_for(action, complaint.status)
        reason = move.allowed.refusal if move is not None and isinstance(move.allowed, Rule) else ""
        raise InvalidTransition(
            reason or not_now % {"status": complaint.get_status_display()}
        ) from None


# --- the row lock -------------------------------------------------------------------------------


def lock_complaint(complaint: Complaint | int) -> Complaint:
    """Re-read the report under a row lock (a no-op on SQLite, which serialises writers)."""
    pk = complaint.pk if isinstance(complaint, Model) else complaint
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("region", "unit", "sla_policy", "category")
        .get(pk=pk)
    )


def copy_saved_state(original: Complaint, locked: Complaint) -> Complaint:
    """Copy the saved values onto the caller's instance, so it does not hold a stale status."""
    if original is not locked and isinstance(original, Complaint):
        for field in Complaint._meta.concrete_fields:
            setattr(original, field.attname, getattr(locked, field.attname))
    return locked


# --- the timeline ---------------------------------------------------------------------------------


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
    text_code: str = "",
    params: dict | None = None,
    visibility: str = ComplaintEvent.Visibility.PUBLIC,
    from_status: str = "",
    to_status: str = "",
    at=None,
) -> ComplaintEvent:
    """Append one step to the report's timeline: what the system says as a code of EVENT_TEXTS with its
    parameters (shown in the reader's language), what a person wrote as `message`."""
    if text_code and text_code not in EVENT_TEXTS:
        raise ValueError(f"Unknown event text {text_code!r}.")
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
        text_code=text_code,
        params=params or {},
        visibility=visibility,
        at=at or timezone.now(),
    )


def mark_first_response(complaint: Complaint, at) -> list[str]:
    """A staff message the reporter can read is the first response, once the report is with a unit."""
    if complaint.first_response_at is None and complaint.response_due_at is not None:
        complaint.first_response_at = at
        return ["first_response_at"]
    return []


def complaint_transition(
    complaint: Complaint,
    to: str,
    *,
    action: str,
    actor=None,
    by_reporter: bool = False,
    message: str = "",
    text_code: str = "",
    params: dict | None = None,
    visibility: str = ComplaintEvent.Visibility.PUBLIC,
    fields: tuple[str, ...] = (),
    at=None,
) -> ComplaintEvent:
    """Move the report along the table, save `status` and the other changed `fields`, append the event
    (`action` names the step on the timeline) and queue its notification.

    Callers hold the report's row lock (select_for_update) inside their transaction and have checked the
    action and its rule (`check_move`); here the move itself must be in the table."""
    source = complaint.status
    if to not in COMPLAINT_MACHINE.targets(source):
        raise InvalidTransition(
            _("Perubahan status dari %(a)s ke %(b)s tidak diizinkan.") % {"a": source, "b": to}
        )
    complaint.status = to
    complaint.save(update_fields=["status", "updated_at", *fields])
    event = complaint_event_add(
        complaint,
        action=action,
        actor=actor,
        by_reporter=by_reporter,
        message=message,
        text_code=text_code,
        params=params,
        visibility=visibility,
        from_status=source,
        to_status=to,
        at=at,
    )
    notify_after_commit(event)
    return event


def notify_after_commit(event: ComplaintEvent) -> None:
    """Queue the notification task for `event` (it decides who hears about it) once the transaction
    commits, through core's outbox: written in this transaction and delivered even when the task queue
    is down at commit time."""
    enqueue_after_commit("tanggap.complaints.tasks.notify_event", event.pk)
