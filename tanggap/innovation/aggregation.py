"""Jury scores of a competition round: the rubric, score validation, the aggregate per proposal and
the ranking (issue 12; DOMAIN.md §4: rubrics and thresholds are configured per round, never literals).

How a proposal's figure is made:
- a juror's **total** for a proposal = Σ weight × s / Σ weight, where each score s is first placed on
  0–100 within its criterion's range: s = (score − min) / (max − min) × 100. The rubric's lowest
  possible total is thus 0 and its highest 100 whatever each criterion's range (for the usual ranges
  starting at 0 this is simply score / max × 100). Only complete reviews (every criterion scored)
  have a total; a partial review sets the missing-review flag and is left out of the mean;
- the proposal's **mean** = the plain mean of its jurors' totals (each juror counts once); its spread
  is the lowest and highest total and the population standard deviation of the totals;
- a juror's total is an **outlier** (flagged for discussion) when it lies further than
  max(`outlier_min_gap` points, `outlier_sd_factor` × sd of the other jurors' totals) from the median of
  the other totals, strictly (a total exactly at the threshold is not flagged). Defaults: 15 points
  and 2 × sd, and only when at least `outlier_min_others` = 2 other totals exist (with one other
  juror the two are simply far apart; neither is the odd one out);
- **rank**: higher mean first; equal means are separated by the round's tie-break rule, and proposals
  still equal after it share a rank (competition ranking: 1, 1, 3).

Arithmetic is exact (fractions), so a tie is a tie whatever the order of the scores; the standard
deviation is compared through its square. Figures are reported as floats.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from tanggap.core.errors import DomainError

__all__ = [
    "TIE_BREAKS",
    "JurorTotal",
    "Ranked",
    "Rubric",
    "RubricCriterion",
    "aggregate",
    "top_n",
    "validate_score",
]

TIE_BREAKS = ("highest_min", "criterion:<code>", "earliest_submission")


def _exact(value, *, field_name: str) -> Fraction:
    """A finite real number as an exact fraction (bool and text refused)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | Fraction):
        raise DomainError(_("Nilai harus berupa angka."), field=field_name)
    if isinstance(value, Decimal) and not value.is_finite():
        raise DomainError(_("Nilai harus berupa angka terhingga."), field=field_name)
    if isinstance(value, float) and not math.isfinite(value):
        raise DomainError(_("Nilai harus berupa angka terhingga."), field=field_name)
    return Fraction(value)


@dataclass(frozen=True)
class RubricCriterion:
    """One criterion of a round's rubric: its weight and the range of scores a juror may give."""

    code: str
    label: str
    weight: int | float | Decimal
    min_score: int | float | Decimal
    max_score: int | float | Decimal

    def __post_init__(self) -> None:
        if not isinstance(self.code, str) or not self.code.strip():
            raise DomainError(_("Kode kriteria penilaian wajib diisi."), field="code")
        weight = _exact(self.weight, field_name="weight")
        low = _exact(self.min_score, field_name="min_score")
        high = _exact(self.max_score, field_name="max_score")
        if weight <= 0:
            raise DomainError(
                _("Bobot kriteria %(code)s harus lebih dari nol.") % {"code": self.code},
                field="weight",
            )
        if low >= high:
            raise DomainError(
                _("Nilai terendah kriteria %(code)s harus lebih kecil dari nilai tertingginya.")
                % {"code": self.code},
                field="max_score",
            )


@dataclass(frozen=True)
class Rubric:
    """A round's weighted rubric (data configured per round)."""

    criteria: tuple[RubricCriterion, ...]

    def __post_init__(self) -> None:
        criteria = tuple(self.criteria)
        if not criteria:
            raise DomainError(_("Rubrik penilaian belum memiliki kriteria."), field="criteria")
        codes = [c.code for c in criteria]
        if len(set(codes)) != len(codes):
            raise DomainError(_("Kode kriteria dalam rubrik harus unik."), field="criteria")
        object.__setattr__(self, "criteria", criteria)

    def get(self, code: str | RubricCriterion) -> RubricCriterion:
        """The criterion with this code; an unknown code is refused."""
        key = code.code if isinstance(code, RubricCriterion) else code
        for criterion in self.criteria:
            if criterion.code == key:
                return criterion
        raise DomainError(
            _("Kriteria %(code)s tidak ada dalam rubrik.") % {"code": key}, field="criterion"
        )


def validate_score(rubric: Rubric, criterion: str | RubricCriterion, value) -> Fraction:
    """Check one juror's score on one criterion: a finite number within the criterion's range
    (both ends included). Returns the score as an exact fraction."""
    spec = rubric.get(criterion)
    score = _exact(value, field_name="score")
    if not Fraction(spec.min_score) <= score <= Fraction(spec.max_score):
        raise DomainError(
            _("Nilai untuk %(label)s harus antara %(min)s dan %(max)s.")
            % {"label": spec.label, "min": spec.min_score, "max": spec.max_score},
            field="score",
        )
    return score


@dataclass(frozen=True)
class JurorTotal:
    """One juror's weighted total (0–100) for one proposal, and whether it is an outlier."""

    juror: Hashable
    total: float
    outlier: bool = False
    exact: Fraction = field(default=Fraction(0), repr=False, compare=False)


@dataclass(frozen=True)
class Ranked:
    """A proposal's aggregate and place. Figures are None when no complete review exists (then it
    has no rank and is listed last)."""

    proposal: Hashable
    rank: int | None
    mean: float | None
    lowest: float | None
    highest: float | None
    sd: float | None
    reviews: int
    juror_totals: tuple[JurorTotal, ...]
    criterion_means: Mapping[str, float]
    missing_review: bool
    incomplete_jurors: tuple[Hashable, ...] = ()
    missing_jurors: tuple[Hashable, ...] = ()
    exact_mean: Fraction | None = field(default=None, repr=False, compare=False)

    @property
    def has_outliers(self) -> bool:
        return any(t.outlier for t in self.juror_totals)


def _variance(values: Sequence[Fraction]) -> Fraction:
    mean = sum(values, Fraction(0)) / len(values)
    return sum(((v - mean) ** 2 for v in values), Fraction(0)) / len(values)


def _is_outlier(
    total: Fraction, others: Sequence[Fraction], gap: Fraction, factor: Fraction, min_others: int
) -> bool:
    if len(others) < max(min_others, 1):
        return False
    distance = abs(total - statistics.median(others))
    # distance > max(gap, factor × sd)  ⇔  distance > gap and distance² > factor² × variance
    return distance > gap and distance**2 > factor**2 * _variance(others)


def _tie_key(rule: str, rubric: Rubric, submitted_at: Mapping[Hashable, dt.datetime] | None):
    """A function giving each ranked proposal's tie-break key (larger wins), checked up front."""
    if rule == "highest_min":
        return lambda r, totals, crit_means: min(totals)
    if rule.startswith("criterion:"):
        code = rule.split(":", 1)[1]
        rubric.get(code)
        return lambda r, totals, crit_means: crit_means[code]
    if rule == "earliest_submission":
        if submitted_at is None:
            raise DomainError(
                _(
                    "Aturan seri 'pengiriman paling awal' memerlukan waktu pengiriman setiap usulan."
                ),
                field="tie_break",
            )
        # earlier wins: the key is the negated timestamp (datetimes are compared as given)
        return lambda r, totals, crit_means: -submitted_at[r].timestamp()
    raise DomainError(
        _("Aturan pemecah nilai seri tidak dikenal: %(rule)s. Pilih salah satu: %(rules)s.")
        % {"rule": rule, "rules": ", ".join(TIE_BREAKS)},
        field="tie_break",
    )


def aggregate(
    rubric: Rubric,
    scores: Sequence[tuple[Hashable, Hashable, str, object]],
    *,
    tie_break: str,
    submitted_at: Mapping[Hashable, dt.datetime] | None = None,
    assignments: Mapping[Hashable, Collection[Hashable]] | None = None,
    outlier_min_gap: float | int = 15,
    outlier_sd_factor: float | int = 2,
    outlier_min_others: int = 2,
) -> list[Ranked]:
    """Aggregate jury scores, given as (proposal, juror, criterion code, value) rows, into proposals
    ranked best first (see the module's docstring for every rule).

    `assignments` (proposal → jurors expected to review it) lets a proposal with an assigned juror
    who has not scored it, or proposals nobody scored yet, be flagged as missing reviews. Every score
    is validated against the rubric; a juror scoring the same criterion of a proposal twice is refused.
    """
    key_of = _tie_key(tie_break, rubric, submitted_at)
    gap = _exact(outlier_min_gap, field_name="outlier_min_gap")
    factor = _exact(outlier_sd_factor, field_name="outlier_sd_factor")
    if gap < 0 or factor < 0:
        raise DomainError(_("Batas pencilan tidak boleh negatif."), field="outlier")

    sheets: dict[Hashable, dict[Hashable, dict[str, Fraction]]] = {}
    for row in scores:
        try:
            proposal, juror, code, value = row
        except (TypeError, ValueError):
            raise DomainError(_("Baris nilai juri tidak lengkap."), field="scores") from None
        score = validate_score(rubric, code, value)
        sheet = sheets.setdefault(proposal, {}).setdefault(juror, {})
        if code in sheet:
            raise DomainError(
                _(
                    "Juri %(juror)s memberi nilai %(code)s untuk usulan %(proposal)s lebih dari sekali."
                )
                % {"juror": juror, "code": code, "proposal": proposal},
                field="scores",
            )
        sheet[code] = score
    for proposal in assignments or {}:
        sheets.setdefault(proposal, {})

    weights = {c.code: Fraction(c.weight) for c in rubric.criteria}
    weight_sum = sum(weights.values(), Fraction(0))
    ranges = {c.code: (Fraction(c.min_score), Fraction(c.max_score)) for c in rubric.criteria}

    rows: list[tuple[Hashable, dict]] = []
    for proposal, by_juror in sheets.items():
        complete = {j: s for j, s in by_juror.items() if len(s) == len(weights)}
        incomplete = tuple(j for j in by_juror if j not in complete)
        totals: dict[Hashable, Fraction] = {}
        for juror, sheet in complete.items():
            scaled = (
                weights[c] * (s - ranges[c][0]) / (ranges[c][1] - ranges[c][0]) * 100
                for c, s in sheet.items()
            )
            totals[juror] = sum(scaled, Fraction(0)) / weight_sum
        expected = tuple((assignments or {}).get(proposal, ()))
        missing = tuple(j for j in expected if j not in complete)
        info = {
            "totals": totals,
            "incomplete": incomplete,
            "missing": missing,
            "crit_means": {
                c: sum((s[c] for s in complete.values()), Fraction(0)) / len(complete)
                for c in weights
            }
            if complete
            else {},
        }
        rows.append((proposal, info))

    if tie_break == "earliest_submission":
        given = submitted_at or {}
        lacking = [p for p, info in rows if info["totals"] and p not in given]
        if lacking:
            raise DomainError(
                _("Waktu pengiriman usulan %(proposal)s tidak diketahui.")
                % {"proposal": lacking[0]},
                field="submitted_at",
            )

    def sort_key(item):
        proposal, info = item
        values = list(info["totals"].values())
        mean = sum(values, Fraction(0)) / len(values)
        return (mean, key_of(proposal, values, info["crit_means"]))

    scored = sorted((r for r in rows if r[1]["totals"]), key=sort_key, reverse=True)
    unscored = [r for r in rows if not r[1]["totals"]]

    result: list[Ranked] = []
    previous_key = None
    rank = 0
    for position, item in enumerate(scored, start=1):
        key = sort_key(item)
        if key != previous_key:
            rank, previous_key = position, key
        result.append(_ranked(item, rank, gap=gap, factor=factor, min_others=outlier_min_others))
    result.extend(
        _ranked(item, None, gap=gap, factor=factor, min_others=outlier_min_others)
        for item in unscored
    )
    return result


def _ranked(item, rank: int | None, *, gap: Fraction, factor: Fraction, min_others: int) -> Ranked:
    proposal, info = item
    totals: dict[Hashable, Fraction] = info["totals"]
    juror_totals = tuple(
        JurorTotal(
            juror=juror,
            total=float(total),
            outlier=_is_outlier(
                total, [t for j, t in totals.items() if j != juror], gap, factor, min_others
            ),
            exact=total,
        )
        for juror, total in totals.items()
    )
    values = list(totals.values())
    mean = sum(values, Fraction(0)) / len(values) if values else None
    return Ranked(
        proposal=proposal,
        rank=rank,
        mean=float(mean) if mean is not None else None,
        lowest=float(min(values)) if values else None,
        highest=float(max(values)) if values else None,
        sd=math.sqrt(_variance(values)) if values else None,
        reviews=len(values),
        juror_totals=juror_totals,
        criterion_means={c: float(v) for c, v in info["crit_means"].items()},
        missing_review=bool(info["incomplete"] or info["missing"] or not values),
        incomplete_jurors=info["incomplete"],
        missing_jurors=info["missing"],
        exact_mean=mean,
    )


def top_n(
    ranked: Sequence[Ranked], n: int, *, min_score: float | int | None = None
) -> list[Ranked]:
    """The proposals that advance: rank n or better (proposals sharing the rank at the cut all advance,
    so the list may be longer than n) and, when a threshold is given, a mean of at least `min_score`
    (KIPP 2025: 85). Proposals without a complete review never advance."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise DomainError(_("Jumlah usulan terbaik harus bilangan bulat positif."), field="n")
    threshold = None
    if min_score is not None:
        threshold = _exact(min_score, field_name="min_score")
        if not 0 <= threshold <= 100:
            raise DomainError(_("Nilai ambang harus antara 0 dan 100."), field="min_score")
    return [
        r
        for r in ranked
        if r.rank is not None
        and r.rank <= n
        and r.exact_mean is not None
        and (threshold is None or r.exact_mean >= threshold)
    ]
