"""What the platform already records for an official: the reads behind automatic SKP results and the
"Kinerja saya" block of Kerja Saya. Not scoped to a reader: callers (services, the official's own page)
decide who may see whose figures.

Definitions are the owning apps' own, not re-derived here:
- tickets served: queue tickets whose "done" step (TicketEvent DONE, written by the queue's transition
  service with the acting officer) was made by the official's account within the period;
- complaints: tanggap.complaints.reports.performance's figures of the reports assigned to the official and
  filed in the period; "on time" is its resolve target: answered by the stored `resolve_due_at`; the share
  is met / decided, where a report still open past its deadline counts as late (breached);
- IKM: tanggap.surveys' computation (PermenPANRB 14/2017, the unit's weighting) over the unit's responses
  of the period, hidden (None) below the disclosure minimum as on the survey reports.

A unit head answers for the unit's results (DOMAIN.md §5: a head's results rating equals the unit's), so
the head's tickets and complaints are the unit's: tickets done at the unit as a location, reports handled
by the unit.

Periods are whole days in the region's time zone. An SKP's realisation is "what a result reached by the end
of a quarter", so a quarter's figures run from 1 January to the quarter's last day (or today, while the
quarter runs): year to date, like the quarterly targets of cumulative results.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q

from tanggap.complaints.reports.performance import (
    Performance,
    Period,
    official_complaint_performance,
    unit_complaint_performance,
)
from tanggap.performance import sources
from tanggap.performance.models import AutoSource
from tanggap.queueing.models import TicketEvent
from tanggap.surveys import disclosure
from tanggap.surveys.instrument import load_instrument
from tanggap.surveys.selectors.ikm_reports import report_responses
from tanggap.surveys.selectors.report_parts import answer_rows, ikm_of
from tanggap.surveys.selectors.taking import unit_weighting

DONE = TicketEvent.Action.DONE


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_last_day(year: int, quarter: int) -> dt.date:
    following = dt.date(year + (quarter == 4), quarter % 4 * 3 + 1, 1)
    return following - dt.timedelta(days=1)


def quarter_period(region, year: int, quarter: int, *, today: dt.date) -> Period | None:
    """1 January to the quarter's last day, cut at `today`; None for a quarter not yet begun."""
    first_day = dt.date(year, 3 * quarter - 2, 1)
    if first_day > today:
        return None
    return Period.of(region, dt.date(year, 1, 1), min(quarter_last_day(year, quarter), today))


@dataclass(frozen=True)
class Scope:
    """Whose records count: an official's own (`user`: their account, None when they have none, so
    nothing), or a whole unit's (`user` unused)."""

    unit: Any
    user: Any = None
    of_unit: bool = False

    @property
    def label(self) -> str:
        return "unit" if self.of_unit else "official"


def scope_of(official) -> Scope:
    """The official's own records; the unit's for its head (module docstring)."""
    if official.unit.head_id == official.pk:
        return Scope(official.unit, of_unit=True)
    return Scope(official.unit, official.user if official.user_id else None)


def tickets_served(scope: Scope, period: Period) -> int:
    """Tickets finished in the period by the official, or at the unit as a location: one query."""
    first, after = period.bounds
    events = TicketEvent.objects.filter(action=DONE, at__gte=first, at__lt=after)
    if scope.of_unit:
        events = events.filter(ticket__location_id=scope.unit.pk)
    elif scope.user is None:
        return 0
    else:
        events = events.filter(actor_id=scope.user.pk)
    return events.order_by().aggregate(n=Count("ticket_id", distinct=True))["n"]


def complaints_handled(scope: Scope, period: Period, *, now=None) -> Performance:
    """The complaints' own figures of the official's reports, or the unit's: one query."""
    if scope.of_unit:
        return unit_complaint_performance(scope.unit, period, now=now)
    if scope.user is None:
        return Performance()
    return official_complaint_performance(scope.user, period, now=now)


@dataclass(frozen=True)
class UnitIkm:
    """The unit's IKM over a period and how many responses it rests on (None when too few to show)."""

    ikm: Decimal | None
    respondents: int
    min_group_size: int


def unit_ikm(unit, period: Period) -> UnitIkm:
    """The surveys' IKM of the unit's responses served in the period (two queries)."""
    answers = (
        report_responses(unit=unit, service=None, location=None, region=None, include_flagged=True)
        .filter(served_on__gte=period.start, served_on__lte=period.end)
        .values_list("answers", flat=True)
    )
    rows = answer_rows(answers, load_instrument().keys)
    k = disclosure.min_group_size()
    if disclosure.too_small(len(rows), k):
        return UnitIkm(None, len(rows), k)
    result = ikm_of(rows, unit_weighting(unit))
    return UnitIkm(result.ikm if result else None, len(rows), k)


@dataclass(frozen=True)
class SourceFigure:
    """An automatic result's realisation and the counts it comes from (its provenance)."""

    source: str
    value: Decimal | None
    figures: dict = field(default_factory=dict)


def source_figures(
    scope: Scope, period: Period, wanted, *, now=None, memo: dict | None = None
) -> dict[str, SourceFigure]:
    """The realisation of each source in `wanted` for the scope over the period: each source is read
    once, whatever the number of results drawing on it. `memo` keeps the units' IKM between calls (the
    demo's many officials of one unit)."""
    found: dict[str, SourceFigure] = {}
    who = {"scope": scope.label, "unit": scope.unit.pk}
    span = {"start": period.start.isoformat(), "end": period.end.isoformat()}
    if AutoSource.TICKETS_SERVED in wanted:
        served = tickets_served(scope, period)
        found[AutoSource.TICKETS_SERVED] = SourceFigure(
            AutoSource.TICKETS_SERVED,
            sources.tickets_served(served=served),
            {"served": served, **who, **span},
        )
    if AutoSource.COMPLAINTS_ON_TIME_SHARE in wanted:
        resolve = complaints_handled(scope, period, now=now).resolve
        found[AutoSource.COMPLAINTS_ON_TIME_SHARE] = SourceFigure(
            AutoSource.COMPLAINTS_ON_TIME_SHARE,
            sources.complaints_on_time_share(answered=resolve.decided, on_time=resolve.met),
            {
                "decided": resolve.decided,
                "on_time": resolve.met,
                "late": resolve.late,
                "breached": resolve.breached,
                "pending": resolve.pending,
                **who,
                **span,
            },
        )
    if AutoSource.UNIT_IKM in wanted:
        key = ("ikm", scope.unit.pk, period.start, period.end)
        ikm = memo.get(key) if memo is not None else None
        if ikm is None:
            ikm = unit_ikm(scope.unit, period)
            if memo is not None:
                memo[key] = ikm
        found[AutoSource.UNIT_IKM] = SourceFigure(
            AutoSource.UNIT_IKM,
            sources.unit_ikm(ikm=ikm.ikm),
            {
                "ikm": None if ikm.ikm is None else str(ikm.ikm),
                "respondents": ikm.respondents,
                "min_group_size": ikm.min_group_size,
                "unit": scope.unit.pk,
                **span,
            },
        )
    return found


@dataclass(frozen=True)
class OwnRecord:
    """What the platform records of the official's own work this month and this year."""

    tickets_month: int
    tickets_year: int
    complaints: Performance

    @property
    def on_time_percent(self) -> Decimal | None:
        resolve = self.complaints.resolve
        return sources.complaints_on_time_share(answered=resolve.decided, on_time=resolve.met)


def own_record(official, *, today: dt.date, now=None) -> OwnRecord:
    """The official's own tickets (this month, this year: one query) and complaints (this year: one
    query); a head sees their own work here too, not the unit's."""
    year = Period.of(official.region, dt.date(today.year, 1, 1), today)
    month_first, _after = Period.of(official.region, today.replace(day=1), today).bounds
    first, after = year.bounds
    if official.user_id is None:
        return OwnRecord(0, 0, Performance())
    counts = (
        TicketEvent.objects.filter(
            action=DONE, actor_id=official.user_id, at__gte=first, at__lt=after
        )
        .order_by()
        .aggregate(
            year=Count("ticket_id", distinct=True),
            month=Count("ticket_id", distinct=True, filter=Q(at__gte=month_first)),
        )
    )
    complaints = official_complaint_performance(official.user, year, now=now)
    return OwnRecord(counts["month"], counts["year"], complaints)
