"""The year's Indeks Inovasi Daerah scheme as data (DOMAIN.md §4): indicators, their level tables, the
innovation-count steps and the bands. A change in the national rules is a new `Scheme`, never new code.

An indicator's evidence is recorded as a *level*: the number (1, 2, ...) of the option the evidence
supports; level `k` scores `level_scores[k - 1]`. No evidence (or evidence found invalid) scores zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from tanggap.core.errors import DomainError

ASPECTS = ("spd", "sid")  # satuan pemerintah daerah · satuan inovasi daerah


class Band(models.TextChoices):
    """The index's predicate (DOMAIN.md §4)."""

    SANGAT_INOVATIF = "sangat_inovatif", _("Sangat Inovatif")
    INOVATIF = "inovatif", _("Inovatif")
    KURANG_INOVATIF = "kurang_inovatif", _("Kurang Inovatif")
    TIDAK_DAPAT_DINILAI = "tidak_dapat_dinilai", _("Tidak Dapat Dinilai")


# (lowest index of the band, band), highest first; the 2023 bands [confirmed for 2023; changes yearly].
BAND_FLOORS_2023: tuple[tuple[Decimal, Band], ...] = (
    (Decimal("60.01"), Band.SANGAT_INOVATIF),
    (Decimal("35.00"), Band.INOVATIF),
    (Decimal("0.01"), Band.KURANG_INOVATIF),
    (Decimal("0.00"), Band.TIDAK_DAPAT_DINILAI),
)


def _scheme_error(message) -> DomainError:
    return DomainError(message, code="invalid_scheme")


def _decimal(value, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
        raise _scheme_error(
            _("Nilai %(what)s pada skema indeks harus berupa angka.") % {"what": what}
        )
    try:
        number = Decimal(value)
    except ArithmeticError:
        number = Decimal("NaN")
    if not number.is_finite() or number < 0:
        raise _scheme_error(
            _("Nilai %(what)s pada skema indeks harus berupa angka nol atau lebih.")
            % {"what": what}
        )
    return number


@dataclass(frozen=True)
class IndicatorSpec:
    """One indicator of the scheme: its aspect, maximum score and the score of each evidence level."""

    code: str
    name: str
    aspect: str  # "spd" or "sid"
    max_score: Decimal
    level_scores: tuple[Decimal, ...]

    def __post_init__(self) -> None:
        if not self.code:
            raise _scheme_error(_("Setiap indikator harus memiliki kode."))
        if self.aspect not in ASPECTS:
            raise _scheme_error(
                _("Aspek indikator %(code)s harus spd atau sid.") % {"code": self.code}
            )
        maximum = _decimal(self.max_score, self.code)
        scores = tuple(_decimal(score, self.code) for score in self.level_scores)
        if maximum <= 0 or not scores or max(scores) != maximum:
            raise _scheme_error(
                _(
                    "Indikator %(code)s harus memiliki skor maksimum di atas nol dan daftar skor "
                    "tingkat yang nilai tertingginya sama dengan skor maksimum."
                )
                % {"code": self.code}
            )
        object.__setattr__(self, "max_score", maximum)
        object.__setattr__(self, "level_scores", scores)

    @property
    def top_level(self) -> int:
        """The lowest level that earns the full score: what a fix aims for."""
        return self.level_scores.index(self.max_score) + 1

    def score(self, level) -> Decimal | None:
        """The score of evidence at `level`, or None when the level is missing or not in the table."""
        if isinstance(level, bool) or not isinstance(level, int):
            return None
        if not 1 <= level <= len(self.level_scores):
            return None
        return self.level_scores[level - 1]


@dataclass(frozen=True)
class Scheme:
    """A year's index scheme: indicators, innovation-count steps (min count, score) and bands."""

    year: int
    indicators: tuple[IndicatorSpec, ...]
    count_steps: tuple[tuple[int, Decimal], ...]
    band_floors: tuple[tuple[Decimal, Band], ...] = BAND_FLOORS_2023

    def __post_init__(self) -> None:
        codes = [indicator.code for indicator in self.indicators]
        if len(set(codes)) != len(codes):
            raise _scheme_error(_("Kode indikator pada skema indeks tidak boleh berulang."))
        if not any(i.aspect == "sid" for i in self.indicators):
            raise _scheme_error(_("Skema indeks harus memiliki indikator aspek inovasi (sid)."))
        steps = tuple(
            (count, _decimal(score, "jumlah inovasi")) for count, score in self.count_steps
        )
        counts = [count for count, _score in steps]
        if any(isinstance(c, bool) or not isinstance(c, int) or c < 0 for c in counts) or (
            counts != sorted(set(counts))
        ):
            raise _scheme_error(
                _(
                    "Tangga skor jumlah inovasi harus urut naik menurut jumlah minimum, tanpa ulangan."
                )
            )
        object.__setattr__(self, "count_steps", steps)

    def aspect(self, aspect: str) -> tuple[IndicatorSpec, ...]:
        return tuple(i for i in self.indicators if i.aspect == aspect)

    def indicator(self, code: str) -> IndicatorSpec | None:
        return next((i for i in self.indicators if i.code == code), None)

    @property
    def count_max(self) -> Decimal:
        return max((score for _count, score in self.count_steps), default=Decimal(0))

    def count_score(self, n: int) -> Decimal:
        """The score of the step with the largest minimum count not above `n` (none: zero)."""
        reached = [score for count, score in self.count_steps if count <= n]
        return reached[-1] if reached else Decimal(0)

    @property
    def max_score(self) -> Decimal:
        """SPD maximum + one innovation's SID maximum + the count maximum."""
        indicator_max = sum((i.max_score for i in self.indicators), Decimal(0))
        return indicator_max + self.count_max


def scheme_from_data(
    *, year: int, indicators: Sequence[dict], count_steps: Sequence[tuple[int, str]]
) -> Scheme:
    """A `Scheme` from plain data: each indicator a dict with code, name, aspect, max_score (a decimal
    string) and levels (each a share of the maximum, as decimal strings)."""
    specs = []
    for row in indicators:
        maximum = _decimal(row["max_score"], row["code"])
        specs.append(
            IndicatorSpec(
                code=row["code"],
                name=row["name"],
                aspect=row["aspect"],
                max_score=maximum,
                level_scores=tuple(
                    maximum * _decimal(share, row["code"]) for share in row["levels"]
                ),
            )
        )
    return Scheme(
        year=year,
        indicators=tuple(specs),
        count_steps=tuple((count, Decimal(score)) for count, score in count_steps),
    )
