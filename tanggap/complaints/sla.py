"""Deadlines of a report: which policy applies, when each target falls due, and pauses.

The defaults follow SP4N-LAPOR! and the seed's responsive-team promise, in an order that cannot
contradict itself: verify and dispatch within 3 working days (SP4N-LAPOR!), the unit's first response
within 3×24 clock hours (the responsive team's promise), and its answer (tindak lanjut and reply) within
5 working days (SP4N-LAPOR!). Five working days always last at least 72 clock hours, so the answer is
never due before the first response (the rule: region_setup.resolve_before_response). Deadlines are
computed with the shared working
calendar and stored on the report; a pause (waiting for the reporter) moves every pending deadline back by
the time the report was paused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from tanggap.complaints.models import Complaint, DeadlineUnit, SlaPolicy
from tanggap.core.calendar import calendar_for

DEFAULT_POLICY = SlaPolicy(
    name="SP4N-LAPOR! + tim responsif 3×24 jam",
    verify_value=3,
    verify_unit=DeadlineUnit.WORKING_DAYS,
    response_value=72,
    response_unit=DeadlineUnit.CLOCK_HOURS,
    resolve_value=5,
    resolve_unit=DeadlineUnit.WORKING_DAYS,
)


def policy_for(*, region, category=None, report_type: str = "") -> SlaPolicy:
    """The most specific policy: category and type, then category, then type, then the region's default."""
    candidates = (
        SlaPolicy.objects.filter(region=region)
        .filter(Q(category=category) | Q(category__isnull=True))
        .filter(Q(report_type=report_type) | Q(report_type=""))
    )
    best = None
    best_rank = -1
    for policy in candidates:
        rank = (2 if policy.category_id else 0) + (1 if policy.report_type else 0)
        if rank > best_rank:
            best, best_rank = policy, rank
    return best or DEFAULT_POLICY


def add_target(start: dt.datetime, value: int, unit: str, *, region, unit_obj=None) -> dt.datetime:
    """`value` `unit`s after `start` on the region's (or handling unit's) working calendar."""
    cal = calendar_for(region=region, unit=unit_obj)
    if unit == DeadlineUnit.WORKING_DAYS:
        return cal.add_working_days(start, value)
    if unit == DeadlineUnit.WORKING_HOURS:
        return cal.add_working_hours(start, value)
    if unit == DeadlineUnit.CLOCK_HOURS:
        return cal.add_clock_hours(start, value)
    raise ValueError(f"Unknown deadline unit {unit!r}.")


@dataclass(frozen=True)
class TargetState:
    """Where one target stands: on track, due soon, breached, met (on time or late), or not applicable."""

    target: str
    due_at: dt.datetime | None
    met_at: dt.datetime | None
    state: str  # "on_track" | "due_soon" | "breached" | "met" | "met_late" | "none"


def target_states(
    complaint: Complaint, *, now: dt.datetime, due_soon_hours: int = 24
) -> list[TargetState]:
    """The state of the verify, response and resolve targets of a report at `now`."""
    rows = [
        ("verify", complaint.verify_due_at, complaint.verified_at),
        ("response", complaint.response_due_at, complaint.first_response_at),
        ("resolve", complaint.resolve_due_at, complaint.answered_at),
    ]
    paused = complaint.paused_at is not None
    states = []
    for target, due, met in rows:
        if due is None:
            state = "none"
        elif met is not None:
            state = "met" if met <= due else "met_late"
        elif paused:
            state = "on_track"  # the clock stands still while waiting for the reporter
        elif now > due:
            state = "breached"
        elif due - now <= dt.timedelta(hours=due_soon_hours):
            state = "due_soon"
        else:
            state = "on_track"
        states.append(TargetState(target=target, due_at=due, met_at=met, state=state))
    return states


# --- the policy a report runs on, deadlines at dispatch, pauses ------------------------------------

TARGET_FIELDS = {
    # target: (due field, met field, policy value attribute, policy unit attribute)
    "verify": ("verify_due_at", "verified_at", "verify_value", "verify_unit"),
    "response": ("response_due_at", "first_response_at", "response_value", "response_unit"),
    "resolve": ("resolve_due_at", "answered_at", "resolve_value", "resolve_unit"),
}


def policy_of(complaint: Complaint) -> SlaPolicy:
    """The policy the report's deadlines were computed with (the built-in default when none was stored)."""
    return complaint.sla_policy or DEFAULT_POLICY


def calendar_of(complaint: Complaint):
    """The calendar a report's deadlines run on: the handling unit's, before dispatch the region's."""
    return calendar_for(region=complaint.region, unit=complaint.unit)


def target_due(start: dt.datetime, *, policy: SlaPolicy, target: str, complaint: Complaint):
    """When `target` falls due for a report whose clock for it starts at `start`."""
    _due, _met, value_attr, unit_attr = TARGET_FIELDS[target]
    return add_target(
        start,
        getattr(policy, value_attr),
        getattr(policy, unit_attr),
        region=complaint.region,
        unit_obj=complaint.unit,
    )


def dispatch_deadlines(complaint: Complaint, *, policy: SlaPolicy, at: dt.datetime) -> dict:
    """The response and resolve deadlines counted from the dispatch moment on the handling unit's
    calendar (set `complaint.unit` first)."""
    return {
        "response_due_at": target_due(at, policy=policy, target="response", complaint=complaint),
        "resolve_due_at": target_due(at, policy=policy, target="resolve", complaint=complaint),
    }


def pause_end(complaint: Complaint, *, at: dt.datetime) -> list[str]:
    """End a pause at `at`: add the paused working time to `paused_seconds` and push every unmet deadline
    back by the time its clock stood still. Returns the changed field names (the caller saves them).

    Targets counted in working days or working hours move by the paused working time (a pause of two
    working days moves them two working days, skipping weekends and holidays); targets counted in clock
    hours move by the paused clock time. A report that is not paused is left alone.
    """
    if complaint.paused_at is None:
        return []
    cal = calendar_of(complaint)
    started = complaint.paused_at
    working = cal.working_time_between(started, at)
    clock = max(at - started, dt.timedelta(0))
    policy = policy_of(complaint)
    changed = ["paused_at", "paused_seconds", "status_before_pause"]
    for due_field, met_field, _value, unit_attr in TARGET_FIELDS.values():
        due = getattr(complaint, due_field)
        if due is None or getattr(complaint, met_field) is not None:
            continue
        if getattr(policy, unit_attr) == DeadlineUnit.CLOCK_HOURS:
            moved = due + clock
        else:
            seconds = working.total_seconds()
            moved = cal.add_working_hours(due, seconds / 3600) if seconds else due
        if moved != due:
            setattr(complaint, due_field, moved)
            changed.append(due_field)
    complaint.paused_seconds = (complaint.paused_seconds or 0) + int(working.total_seconds())
    complaint.paused_at = None
    complaint.status_before_pause = ""
    return changed


def reporter_window_ends(complaint: Complaint) -> dt.datetime | None:
    """Until when the reporter may reopen an answered report (calendar days after the answer)."""
    if complaint.answered_at is None:
        return None
    return complaint.answered_at + dt.timedelta(days=policy_of(complaint).reporter_response_days)
