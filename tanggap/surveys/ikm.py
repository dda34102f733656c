"""The IKM (Indeks Kepuasan Masyarakat) and the Krejcie–Morgan sample size, as pure functions.

PermenPANRB 14/2017: NRR per element = sum of scores / number of filled questionnaires; weighted NRR =
NRR × 0,111 (the regulation's rounding of 1/9); IKM = Σ weighted NRR × 25. `weighting="exact"` uses 1/9
instead (about 0,1% higher). Mutu and kinerja come from the instrument's bands on the 25–100 scale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language

from tanggap.surveys.instrument import Instrument, load_instrument

WEIGHTINGS = ("official", "exact")
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class IkmResult:
    """The index of a set of responses, and how it was computed."""

    respondents: int
    nrr: tuple[Decimal, ...]  # element averages, 1..4, in the instrument's element order
    weighted_nrr: tuple[Decimal, ...]
    total_weighted: Decimal  # on the 1..4 scale
    ikm_unrounded: Decimal  # on the 25..100 scale
    ikm: Decimal  # rounded to two decimals (as reports print it)
    mutu: str
    kinerja: str
    kinerja_en: str
    weighting: str
    element_keys: tuple[str, ...]

    @property
    def kinerja_label(self) -> str:
        """The performance label in the active language ("Baik" / "Good"): what pages show."""
        language = (get_language() or "id").split("-")[0]
        return self.kinerja_en if language == "en" else self.kinerja

    def weakest(self) -> list[tuple[str, Decimal]]:
        """Elements from the lowest NRR up: where to improve first."""
        return sorted(
            zip(self.element_keys, self.nrr, strict=True), key=lambda pair: (pair[1], pair[0])
        )


def compute_ikm(
    responses: Sequence[Sequence[int]],
    *,
    weighting: str = "official",
    instrument: Instrument | None = None,
) -> IkmResult:
    """The IKM of `responses` (each the nine answers 1–4 in element order U1..U9)."""
    instrument = instrument or load_instrument()
    if weighting not in WEIGHTINGS:
        raise ValueError(f"weighting must be one of {WEIGHTINGS}, not {weighting!r}.")
    count = len(instrument.elements)
    if isinstance(responses, str | bytes) or not len(responses):
        raise ValueError("There are no responses to compute an IKM from.")
    totals = [0] * count
    for number, response in enumerate(responses, start=1):
        if isinstance(response, str | bytes) or len(response) != count:
            raise ValueError(f"Response {number} must have exactly {count} answers.")
        for index, value in enumerate(response):
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
                raise ValueError(
                    f"Response {number}, answer {index + 1}: {value!r} is not an integer 1–4."
                )
            totals[index] += value
    n = Decimal(len(responses))
    nrr = tuple(Decimal(total) / n for total in totals)
    weight = instrument.official_weight if weighting == "official" else Decimal(1) / Decimal(count)
    weighted = tuple(value * weight for value in nrr)
    total = sum(weighted, Decimal(0))
    unrounded = total * instrument.scale_factor
    ikm = unrounded.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    band = instrument.band_for(ikm)
    return IkmResult(
        respondents=len(responses),
        nrr=nrr,
        weighted_nrr=weighted,
        total_weighted=total,
        ikm_unrounded=unrounded,
        ikm=ikm,
        mutu=band.mutu,
        kinerja=band.kinerja["id"],
        kinerja_en=band.kinerja.get("en", band.kinerja["id"]),
        weighting=weighting,
        element_keys=instrument.keys,
    )


def krejcie_morgan(population: int, *, instrument: Instrument | None = None) -> int:
    """The sample needed for `population` people served: S = X²NP(1−P) / (d²(N−1) + X²P(1−P)), rounded
    to the nearest whole number as the published table does (N=100 → 80, N=1000 → 278, large → 384)."""
    if isinstance(population, bool) or not isinstance(population, int) or population < 0:
        raise ValueError("The population must be a whole number of people, zero or more.")
    if population == 0:
        return 0
    instrument = instrument or load_instrument()
    x2, p, d = instrument.chi_square, instrument.proportion, instrument.margin
    n = Decimal(population)
    sample = (x2 * n * p * (1 - p)) / (d * d * (n - 1) + x2 * p * (1 - p))
    return int(sample.quantize(Decimal(1), rounding=ROUND_HALF_UP))
