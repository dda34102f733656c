"""The questionnaire as data: elements, answer wording, quality bands and sample-size constants.

Loaded from `data/permenpanrb_14_2017.json`; a later regulation is a new data file, not new code.
Elements are identified by their key (persyaratan, prosedur, ...), never by their number: copies of the
regulation number U8 and U9 differently.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_INSTRUMENT = "permenpanrb_14_2017"


@dataclass(frozen=True)
class Element:
    """One survey element (unsur) with its question and the wording of answers 1..4."""

    key: str
    code: str
    name: dict[str, str]
    question: dict[str, str]
    answers: dict[str, list[str]]

    def label(self, language: str = "id") -> str:
        return self.name.get(language) or self.name["id"]

    def answer_labels(self, language: str = "id") -> list[str]:
        return self.answers.get(language) or self.answers["id"]


@dataclass(frozen=True)
class Band:
    """A quality band (mutu) on the 25–100 scale and its performance label (kinerja)."""

    mutu: str
    minimum: Decimal
    maximum: Decimal
    kinerja: dict[str, str]


@dataclass(frozen=True)
class Instrument:
    """A whole regulation's survey definition."""

    name: str
    title: dict[str, str]
    elements: tuple[Element, ...]
    bands: tuple[Band, ...]
    official_weight: Decimal
    scale_factor: Decimal
    chi_square: Decimal
    proportion: Decimal
    margin: Decimal

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(e.key for e in self.elements)

    def band_for(self, ikm: Decimal) -> Band:
        """The band whose interval holds `ikm` rounded to two decimals (below the lowest: the lowest)."""
        value = ikm.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        for band in sorted(self.bands, key=lambda b: b.minimum, reverse=True):
            if value >= band.minimum:
                return band
        return min(self.bands, key=lambda b: b.minimum)


@lru_cache(maxsize=8)
def load_instrument(name: str = DEFAULT_INSTRUMENT) -> Instrument:
    """Read an instrument definition from the data directory."""
    raw = json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    elements = tuple(
        Element(
            key=e["key"],
            code=e["code"],
            name=e["name"],
            question=e["question"],
            answers=e["answers"],
        )
        for e in raw["elements"]
    )
    for element in elements:
        if any(len(labels) != 4 for labels in element.answers.values()):
            raise ValueError(f"Element {element.key} must have four answers per language.")
    bands = tuple(
        Band(
            mutu=b["mutu"],
            minimum=Decimal(b["min"]),
            maximum=Decimal(b["max"]),
            kinerja=b["kinerja"],
        )
        for b in raw["bands"]
    )
    sample = raw["sample_size"]
    return Instrument(
        name=raw["instrument"],
        title=raw["title"],
        elements=elements,
        bands=bands,
        official_weight=Decimal(raw["official_weight"]),
        scale_factor=Decimal(raw["scale_factor"]),
        chi_square=Decimal(sample["chi_square"]),
        proportion=Decimal(sample["proportion"]),
        margin=Decimal(sample["margin"]),
    )
