"""The Indeks Inovasi Daerah as pure functions over a `Scheme` (DOMAIN.md §4).

score = SPD + Σ (each innovation's SID score) / MAX(10, n) + count score(n)
index = score / (SPD max + one innovation's SID max + count max) × 100, rounded to two decimals (half up)

The band comes from `iid_band`. Missing or invalid evidence scores zero and is listed, so the office sees
what to fix; `what_if` and `best_fixes` show how much each fix would raise the index.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from tanggap.core.errors import DomainError
from tanggap.innovation.scheme import BAND_FLOORS_2023, Band, IndicatorSpec, Scheme

__all__ = [
    "Band",
    "Contribution",
    "Fix",
    "IndexResult",
    "MissingEvidence",
    "best_fixes",
    "compute_index",
    "iid_band",
    "innovation_score",
    "what_if",
]

TWO_PLACES = Decimal("0.01")
HUNDRED = Decimal(100)
MIN_DIVISOR = 10  # Σ SID / MAX(10, n): fewer than ten innovations do not lift the average

Levels = Mapping[str, object]  # indicator code → evidence level (1, 2, ...) or None


def _round(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def iid_band(index, *, floors: Sequence[tuple[Decimal, Band]] = BAND_FLOORS_2023) -> Band:
    """The band of an index 0..100, after rounding it to two decimals (half up)."""
    refusal = DomainError(
        _("Nilai indeks inovasi daerah harus berupa angka antara 0 dan 100."), code="invalid_index"
    )
    if isinstance(index, bool) or not isinstance(index, int | float | Decimal):
        raise refusal
    try:
        # A float goes through its shortest text so 34.995 stays 34.995, not 34.99499999...
        value = Decimal(str(index)) if isinstance(index, float) else Decimal(index)
        if not value.is_finite():
            raise refusal
        value = _round(value)
    except InvalidOperation as error:
        raise refusal from error
    if not 0 <= value <= HUNDRED:
        raise refusal
    for floor, band in floors:
        if value >= floor:
            return band
    raise refusal


@dataclass(frozen=True)
class MissingEvidence:
    """An indicator with no valid evidence: `innovation` is its position (0-based), None for SPD."""

    innovation: int | None
    code: str


@dataclass(frozen=True)
class Contribution:
    """What one indicator added to the score (SID: summed over innovations, divided as the formula does)."""

    code: str
    name: str
    aspect: str
    points: Decimal
    max_points: Decimal

    @property
    def index_points(self) -> Decimal:
        """`points` on the index's 0..100 scale, unrounded (the parts add up to the unrounded index)."""
        return self.points * HUNDRED / self.max_points if self.max_points else Decimal(0)


@dataclass(frozen=True)
class IndexResult:
    """The index of a region's year, with how it was reached."""

    year: int
    innovation_count: int
    spd_score: Decimal
    innovation_scores: tuple[Decimal, ...]
    sid_score: Decimal  # Σ innovation scores / MAX(10, n)
    count_score: Decimal
    score: Decimal
    max_score: Decimal
    index: Decimal  # two decimals
    band: Band
    contributions: tuple[Contribution, ...]
    missing: tuple[MissingEvidence, ...]

    @property
    def index_unrounded(self) -> Decimal:
        return self.score * HUNDRED / self.max_score


@dataclass(frozen=True)
class Fix:
    """One missing piece of evidence and what gaining its top level alone would do."""

    innovation: int | None
    code: str
    level: int
    score_gain: Decimal
    index_gain: Decimal  # on the rounded index
    new_index: Decimal


def _aspect_score(
    indicators: Sequence[IndicatorSpec],
    levels: Levels,
    position: int | None,
    missing: list[MissingEvidence] | None = None,
) -> tuple[Decimal, dict[str, Decimal]]:
    parts: dict[str, Decimal] = {}
    for indicator in indicators:
        score = indicator.score(levels.get(indicator.code))
        if score is None:
            if missing is not None:
                missing.append(MissingEvidence(position, indicator.code))
            score = Decimal(0)
        parts[indicator.code] = score
    return sum(parts.values(), Decimal(0)), parts


def _mapping(value, what) -> Levels:
    if not isinstance(value, Mapping):
        raise DomainError(
            _("Bukti dukung %(what)s harus berupa pasangan kode indikator dan tingkat.")
            % {"what": what},
            code="invalid_evidence",
        )
    return value


def innovation_score(scheme: Scheme, evidence_levels: Levels) -> Decimal:
    """One innovation's SID score: the sum of its indicator scores (missing or invalid evidence: zero)."""
    total, _parts = _aspect_score(scheme.aspect("sid"), _mapping(evidence_levels, "inovasi"), 0)
    return total


def compute_index(scheme: Scheme, spd_levels: Levels, innovations: Sequence[Levels]) -> IndexResult:
    """The index of a region: its SPD evidence and each registered innovation's evidence."""
    if isinstance(innovations, str | bytes | Mapping) or not isinstance(innovations, Sequence):
        raise DomainError(_("Daftar inovasi harus berupa urutan."), code="invalid_evidence")
    missing: list[MissingEvidence] = []
    spd_score, spd_parts = _aspect_score(
        scheme.aspect("spd"), _mapping(spd_levels, "pemerintah daerah"), None, missing
    )
    n = len(innovations)
    divisor = Decimal(max(MIN_DIVISOR, n))
    sid_sums: dict[str, Decimal] = {i.code: Decimal(0) for i in scheme.aspect("sid")}
    scores = []
    for position, levels in enumerate(innovations):
        label = _("inovasi ke-%(number)s") % {"number": position + 1}
        total, parts = _aspect_score(
            scheme.aspect("sid"), _mapping(levels, label), position, missing
        )
        scores.append(total)
        for code, part in parts.items():
            sid_sums[code] += part
    sid_score = sum(scores, Decimal(0)) / divisor
    count_score = scheme.count_score(n)
    score = spd_score + sid_score + count_score
    max_score = scheme.max_score
    index = _round(score * HUNDRED / max_score)
    contributions = [
        Contribution(
            code=indicator.code,
            name=indicator.name,
            aspect=indicator.aspect,
            points=(
                spd_parts[indicator.code]
                if indicator.aspect == "spd"
                else sid_sums[indicator.code] / divisor
            ),
            max_points=max_score,
        )
        for indicator in scheme.indicators
    ]
    contributions.append(
        Contribution(
            code="jumlah_inovasi",
            name=str(_("Jumlah inovasi daerah")),
            aspect="sid",
            points=count_score,
            max_points=max_score,
        )
    )
    return IndexResult(
        year=scheme.year,
        innovation_count=n,
        spd_score=spd_score,
        innovation_scores=tuple(scores),
        sid_score=sid_score,
        count_score=count_score,
        score=score,
        max_score=max_score,
        index=index,
        band=iid_band(index, floors=scheme.band_floors),
        contributions=tuple(contributions),
        missing=tuple(missing),
    )


def _fix_error(message, **params) -> DomainError:
    return DomainError(message % params, code="invalid_fix")


def what_if(
    scheme: Scheme,
    spd_levels: Levels,
    innovations: Sequence[Levels],
    fixes: Mapping[int | None, Mapping[str, int]],
) -> IndexResult:
    """The index if the innovation at each position (None: the SPD aspect) gained those levels."""
    base = compute_index(scheme, spd_levels, innovations)  # validates the inputs' shapes
    spd = dict(spd_levels)
    changed = [dict(levels) for levels in innovations]
    for position, levels in _mapping(fixes, "perbaikan").items():
        if position is None:
            target, aspect = spd, "spd"
        elif (
            isinstance(position, bool)
            or not isinstance(position, int)
            or not 0 <= position < base.innovation_count
        ):
            raise _fix_error(_("Inovasi ke-%(position)s tidak ada."), position=position)
        else:
            target, aspect = changed[position], "sid"
        for code, level in _mapping(levels, "perbaikan").items():
            indicator = scheme.indicator(code)
            if indicator is None or indicator.aspect != aspect:
                raise _fix_error(
                    _("Indikator %(code)s tidak ada pada aspek ini di skema %(year)s."),
                    code=code,
                    year=scheme.year,
                )
            if indicator.score(level) is None:
                raise _fix_error(
                    _("Tingkat %(level)s tidak ada pada indikator %(code)s."),
                    level=level,
                    code=code,
                )
            target[code] = level
    return compute_index(scheme, spd, changed)


def best_fixes(scheme: Scheme, spd_levels: Levels, innovations: Sequence[Levels]) -> list[Fix]:
    """Every missing piece of evidence, ranked by how much gaining its top level alone would raise
    the index (largest first; ties in the order the evidence is listed)."""
    base = compute_index(scheme, spd_levels, innovations)
    fixes = []
    for item in base.missing:
        indicator = scheme.indicator(item.code)
        assert indicator is not None  # listed from the scheme itself
        result = what_if(
            scheme, spd_levels, innovations, {item.innovation: {item.code: indicator.top_level}}
        )
        fixes.append(
            Fix(
                innovation=item.innovation,
                code=item.code,
                level=indicator.top_level,
                score_gain=result.score - base.score,
                index_gain=result.index - base.index,
                new_index=result.index,
            )
        )
    # sorted() is stable, so equal gains keep the listing order (SPD first, then by innovation)
    return sorted(fixes, key=lambda fix: fix.score_gain, reverse=True)
