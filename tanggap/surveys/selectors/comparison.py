"""A region's units side by side for a period: units whose sample is below Krejcie–Morgan are flagged and
not ranked; the others are ranked by IKM, highest first."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from tanggap.org.models import Region, Unit
from tanggap.surveys.ikm import IkmResult, krejcie_morgan
from tanggap.surveys.instrument import load_instrument
from tanggap.surveys.models import SurveyResponse, SurveySettings
from tanggap.surveys.periods import Period
from tanggap.surveys.selectors.ikm_reports import WEIGHTING_LABELS, answer_rows, ikm_of
from tanggap.surveys.selectors.population import served_population_by_unit


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
    populations = served_population_by_unit(region, period, set(by_unit))
    rows = []
    for unit_id, answers in by_unit.items():
        result = ikm_of(answer_rows(answers, keys), weightings.get(unit_id, "official"))
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
