"""Demo performance: the current year's signed performance agreements of the main OPDs of Kabupaten
Blitar (the units with demo accounts), their quarterly realisations, and an SKP for every official of
those units with the superior's reviews of each finished quarter (at most three), and each of those
units' own performance rating of the year (with a clearly fictional basis).

Indicators and SKP results with an automatic source take their figures from the demo's own records
through the app's own code, year to date at the quarter's end: an indicator the unit's (tickets done at
the unit, its complaints answered by the stored deadline, its IKM), an SKP result the official's
(tanggap.performance.services.autofill: the tickets they finished, the complaints assigned to them, the
unit's IKM). Only officials with an account can serve a ticket or handle a complaint, so the others' SKP
take those results as typed ones. The automatic figures are brought back to the records on every load
(the queue history is generated after `load_demo`); everything else is created once and then left to the
app's workflows.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from tanggap.attendance.permissions import superior_of
from tanggap.demo.performance_data import (
    BEHAVIOUR,
    FEEDBACK,
    INDICATORS,
    UNIT_RATING_BASIS,
    UNIT_RATINGS,
)
from tanggap.demo.sync import Tally
from tanggap.org.models import Official, Region, Unit
from tanggap.performance.models import (
    AutoSource,
    Indicator,
    PerformanceAgreement,
    Realisation,
    Skp,
    SkpQuarterReview,
    SkpResult,
    SkpResultRealisation,
    UnitPerformanceRating,
)
from tanggap.performance.platform import Scope, quarter_period, source_figures
from tanggap.performance.services.autofill import automatic_figures

SEED = 11
EVIDENCE = "https://example.invalid/demo/kinerja/{unit}/{year}/tw{quarter}/{n}"


@dataclass
class PerformanceSummary:
    agreements: int = 0
    skps: int = 0


def _rng(*parts) -> random.Random:
    return random.Random(":".join(str(p) for p in (SEED, *parts)))  # noqa: S311 - demo data


def _d(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def quarter_end(year: int, quarter: int) -> dt.date:
    return dt.date(year, 3 * quarter, 30 if quarter in (2, 3) else 31)


def closed_quarters(today: dt.date) -> list[int]:
    """The quarters of today's year that have ended (Q1–Q3 at most: Q4 is reviewed at year end)."""
    return [q for q in (1, 2, 3) if quarter_end(today.year, q) < today]


def _moment(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _quarter_targets(target: Decimal, baseline: Decimal, direction: str, measure: str):
    """Cumulative counts grow through the year; rates and indices move from baseline to target."""
    if measure in ("tiket", "orang", "miliar rupiah"):
        return [_d(target * q / 4) for q in (1, 2, 3, 4)]
    return [_d(baseline + (target - baseline) * q / 4) for q in (1, 2, 3, 4)]


def auto_figures(source: str, unit: Unit, year: int, quarter: int, memo: dict) -> Decimal | None:
    """The unit's figure for `source` from 1 January to the quarter's end: the same reads as automatic
    SKP results (tanggap.performance.platform), over the unit's records."""
    period = quarter_period(unit.region, year, quarter, today=quarter_end(year, quarter))
    if period is None:
        return None
    return source_figures(Scope(unit, of_unit=True), period, {source}, memo=memo)[source].value


def _agreements(units: dict[str, Unit], year: int, quarters: list[int], tally: Tally):
    have = {
        a.unit_id: a
        for a in PerformanceAgreement.objects.filter(unit__in=units.values(), year=year)
    }
    new = [
        PerformanceAgreement(
            unit=unit,
            year=year,
            status=PerformanceAgreement.Status.SIGNED,
            signed_at=_moment(dt.date(year, 2, 14)),
        )
        for unit in units.values()
        if unit.pk not in have
    ]
    PerformanceAgreement.objects.bulk_create(new)
    tally.add(PerformanceAgreement._meta.label, created=len(new))
    indicators = []
    for agreement in new:
        have[agreement.unit_id] = agreement
        slug = agreement.unit.slug
        for position, (name, measure, direction, base, target, code, goal, _src) in enumerate(
            INDICATORS[slug], start=1
        ):
            targets = _quarter_targets(Decimal(target), Decimal(base), direction, measure)
            indicators.append(
                Indicator(
                    agreement=agreement,
                    name=name,
                    measure=measure,
                    direction=direction,
                    baseline=Decimal(base),
                    target_year=Decimal(target),
                    target_q1=targets[0],
                    target_q2=targets[1],
                    target_q3=targets[2],
                    target_q4=targets[3],
                    plan_goal_code=code,
                    plan_goal=goal,
                    position=position,
                )
            )
    Indicator.objects.bulk_create(indicators)
    tally.add(Indicator._meta.label, created=len(indicators))
    recorded = set(
        Realisation.objects.filter(indicator__agreement__in=have.values()).values_list(
            "indicator_id", "quarter"
        )
    )
    realisations = []
    memo: dict = {}
    for indicator in Indicator.objects.filter(agreement__in=have.values()).select_related(
        "agreement__unit__region"
    ):  # fmt: skip
        unit = indicator.agreement.unit
        for quarter in quarters:
            if (indicator.pk, quarter) in recorded:
                continue
            value = _indicator_value(indicator, unit, year, quarter, memo)
            if value is None:
                continue
            realisations.append(
                Realisation(
                    indicator=indicator,
                    quarter=quarter,
                    value=value,
                    evidence_url=EVIDENCE.format(
                        unit=unit.slug, year=year, quarter=quarter, n=indicator.position
                    ),
                    recorded_at=_moment(quarter_end(year, quarter) + dt.timedelta(days=8)),
                )
            )
    Realisation.objects.bulk_create(realisations)
    tally.add(Realisation._meta.label, created=len(realisations))
    return have


def _source_of(indicator: Indicator) -> str:
    for name, *_rest, source in INDICATORS.get(indicator.agreement.unit.slug, []):
        if name == indicator.name:
            return source
    return ""


def _indicator_value(
    indicator: Indicator, unit: Unit, year: int, quarter: int, memo: dict
) -> Decimal | None:
    source = _source_of(indicator)
    if source:
        return auto_figures(source, unit, year, quarter, memo)
    target = indicator.quarter_target(quarter)
    rng = _rng("indicator", unit.slug, indicator.position, quarter)
    return _d(target * Decimal(str(rng.uniform(0.93, 1.05))))


def _skps(
    units: dict[str, Unit], agreements: dict, year: int, quarters: list[int], tally: Tally
) -> int:
    officials = list(
        Official.objects.filter(unit__in=units.values(), status=Official.Status.ACTIVE)
        .select_related("unit__head__user", "unit__parent__head__user", "user")
        .order_by("nip")
    )
    have = set(Skp.objects.filter(official__in=officials, year=year).values_list("official_id"))
    new = []
    for official in officials:
        superior = superior_of(official)
        if (official.pk,) in have or superior is None:
            continue  # an OPD head is appraised by the regent, who is not in the demo
        new.append(Skp(official=official, year=year, superior=superior, status=Skp.Status.AGREED))
    Skp.objects.bulk_create(new)
    tally.add(Skp._meta.label, created=len(new))
    _results(new, agreements, tally)
    skps = list(
        Skp.objects.filter(official__in=officials, year=year).select_related(
            "official__unit", "official__region", "official__user", "superior__user"
        )
    )
    _reviews(skps, year, quarters, tally)
    return len(skps)


def _results(skps: list[Skp], agreements: dict, tally: Tally) -> None:
    """Each new SKP's results: one from each indicator of the unit's agreement, the first two of them
    through the superior's matching result when the superior's SKP has one."""
    by_unit = {
        unit_id: list(agreement.indicators.all()) for unit_id, agreement in agreements.items()
    }
    heads = [s for s in skps if s.official.unit.head_id == s.official_id]
    staff = [s for s in skps if s.official.unit.head_id != s.official_id]
    _result_rows(heads, by_unit, {}, tally)
    parents = {
        (r.skp.official_id, r.indicator_id): r
        for r in SkpResult.objects.filter(
            skp__year__in={s.year for s in staff}, indicator__isnull=False
        ).select_related("skp")
    }
    _result_rows(staff, by_unit, parents, tally)


def _result_rows(skps: list[Skp], by_unit: dict, parents: dict, tally: Tally) -> None:
    rows = []
    for skp in skps:
        indicators = by_unit.get(skp.official.unit_id, [])
        rng = _rng("skp", skp.official.nip)
        chosen = indicators if len(indicators) <= 3 else rng.sample(indicators, 3)
        for position, indicator in enumerate(sorted(chosen, key=lambda i: i.position), start=1):
            parent = parents.get((skp.superior_id, indicator.pk))
            rows.append(
                SkpResult(
                    skp=skp,
                    text=indicator.name,
                    target=indicator.target_year,
                    measure=indicator.measure,
                    direction=indicator.direction,
                    indicator=None if parent else indicator,
                    parent_result=parent,
                    source=_skp_source(skp, indicator),
                    position=position,
                )
            )
    SkpResult.objects.bulk_create(rows)
    tally.add(SkpResult._meta.label, created=len(rows))


def _skp_source(skp: Skp, indicator: Indicator) -> str:
    """The indicator's automatic source, but for the official's own tickets and complaints only when the
    official has an account to serve and handle them with (else a typed result)."""
    source = _source_of(indicator)
    return source if source == AutoSource.UNIT_IKM or skp.official.user_id else ""


def _reviews(skps: list[Skp], year: int, quarters: list[int], tally: Tally) -> None:
    done = set(SkpQuarterReview.objects.filter(skp__in=skps).values_list("skp_id", "quarter"))
    new = []
    for skp in skps:
        for quarter in quarters:
            if (skp.pk, quarter) in done:
                continue
            rng = _rng("review", skp.official.nip, quarter)
            new.append(
                SkpQuarterReview(
                    skp=skp,
                    quarter=quarter,
                    results_feedback=rng.choice(FEEDBACK),
                    behaviour_feedback=dict(BEHAVIOUR) if rng.random() < 0.5 else {},
                    reviewer=getattr(skp.superior, "user", None),
                    reviewed_at=_moment(
                        quarter_end(year, quarter) + dt.timedelta(days=rng.randint(5, 14))
                    ),
                )
            )
    SkpQuarterReview.objects.bulk_create(new)
    tally.add(SkpQuarterReview._meta.label, created=len(new))
    reviews = list(SkpQuarterReview.objects.filter(skp__in=skps).select_related("skp"))
    results = list(
        SkpResult.objects.filter(skp__in=skps).select_related(
            "skp__official__unit", "indicator", "parent_result__indicator"
        )
    )
    by_skp: dict[int, list[SkpResult]] = {}
    for result in results:
        by_skp.setdefault(result.skp_id, []).append(result)
    by_pk = {skp.pk: skp for skp in skps}
    memo: dict = {}
    rows = []
    for review in reviews:
        # The app's own fill (stored with its provenance), each source read once per SKP and quarter.
        automatic = automatic_figures(by_pk[review.skp_id], review.quarter, memo=memo)
        for result in by_skp.get(review.skp_id, []):
            if result.source:
                figure = automatic.get(result.pk)
                value = figure.value if figure is not None else None
            else:
                indicator = result.indicator or getattr(result.parent_result, "indicator", None)
                target = (
                    indicator.quarter_target(review.quarter)
                    if indicator
                    else result.target * review.quarter / 4
                )
                rng = _rng("realisation", result.skp.official.nip, result.position, review.quarter)
                value = _d(target * Decimal(str(rng.uniform(0.9, 1.06))))
            if value is not None:
                rows.append({"review_id": review.pk, "result_id": result.pk, "value": value})
    existing = SkpResultRealisation.objects.filter(review__in=reviews)
    manual = {r.pk for r in results if not r.source}
    # Typed figures are created once; automatic ones follow the records on every load.
    _sync_realisations(rows, existing, manual, tally)


def _sync_realisations(rows, existing, manual: set[int], tally: Tally) -> None:
    found = {(r.review_id, r.result_id): r for r in existing}
    new, changed = [], []
    for row in rows:
        current = found.get((row["review_id"], row["result_id"]))
        if current is None:
            new.append(SkpResultRealisation(**row))
        elif row["result_id"] not in manual and current.value != row["value"]:
            current.value = row["value"]
            changed.append(current)
    SkpResultRealisation.objects.bulk_create(new)
    SkpResultRealisation.objects.bulk_update(changed, ["value"])
    tally.add(SkpResultRealisation._meta.label, created=len(new), updated=len(changed))


def _unit_ratings(units: dict[str, Unit], year: int, tally: Tally) -> None:
    """Each agreement unit's own rating of the year (fictional basis), created once: a rating the
    region admin later changes through the app stays as they set it."""
    have = set(
        UnitPerformanceRating.objects.filter(unit__in=units.values(), year=year).values_list(
            "unit_id", flat=True
        )
    )
    new = [
        UnitPerformanceRating(
            unit=unit,
            year=year,
            rating=UNIT_RATINGS[slug],
            basis=UNIT_RATING_BASIS.format(n=n, year=year),
            decided_at=_moment(dt.date(year, 3, 31)),
        )
        for n, (slug, unit) in enumerate(sorted(units.items()), start=1)
        if slug in UNIT_RATINGS and unit.pk not in have
    ]
    UnitPerformanceRating.objects.bulk_create(new)
    tally.add(UnitPerformanceRating._meta.label, created=len(new))


def demo_performance_load(
    *, region: Region, units: dict[str, Unit], tally: Tally, today: dt.date | None = None
) -> PerformanceSummary:
    """Top up the region's demo agreements and SKPs for today's year (see the module docstring)."""
    today = today or timezone.localdate()
    main = {slug: units[slug] for slug in INDICATORS if slug in units}
    quarters = closed_quarters(today)
    agreements = _agreements(main, today.year, quarters, tally)
    skps = _skps(main, agreements, today.year, quarters, tally)
    _unit_ratings(main, today.year, tally)
    return PerformanceSummary(agreements=len(agreements), skps=skps)
