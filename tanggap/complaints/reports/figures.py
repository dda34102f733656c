"""The figures of the complaint dashboards and of the public transparency page.

A unit's dashboard covers the reports it handles; a region's covers every report of the region (who may
open which: access.py). The public transparency page shows the same figures per unit, counts only (every
report is counted, a rahasia one included; no report's text, reporter or handler is shown).

Each dashboard runs a fixed number of queries whatever the amount of data: one for the live figures,
two for the months, one each for categories and places, one for the period's totals and two for the
per-unit or per-official table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Avg, Count, F, Min, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.complaints.models import Complaint, RoutingModel
from tanggap.complaints.reports.performance import (
    DUE_SOON_HOURS,
    TARGETS,
    Performance,
    Period,
    TargetFigures,
    TargetShares,
    in_period,
    officials_complaint_performance,
    region_complaint_performance,
    target_aggregates,
    target_conditions,
    unit_complaint_performance,
    units_complaint_performance,
)
from tanggap.org.models import Region, Unit

S = Complaint.Status
TOP = 10
MAX_PERIOD_DAYS = 731
TRANSPARENCY_CACHE_SECONDS = 600


def percent(share: float | None) -> float | None:
    """A share (0..1) as a percentage with one decimal, for tables and charts."""
    return None if share is None else round(100 * share, 1)


def check_period(start: dt.date, end: dt.date) -> None:
    """Refuse an empty or over-long period with a message for the form."""
    if end < start:
        raise ValueError(_("Tanggal akhir harus sama atau sesudah tanggal awal."))
    if (end - start).days + 1 > MAX_PERIOD_DAYS:
        raise ValueError(_("Periode paling panjang %(n)s hari.") % {"n": MAX_PERIOD_DAYS})


# --- the figures --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Live:
    """Right now: the open reports and where their deadlines stand."""

    open: int = 0
    new: int = 0
    needs_info: int = 0
    dispatched: int = 0
    in_progress: int = 0
    due_soon: int = 0
    overdue: int = 0
    overdue_verify: int = 0
    overdue_response: int = 0
    overdue_resolve: int = 0
    oldest_open_at: dt.datetime | None = None


@dataclass
class MonthRow(TargetShares):
    """One month of a period: reports filed and closed, and how the targets of its reports went."""

    month: dt.date
    filed: int = 0
    closed: int = 0
    rating_avg: float | None = None
    targets: dict[str, TargetFigures] = field(default_factory=dict)


@dataclass(frozen=True)
class CountRow:
    """A category or a place with its reports in the period (and how many are still open)."""

    label: str  # blank: the reports gave no category / no kecamatan
    count: int
    open: int


@dataclass
class ComplaintDashboard:
    """Everything a unit's or region's dashboard shows."""

    region: Region
    unit: Unit | None
    period: Period
    now: dt.datetime
    live: Live
    total: Performance
    months: list[MonthRow]
    categories: list[CountRow]
    places: list[CountRow]
    units: list[tuple[Unit, Performance]] = field(default_factory=list)
    officials: list[tuple[object, Performance]] = field(default_factory=list)


def live_figures(qs: QuerySet[Complaint], now: dt.datetime) -> Live:
    """Open reports now, due soon (within DUE_SOON_HOURS) and overdue, in one query."""
    soon = now + dt.timedelta(hours=DUE_SOON_HOURS)
    breached = {t: target_conditions(t, now)["breached"] for t in TARGETS}
    any_breach = breached["verify"] | breached["response"] | breached["resolve"]
    due_soon = Q()
    for due, met in TARGETS.values():
        due_soon |= Q(**{f"{due}__gte": now, f"{due}__lt": soon, f"{met}__isnull": True})
    open_q = Q(status__in=Complaint.OPEN)
    row = qs.order_by().aggregate(
        open=Count("id", filter=open_q),
        new=Count("id", filter=Q(status=S.NEW)),
        needs_info=Count("id", filter=Q(status=S.NEEDS_INFO)),
        dispatched=Count("id", filter=Q(status=S.DISPATCHED)),
        in_progress=Count("id", filter=Q(status=S.IN_PROGRESS)),
        overdue=Count("id", filter=any_breach),
        due_soon=Count("id", filter=open_q & Q(paused_at__isnull=True) & due_soon & ~any_breach),
        overdue_verify=Count("id", filter=breached["verify"]),
        overdue_response=Count("id", filter=breached["response"]),
        overdue_resolve=Count("id", filter=breached["resolve"]),
        oldest_open_at=Min("created_at", filter=open_q),
    )
    return Live(**row)


def _month_list(period: Period) -> list[dt.date]:
    months, index = [], period.start.year * 12 + period.start.month - 1
    last = period.end.year * 12 + period.end.month - 1
    while index <= last:
        months.append(dt.date(index // 12, index % 12 + 1, 1))
        index += 1
    return months


def _month_key(value) -> dt.date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def monthly(qs: QuerySet[Complaint], period: Period, now: dt.datetime) -> list[MonthRow]:
    """Per month of the period (in the region's zone): filed and their targets, closed (two queries)."""
    rows = {month: MonthRow(month) for month in _month_list(period)}
    filed = (
        in_period(qs, period)
        .annotate(month=TruncMonth("created_at", tzinfo=period.tz))
        .values("month")
        .annotate(filed=Count("id"), rating_avg=Avg("rating"), **target_aggregates(now))
        .order_by()
    )
    for item in filed:
        row = rows.get(_month_key(item["month"]))
        if row is None:
            continue
        row.filed = item["filed"]
        row.rating_avg = float(item["rating_avg"]) if item["rating_avg"] is not None else None
        row.targets = Performance.from_row(item).targets
    first, after = period.bounds
    closed = (
        qs.filter(closed_at__gte=first, closed_at__lt=after, status=S.CLOSED)
        .annotate(month=TruncMonth("closed_at", tzinfo=period.tz))
        .values("month")
        .annotate(n=Count("id"))
        .order_by()
    )
    for item in closed:
        row = rows.get(_month_key(item["month"]))
        if row is not None:
            row.closed = item["n"]
    return list(rows.values())


def _top(qs: QuerySet[Complaint], period: Period, name_field: str) -> list[CountRow]:
    """The TOP most reported names (a blank label: no category / no kecamatan given)."""
    rows = (
        in_period(qs, period)
        .values(name_field)
        .annotate(n=Count("id"), open=Count("id", filter=Q(status__in=Complaint.OPEN)))
        .order_by("-n", F(name_field).asc(nulls_last=True))[:TOP]
    )
    return [CountRow(row[name_field] or "", row["n"], row["open"]) for row in rows]


def _dashboard(qs, *, region, unit, period, now, total) -> ComplaintDashboard:
    return ComplaintDashboard(
        region=region,
        unit=unit,
        period=period,
        now=now,
        live=live_figures(qs, now),
        total=total,
        months=monthly(qs, period, now),
        categories=_top(qs, period, "category__name"),
        places=_top(qs, period, "kecamatan__name"),
    )


def region_dashboard(*, region: Region, period: Period, now=None) -> ComplaintDashboard:
    """A region's dashboard: live, months, categories, places, totals and every unit (8 queries)."""
    now = now or timezone.now()
    qs = Complaint.objects.filter(region=region)
    total = region_complaint_performance(region, period, now=now)
    dashboard = _dashboard(qs, region=region, unit=None, period=period, now=now, total=total)
    dashboard.units = units_complaint_performance(region, period, now=now)
    return dashboard


def unit_dashboard(*, unit: Unit, period: Period, now=None) -> ComplaintDashboard:
    """A unit's dashboard: live, months, categories, places, totals and each official (8 queries)."""
    now = now or timezone.now()
    qs = Complaint.objects.filter(unit=unit)
    total = unit_complaint_performance(unit, period, now=now)
    dashboard = _dashboard(qs, region=unit.region, unit=unit, period=period, now=now, total=total)
    dashboard.officials = officials_complaint_performance(unit, period, now=now)
    return dashboard


# --- the public transparency page ---------------------------------------------------------------------


@dataclass
class Transparency:
    """What the public sees of a region: counts and shares per unit and month, nothing personal."""

    region: Region
    period: Period
    total: Performance
    months: list[MonthRow]
    categories: list[CountRow]
    units: list[tuple[str, Performance]]
    generated_at: dt.datetime


def transparency_figures(region: Region, period: Period) -> Transparency:
    """The region's public figures, cached for TRANSPARENCY_CACHE_SECONDS (6 queries when computed).

    Only unit and category names and numbers leave here: never a report's text, reporter or handler.
    """
    key = f"complaints:transparency:{region.pk}:{period.start}:{period.end}"
    found = cache.get(key)
    if found is not None:
        return found
    now = timezone.now()
    qs = Complaint.objects.filter(region=region)
    figures = Transparency(
        region=region,
        period=period,
        total=region_complaint_performance(region, period, now=now),
        months=monthly(qs, period, now),
        categories=_top(qs, period, "category__name"),
        units=[
            (unit.name, perf) for unit, perf in units_complaint_performance(region, period, now=now)
        ],
        generated_at=now,
    )
    cache.set(key, figures, TRANSPARENCY_CACHE_SECONDS)
    return figures


# --- the routing model's page -------------------------------------------------------------------------


def routing_accuracy(region: Region, *, history: int) -> dict:
    """The region's last `history` routing models, the active one, its held-out accuracy per unit (with
    the units' names) and the majority baseline's unit (three queries)."""
    models = list(
        RoutingModel.objects.filter(region=region).order_by("-trained_at", "-id")[:history]
    )
    current = next((m for m in models if m.is_active), None)
    metrics = current.metrics if current else {}
    rows = metrics.get("per_unit", [])
    unit_ids = [row["unit_id"] for row in rows] + [metrics.get("majority_unit_id")]
    names = dict(Unit.objects.filter(pk__in=[u for u in unit_ids if u]).values_list("id", "name"))
    return {
        "current": current,
        "models": models,
        "per_unit": [{**row, "name": names.get(row["unit_id"], "—")} for row in rows],
        "majority_name": names.get(metrics.get("majority_unit_id")) if current else "",
    }


PUBLIC_RECENT = 10


def recent_public_complaints(*, region, limit: int = PUBLIC_RECENT) -> list[Complaint]:
    """The region's latest verified reports that have a public page (never a rahasia one), newest
    verification first, for the transparency page's links: code, category, unit and status only."""
    return list(
        Complaint.objects.filter(region=region, is_confidential=False, verified_at__isnull=False)
        .select_related("category", "unit")
        .only(
            "tracking_code",
            "status",
            "verified_at",
            "region_id",
            "category__name",
            "category__name_en",
            "unit__name",
        )
        .order_by("-verified_at", "-pk")[:limit]
    )
