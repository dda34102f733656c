"""A unit's (or location's, or service's) IKM report for a period: the index, the per-element table, the
sample check, the respondent profile, comments and the trend over the last four periods.

Answers are JSON keyed by element key; every report reads them with one `values_list` and hands them to
`compute_ikm`. A report never carries personal data: comments come without name, ticket or contact.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tanggap.org.models import Region, Unit
from tanggap.surveys.ikm import IkmResult, compute_ikm, krejcie_morgan
from tanggap.surveys.instrument import Element, load_instrument
from tanggap.surveys.models import SurveyResponse
from tanggap.surveys.periods import Period
from tanggap.surveys.selectors.population import served_population
from tanggap.surveys.selectors.taking import unit_weighting

TREND_PERIODS = 4
COMMENT_LIMIT = 30
AGE_GROUPS = (
    (0, 24, "≤ 24"),
    (25, 34, "25–34"),
    (35, 44, "35–44"),
    (45, 54, "45–54"),
    (55, 200, "≥ 55"),
)
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
class ProfileRow:
    label: str
    count: int
    percent: Decimal


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    respondents: int
    ikm: Decimal | None
    mutu: str


@dataclass
class IkmReport:
    """A unit's (or location's, or service's) IKM for a period, with everything the report shows."""

    unit: Unit | None
    region: Region | None
    period: Period
    weighting: str
    include_flagged: bool
    respondents: int
    flagged: int
    population: int
    sample_needed: int
    result: IkmResult | None
    elements: list[ElementRow] = field(default_factory=list)
    weakest: list[ElementRow] = field(default_factory=list)
    profile: dict[str, list[ProfileRow]] = field(default_factory=dict)
    comments: list[tuple[dt.date, str]] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)
    service: object | None = None
    location: Unit | None = None

    @property
    def sample_sufficient(self) -> bool:
        """Enough respondents for the people served (Krejcie–Morgan); nobody served means no verdict."""
        return self.population > 0 and self.respondents >= self.sample_needed

    @property
    def weighting_label(self) -> str:
        return str(WEIGHTING_LABELS[self.weighting])

    @property
    def total_weighted(self) -> Decimal | None:
        return self.result.total_weighted if self.result else None


def answer_rows(answers_list: Iterable[dict], keys: tuple[str, ...]) -> list[list[int]]:
    """Answer dicts to lists in element order; a response missing an element is left out."""
    rows: list[list[int]] = []
    for answers in answers_list:
        if not isinstance(answers, dict):
            continue
        row = [answers.get(key) for key in keys]
        if all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 4 for v in row):
            rows.append([int(v) for v in row if v is not None])
    return rows


def ikm_of(rows: list[list[int]], weighting: str) -> IkmResult | None:
    """The IKM of answer rows; None when there are none."""
    return compute_ikm(rows, weighting=weighting) if rows else None


def _element_rows(
    result: IkmResult, elements: tuple[Element, ...], language: str
) -> list[ElementRow]:
    return [
        ElementRow(e.key, e.code, e.label(language), nrr, weighted)
        for e, nrr, weighted in zip(elements, result.nrr, result.weighted_nrr, strict=True)
    ]


def _percent(count: int, total: int) -> Decimal:
    return (Decimal(100 * count) / Decimal(total)).quantize(Decimal("0.1")) if total else Decimal(0)


def _profile(rows: list[tuple], total: int) -> dict[str, list[ProfileRow]]:
    """Counts per sex, age group, education and occupation, every choice listed (zeros too)."""
    sexes = Counter(r[0] for r in rows)
    educations = Counter(r[2] for r in rows)
    occupations = Counter(r[3] for r in rows)
    ages: Counter = Counter()
    for r in rows:
        for low, high, label in AGE_GROUPS:
            if low <= r[1] <= high:
                ages[label] += 1
                break

    def table(choices, counts):
        return [
            ProfileRow(str(label), counts[value], _percent(counts[value], total))
            for value, label in choices
        ]

    return {
        "sex": table(SurveyResponse.Sex.choices, sexes),
        "age": table(
            [(label, _("%(range)s tahun") % {"range": label}) for _low, _high, label in AGE_GROUPS],
            ages,
        ),
        "education": table(SurveyResponse.Education.choices, educations),
        "occupation": table(SurveyResponse.Occupation.choices, occupations),
    }


def _responses(*, unit, service, location, region, include_flagged):
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
    and the trend over the last four periods (a bounded number of queries, whatever the size)."""
    instrument = load_instrument()
    keys = instrument.keys
    if weighting is None:
        weighting = unit_weighting(unit) if unit is not None else "official"
    region = region or (unit.region if unit is not None else None)
    base = _responses(
        unit=unit,
        service=service,
        location=location,
        region=region,
        include_flagged=include_flagged,
    )
    in_period = base.filter(served_on__gte=period.start, served_on__lte=period.end)
    rows = list(
        in_period.values_list("answers", "sex", "age", "education", "occupation", "is_flagged")
    )
    scored = answer_rows((r[0] for r in rows), keys)
    result = ikm_of(scored, weighting)
    population = served_population(
        unit=unit, service=service, location=location, region=region, period=period
    )
    report = IkmReport(
        unit=unit,
        region=region,
        period=period,
        weighting=weighting,
        include_flagged=include_flagged,
        respondents=len(scored),
        flagged=sum(1 for r in rows if r[5]),
        population=population,
        sample_needed=krejcie_morgan(population),
        result=result,
        service=service,
        location=location,
    )
    if result is not None:
        report.elements = _element_rows(result, instrument.elements, language)
        report.weakest = sorted(report.elements, key=lambda e: (e.nrr, e.code))
    report.profile = _profile([r[1:5] for r in rows], len(rows))
    report.comments = list(
        in_period.exclude(comment="")
        .order_by("-submitted_at", "-id")
        .values_list("served_on", "comment")[:COMMENT_LIMIT]
    )
    report.trend = _trend(base, period, weighting, keys)
    return report


def _trend(base, period: Period, weighting: str, keys) -> list[TrendPoint]:
    """The IKM of each of the last four periods (one query over the whole span)."""
    periods = period.trend(TREND_PERIODS)
    buckets: dict[int, list[dict]] = defaultdict(list)
    for served_on, answers in base.filter(
        served_on__gte=periods[0].start, served_on__lte=period.end
    ).values_list("served_on", "answers"):
        for index, candidate in enumerate(periods):
            if candidate.contains(served_on):
                buckets[index].append(answers)
                break
    points = []
    for index, candidate in enumerate(periods):
        result = ikm_of(answer_rows(buckets[index], keys), weighting)
        points.append(
            TrendPoint(
                candidate,
                result.respondents if result else 0,
                result.ikm if result else None,
                result.mutu if result else "",
            )
        )
    return points


def report_raw_answers(report: IkmReport) -> list[tuple]:
    """The report's responses, anonymous (no comment, no source, no time of day), oldest first."""
    qs = _responses(
        unit=report.unit,
        service=report.service,
        location=report.location,
        region=report.region,
        include_flagged=report.include_flagged,
    ).filter(served_on__gte=report.period.start, served_on__lte=report.period.end)
    return list(
        qs.order_by("served_on", "id").values_list(
            "served_on", "answers", "sex", "age", "education", "occupation", "is_flagged"
        )
    )
