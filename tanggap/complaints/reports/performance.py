"""The performance link: how each official and unit handled reports over a period.

For the performance cards (a later issue), the unit dashboard and the API. Per official (the report's
assignee) and per unit (the report's handling unit), over the reports filed in the period:

- handled: reports in the period; still open; answered; closed;
- per target (verify, first response, resolve): met on time, met late, breached (still open, not paused,
  past due), pending; the share on time is met / (met + late + breached), None when nothing is decided;
- median hours from dispatch to the first response and from dispatch to closing (clock hours: the
  unit's own time, the verifier's part excluded; time spent waiting for the reporter is included);
- the citizens' average rating (1–5) and how many rated; the reopen rate: reopened / answered.

Every figure is a database aggregate (medians too, see tanggap.core.aggregates): one query per
official or unit, one grouped query for all units of a region or all officials of a unit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Avg, Count, F, Q, QuerySet
from django.utils import timezone

from tanggap.accounts.models import User
from tanggap.complaints.models import Complaint
from tanggap.core.aggregates import Median, SecondsBetween
from tanggap.org.models import Region, Unit

S = Complaint.Status
TARGETS = {
    # target: (due field, met field)
    "verify": ("verify_due_at", "verified_at"),
    "response": ("response_due_at", "first_response_at"),
    "resolve": ("resolve_due_at", "answered_at"),
}
DUE_SOON_HOURS = 24


@dataclass(frozen=True)
class Period:
    """Whole days from `start` to `end` (inclusive) in a region's time zone."""

    start: dt.date
    end: dt.date
    tz: ZoneInfo

    @classmethod
    def of(cls, region: Region, start: dt.date, end: dt.date) -> Period:
        return cls(start, end, ZoneInfo(region.timezone or "Asia/Jakarta"))

    @classmethod
    def last_months(cls, region: Region, months: int = 12, *, now=None) -> Period:
        """From the first day of the month `months - 1` months ago up to today."""
        tz = ZoneInfo(region.timezone or "Asia/Jakarta")
        today = (now or timezone.now()).astimezone(tz).date()
        index = today.year * 12 + today.month - 1 - (months - 1)
        return cls(dt.date(index // 12, index % 12 + 1, 1), today, tz)

    @property
    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[first moment, moment after the last day)."""
        first = dt.datetime.combine(self.start, dt.time.min, tzinfo=self.tz)
        after = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=self.tz)
        return first, after


def in_period(qs: QuerySet[Complaint], period: Period) -> QuerySet[Complaint]:
    first, after = period.bounds
    return qs.filter(created_at__gte=first, created_at__lt=after)


# --- the aggregate expressions, shared with the dashboards ------------------------------------------


def target_conditions(target: str, now: dt.datetime) -> dict[str, Q]:
    """met / late / breached / pending conditions of one target at `now`."""
    due, met = TARGETS[target]
    return {
        "met": Q(**{f"{met}__isnull": False, f"{met}__lte": F(due)}),
        "late": Q(**{f"{met}__isnull": False, f"{met}__gt": F(due)}),
        "breached": Q(
            **{f"{due}__lt": now, f"{met}__isnull": True, "paused_at__isnull": True},
            status__in=Complaint.OPEN,
        ),
        "pending": Q(
            **{f"{due}__isnull": False, f"{met}__isnull": True, "status__in": Complaint.OPEN}
        )
        & (Q(**{f"{due}__gte": now}) | Q(paused_at__isnull=False)),
    }


def target_aggregates(now: dt.datetime, targets=tuple(TARGETS)) -> dict:
    """Count(filter=...) for every target × state, named `<target>_<state>`."""
    return {
        f"{target}_{state}": Count("id", filter=condition)
        for target in targets
        for state, condition in target_conditions(target, now).items()
    }


def performance_aggregates(now: dt.datetime) -> dict:
    """Every aggregate of a Performance, for .aggregate() or .values(...).annotate()."""
    return {
        "handled": Count("id"),
        "open": Count("id", filter=Q(status__in=Complaint.OPEN)),
        "answered": Count("id", filter=Q(answered_at__isnull=False)),
        "closed": Count("id", filter=Q(status=S.CLOSED)),
        "reopened": Count("id", filter=Q(reopen_count__gt=0)),
        "rating_avg": Avg("rating"),
        "rating_count": Count("rating"),
        "response_seconds": Median(SecondsBetween("first_response_at", "dispatched_at")),
        "close_seconds": Median(SecondsBetween("closed_at", "dispatched_at")),
        **target_aggregates(now),
    }


# --- the figures ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetFigures:
    """How one target went for a set of reports."""

    met: int = 0
    late: int = 0
    breached: int = 0
    pending: int = 0

    @property
    def decided(self) -> int:
        return self.met + self.late + self.breached

    @property
    def share(self) -> float | None:
        """Met on time / decided (0..1), None when nothing is decided yet."""
        return self.met / self.decided if self.decided else None


class TargetShares:
    """How each target went, by name (`targets`: target → TargetFigures)."""

    targets: dict

    @property
    def verify(self) -> TargetFigures:
        return self.targets.get("verify", TargetFigures())

    @property
    def response(self) -> TargetFigures:
        return self.targets.get("response", TargetFigures())

    @property
    def resolve(self) -> TargetFigures:
        return self.targets.get("resolve", TargetFigures())


@dataclass(frozen=True)
class Performance(TargetShares):
    """One official's or unit's handling of the reports of a period."""

    handled: int = 0
    open: int = 0
    answered: int = 0
    closed: int = 0
    reopened: int = 0
    rating_avg: float | None = None
    rating_count: int = 0
    median_response_hours: float | None = None
    median_close_hours: float | None = None
    targets: dict[str, TargetFigures] = field(default_factory=dict)

    @property
    def reopen_rate(self) -> float | None:
        return self.reopened / self.answered if self.answered else None

    @classmethod
    def from_row(cls, row: dict) -> Performance:
        def hours(seconds):
            return None if seconds is None else max(float(seconds), 0.0) / 3600

        return cls(
            handled=row.get("handled") or 0,
            open=row.get("open") or 0,
            answered=row.get("answered") or 0,
            closed=row.get("closed") or 0,
            reopened=row.get("reopened") or 0,
            rating_avg=float(row["rating_avg"]) if row.get("rating_avg") is not None else None,
            rating_count=row.get("rating_count") or 0,
            median_response_hours=hours(row.get("response_seconds")),
            median_close_hours=hours(row.get("close_seconds")),
            targets={
                target: TargetFigures(
                    **{
                        state: row.get(f"{target}_{state}") or 0
                        for state in ("met", "late", "breached", "pending")
                    }
                )
                for target in TARGETS
            },
        )


def _aggregate(qs: QuerySet[Complaint], now) -> Performance:
    return Performance.from_row(qs.order_by().aggregate(**performance_aggregates(now)))


def official_complaint_performance(user: User, period: Period, *, now=None) -> Performance:
    """The reports of the period assigned to `user` (one query)."""
    now = now or timezone.now()
    return _aggregate(in_period(Complaint.objects.filter(assignee=user), period), now)


def unit_complaint_performance(unit: Unit, period: Period, *, now=None) -> Performance:
    """The reports of the period handled by `unit` (one query)."""
    now = now or timezone.now()
    return _aggregate(in_period(Complaint.objects.filter(unit=unit), period), now)


def region_complaint_performance(region: Region, period: Period, *, now=None) -> Performance:
    """Every report of the region in the period, dispatched or not (one query)."""
    now = now or timezone.now()
    return _aggregate(in_period(Complaint.objects.filter(region=region), period), now)


def _per(qs: QuerySet[Complaint], key: str, now) -> dict[int, Performance]:
    """The figures grouped by `key` (one query)."""
    rows = qs.values(key).annotate(**performance_aggregates(now)).order_by()
    return {row[key]: Performance.from_row(row) for row in rows}


def units_complaint_performance(
    region: Region, period: Period, *, now=None
) -> list[tuple[Unit, Performance]]:
    """Every unit of the region that handled a report in the period, most reports first (two queries)."""
    now = now or timezone.now()
    reports = in_period(Complaint.objects.filter(region=region, unit__isnull=False), period)
    figures = _per(reports, "unit_id", now)
    units = Unit.objects.in_bulk(list(figures))
    pairs = [(units[pk], perf) for pk, perf in figures.items() if pk in units]
    pairs.sort(key=lambda pair: (-pair[1].handled, pair[0].name))
    return pairs


def officials_complaint_performance(
    unit: Unit, period: Period, *, now=None
) -> list[tuple[User, Performance]]:
    """Every assignee of the unit's reports in the period, most reports first (two queries)."""
    now = now or timezone.now()
    reports = in_period(Complaint.objects.filter(unit=unit, assignee__isnull=False), period)
    figures = _per(reports, "assignee_id", now)
    users = User.objects.in_bulk(list(figures))
    pairs = [(users[pk], perf) for pk, perf in figures.items() if pk in users]
    pairs.sort(key=lambda pair: (-pair[1].handled, str(pair[0])))
    return pairs
