"""A region's units side by side for a period: units whose sample is below Krejcie–Morgan are flagged and
not ranked; the others are ranked by IKM, highest first. A unit with fewer than k responses shows no
figure at all (tanggap.surveys.disclosure)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from django.utils.functional import Promise

from tanggap.org.models import Region, Unit
from tanggap.surveys import disclosure
from tanggap.surveys.ikm import IkmResult, krejcie_morgan
from tanggap.surveys.instrument import load_instrument
from tanggap.surveys.models import SurveyResponse, SurveySettings
from tanggap.surveys.periods import Period
from tanggap.surveys.selectors.ikm_reports import WEIGHTING_LABELS
from tanggap.surveys.selectors.population import served_population_by_unit
from tanggap.surveys.selectors.report_parts import answer_rows, ikm_of


@dataclass(frozen=True)
class UnitRow:
    """One unit in the region comparison; `rank` is None when its sample is too small, `respondents`
    and `result` None (and `marker` set) when it has fewer than k responses."""

    unit: Unit
    respondents: int | None
    population: int
    sample_needed: int
    result: IkmResult | None
    rank: int | None
    marker: str | Promise = ""

    @property
    def sample_sufficient(self) -> bool:
        return (
            self.respondents is not None
            and self.population > 0
            and self.respondents >= self.sample_needed
        )

    @property
    def respondents_shown(self):
        return self.marker or self.respondents

    @property
    def weighting_label(self) -> str:
        return str(WEIGHTING_LABELS[self.result.weighting]) if self.result else ""


@dataclass
class RegionComparison:
    region: Region
    period: Period
    rows: list[UnitRow]
    min_group_size: int = disclosure.DEFAULT_MIN_GROUP_SIZE

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
    Krejcie–Morgan are flagged and not ranked; the others are ranked by IKM, highest first. A unit with
    fewer than k responses shows no figure and is not ranked."""
    keys = load_instrument().keys
    k = disclosure.min_group_size()
    by_unit: dict[int, list[dict]] = defaultdict(list)
    responses = SurveyResponse.objects.filter(
        region=region, served_on__gte=period.start, served_on__lte=period.end
    )
    if not include_flagged:
        responses = responses.filter(is_flagged=False)
    for unit_id, answers in responses.values_list("unit_id", "answers").order_by():
        by_unit[unit_id].append(answers)
    if not by_unit:
        return RegionComparison(region, period, [], k)
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
        row = UnitRow(units[unit_id], None, population, krejcie_morgan(population), None, None)
        if disclosure.too_small(result.respondents, k):
            row = replace(row, marker=disclosure.marker(disclosure.SMALL, k))
        else:
            row = replace(row, respondents=result.respondents, result=result)
        rows.append(row)
    sufficient = sorted(
        (r for r in rows if r.sample_sufficient and r.result is not None),
        key=lambda r: (-r.result.ikm if r.result else 0, r.unit.name),
    )
    ranked = [replace(r, rank=rank) for rank, r in enumerate(sufficient, start=1)]
    rest = sorted((r for r in rows if not r.sample_sufficient), key=lambda r: r.unit.name)
    return RegionComparison(region, period, ranked + rest, k)
