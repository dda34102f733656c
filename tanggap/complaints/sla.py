"""Deadlines of a report: which policy applies, when each target falls due, and pauses.

The defaults follow SP4N-LAPOR! (verify within 3 working days, first response within 5) and the seed's
responsive-team promise (handled within 72 clock hours). Deadlines are computed with the shared working
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
    response_value=5,
    response_unit=DeadlineUnit.WORKING_DAYS,
    resolve_value=72,
    resolve_unit=DeadlineUnit.CLOCK_HOURS,
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
