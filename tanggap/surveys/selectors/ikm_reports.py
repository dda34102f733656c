"""A unit's (or location's, or service's) IKM report for a period: the index, the per-element table, the
sample check, the respondent profile, comments by month and the trend over the last four periods.

Answers are JSON keyed by element key; every report reads them with one `values_list` and hands them to
`compute_ikm`. A report never carries personal data: comments come without name, ticket, contact or
date, and no figure comes from fewer than k responses (tanggap.surveys.disclosure): such a report
carries no index, profile or comment at all, only why (`hidden`), so no page or file can show them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from tanggap.org.models import Region, Unit
from tanggap.surveys import disclosure
from tanggap.surveys.ikm import IkmResult, krejcie_morgan
from tanggap.surveys.instrument import Element, load_instrument
from tanggap.surveys.models import SurveyResponse
from tanggap.surveys.periods import Period
from tanggap.surveys.selectors.population import served_population
from tanggap.surveys.selectors.report_parts import (
    CommentMonth,
    GroupCounts,
    ProfileRow,
    answer_rows,
    comments_by_month,
    ikm_of,
    profile,
)
from tanggap.surveys.selectors.taking import unit_weighting

TREND_PERIODS = 4
WEIGHTING_LABELS = {
    "official": gettext_lazy("resmi: NRR × 0,111 (PermenPANRB 14/2017)"),
    "exact": gettext_lazy("tepat: NRR × 1/9"),
}
PROFILE_TITLES = {
    "sex": gettext_lazy("Jenis kelamin"),
    "age": gettext_lazy("Usia"),
    "education": gettext_lazy("Pendidikan"),
    "occupation": gettext_lazy("Pekerjaan"),
}


@dataclass(frozen=True)
class ElementRow:
    """One element's line in the report table."""

    key: str
    code: str
    label: str
    nrr: Decimal
    weighted: Decimal


@dataclass(frozen=True)
class TrendPoint:
    """One period of the trend; `respondents` and `ikm` are None when hidden, `marker` says how."""

    period: Period
    respondents: int | None
    ikm: Decimal | None
    mutu: str
    marker: str | Promise = ""

    @property
    def respondents_shown(self):
        return self.marker or self.respondents


@dataclass
class IkmReport:
    """A unit's (or location's, or service's) IKM for a period, with everything the report may show.

    When `hidden` is set (disclosure.SMALL or DIFFERENCE) the report holds no figure of its responses:
    `respondents`, `flagged` and `result` are None and the profile, comments and elements empty."""

    unit: Unit | None
    region: Region | None
    period: Period
    weighting: str
    include_flagged: bool
    respondents: int | None
    flagged: int | None
    population: int
    sample_needed: int
    result: IkmResult | None
    min_group_size: int = disclosure.DEFAULT_MIN_GROUP_SIZE
    hidden: str = ""
    flagged_marker: str | Promise = ""
    elements: list[ElementRow] = field(default_factory=list)
    weakest: list[ElementRow] = field(default_factory=list)
    profile: dict[str, list[ProfileRow]] = field(default_factory=dict)
    comments: list[CommentMonth] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)
    service: object | None = None
    location: Unit | None = None

    @property
    def sample_sufficient(self) -> bool:
        """Enough respondents for the people served (Krejcie–Morgan); nobody served means no verdict."""
        return (
            self.respondents is not None
            and self.population > 0
            and self.respondents >= self.sample_needed
        )

    @property
    def weighting_label(self) -> str:
        return str(WEIGHTING_LABELS[self.weighting])

    @property
    def total_weighted(self) -> Decimal | None:
        return self.result.total_weighted if self.result else None

    @property
    def respondents_shown(self):
        """The number of respondents, or what stands for it when hidden ("< 5", "disembunyikan")."""
        return (
            disclosure.marker(self.hidden, self.min_group_size) if self.hidden else self.respondents
        )

    @property
    def disclosure_note(self) -> str:
        """Why the report shows no figure, or the rule its figures follow."""
        return disclosure.explanation(self.hidden, self.min_group_size)

    @property
    def flagged_shown(self):
        return self.flagged_marker or self.flagged


def _element_rows(
    result: IkmResult, elements: tuple[Element, ...], language: str
) -> list[ElementRow]:
    return [
        ElementRow(e.key, e.code, e.label(language), nrr, weighted)
        for e, nrr, weighted in zip(elements, result.nrr, result.weighted_nrr, strict=True)
    ]


def report_responses(*, unit, service, location, region, include_flagged):
    """The responses of a report's group, in any period."""
    qs = SurveyResponse.objects.all()
    if unit is not None:
        qs = qs.filter(unit=unit)
    if region is not None:
        qs = qs.filter(region=region)
    if service is not None:
        qs = qs.filter(service=service)
    if location is not None:
        qs = qs.filter(location=location)
    if not include_flagged:
        qs = qs.filter(is_flagged=False)
    return qs.order_by()


def _flagged(rows: list[tuple], k: int) -> tuple[int, str | Promise]:
    """The responses without a ticket among the shown ones, hidden when fewer than k (or when the
    others are): responses with and without a ticket are a breakdown of the respondents shown."""
    flagged = sum(1 for r in rows if r[6])
    hidden = disclosure.hidden_groups([len(rows) - flagged, flagged], k)
    return flagged, disclosure.marker(hidden[1], k) if 1 in hidden else ""


def ikm_report(
    *,
    unit: Unit | None = None,
    service=None,
    location: Unit | None = None,
    region: Region | None = None,
    period: Period,
    weighting: str | None = None,
    include_flagged: bool = True,
    language: str = "id",
) -> IkmReport:
    """The IKM of the responses matching the filters in `period`, with sample check, profile, comments
    and the trend over the last four periods (a bounded number of queries, whatever the size); nothing
    of a group that is too small, or that a wider report would single out by subtraction."""
    instrument = load_instrument()
    k = disclosure.min_group_size()
    if weighting is None:
        weighting = unit_weighting(unit) if unit is not None else "official"
    region = region or (unit.region if unit is not None else None)
    scope = dict(unit=unit, region=region, include_flagged=include_flagged)
    whole = report_responses(service=None, location=None, **scope)
    group = report_responses(service=service, location=location, **scope)
    trend_periods = period.trend(TREND_PERIODS)
    counts = GroupCounts(whole, trend_periods[0].start, period.end)
    rows = list(
        group.filter(served_on__gte=trend_periods[0].start, served_on__lte=period.end).values_list(
            "served_on", "answers", "sex", "age", "education", "occupation", "is_flagged"
        )
    )
    population = served_population(
        unit=unit, service=service, location=location, region=region, period=period
    )

    def judged(candidate: Period) -> tuple[str, list[list[int]]]:
        """Why the group is hidden in `candidate` ("" when shown), and its scored answers."""
        reason = counts.hidden(
            candidate.start, candidate.end, service=service, location=location, k=k
        )
        scored = answer_rows((r[1] for r in rows if candidate.contains(r[0])), instrument.keys)
        return reason or (disclosure.SMALL if disclosure.too_small(len(scored), k) else ""), scored

    hidden, scored = judged(period)
    report = IkmReport(
        unit=unit,
        region=region,
        period=period,
        weighting=weighting,
        include_flagged=include_flagged,
        respondents=None,
        flagged=None,
        population=population,
        sample_needed=krejcie_morgan(population),
        result=None,
        min_group_size=k,
        hidden=hidden,
        trend=[
            _trend_point(candidate, *judged(candidate), weighting, k) for candidate in trend_periods
        ],
        service=service,
        location=location,
    )
    result = None if hidden else ikm_of(scored, weighting)
    if result is None:
        return report
    in_period = [r for r in rows if period.contains(r[0])]
    report.result = result
    report.respondents = result.respondents
    report.flagged, report.flagged_marker = _flagged(in_period, k)
    report.elements = _element_rows(result, instrument.elements, language)
    report.weakest = sorted(report.elements, key=lambda e: (e.nrr, e.code))
    report.profile = profile([r[2:6] for r in in_period], k)
    report.comments = comments_by_month(
        group, period, counts, service=service, location=location, k=k
    )
    return report


def _trend_point(
    period: Period, hidden: str, scored: list[list[int]], weighting: str, k: int
) -> TrendPoint:
    """One period of the trend, hidden as its own report would be."""
    result = None if hidden else ikm_of(scored, weighting)
    if result is None:
        return TrendPoint(period, None, None, "", disclosure.marker(hidden or disclosure.SMALL, k))
    return TrendPoint(period, result.respondents, result.ikm, result.mutu)
