"""Deadline warnings and escalations: the sweep a periodic task runs every few minutes.

For each open report that is not paused and each of its unmet targets (verify, first response, resolve):
- WARNING `warn_before_hours` before the deadline: to the assignee, else the unit's team (for the verify
  target: the region's verifiers);
- BREACH at the deadline: to the head of the unit (verify target: the region admins);
- INSPECTORATE `inspectorate_after_hours` after the deadline: to the region's inspectorate.

Each notice is an Escalation row, unique per (report, target, level), written *before* the message is
sent and in the same transaction, under the report's row lock. So a duplicated or restarted worker never
sends a notice twice (the second one finds the row), and a failed send rolls the row back so the next
sweep sends it (never missed). A worker that was down sends, once, every level that fell due meanwhile;
a warning whose deadline has already passed is skipped as noise. When a deadline moves (a pause ended,
the report was reopened) the row keeps the deadline it was about, so the new deadline is warned about
again: the row is re-armed with the new deadline.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, Min, OuterRef
from django.utils.translation import gettext as _

from tanggap.complaints.models import Complaint, ComplaintEvent, Escalation, SlaPolicy
from tanggap.complaints.services.checks import now_or
from tanggap.complaints.services.notices import (
    format_moment,
    inspectorate_for,
    region_admins,
    region_verifiers,
    send_to_users,
    unit_heads,
    unit_team,
)
from tanggap.complaints.services.workflow import complaint_event_add
from tanggap.complaints.sla import DEFAULT_POLICY, policy_of
from tanggap.core.audit import audit_record
from tanggap.core.notify import notify

__all__ = ["ESCALATION_TARGETS", "escalation_sweep"]

logger = logging.getLogger("tanggap.complaints")
S = Complaint.Status
T, L = Escalation.Target, Escalation.Level

# target: (statuses in which the target runs, due field, met field)
ESCALATION_TARGETS: dict[str, tuple[tuple[str, ...], str, str]] = {
    T.VERIFY: ((S.NEW,), "verify_due_at", "verified_at"),
    T.RESPONSE: ((S.DISPATCHED, S.IN_PROGRESS), "response_due_at", "first_response_at"),
    T.RESOLVE: ((S.DISPATCHED, S.IN_PROGRESS), "resolve_due_at", "answered_at"),
}
LEVELS = (L.WARNING, L.BREACH, L.INSPECTORATE)


def _bounds() -> tuple[dt.timedelta, dt.timedelta]:
    """The widest warning window and the shortest inspectorate delay of any policy: the SQL bounds
    that each report's own policy then narrows."""
    agg = SlaPolicy.objects.aggregate(
        warn=Max("warn_before_hours"), insp=Min("inspectorate_after_hours")
    )
    warn = max(h for h in (agg["warn"], DEFAULT_POLICY.warn_before_hours) if h is not None)
    insp = min(h for h in (agg["insp"], DEFAULT_POLICY.inspectorate_after_hours) if h is not None)
    return dt.timedelta(hours=warn), dt.timedelta(hours=insp)


def _candidates(target: str, level: str, now: dt.datetime, bounds, limit: int) -> list[int]:
    """Reports that may need this notice now and have none for their current deadline (one query)."""
    statuses, due, met = ESCALATION_TARGETS[target]
    widest_warning, shortest_delay = bounds
    qs = Complaint.objects.filter(
        status__in=statuses, paused_at__isnull=True, **{f"{met}__isnull": True}
    )
    if level == L.WARNING:
        qs = qs.filter(**{f"{due}__gt": now, f"{due}__lte": now + widest_warning})
    elif level == L.BREACH:
        qs = qs.filter(**{f"{due}__lte": now})
    else:
        qs = qs.filter(**{f"{due}__lte": now - shortest_delay})
    sent = Escalation.objects.filter(
        complaint=OuterRef("pk"), target=target, level=level, due_at=OuterRef(due)
    )
    return list(qs.filter(~Exists(sent)).order_by(due, "pk").values_list("pk", flat=True)[:limit])


def _applies(complaint: Complaint, target: str, level: str, now: dt.datetime):
    """The deadline this notice is about, when it is due now under the report's own policy."""
    statuses, due_field, met_field = ESCALATION_TARGETS[target]
    due = getattr(complaint, due_field)
    if (
        complaint.status not in statuses
        or complaint.paused_at is not None
        or due is None
        or getattr(complaint, met_field) is not None
    ):
        return None
    policy = policy_of(complaint)
    if level == L.WARNING:
        ok = due - dt.timedelta(hours=policy.warn_before_hours) <= now < due
    elif level == L.BREACH:
        ok = now >= due
    else:
        ok = now >= due + dt.timedelta(hours=policy.inspectorate_after_hours)
    return due if ok else None


def _recipients(complaint: Complaint, target: str, level: str) -> tuple[list, list[str]]:
    """(users, extra e-mail addresses) for a notice."""
    if level == L.INSPECTORATE:
        unit = inspectorate_for(complaint.region)
        if unit is None:
            return [], []
        return unit_heads(unit), [unit.email] if unit.email else []
    if target == T.VERIFY:
        if level == L.WARNING:
            return region_verifiers(complaint.region_id), []
        return region_admins(complaint.region_id), []
    unit = complaint.unit
    if unit is None:
        return [], []
    if level == L.WARNING:
        assignee = complaint.assignee
        if assignee is not None and assignee.is_active:
            return [assignee], []
        return unit_team(unit) or unit_heads(unit), []
    return unit_heads(unit), [unit.email] if unit.email else []


def _texts(complaint: Complaint, target: str, level: str, due: dt.datetime):
    """(subject, body) callables, translated per recipient; no reporter identity."""
    code = complaint.tracking_code

    def subject():
        what = Escalation.Target(target).label
        if level == L.WARNING:
            text = _("Tenggat %(what)s segera tiba: laporan %(code)s")
        elif level == L.BREACH:
            text = _("Lewat tenggat %(what)s: laporan %(code)s")
        else:
            text = _("Eskalasi ke Inspektorat: laporan %(code)s lewat tenggat %(what)s")
        return text % {"what": str(what).lower(), "code": code}

    def body():
        values = {
            "code": code,
            "title": complaint.title[:120],
            "due": format_moment(due, complaint.region),
            "unit": complaint.unit.name if complaint.unit_id else _("(belum diteruskan)"),
        }
        if level == L.WARNING:
            text = _("Laporan %(code)s “%(title)s” di %(unit)s jatuh tempo %(due)s.")
        elif level == L.BREACH:
            text = _("Laporan %(code)s “%(title)s” di %(unit)s melewati tenggat %(due)s.")
        else:
            text = _(
                "Laporan %(code)s “%(title)s” di %(unit)s melewati tenggat %(due)s dan belum "
                "ditangani. Mohon ditindaklanjuti sesuai kewenangan pengawasan."
            )
        return text % values

    return subject, body


def _claim(complaint: Complaint, target: str, level: str, due, now, recipients: str) -> bool:
    """Write the notice's row first; False when this deadline's notice already exists."""
    row = Escalation.objects.filter(complaint=complaint, target=target, level=level).first()
    if row is not None:
        if row.due_at == due:
            return False
        # The deadline moved since the last notice (pause, reopen): re-arm for the new one.
        row.due_at, row.sent_at, row.recipients = due, now, recipients
        row.save(update_fields=["due_at", "sent_at", "recipients"])
        return True
    try:
        with transaction.atomic():
            Escalation.objects.create(
                complaint=complaint,
                target=target,
                level=level,
                due_at=due,
                sent_at=now,
                recipients=recipients,
            )
    except IntegrityError:
        return False
    return True


def escalate_one(complaint_id: int, target: str, level: str, now: dt.datetime) -> bool:
    """Send one notice for one report, at most once per deadline; True when it was sent."""
    with transaction.atomic():
        complaint = (
            Complaint.objects.select_for_update(of=("self",))
            .select_related("region", "unit__head", "assignee", "sla_policy")
            .filter(pk=complaint_id)
            .first()
        )
        if complaint is None:
            return False
        due = _applies(complaint, target, level, now)
        if due is None:
            return False
        users, emails = _recipients(complaint, target, level)
        listed = [u.email or u.get_username() for u in users] + emails
        if not _claim(complaint, target, level, due, now, "\n".join(listed)):
            return False
        subject, body = _texts(complaint, target, level, due)
        complaint_event_add(
            complaint,
            action=f"escalation_{level}",
            text_code=f"escalation_{level}",
            params={"target": target, "code": complaint.tracking_code},
            visibility=ComplaintEvent.Visibility.INTERNAL,
            at=now,
        )
        audit_record(
            actor=None,
            action=f"complaint.escalation.{level}",
            target=complaint,
            after={"target": target, "level": level, "due_at": due, "recipients": listed},
            region_id=complaint.region_id,
        )
        if not listed:
            logger.warning(
                "no recipient for %s %s notice of %s", target, level, complaint.tracking_code
            )
        # Sent inside the transaction: if sending fails the row rolls back and the next sweep retries.
        send_to_users(users, subject=subject, body=body)
        for email in emails:
            notify(to_email=email, subject=subject(), body=body())
    return True


def escalation_sweep(now: dt.datetime | None = None, *, limit: int = 1000) -> dict[str, int]:
    """Send every warning and escalation that is due at `now`; returns counts per level."""
    now = now_or(now)
    bounds = _bounds()
    counts: dict[str, int] = {level: 0 for level in LEVELS}
    for level in LEVELS:
        for target in ESCALATION_TARGETS:
            for complaint_id in _candidates(target, level, now, bounds, limit):
                try:
                    sent = escalate_one(complaint_id, target, level, now)
                except Exception:  # one failing notice must not stop the sweep; it is retried
                    logger.exception(
                        "escalation %s/%s of report %s failed", target, level, complaint_id
                    )
                    continue
                counts[level] += int(sent)
    return counts
