"""The one transition table of a leave request: which moves exist and who may make each.

The superior approves or rejects a pending request; the official withdraws a pending one; an approved
leave is cancelled (before it starts) by the official or the superior. Services enforce the table and
pages will ask it which buttons to show."""

from __future__ import annotations

from tanggap.attendance.models import LeaveRequest
from tanggap.attendance.permissions import (
    may_cancel_approved_leave,
    may_cancel_pending_leave,
    may_decide_leave,
)
from tanggap.core.statemachine import StateMachine, Transition

S = LeaveRequest.Status

APPROVE = "approve"
REJECT = "reject"
CANCEL = "cancel"

LEAVE_MACHINE = StateMachine(
    [
        Transition(S.PENDING, S.APPROVED, may_decide_leave, action=APPROVE),
        Transition(S.PENDING, S.REJECTED, may_decide_leave, action=REJECT),
        Transition(S.PENDING, S.CANCELLED, may_cancel_pending_leave, action=CANCEL),
        Transition(S.APPROVED, S.CANCELLED, may_cancel_approved_leave, action=CANCEL),
    ]
)
