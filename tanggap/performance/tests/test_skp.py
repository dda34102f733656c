"""The predikat matrix and the distribution rules of DOMAIN.md §5, as pure functions."""

from __future__ import annotations

import pytest
from django.utils import translation

from tanggap.core.errors import DomainError
from tanggap.performance.skp import (
    InvalidRating,
    Predikat,
    ShareRule,
    UnitRating,
    distribution_check,
    predikat,
)

NINE = [
    ("atas", "bawah", "kurang"),
    ("atas", "sesuai", "baik"),
    ("atas", "atas", "sangat_baik"),
    ("sesuai", "bawah", "kurang"),
    ("sesuai", "sesuai", "baik"),
    ("sesuai", "atas", "baik"),
    ("bawah", "bawah", "sangat_kurang"),
    ("bawah", "sesuai", "butuh_perbaikan"),
    ("bawah", "atas", "butuh_perbaikan"),
]


@pytest.mark.parametrize(("hasil", "perilaku", "expected"), NINE)
def test_predikat_follows_the_matrix_for_all_nine_pairs(hasil, perilaku, expected):
    result = predikat(hasil, perilaku)
    assert result == expected
    assert isinstance(result, Predikat)


def test_the_matrix_gives_every_predikat():
    assert {predikat(h, p) for h, p, _ in NINE} == set(Predikat)


BAD = [
    None,
    "",
    " atas",
    "atas ",
    "Atas",
    "ATAS",
    "di atas",
    "tinggi",
    1,
    0,
    True,
    2.5,
    ["atas"],
    b"atas",
]


@pytest.mark.parametrize("bad", BAD, ids=repr)
def test_predikat_refuses_a_results_rating_outside_the_scale(bad):
    with pytest.raises(InvalidRating) as caught:
        predikat(bad, "sesuai")
    assert caught.value.field == "hasil_kerja"


@pytest.mark.parametrize("bad", BAD, ids=repr)
def test_predikat_refuses_a_behaviour_rating_outside_the_scale(bad):
    with pytest.raises(InvalidRating) as caught:
        predikat("sesuai", bad)
    assert caught.value.field == "perilaku"


def test_a_refused_rating_is_a_value_error_and_a_domain_error_with_a_translated_message():
    with pytest.raises(ValueError) as caught:
        predikat("baik", "atas")
    assert isinstance(caught.value, DomainError)
    assert "ekspektasi" in str(caught.value.message)
    with translation.override("en"), pytest.raises(InvalidRating) as english:
        predikat("baik", "atas")
    assert "expectations" in str(english.value.message)


def _staff(**counts):
    return [p for p, n in counts.items() for _ in range(n)]


def _kinds(violations):
    return [(v.rule.kind, sorted(v.rule.predikats), v.rule.percent) for v in violations]


# --- Istimewa: at most 70% Sangat Baik ---


def test_istimewa_unit_may_have_exactly_70_percent_sangat_baik():
    assert distribution_check("istimewa", _staff(sangat_baik=7, baik=3)) == []


def test_istimewa_unit_is_warned_just_over_70_percent_sangat_baik():
    violations = distribution_check("istimewa", _staff(sangat_baik=71, baik=29))
    assert _kinds(violations) == [("at_most", ["sangat_baik"], 70)]
    assert (violations[0].count, violations[0].total) == (71, 100)
    assert "70%" in violations[0].message and "71 dari 100" in violations[0].message


# --- Baik: at most 70% Baik, and some Butuh Perbaikan or Kurang ---


def test_baik_unit_at_the_limits_passes():
    assert distribution_check("baik", _staff(baik=7, sangat_baik=2, butuh_perbaikan=1)) == []
    assert distribution_check("baik", _staff(baik=7, sangat_baik=2, kurang=1)) == []


def test_baik_unit_is_warned_just_over_70_percent_baik():
    violations = distribution_check("baik", _staff(baik=71, sangat_baik=28, kurang=1))
    assert _kinds(violations) == [("at_most", ["baik"], 70)]


def test_baik_unit_without_any_butuh_perbaikan_or_kurang_is_warned():
    violations = distribution_check("baik", _staff(baik=7, sangat_baik=3))
    assert _kinds(violations) == [("some", ["butuh_perbaikan", "kurang"], 0)]
    assert "sedikitnya satu" in violations[0].message


def test_baik_unit_can_break_both_rules_at_once():
    assert len(distribution_check("baik", _staff(baik=10))) == 2


# --- Butuh Perbaikan: at least 60% Butuh Perbaikan, at most 10% Sangat Baik ---


def test_butuh_perbaikan_unit_at_the_limits_passes():
    staff = _staff(butuh_perbaikan=6, sangat_baik=1, baik=3)
    assert distribution_check("butuh_perbaikan", staff) == []


def test_butuh_perbaikan_unit_just_under_60_percent_is_warned():
    staff = _staff(butuh_perbaikan=59, sangat_baik=10, baik=31)
    assert _kinds(distribution_check("butuh_perbaikan", staff)) == [
        ("at_least", ["butuh_perbaikan"], 60)
    ]


def test_butuh_perbaikan_unit_just_over_10_percent_sangat_baik_is_warned():
    staff = _staff(butuh_perbaikan=60, sangat_baik=11, baik=29)
    assert _kinds(distribution_check("butuh_perbaikan", staff)) == [
        ("at_most", ["sangat_baik"], 10)
    ]


# --- Kurang: at least 60% Kurang, at least 10% Butuh Perbaikan, at most 10% Sangat Baik ---


def test_kurang_unit_at_the_limits_passes():
    staff = _staff(kurang=6, butuh_perbaikan=1, sangat_baik=1, baik=2)
    assert distribution_check("kurang", staff) == []


def test_kurang_unit_just_under_60_percent_kurang_is_warned():
    staff = _staff(kurang=59, butuh_perbaikan=10, sangat_baik=10, baik=21)
    assert _kinds(distribution_check("kurang", staff)) == [("at_least", ["kurang"], 60)]


def test_kurang_unit_just_under_10_percent_butuh_perbaikan_is_warned():
    staff = _staff(kurang=60, butuh_perbaikan=9, sangat_baik=10, baik=21)
    assert _kinds(distribution_check("kurang", staff)) == [("at_least", ["butuh_perbaikan"], 10)]


def test_kurang_unit_just_over_10_percent_sangat_baik_is_warned():
    staff = _staff(kurang=60, butuh_perbaikan=10, sangat_baik=11, baik=19)
    assert _kinds(distribution_check("kurang", staff)) == [("at_most", ["sangat_baik"], 10)]


# --- Sangat Kurang: at least 60% Sangat Kurang, no Sangat Baik ---


def test_sangat_kurang_unit_at_the_limit_passes():
    staff = _staff(sangat_kurang=6, kurang=2, baik=2)
    assert distribution_check("sangat_kurang", staff) == []


def test_sangat_kurang_unit_just_under_60_percent_is_warned():
    staff = _staff(sangat_kurang=59, kurang=41)
    assert _kinds(distribution_check("sangat_kurang", staff)) == [
        ("at_least", ["sangat_kurang"], 60)
    ]


def test_sangat_kurang_unit_with_a_single_sangat_baik_is_warned():
    violations = distribution_check("sangat_kurang", _staff(sangat_kurang=99, sangat_baik=1))
    assert _kinds(violations) == [("at_most", ["sangat_baik"], 0)]
    assert "tidak boleh" in violations[0].message


# --- the check itself ---


def test_a_unit_without_rated_members_breaks_no_rule():
    for rating in UnitRating:
        assert distribution_check(rating, []) == []


def test_rules_can_be_configured():
    rules = {UnitRating.ISTIMEWA: (ShareRule("at_most", frozenset({Predikat.SANGAT_BAIK}), 50),)}
    staff = _staff(sangat_baik=6, baik=4)
    assert distribution_check("istimewa", staff) == []
    assert len(distribution_check("istimewa", staff, rules=rules)) == 1


def test_the_warning_reads_in_english_by_the_switch():
    with translation.override("en"):
        violations = distribution_check("istimewa", _staff(sangat_baik=8, baik=2))
    assert "at most 70%" in violations[0].message


@pytest.mark.parametrize("bad", [None, "", "Istimewa", "sangat baik", 1, "excellent"], ids=repr)
def test_distribution_check_refuses_an_unknown_unit_rating(bad):
    with pytest.raises(InvalidRating):
        distribution_check(bad, ["baik"])


@pytest.mark.parametrize("bad", [None, "", "Baik", "misconduct", 3], ids=repr)
def test_distribution_check_refuses_an_unknown_member_predikat(bad):
    with pytest.raises(InvalidRating):
        distribution_check("baik", ["baik", bad])
