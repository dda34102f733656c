"""The staffing planner's page, assembled from the observed load and the planner: inputs (entered or
measured), Erlang C per hour, both simulated days, the change in waiting and its charts.

Kept apart from the views so each view stays a few lines: parse, fetch, assemble, render.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tanggap.core.charts import bar_chart
from tanggap.org.models import Unit
from tanggap.queueing.planner import HourPlan, StaffingComparison, compare_staffing
from tanggap.queueing.reports.analytics import default_period
from tanggap.queueing.reports.observed import ObservedLoad, measured_waits, observed_load

DEFAULT_TARGET_WAIT = 15  # minutes
DEFAULT_TARGET_SHARE = 80  # percent of citizens within the target
DEFAULT_WEEKS = 4
GOAL_CUT = -0.6  # the seed's promise: waiting cut by 60%
LOGNORMAL_CV_FALLBACK = 0.5
REPLICATIONS = 30
SIMULATED_CITIZENS_BUDGET = 60_000  # per scenario and page view: big days get fewer replications
MODEL_GAP = 0.3  # simulated "today" this far from the measured mean wait deserves a caution


@dataclass(frozen=True)
class PlannerRow:
    """One opening hour on the planner page."""

    label: str
    observed_arrivals: float
    arrivals: float
    active_counters: float
    current: HourPlan
    needed: int
    proposed: HourPlan


def _pct(value: float | None) -> float | None:
    return None if value is None else 100 * value


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _current_staffing(observed: ObservedLoad) -> list[int]:
    """Today's staffing: the counters measured calling per hour (lunch breaks included), else the
    counters open now. In a quiet hour a staffed counter may call nobody, so the average is rounded
    up from a quarter: a counter seen calling on a quarter of the days or more counts."""
    if observed.days and any(observed.active_counters):
        return [max(1, math.ceil(n - 0.25)) for n in observed.active_counters]
    return [max(observed.configured_counters, 1)] * len(observed.periods)


def _service_minutes(data: dict, observed: ObservedLoad, queue_services) -> tuple[float, str]:
    """The service time to plan with and where it came from."""
    if data.get("service_minutes"):
        return float(data["service_minutes"]), "entered"
    if observed.mean_service_minutes:
        return observed.mean_service_minutes, "observed"
    chosen = data.get("queue_service")
    pool = [chosen] if chosen else list(queue_services)
    minutes = [qs.default_service_minutes for qs in pool] or [10]
    return sum(minutes) / len(minutes), "configured"


def planner_page(*, location: Unit, data: dict, queue_services) -> dict:
    """Inputs (entered, or measured over the last weeks up to yesterday), Erlang C per hour, both
    simulated days and the change in waiting."""
    queue_service = data.get("queue_service")
    end = default_period(location, days=1)[1] - dt.timedelta(days=1)
    start = end - dt.timedelta(days=7 * (data.get("weeks") or DEFAULT_WEEKS) - 1)
    observed = observed_load(location=location, start=start, end=end, queue_service=queue_service)
    measured = measured_waits(location=location, start=start, end=end, queue_service=queue_service)
    target_wait = data.get("target_wait") or DEFAULT_TARGET_WAIT
    target_share = (data.get("target_share") or DEFAULT_TARGET_SHARE) / 100
    arrivals = data.get("arrivals") or observed.arrivals_per_hour
    minutes, minutes_source = _service_minutes(data, observed, queue_services)
    booked = data.get("booked_share")
    booked_share = booked / 100 if booked is not None else observed.booked_share
    current = data.get("current_counters") or _current_staffing(observed)
    lognormal = data.get("distribution", "lognormal") == "lognormal"
    cv = (observed.service_cv or LOGNORMAL_CV_FALLBACK) if lognormal else None
    context = {
        "observed": observed,
        "measured": measured,
        "start": start,
        "end": end,
        "service_minutes": minutes,
        "minutes_source": minutes_source,
        "booked_share_pct": 100 * booked_share,
        "target_wait": target_wait,
        "target_share_pct": round(100 * target_share),
        "arrivals_entered": bool(data.get("arrivals")),
        "service_cv": cv,
        "placeholders": {
            "arrivals": ", ".join(f"{a:.1f}" for a in observed.arrivals_per_hour),
            "current_counters": ", ".join(str(c) for c in current),
            "service_minutes": f"{minutes:.1f}",
            "booked_share": f"{100 * observed.booked_share:.0f}",
        },
        "no_data": not any(arrivals),
    }
    if context["no_data"]:
        return context
    try:
        result: StaffingComparison = compare_staffing(
            arrivals,
            minutes,
            target_wait,
            target_share,
            current,
            data.get("proposed_counters"),
            booked_share=booked_share,
            service_cv=cv,
            day_volume_cv=0.0 if data.get("arrivals") else observed.day_volume_cv,
            replications=max(5, min(REPLICATIONS, int(SIMULATED_CITIZENS_BUDGET / sum(arrivals)))),
        )
    except ValueError as exc:
        context["error"] = str(exc)
        return context
    labels = [p.strftime("%H.%M") for p in observed.periods]
    rows = [
        PlannerRow(
            label=labels[i],
            observed_arrivals=observed.arrivals_per_hour[i],
            arrivals=arrivals[i],
            active_counters=observed.active_counters[i],
            current=result.current[i],
            needed=result.needed[i],
            proposed=result.proposed[i],
        )
        for i in range(len(arrivals))
    ]
    now, then = result.simulated_current, result.simulated_proposed
    gap = (now.mean_wait / measured.mean - 1) if measured.mean else None
    context.update(
        model_gap_pct=_pct(gap),
        model_gap_large=gap is not None and abs(gap) > MODEL_GAP and not data.get("arrivals"),
        result=result,
        rows=rows,
        mean_change_pct=_pct(result.mean_wait_change),
        p90_change_pct=_pct(result.p90_wait_change),
        goal_met=result.mean_wait_change is not None and result.mean_wait_change <= GOAL_CUT,
        goal_mean=(measured.mean * (1 + GOAL_CUT)) if measured.mean is not None else None,
        share_now_pct=100 * now.share_within_target,
        share_then_pct=100 * then.share_within_target,
        counter_hours_now=sum(p.counters for p in result.current),
        counter_hours_then=sum(p.counters for p in result.proposed),
        proposed_text=", ".join(str(p.counters) for p in result.proposed),
        charts={
            "waits": bar_chart(
                _("Perkiraan rata-rata tunggu per jam kedatangan (menit)"),
                labels,
                [
                    (_("Saat ini"), [_finite(v) for v in now.hourly_mean_wait]),
                    (_("Usulan"), [_finite(v) for v in then.hourly_mean_wait]),
                ],
                unit=_("menit"),
                decimals=1,
            ),
            "counters": bar_chart(
                _("Loket per jam"),
                labels,
                [
                    (_("Saat ini"), [p.counters for p in result.current]),
                    (_("Usulan"), [p.counters for p in result.proposed]),
                ],
                unit=_("loket"),
            ),
        },
    )
    return context
