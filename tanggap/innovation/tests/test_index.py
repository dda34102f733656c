"""The Indeks Inovasi Daerah: its bands, the index on a hand-computed scheme, what-if and best fixes,
and the 2023 seed scheme."""

from decimal import Decimal as D

import pytest

from tanggap.core.errors import DomainError
from tanggap.innovation.index import (
    Band,
    MissingEvidence,
    best_fixes,
    compute_index,
    iid_band,
    innovation_score,
    what_if,
)
from tanggap.innovation.scheme import IndicatorSpec, Scheme
from tanggap.innovation.schemes.iid_2023 import COUNT_STEPS, INDICATORS, scheme_2023

# ---------------------------------------------------------------- bands


@pytest.mark.parametrize(
    "index, band",
    [
        (0, Band.TIDAK_DAPAT_DINILAI),
        (D("0.00"), Band.TIDAK_DAPAT_DINILAI),
        (D("0.01"), Band.KURANG_INOVATIF),
        (D("34.99"), Band.KURANG_INOVATIF),
        (D("35.00"), Band.INOVATIF),
        (35, Band.INOVATIF),
        (D("60.00"), Band.INOVATIF),
        (D("60.01"), Band.SANGAT_INOVATIF),
        (100, Band.SANGAT_INOVATIF),
        (D("100.00"), Band.SANGAT_INOVATIF),
    ],
)
def test_every_band_edge_falls_in_the_band_the_rules_give(index, band):
    assert iid_band(index) == band


@pytest.mark.parametrize(
    "index, band",
    [
        ("34.994", Band.KURANG_INOVATIF),
        ("34.995", Band.INOVATIF),
        ("60.004", Band.INOVATIF),
        ("60.005", Band.SANGAT_INOVATIF),
        ("0.004", Band.TIDAK_DAPAT_DINILAI),
        ("0.005", Band.KURANG_INOVATIF),
        ("-0.004", Band.TIDAK_DAPAT_DINILAI),  # rounds to 0,00
        ("100.004", Band.SANGAT_INOVATIF),  # rounds to 100,00
    ],
)
def test_the_index_is_rounded_half_up_to_two_decimals_before_banding(index, band):
    assert iid_band(D(index)) == band
    # A float keeps its written value: 34.995 is not taken as 34.99499999...
    assert iid_band(float(index)) == band


@pytest.mark.parametrize(
    "value",
    [
        float("nan"),
        D("NaN"),
        D("sNaN"),
        float("inf"),
        D("-Infinity"),
        D("-0.01"),
        -1,
        D("100.01"),
        D("100.005"),  # rounds to 100,01
        101,
        "abc",
        "50",
        None,
        True,
        False,
        [50],
    ],
)
def test_the_band_refuses_anything_but_a_finite_number_from_0_to_100(value):
    with pytest.raises(DomainError) as caught:
        iid_band(value)
    assert caught.value.code == "invalid_index"
    assert "antara 0 dan 100" in str(caught.value)


def test_bands_have_indonesian_labels_and_the_agreed_values():
    assert [b.value for b in Band] == [
        "sangat_inovatif",
        "inovatif",
        "kurang_inovatif",
        "tidak_dapat_dinilai",
    ]
    assert Band.SANGAT_INOVATIF.label == "Sangat Inovatif"
    assert Band.TIDAK_DAPAT_DINILAI.label == "Tidak Dapat Dinilai"


# ---------------------------------------------------------------- a hand-computed scheme
#
# SPD: P1 max 10, levels (5, 10); P2 max 10, levels (2, 6, 10)          → SPD max 20
# SID: S1 max 20, levels (10, 20); S2 max 20, levels (5, 10, 20); S3 max 10, levels (0, 10)
#                                                                         → one innovation's max 50
# count steps: n ≥ 1 → 5, n ≥ 5 → 10, n ≥ 10 → 15                        → count max 15
# max score = 20 + 50 + 15 = 85


def small_scheme() -> Scheme:
    def spec(code, aspect, max_score, *levels):
        return IndicatorSpec(code, code, aspect, D(max_score), tuple(D(x) for x in levels))

    return Scheme(
        year=2099,
        indicators=(
            spec("P1", "spd", 10, 5, 10),
            spec("P2", "spd", 10, 2, 6, 10),
            spec("S1", "sid", 20, 10, 20),
            spec("S2", "sid", 20, 5, 10, 20),
            spec("S3", "sid", 10, 0, 10),
        ),
        count_steps=((1, D(5)), (5, D(10)), (10, D(15))),
    )


SPD = {"P1": 2, "P2": None}  # P1 level 2 → 10; P2 missing → 0; SPD = 10
THREE_INNOVATIONS = [
    {"S1": 2, "S2": 3, "S3": 2},  # 20 + 20 + 10 = 50
    {"S1": 1, "S2": 1},  # 10 + 5 + (S3 missing) 0 = 15
    {"S1": 2, "S2": 99, "S3": 1},  # 20 + (level 99 invalid) 0 + (level 1 is worth) 0 = 20
]
# Σ = 85; n = 3 so divide by MAX(10, 3) = 10 → 8,5; count n = 3 → 5
# score = 10 + 8,5 + 5 = 23,5; index = 23,5 / 85 × 100 = 27,647… → 27,65 (kurang inovatif)


def test_the_index_of_three_innovations_is_the_hand_computed_one():
    result = compute_index(small_scheme(), SPD, THREE_INNOVATIONS)
    assert result.spd_score == D(10)
    assert result.innovation_scores == (D(50), D(15), D(20))
    assert result.sid_score == D("8.5")
    assert result.count_score == D(5)
    assert result.score == D("23.5")
    assert result.max_score == D(85)
    assert result.index == D("27.65")
    assert result.band == Band.KURANG_INOVATIF


def test_contributions_are_what_each_indicator_added_averaged_as_the_formula_does():
    result = compute_index(small_scheme(), SPD, THREE_INNOVATIONS)
    points = {c.code: c.points for c in result.contributions}
    # P1 10, P2 0; S1 (20+10+20)/10 = 5; S2 (20+5+0)/10 = 2,5; S3 (10+0+0)/10 = 1; count 5
    assert points == {
        "P1": D(10),
        "P2": D(0),
        "S1": D(5),
        "S2": D("2.5"),
        "S3": D(1),
        "jumlah_inovasi": D(5),
    }
    assert sum(points.values()) == result.score
    s1 = next(c for c in result.contributions if c.code == "S1")
    assert s1.index_points.quantize(D("0.01")) == D("5.88")  # 5 / 85 × 100


def test_missing_and_invalid_evidence_score_zero_and_are_listed():
    result = compute_index(small_scheme(), SPD, THREE_INNOVATIONS)
    assert result.missing == (
        MissingEvidence(None, "P2"),
        MissingEvidence(1, "S3"),
        MissingEvidence(2, "S2"),
    )


def test_twelve_innovations_divide_by_twelve_not_ten():
    innovations = [{"S1": 2, "S2": 2} for _ in range(12)]  # 20 + 10 + 0 = 30 each
    result = compute_index(small_scheme(), {"P1": 1, "P2": 1}, innovations)
    # SPD 5 + 2 = 7; Σ = 360 / MAX(10, 12) = 30; count n = 12 → 15
    # score = 7 + 30 + 15 = 52; index = 52 / 85 × 100 = 61,176… → 61,18 (sangat inovatif)
    assert result.sid_score == D(30)
    assert result.count_score == D(15)
    assert result.score == D(52)
    assert result.index == D("61.18")
    assert result.band == Band.SANGAT_INOVATIF
    assert result.missing == tuple(MissingEvidence(i, "S3") for i in range(12))


def test_a_region_with_nothing_cannot_be_assessed():
    result = compute_index(small_scheme(), {}, [])
    assert (result.score, result.index, result.band) == (D(0), D("0.00"), Band.TIDAK_DAPAT_DINILAI)
    assert result.missing == (MissingEvidence(None, "P1"), MissingEvidence(None, "P2"))


def test_innovation_score_sums_the_levels_and_zeroes_bad_evidence():
    scheme = small_scheme()
    assert innovation_score(scheme, THREE_INNOVATIONS[0]) == D(50)
    assert innovation_score(scheme, {}) == D(0)
    # a bool, a text, level 0 and a level past the table are not evidence levels
    assert innovation_score(scheme, {"S1": True, "S2": "3", "S3": 0}) == D(0)
    assert innovation_score(scheme, {"S1": 3, "S2": 2, "P1": 2, "unknown": 1}) == D(10)


@pytest.mark.parametrize("innovations", ["abc", {"S1": 1}, None, [["S1"]]])
def test_the_index_refuses_innovations_that_are_not_a_list_of_evidence(innovations):
    with pytest.raises(DomainError):
        compute_index(small_scheme(), SPD, innovations)


# ---------------------------------------------------------------- what-if and best fixes


def test_what_if_raises_the_index_by_the_hand_computed_amount():
    scheme = small_scheme()
    before = compute_index(scheme, SPD, THREE_INNOVATIONS)
    after = what_if(scheme, SPD, THREE_INNOVATIONS, {2: {"S2": 3}, None: {"P2": 2}})
    # SPD 10 + 6 = 16; Σ 85 + 20 = 105 / 10 = 10,5; count 5
    # score = 31,5; index = 31,5 / 85 × 100 = 37,058… → 37,06 (inovatif): 9,41 higher than 27,65
    assert after.score == D("31.5")
    assert after.index == D("37.06")
    assert after.index - before.index == D("9.41")
    assert after.band == Band.INOVATIF
    assert after.missing == (MissingEvidence(1, "S3"),)
    assert compute_index(scheme, SPD, THREE_INNOVATIONS) == before  # the inputs were not changed


@pytest.mark.parametrize(
    "fixes",
    [
        {3: {"S1": 2}},  # no fourth innovation
        {-1: {"S1": 2}},
        {True: {"S1": 2}},
        {0: {"P1": 2}},  # an SPD indicator on an innovation
        {None: {"S1": 2}},  # an SID indicator on the region
        {0: {"X9": 1}},
        {0: {"S1": 3}},  # S1 has two levels
        {0: {"S1": None}},
        {0: "S1"},
        "abc",
    ],
)
def test_what_if_refuses_fixes_the_scheme_does_not_have(fixes):
    with pytest.raises(DomainError):
        what_if(small_scheme(), SPD, THREE_INNOVATIONS, fixes)


def test_best_fixes_rank_missing_evidence_by_what_each_alone_would_add():
    fixes = best_fixes(small_scheme(), SPD, THREE_INNOVATIONS)
    # P2 → level 3 (10): score 33,5 → 39,41 (+11,76)
    # innovation 2, S2 → level 3 (20 / 10 = 2): score 25,5 → 30,00 (+2,35)
    # innovation 1, S3 → level 2 (10 / 10 = 1): score 24,5 → 28,82 (+1,17)
    assert [(f.innovation, f.code, f.level) for f in fixes] == [
        (None, "P2", 3),
        (2, "S2", 3),
        (1, "S3", 2),
    ]
    assert [f.score_gain for f in fixes] == [D(10), D(2), D(1)]
    assert [f.new_index for f in fixes] == [D("39.41"), D("30.00"), D("28.82")]
    assert [f.index_gain for f in fixes] == [D("11.76"), D("2.35"), D("1.17")]


def test_best_fixes_with_equal_gains_keep_the_listing_order():
    innovations = [{"S1": 1, "S2": 1}, {"S1": 1, "S2": 1}]  # S3 missing in both: 1 point each
    fixes = best_fixes(small_scheme(), {"P1": 2, "P2": 3}, innovations)
    assert [(f.innovation, f.code) for f in fixes] == [(0, "S3"), (1, "S3")]


def test_nothing_missing_means_nothing_to_fix():
    full = [{"S1": 2, "S2": 3, "S3": 2}]
    assert best_fixes(small_scheme(), {"P1": 2, "P2": 3}, full) == []


# ---------------------------------------------------------------- the scheme is checked data


@pytest.mark.parametrize(
    "make",
    [
        lambda: IndicatorSpec("A", "A", "other", D(1), (D(1),)),
        lambda: IndicatorSpec("", "A", "spd", D(1), (D(1),)),
        lambda: IndicatorSpec("A", "A", "spd", D(2), (D(1),)),  # top level below the maximum
        lambda: IndicatorSpec("A", "A", "spd", D(1), (D(-1), D(1))),
        lambda: IndicatorSpec("A", "A", "spd", D(1), ()),
        lambda: IndicatorSpec("A", "A", "spd", D("NaN"), (D(1),)),
        lambda: Scheme(2099, small_scheme().indicators * 2, ()),
        lambda: Scheme(2099, small_scheme().aspect("spd"), ()),
        lambda: Scheme(2099, small_scheme().indicators, ((5, D(1)), (1, D(2)))),
        lambda: Scheme(2099, small_scheme().indicators, ((1, D(1)), (1, D(2)))),
        lambda: Scheme(2099, small_scheme().indicators, ((1, D(-1)),)),
    ],
)
def test_a_malformed_scheme_is_refused(make):
    with pytest.raises(DomainError) as caught:
        make()
    assert caught.value.code == "invalid_scheme"


# ---------------------------------------------------------------- the 2023 seed


def test_the_2023_seed_has_36_indicators_in_the_two_aspects():
    scheme = scheme_2023()
    assert scheme.year == 2023
    assert len(scheme.indicators) == len(INDICATORS) == 36
    assert len({i.code for i in scheme.indicators}) == 36
    assert all(i.name for i in scheme.indicators)
    assert len(scheme.aspect("spd")) + len(scheme.aspect("sid")) == 36


def test_the_2023_seed_weighs_spd_25_2_and_sid_74_8():
    scheme = scheme_2023()
    spd = sum(i.max_score for i in scheme.aspect("spd"))
    sid = sum(i.max_score for i in scheme.aspect("sid"))
    assert spd == D("25.2")
    assert sid + scheme.count_max == D(
        "74.8"
    )  # the innovation-count score is part of the SID share
    assert scheme.max_score == D(100)
    assert [count for count, _score in COUNT_STEPS] == sorted(c for c, _s in COUNT_STEPS)


def test_the_2023_seed_level_tables_are_valid():
    for indicator in scheme_2023().indicators:
        scores = indicator.level_scores
        assert len(scores) >= 2, indicator.code
        assert list(scores) == sorted(scores), indicator.code
        assert all(D(0) <= s <= indicator.max_score for s in scores), indicator.code
        assert scores[-1] == indicator.max_score, indicator.code


def test_the_2023_seed_full_evidence_scores_100_and_none_scores_0():
    scheme = scheme_2023()
    full_spd = {i.code: i.top_level for i in scheme.aspect("spd")}
    full = {i.code: i.top_level for i in scheme.aspect("sid")}
    result = compute_index(scheme, full_spd, [full] * 20)
    assert (result.index, result.band, result.missing) == (D("100.00"), Band.SANGAT_INOVATIF, ())
    assert compute_index(scheme, {}, []).band == Band.TIDAK_DAPAT_DINILAI
