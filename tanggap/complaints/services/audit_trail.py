"""The audit row of a workflow move: the report's workflow fields before the move, and one row with only
the fields that changed."""

from __future__ import annotations

from tanggap.complaints.models import Complaint
from tanggap.core.audit import audit_record, snapshot

# The fields an audit row compares before and after a workflow move.
AUDIT_FIELDS = [
    "status",
    "status_before_pause",
    "unit",
    "category",
    "assignee",
    "merged_into",
    "closing_reason",
    "sla_policy",
    "verify_due_at",
    "response_due_at",
    "resolve_due_at",
    "verified_at",
    "dispatched_at",
    "first_response_at",
    "answered_at",
    "closed_at",
    "paused_at",
    "paused_seconds",
    "rating",
    "reopen_count",
]


def audit_snapshot(complaint: Complaint) -> dict:
    """The workflow fields as they are now (taken before a change, for its audit row)."""
    return snapshot(complaint, AUDIT_FIELDS)


def audit_move(*, actor, action: str, complaint: Complaint, old: dict, note: str = "") -> None:
    """One audit row with only the fields that changed since `old` (an audit_snapshot)."""
    new = snapshot(complaint, AUDIT_FIELDS)
    changed = [k for k in new if old.get(k) != new[k]]
    audit_record(
        actor=actor,
        action=action,
        target=complaint,
        before={k: old.get(k) for k in changed},
        after={k: new[k] for k in changed},
        note=note[:500],
        region_id=complaint.region_id,
    )
