"""The one transition table of a ticket: which moves exist and who may make each.

Counter moves (call, recall, start, finish, no-show, transfer) are made by an officer who may operate the
location's counters. Citizen moves (check in, cancel, reschedule) are made by whoever holds the ticket's
booking code: the citizen, recorded as nobody (the actor is None or an anonymous visitor), or an officer
of the location on the citizen's behalf. A rule is called with (actor, location): who may move a ticket
depends only on where it is queued.

Services enforce the table (`require_move` says who, `TICKET_MACHINE.check_action` checks the status)
and the counter screen asks `TICKET_MACHINE.available_actions` which buttons to show, so the two cannot
disagree. Creating a ticket (a booking, a walk-in, the copy a transfer makes) is not a move.
"""

from __future__ import annotations

from tanggap.core.errors import PermissionDenied
from tanggap.core.statemachine import StateMachine, Transition
from tanggap.queueing.models import Ticket
from tanggap.queueing.permissions import can_operate_counter

S = Ticket.Status

# Counter moves.
CALL = "call"
RECALL = "recall"
START = "start"
FINISH = "finish"
NO_SHOW = "no_show"
TRANSFER = "transfer"
# Moves of the booking code's holder.
CHECK_IN = "check_in"
CANCEL = "cancel"
RESCHEDULE = "reschedule"


def counter_officer(actor, location) -> bool:
    """An officer who may operate the location's counters."""
    return can_operate_counter(actor, location)


def code_holder(actor, location) -> bool:
    """Whoever holds the booking code (no account is recorded), or an officer of the location.

    A signed-in account that is no officer here is refused: pages and the API act for it as the code
    holder (see `permissions.code_move_actor`)."""
    return not getattr(actor, "is_authenticated", False) or can_operate_counter(actor, location)


TICKET_MACHINE = StateMachine(
    [
        Transition(S.BOOKED, S.WAITING, code_holder, action=CHECK_IN),
        Transition(S.BOOKED, S.BOOKED, code_holder, action=RESCHEDULE),
        Transition(S.BOOKED, S.CANCELLED, code_holder, action=CANCEL),
        Transition(S.BOOKED, S.NO_SHOW, counter_officer, action=NO_SHOW),  # never came on the day
        Transition(S.WAITING, S.CALLED, counter_officer, action=CALL),
        Transition(S.WAITING, S.CANCELLED, code_holder, action=CANCEL),
        Transition(S.WAITING, S.TRANSFERRED, counter_officer, action=TRANSFER),
        Transition(S.CALLED, S.CALLED, counter_officer, action=RECALL),
        Transition(S.CALLED, S.SERVING, counter_officer, action=START),
        Transition(S.CALLED, S.NO_SHOW, counter_officer, action=NO_SHOW),
        Transition(S.CALLED, S.TRANSFERRED, counter_officer, action=TRANSFER),
        Transition(S.SERVING, S.DONE, counter_officer, action=FINISH),
        Transition(S.SERVING, S.TRANSFERRED, counter_officer, action=TRANSFER),
    ]
)


def may_make(action: str, actor, location) -> bool:
    """Whether the table's rule for `action` lets `actor` make it at `location` (from a status that has it)."""
    return any(
        t.allowed(actor, location) for t in TICKET_MACHINE.transitions() if t.action == action
    )


def require_move(action: str, actor, location) -> None:
    """PermissionDenied unless the table lets `actor` make `action` at `location`.

    Checked before the ticket's status, so someone who may not act here learns nothing about it."""
    if not may_make(action, actor, location):
        raise PermissionDenied()
