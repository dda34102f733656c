"""The transition tables of Inovasi daerah: one per workflow (idea, innovation stage, assessment,
proposal, jury review, round, replication request). Services enforce them (`check_action`); pages ask
them which buttons to show (`available_actions`). Each move is recorded as the workflow's event."""

from __future__ import annotations

from tanggap.core.statemachine import StateMachine, Transition
from tanggap.innovation import permissions as p
from tanggap.innovation.models import (
    Assessment,
    Idea,
    Innovation,
    Proposal,
    ReplicationRequest,
    Review,
    Round,
)

# --- ideas ---------------------------------------------------------------------------------------
D = Idea.Status
SUBMIT = "submit"
REVISE = "ask_revision"
ACCEPT = "accept"
DECLINE = "decline"
WITHDRAW = "withdraw"

IDEA_MACHINE = StateMachine(
    [
        Transition(D.DRAFT, D.SUBMITTED, p.may_submit_idea, action=SUBMIT),
        Transition(D.REVISION, D.SUBMITTED, p.may_submit_idea, action=SUBMIT),
        Transition(D.SUBMITTED, D.REVISION, p.may_decide_idea, action=REVISE),
        Transition(D.SUBMITTED, D.ACCEPTED, p.may_decide_idea, action=ACCEPT),
        Transition(D.SUBMITTED, D.DECLINED, p.may_decide_idea, action=DECLINE),
        Transition(D.DRAFT, D.WITHDRAWN, p.may_withdraw_idea, action=WITHDRAW),
        Transition(D.SUBMITTED, D.WITHDRAWN, p.may_withdraw_idea, action=WITHDRAW),
        Transition(D.REVISION, D.WITHDRAWN, p.may_withdraw_idea, action=WITHDRAW),
    ]
)

# --- an innovation's stage -----------------------------------------------------------------------
S = Innovation.Stage
TO_TRIAL = "start_trial"
TO_IMPLEMENTATION = "implement"


def _may_edit(user, innovation, **kwargs) -> bool:
    return p.may_edit_innovation(user, innovation)


STAGE_MACHINE = StateMachine(
    [
        Transition(S.INISIATIF, S.UJI_COBA, _may_edit, action=TO_TRIAL),
        Transition(S.UJI_COBA, S.PENERAPAN, _may_edit, action=TO_IMPLEMENTATION),
    ]
)

# --- assessment ----------------------------------------------------------------------------------
A = Assessment.Status
FINISH = "finish"
REOPEN = "reopen"
DECIDE = "decide"  # a criterion or a piece of evidence decided: keeps the status

ASSESSMENT_MACHINE = StateMachine(
    [
        Transition(A.IN_PROGRESS, A.IN_PROGRESS, p.may_assess, action=DECIDE),
        Transition(A.IN_PROGRESS, A.DONE, p.may_assess, action=FINISH),
        Transition(A.DONE, A.IN_PROGRESS, p.may_assess, action=REOPEN),
    ]
)

# --- a round -------------------------------------------------------------------------------------
R = Round.Status
OPEN_ROUND = "open"
SCREEN = "start_screening"
START_REVIEW = "start_review"
PUBLISH = "publish"
CLOSE = "close"


def _organiser(user, round_, **kwargs) -> bool:
    return p.is_organiser(user, round_)


ROUND_MACHINE = StateMachine(
    [
        Transition(R.DRAFT, R.OPEN, _organiser, action=OPEN_ROUND),
        Transition(R.OPEN, R.SCREENING, _organiser, action=SCREEN),
        Transition(R.SCREENING, R.REVIEW, _organiser, action=START_REVIEW),
        Transition(R.REVIEW, R.PUBLISHED, _organiser, action=PUBLISH),
        Transition(R.PUBLISHED, R.CLOSED, _organiser, action=CLOSE),
    ]
)

# --- proposals -----------------------------------------------------------------------------------
P = Proposal.Status
PASS_ADMIN = "pass_admin"
FAIL_ADMIN = "fail_admin"
SELECT = "select"
NOT_SELECT = "not_select"

PROPOSAL_MACHINE = StateMachine(
    [
        Transition(P.DRAFT, P.SUBMITTED, p.may_submit_proposal, action=SUBMIT),
        Transition(P.SUBMITTED, P.IN_REVIEW, p.may_screen_proposal, action=PASS_ADMIN),
        Transition(P.SUBMITTED, P.ADMIN_FAILED, p.may_screen_proposal, action=FAIL_ADMIN),
        Transition(P.IN_REVIEW, P.WINNER, p.may_screen_proposal, action=SELECT),
        Transition(P.IN_REVIEW, P.NOT_SELECTED, p.may_screen_proposal, action=NOT_SELECT),
        Transition(P.DRAFT, P.WITHDRAWN, p.may_withdraw_proposal, action=WITHDRAW),
        Transition(P.SUBMITTED, P.WITHDRAWN, p.may_withdraw_proposal, action=WITHDRAW),
    ]
)

# --- jury reviews --------------------------------------------------------------------------------
V = Review.Status
SCORE = "score"  # a draft score saved: keeps the status
SEND = "send"
RETURN = "return"  # the organiser returns a sent review to its juror for discussion
CANCEL = "cancel"
DECLARE_CONFLICT = (
    "declare_conflict"  # the juror declares a conflict: their unsent review is cancelled
)

REVIEW_MACHINE = StateMachine(
    [
        Transition(V.ASSIGNED, V.ASSIGNED, p.may_score_review, action=SCORE),
        Transition(V.ASSIGNED, V.SUBMITTED, p.may_score_review, action=SEND),
        Transition(V.SUBMITTED, V.ASSIGNED, p.may_manage_review, action=RETURN),
        Transition(V.ASSIGNED, V.WITHDRAWN, p.may_manage_review, action=CANCEL),
        Transition(V.ASSIGNED, V.WITHDRAWN, p.may_score_review, action=DECLARE_CONFLICT),
    ]
)

# --- replication requests ------------------------------------------------------------------------
Q = ReplicationRequest.Status
REPLICATED = "record_replication"

REPLICATION_MACHINE = StateMachine(
    [
        Transition(Q.REQUESTED, Q.ACCEPTED, p.may_answer_replication, action=ACCEPT),
        Transition(Q.REQUESTED, Q.DECLINED, p.may_answer_replication, action=DECLINE),
        Transition(Q.ACCEPTED, Q.REPLICATED, p.may_answer_replication, action=REPLICATED),
        Transition(Q.REQUESTED, Q.CANCELLED, p.may_cancel_replication, action=CANCEL),
        Transition(Q.ACCEPTED, Q.CANCELLED, p.may_cancel_replication, action=CANCEL),
    ]
)
