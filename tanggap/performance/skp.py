"""The SKP rules of PermenPANRB 6/2022 (DOMAIN.md §5) as pure functions: the predikat matrix and the
check of a unit's predikat distribution against the unit's own rating.

Neither function touches the database; both refuse a value outside their scale with `InvalidRating`
(a DomainError, so pages show its message, and a ValueError, so plain Python callers can catch it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tanggap.core.errors import DomainError


class Rating(models.TextChoices):
    """A rating of results (hasil kerja) or of behaviour (perilaku kerja)."""

    BAWAH = "bawah", gettext_lazy("Di Bawah Ekspektasi")
    SESUAI = "sesuai", gettext_lazy("Sesuai Ekspektasi")
    ATAS = "atas", gettext_lazy("Di Atas Ekspektasi")


class Predikat(models.TextChoices):
    """An official's year-end predikat, from the two ratings."""

    SANGAT_BAIK = "sangat_baik", gettext_lazy("Sangat Baik")
    BAIK = "baik", gettext_lazy("Baik")
    BUTUH_PERBAIKAN = "butuh_perbaikan", gettext_lazy("Butuh Perbaikan")
    KURANG = "kurang", gettext_lazy("Kurang/Misconduct")
    SANGAT_KURANG = "sangat_kurang", gettext_lazy("Sangat Kurang")


class UnitRating(models.TextChoices):
    """A unit's own performance rating, which sets the rules for its members' predikat."""

    ISTIMEWA = "istimewa", gettext_lazy("Istimewa")
    BAIK = "baik", gettext_lazy("Baik")
    BUTUH_PERBAIKAN = "butuh_perbaikan", gettext_lazy("Butuh Perbaikan")
    KURANG = "kurang", gettext_lazy("Kurang")
    SANGAT_KURANG = "sangat_kurang", gettext_lazy("Sangat Kurang")


class Behaviour(models.TextChoices):
    """The seven BerAKHLAK core values on which behaviour (perilaku kerja) is reviewed."""

    BERORIENTASI_PELAYANAN = "berorientasi_pelayanan", gettext_lazy("Berorientasi Pelayanan")
    AKUNTABEL = "akuntabel", gettext_lazy("Akuntabel")
    KOMPETEN = "kompeten", gettext_lazy("Kompeten")
    HARMONIS = "harmonis", gettext_lazy("Harmonis")
    LOYAL = "loyal", gettext_lazy("Loyal")
    ADAPTIF = "adaptif", gettext_lazy("Adaptif")
    KOLABORATIF = "kolaboratif", gettext_lazy("Kolaboratif")


class InvalidRating(DomainError, ValueError):
    """A rating, predikat or unit rating outside its scale; nothing was computed."""

    code = "invalid_rating"


# Rows: hasil kerja; columns: perilaku kerja (DOMAIN.md §5).
MATRIX: Mapping[tuple[Rating, Rating], Predikat] = {
    (Rating.ATAS, Rating.BAWAH): Predikat.KURANG,
    (Rating.ATAS, Rating.SESUAI): Predikat.BAIK,
    (Rating.ATAS, Rating.ATAS): Predikat.SANGAT_BAIK,
    (Rating.SESUAI, Rating.BAWAH): Predikat.KURANG,
    (Rating.SESUAI, Rating.SESUAI): Predikat.BAIK,
    (Rating.SESUAI, Rating.ATAS): Predikat.BAIK,
    (Rating.BAWAH, Rating.BAWAH): Predikat.SANGAT_KURANG,
    (Rating.BAWAH, Rating.SESUAI): Predikat.BUTUH_PERBAIKAN,
    (Rating.BAWAH, Rating.ATAS): Predikat.BUTUH_PERBAIKAN,
}


def _member(choices: type[models.TextChoices], value, message: str, *, field: str | None = None):
    # Exact values only: "Atas", " atas", None or 1 are refused rather than guessed at.
    if isinstance(value, str) and value in choices.values:
        return choices(value)
    raise InvalidRating(message, field=field)


def parse_rating(value, *, field: str) -> Rating:
    """`value` as a Rating, or InvalidRating naming the field (hasil_kerja or perilaku)."""
    return _member(
        Rating,
        value,
        _("Penilaian harus salah satu dari: di bawah, sesuai, atau di atas ekspektasi."),
        field=field,
    )


def predikat(hasil_kerja, perilaku) -> Predikat:
    """The predikat for a results rating and a behaviour rating ("bawah" | "sesuai" | "atas")."""
    return MATRIX[
        (parse_rating(hasil_kerja, field="hasil_kerja"), parse_rating(perilaku, field="perilaku"))
    ]


# --- the unit's distribution ----------------------------------------------------------------------


@dataclass(frozen=True)
class ShareRule:
    """A bound on the share of a unit's members whose predikat is one of `predikats`.

    `kind` is "at_most" or "at_least" a `percent` of the members, or "some" (at least one member)."""

    kind: str
    predikats: frozenset[Predikat]
    percent: int = 0


def _rule(kind: str, percent: int, *predikats: Predikat) -> ShareRule:
    return ShareRule(kind=kind, predikats=frozenset(predikats), percent=percent)


P = Predikat
# DOMAIN.md §5 ("common practice, from circulars"): callers may pass their own table instead.
DEFAULT_DISTRIBUTION_RULES: Mapping[UnitRating, tuple[ShareRule, ...]] = {
    UnitRating.ISTIMEWA: (_rule("at_most", 70, P.SANGAT_BAIK),),
    UnitRating.BAIK: (
        _rule("at_most", 70, P.BAIK),
        _rule("some", 0, P.BUTUH_PERBAIKAN, P.KURANG),
    ),
    UnitRating.BUTUH_PERBAIKAN: (
        _rule("at_least", 60, P.BUTUH_PERBAIKAN),
        _rule("at_most", 10, P.SANGAT_BAIK),
    ),
    UnitRating.KURANG: (
        _rule("at_least", 60, P.KURANG),
        _rule("at_least", 10, P.BUTUH_PERBAIKAN),
        _rule("at_most", 10, P.SANGAT_BAIK),
    ),
    UnitRating.SANGAT_KURANG: (
        _rule("at_least", 60, P.SANGAT_KURANG),
        _rule("at_most", 0, P.SANGAT_BAIK),
    ),
}


@dataclass(frozen=True)
class Violation:
    """One distribution rule that a unit's predikat break: a warning to show, never a block."""

    rule: ShareRule
    count: int
    total: int
    message: str


def _names(predikats: frozenset[Predikat]) -> str:
    ordered = [p for p in Predikat if p in predikats]
    return _(" atau ").join(str(p.label) for p in ordered)


def _message(rule: ShareRule, unit_rating: UnitRating, count: int, total: int) -> str:
    params = {
        "names": _names(rule.predikats),
        "percent": rule.percent,
        "unit": unit_rating.label,
        "count": count,
        "total": total,
    }
    if rule.kind == "some":
        text = _(
            "Unit berpredikat %(unit)s harus memiliki sedikitnya satu pegawai berpredikat "
            "%(names)s; saat ini tidak ada dari %(total)s pegawai."
        )
    elif rule.kind == "at_least":
        text = _(
            "Unit berpredikat %(unit)s: sedikitnya %(percent)s%% pegawai harus berpredikat "
            "%(names)s; saat ini %(count)s dari %(total)s pegawai."
        )
    elif rule.percent == 0:
        text = _(
            "Unit berpredikat %(unit)s tidak boleh memiliki pegawai berpredikat %(names)s; "
            "saat ini %(count)s dari %(total)s pegawai."
        )
    else:
        text = _(
            "Unit berpredikat %(unit)s: paling banyak %(percent)s%% pegawai berpredikat "
            "%(names)s; saat ini %(count)s dari %(total)s pegawai."
        )
    return text % params


def _broken(rule: ShareRule, count: int, total: int) -> bool:
    # Integer arithmetic: exactly at the limit is within it (7 of 10 is 70%, not 70.0000001%).
    if rule.kind == "at_most":
        return count * 100 > rule.percent * total
    if rule.kind == "at_least":
        return count * 100 < rule.percent * total
    if rule.kind == "some":
        return count == 0
    raise ValueError(f"unknown rule kind {rule.kind!r}")


def distribution_check(
    unit_rating,
    predikats: Iterable,
    *,
    rules: Mapping[UnitRating, tuple[ShareRule, ...]] | None = None,
) -> list[Violation]:
    """The rules that the members' predikat break for a unit with `unit_rating` (empty when none).

    `predikats` holds one predikat per member of the unit. A unit with no rated members breaks nothing:
    there is no distribution to check yet."""
    rating = _member(
        UnitRating,
        unit_rating,
        _(
            "Predikat unit harus salah satu dari: istimewa, baik, butuh perbaikan, kurang, sangat kurang."
        ),
    )
    message = _("Predikat pegawai tidak dikenal.")
    counts = Counter(_member(Predikat, value, message) for value in predikats)
    total = sum(counts.values())
    if total == 0:
        return []
    table = DEFAULT_DISTRIBUTION_RULES if rules is None else rules
    violations = []
    for rule in table.get(rating, ()):
        count = sum(counts[p] for p in rule.predikats)
        if _broken(rule, count, total):
            violations.append(
                Violation(
                    rule=rule,
                    count=count,
                    total=total,
                    message=_message(rule, rating, count, total),
                )
            )
    return violations
