"""What the IKM reports read: a unit's report for a period, a region's units side by side, the public
figures, and who may open which report.

Answers are JSON keyed by element key; every report reads them with one `values_list` and hands them to
`compute_ikm`. The population (people served) is counted with database aggregates: queue tickets done
in the period plus complaints answered or closed in it. A report never carries personal data: comments
come without name, ticket or contact.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tanggap.accounts.permissions import can_view_region_internal, can_view_unit_internal
from tanggap.complaints.models import Complaint
from tanggap.core.errors import NotFound, PermissionDenied
from tanggap.org.models import Region, Unit
from tanggap.queueing.models import Ticket
from tanggap.surveys.ikm import IkmResult, compute_ikm, krejcie_morgan
from tanggap.surveys.instrument import Element, load_instrument
from tanggap.surveys.models import SurveyResponse, SurveySettings
from tanggap.surveys.periods import Period, latest_full_quarter, year_to_date

TREND_PERIODS = 4
COMMENT_LIMIT = 30
SERVED_COMPLAINTS = (Complaint.Status.ANSWERED, Complaint.Status.CLOSED)
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


# --- who sees what ------------------------------------------------------------------------------------


def report_unit_for(*, user, unit_id: int) -> Unit:
    """The unit if the user may read its survey report (its staff, region readers); else an error."""
    unit = Unit.objects.select_related("region", "head").filter(pk=unit_id).first()
    if unit is None:
        raise NotFound(_("Unit tidak ditemukan."))
    if not can_view_unit_internal(user, unit):
        raise PermissionDenied(_("Anda tidak berwenang melihat laporan survei unit ini."))
    return unit


def report_region_for(*, user, slug: str) -> Region:
    """The region if the user may compare its units (region readers and admins)."""
    region = Region.objects.filter(slug=slug, is_active=True).first()
    if region is None:
        raise NotFound(_("Wilayah tidak ditemukan."))
    if not can_view_region_internal(user, region):
        raise PermissionDenied(_("Anda tidak berwenang melihat perbandingan IKM wilayah ini."))
    return region


def region_today(region: Region, now: dt.datetime | None = None) -> dt.date:
    """Today in the region's time zone."""
    return (now or timezone.now()).astimezone(ZoneInfo(region.timezone or "Asia/Jakarta")).date()


def unit_weighting(unit: Unit) -> str:
    """The unit's chosen weighting; the official 0,111 when it has no survey settings."""
    found = SurveySettings.objects.filter(unit=unit).values_list("weighting", flat=True).first()
    return found or "official"


# --- shared pieces ------------------------------------------------------------------------------------


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


def _answer_rows(answers_list: Iterable[dict], keys: tuple[str, ...]) -> list[list[int]]:
    """Answer dicts to lists in element order; a response missing an element is left out."""
    rows: list[list[int]] = []
    for answers in answers_list:
        if not isinstance(answers, dict):
            continue
        row = [answers.get(key) for key in keys]
        if all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 4 for v in row):
            rows.append([int(v) for v in row if v is not None])
    return rows


def _ikm(rows: list[list[int]], weighting: str) -> IkmResult | None:
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


PROFILE_TITLES = {
    "sex": gettext_lazy("Jenis kelamin"),
    "age": gettext_lazy("Usia"),
    "education": gettext_lazy("Pendidikan"),
    "occupation": gettext_lazy("Pekerjaan"),
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


def served_population(
    *, unit=None, service=None, location=None, region=None, period: Period
) -> int:
    """People served in the period: queue tickets done plus complaints answered or closed (2 queries)."""
    tickets = Ticket.objects.filter(
        status=Ticket.Status.DONE, service_day__gte=period.start, service_day__lte=period.end
    )
    complaints = Complaint.objects.filter(status__in=SERVED_COMPLAINTS)
    if unit is not None:
        # A ticket's response belongs to the unit that served it: the ticket's location.
        tickets = tickets.filter(location=unit)
        complaints = complaints.filter(unit=unit)
    if region is not None:
        tickets = tickets.filter(region=region)
        complaints = complaints.filter(region=region)
    if location is not None:
        tickets = tickets.filter(location=location)
        complaints = complaints.none()  # a complaint is not served at a counter
    if service is not None:
        tickets = tickets.filter(queue_service__service=service)
        complaints = complaints.filter(service=service)
    tz = ZoneInfo(
        (region or getattr(unit, "region", None) or Region(timezone="Asia/Jakarta")).timezone
    )
    first = dt.datetime.combine(period.start, dt.time.min, tzinfo=tz)
    after = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    complaints = complaints.annotate(served_at=Coalesce("answered_at", "closed_at")).filter(
        served_at__gte=first, served_at__lt=after
    )
    return tickets.count() + complaints.count()


# --- the unit report ----------------------------------------------------------------------------------


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
    answer_rows = _answer_rows((r[0] for r in rows), keys)
    result = _ikm(answer_rows, weighting)
    population = served_population(
        unit=unit, service=service, location=location, region=region, period=period
    )
    report = IkmReport(
        unit=unit,
        region=region,
        period=period,
        weighting=weighting,
        include_flagged=include_flagged,
        respondents=len(answer_rows),
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
        result = _ikm(_answer_rows(buckets[index], keys), weighting)
        points.append(
            TrendPoint(
                candidate,
                result.respondents if result else 0,
                result.ikm if result else None,
                result.mutu if result else "",
            )
        )
    return points


# --- the region comparison ----------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRow:
    """One unit in the region comparison; `rank` is None when its sample is too small."""

    unit: Unit
    respondents: int
    population: int
    sample_needed: int
    result: IkmResult
    rank: int | None

    @property
    def sample_sufficient(self) -> bool:
        return self.population > 0 and self.respondents >= self.sample_needed

    @property
    def weighting_label(self) -> str:
        return str(WEIGHTING_LABELS[self.result.weighting])


@dataclass
class RegionComparison:
    region: Region
    period: Period
    rows: list[UnitRow]

    @property
    def ranked(self) -> list[UnitRow]:
        return [r for r in self.rows if r.rank is not None]

    @property
    def flagged(self) -> list[UnitRow]:
        return [r for r in self.rows if r.rank is None]


def _populations(region: Region, period: Period, unit_ids: set[int]) -> dict[int, int]:
    """People served per unit in the period (2 grouped queries)."""
    counts: Counter = Counter()
    tickets = (
        Ticket.objects.filter(
            region=region,
            status=Ticket.Status.DONE,
            service_day__gte=period.start,
            service_day__lte=period.end,
        )
        .filter(location_id__in=unit_ids)
        .values_list("location_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for location_id, n in tickets:
        counts[location_id] += n
    tz = ZoneInfo(region.timezone or "Asia/Jakarta")
    first = dt.datetime.combine(period.start, dt.time.min, tzinfo=tz)
    after = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    complaints = (
        Complaint.objects.filter(region=region, status__in=SERVED_COMPLAINTS, unit_id__in=unit_ids)
        .annotate(served_at=Coalesce("answered_at", "closed_at"))
        .filter(served_at__gte=first, served_at__lt=after)
        .values_list("unit_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for unit_id, n in complaints:
        counts[unit_id] += n
    return counts


def region_ikm_comparison(
    *, region: Region, period: Period, include_flagged: bool = True
) -> RegionComparison:
    """Every unit of the region with responses in the period, side by side: units whose sample is below
    Krejcie–Morgan are flagged and not ranked; the others are ranked by IKM, highest first."""
    keys = load_instrument().keys
    by_unit: dict[int, list[dict]] = defaultdict(list)
    responses = SurveyResponse.objects.filter(
        region=region, served_on__gte=period.start, served_on__lte=period.end
    )
    if not include_flagged:
        responses = responses.filter(is_flagged=False)
    for unit_id, answers in responses.values_list("unit_id", "answers").order_by():
        by_unit[unit_id].append(answers)
    if not by_unit:
        return RegionComparison(region, period, [])
    units = Unit.objects.in_bulk(list(by_unit))
    weightings = dict(
        SurveySettings.objects.filter(unit_id__in=by_unit).values_list("unit_id", "weighting")
    )
    populations = _populations(region, period, set(by_unit))
    rows = []
    for unit_id, answers in by_unit.items():
        result = _ikm(_answer_rows(answers, keys), weightings.get(unit_id, "official"))
        if result is None:
            continue
        population = populations[unit_id]
        rows.append(
            UnitRow(
                units[unit_id],
                result.respondents,
                population,
                krejcie_morgan(population),
                result,
                None,
            )
        )
    sufficient = sorted(
        (r for r in rows if r.sample_sufficient), key=lambda r: (-r.result.ikm, r.unit.name)
    )
    ranked = [
        UnitRow(r.unit, r.respondents, r.population, r.sample_needed, r.result, rank)
        for rank, r in enumerate(sufficient, start=1)
    ]
    rest = sorted((r for r in rows if not r.sample_sufficient), key=lambda r: r.unit.name)
    return RegionComparison(region, period, ranked + rest)


# --- the public figures -------------------------------------------------------------------------------


def public_period(region: Region, *, has_responses, now=None) -> Period:
    """The latest full quarter, or the year to date when that quarter has no responses."""
    today = region_today(region, now)
    quarter = latest_full_quarter(today)
    return quarter if has_responses(quarter) else year_to_date(today)


def public_unit_ikm(unit: Unit, *, now=None, language: str = "id") -> IkmReport:
    """The unit's current IKM for its public page: no comments, no profile, no flagged responses."""

    def has_responses(period: Period) -> bool:
        return SurveyResponse.objects.filter(
            unit=unit, is_flagged=False, served_on__gte=period.start, served_on__lte=period.end
        ).exists()

    period = public_period(unit.region, has_responses=has_responses, now=now)
    report = ikm_report(unit=unit, period=period, include_flagged=False, language=language)
    report.comments = []
    report.profile = {}
    return report


def public_region_ikm(region: Region, *, now=None) -> RegionComparison:
    """The units of a region with a published IKM (any response) in the public period."""

    def has_responses(period: Period) -> bool:
        return SurveyResponse.objects.filter(
            region=region, is_flagged=False, served_on__gte=period.start, served_on__lte=period.end
        ).exists()

    period = public_period(region, has_responses=has_responses, now=now)
    comparison = region_ikm_comparison(region=region, period=period, include_flagged=False)
    comparison.rows.sort(key=lambda r: r.unit.name)
    return comparison


def public_regions() -> list[Region]:
    """Active regions that have survey responses."""
    ids = SurveyResponse.objects.values_list("region_id", flat=True).distinct().order_by()
    return list(Region.objects.filter(is_active=True, pk__in=ids).order_by("name"))


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


FILTER_ERRORS = {
    "service": gettext_lazy("Layanan yang dipilih bukan layanan unit ini."),
    "location": gettext_lazy("Lokasi yang dipilih tidak dikenal."),
}
