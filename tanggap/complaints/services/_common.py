"""What the workflow services share: the row lock, status and permission checks, text limits, audit."""

from __future__ import annotations

import datetime as dt

from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.complaints.models import Complaint
from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError, InvalidTransition, PermissionDenied

S = Complaint.Status

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


def now_or(now: dt.datetime | None) -> dt.datetime:
    """`now`, or the current time (services take an optional `now` for demo history and tests)."""
    if now is not None and timezone.is_naive(now):
        raise ValueError("Services need an aware datetime.")
    return now or timezone.now()


def lock(complaint: Complaint | int) -> Complaint:
    """Re-read the report under a row lock (a no-op on SQLite, which serialises writers)."""
    pk = complaint.pk if isinstance(complaint, Model) else complaint
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("region", "unit", "sla_policy", "category")
        .get(pk=pk)
    )


def sync(original: Complaint, locked: Complaint) -> Complaint:
    """Copy the saved values onto the caller's instance, so it does not hold a stale status."""
    if original is not locked and isinstance(original, Complaint):
        for field in Complaint._meta.concrete_fields:
            setattr(original, field.attname, getattr(locked, field.attname))
    return locked


def require(allowed: bool, message=None) -> None:
    """Refuse with PermissionDenied unless `allowed`."""
    if not allowed:
        raise PermissionDenied(message)


def require_status(complaint: Complaint, allowed, message) -> None:
    """Refuse a move from a status the service does not start from (message names the status)."""
    if complaint.status not in allowed:
        raise InvalidTransition(message % {"status": complaint.get_status_display()})


def clean_text(value, *, field: str, min_len: int, max_len: int, message) -> str:
    """Stripped text of at least `min_len` characters (refused otherwise) and at most `max_len`."""
    text = (value or "").strip()
    if len(text) < min_len:
        raise DomainError(message, field=field)
    if len(text) > max_len:
        raise DomainError(
            _("Teks paling panjang %(n)s huruf.") % {"n": f"{max_len:,}".replace(",", ".")},
            field=field,
        )
    return text


def before(complaint: Complaint) -> dict:
    """The workflow fields before a change, for the audit row."""
    return snapshot(complaint, AUDIT_FIELDS)


def audit(*, actor, action: str, complaint: Complaint, old: dict, note: str = "") -> None:
    """One audit row with only the fields that changed."""
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


def mark_first_response(complaint: Complaint, at: dt.datetime) -> list[str]:
    """A staff message the reporter can read is the first response, once the report is with a unit."""
    if complaint.first_response_at is None and complaint.response_due_at is not None:
        complaint.first_response_at = at
        return ["first_response_at"]
    return []
