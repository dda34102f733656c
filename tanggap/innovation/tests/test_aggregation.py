"""Jury scores: rubric and score validation, the aggregate per proposal on hand-computed numbers,
outliers at their edges, ties under each tie-break rule, shared ranks, and Top N with a threshold."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tanggap.core.errors import DomainError
from tanggap.innovation.aggregation import (
    Rubric,
    RubricCriterion,
    aggregate,
    top_n,
    validate_score,
)


def rubric(*criteria: tuple[str, float, float, float]) -> Rubric:
    return Rubric(
        tuple(RubricCriterion(code, code.title(), w, lo, hi) for code, w, lo, hi in criteria)
    )


# "a" weighs 3, "b" weighs 1, both scored 0–100: a juror's total = (3a + b) / 4.
AB = rubric(("a", 3, 0, 100), ("b", 1, 0, 100))
# One criterion 0–100: a juror's total is the score itself (for outlier and tie cases).
ONE = rubric(("a", 1, 0, 100))


def sheet(proposal, totals: dict) -> list[tuple]:
    """Scores on ONE: juror → total."""
    return [(proposal, juror, "a", value) for juror, value in totals.items()]


def by_proposal(ranked):
    return {r.proposal: r for r in ranked}


# --- rubric and scores --------------------------------------------------------------------------


def test_a_juror_total_scales_each_criterion_range_onto_0_to_100_and_weighs_it():
    mixed = rubric(("inovasi", 3, 0, 10), ("dampak", 2, 0, 10), ("keberlanjutan", 1, 1, 5))
    scores = [("P", "j1", "inovasi", 8), ("P", "j1", "dampak", 6), ("P", "j1", "keberlanjutan", 4)]
    (ranked,) = aggregate(mixed, scores, tie_break="highest_min")
    # inovasi 8/10 → 80; dampak 6/10 → 60; keberlanjutan (4−1)/(5−1) → 75
    # (3·80 + 2·60 + 1·75) / (3+2+1) = (240 + 120 + 75) / 6 = 435 / 6 = 72.5
    assert ranked.mean == 72.5
    assert ranked.criterion_means == {"inovasi": 8, "dampak": 6, "keberlanjutan": 4}


def test_mean_spread_and_standard_deviation_on_hand_computed_numbers():
    scores = [
        ("P", "j1", "a", 80), ("P", "j1", "b", 60),   # (240 + 60) / 4 = 75
        ("P", "j2", "a", 90), ("P", "j2", "b", 90),   # (270 + 90) / 4 = 90
        ("P", "j3", "a", 70), ("P", "j3", "b", 100),  # (210 + 100) / 4 = 77.5
    ]  # fmt: skip
    (r,) = aggregate(AB, scores, tie_break="highest_min")
    # mean = (75 + 90 + 77.5) / 3 = 242.5 / 3 = 80.8333…
    assert r.mean == pytest.approx(242.5 / 3)
    assert (r.lowest, r.highest, r.reviews) == (75, 90, 3)
    # deviations −35/6, 55/6, −20/6 → squares (1225 + 3025 + 400) / 36 = 4650 / 36; / 3 → 43.0555…
    assert r.sd == pytest.approx((4650 / 36 / 3) ** 0.5)  # ≈ 6.5617
    assert [t.total for t in r.juror_totals] == [75, 90, 77.5]
    assert r.criterion_means == {"a": 80, "b": pytest.approx(250 / 3)}
    assert r.rank == 1 and not r.missing_review and not r.has_outliers


def test_decimal_and_float_scores_are_accepted_and_exact():
    scores = [("P", "j1", "a", Decimal("80.5")), ("P", "j1", "b", 0.5)]
    (r,) = aggregate(AB, scores, tie_break="highest_min")
    # (3·80.5 + 0.5) / 4 = 242 / 4 = 60.5
    assert r.mean == 60.5


@pytest.mark.parametrize("value", [0, 100, 0.0, Decimal("100")])
def test_scores_at_both_ends_of_the_range_are_accepted(value):
    assert validate_score(AB, "a", value) == value


@pytest.mark.parametrize(
    "value", [-0.01, 100.01, 101, float("nan"), float("inf"), Decimal("NaN"), "80", True, None]
)
def test_a_score_outside_the_range_or_not_a_finite_number_is_refused(value):
    with pytest.raises(DomainError):
        validate_score(AB, "a", value)


def test_the_refusal_names_the_range_in_indonesian():
    with pytest.raises(DomainError, match="Nilai untuk A harus antara 0 dan 100"):
        validate_score(AB, "a", 120)


def test_a_score_on_an_unknown_criterion_is_refused():
    with pytest.raises(DomainError, match="tidak ada dalam rubrik"):
        validate_score(AB, "z", 5)


def test_aggregate_refuses_an_out_of_range_score_and_a_double_score():
    with pytest.raises(DomainError, match="harus antara"):
        aggregate(AB, [("P", "j1", "a", 150), ("P", "j1", "b", 50)], tie_break="highest_min")
    with pytest.raises(DomainError, match="lebih dari sekali"):
        aggregate(ONE, [("P", "j1", "a", 50), ("P", "j1", "a", 60)], tie_break="highest_min")
    with pytest.raises(DomainError, match="tidak lengkap"):
        aggregate(ONE, [("P", "j1", 50)], tie_break="highest_min")


@pytest.mark.parametrize(
    "criteria",
    [
        (),
        (("a", 0, 0, 10),),  # weight zero
        (("a", -1, 0, 10),),
        (("a", 1, 10, 10),),  # empty range
        (("a", 1, 0, 10), ("a", 1, 0, 5)),  # duplicate code
        (("a", float("nan"), 0, 10),),
    ],
)
def test_an_invalid_rubric_is_refused(criteria):
    with pytest.raises(DomainError):
        rubric(*criteria)


# --- missing reviews ----------------------------------------------------------------------------


def test_partial_and_missing_reviews_are_flagged_and_left_out_of_the_mean():
    scores = [
        ("P", "j1", "a", 80), ("P", "j1", "b", 80),  # complete: 80
        ("P", "j2", "a", 20),                          # partial: no total
    ]  # fmt: skip
    assignments = {"P": ["j1", "j2", "j3"], "Q": ["j1"]}
    ranked = aggregate(AB, scores, tie_break="highest_min", assignments=assignments)
    p, q = ranked
    assert p.proposal == "P" and p.mean == 80 and p.reviews == 1
    assert p.missing_review
    assert p.incomplete_jurors == ("j2",)
    assert p.missing_jurors == ("j2", "j3")
    # nobody scored Q yet: listed last, without figures or rank
    assert q.proposal == "Q" and q.rank is None and q.mean is None and q.missing_review


def test_a_proposal_with_all_assigned_reviews_is_not_flagged():
    scores = sheet("P", {"j1": 50, "j2": 60})
    (r,) = aggregate(ONE, scores, tie_break="highest_min", assignments={"P": ["j1", "j2"]})
    assert not r.missing_review and r.missing_jurors == ()


# --- outliers -----------------------------------------------------------------------------------


def outliers(ranked):
    return {t.juror for r in ranked for t in r.juror_totals if t.outlier}


def test_a_total_exactly_15_points_from_the_others_median_is_not_an_outlier():
    # others 70, 70, 70: median 70, sd 0 → threshold max(15, 2·0) = 15; |85 − 70| = 15, not further
    ranked = aggregate(
        ONE, sheet("P", {"j1": 70, "j2": 70, "j3": 70, "j4": 85}), tie_break="highest_min"
    )
    assert outliers(ranked) == set()


def test_a_total_just_beyond_15_points_is_an_outlier():
    # |85.5 − 70| = 15.5 > 15; each 70 sees others 70, 70, 85.5: median 70, distance 0
    ranked = aggregate(
        ONE, sheet("P", {"j1": 70, "j2": 70, "j3": 70, "j4": 85.5}), tie_break="highest_min"
    )
    assert outliers(ranked) == {"j4"}
    assert ranked[0].has_outliers


def test_when_the_others_disagree_twice_their_sd_sets_the_edge():
    # others 50, 50, 80, 80: median 65, mean 65, variance (4 · 15²) / 4 = 225, sd 15
    # threshold max(15, 2·15) = 30: 95 is exactly 30 away (not flagged), 95.5 is 30.5 away (flagged)
    base = {"j1": 50, "j2": 50, "j3": 80, "j4": 80}
    at_edge = aggregate(ONE, sheet("P", {**base, "j5": 95}), tie_break="highest_min")
    assert outliers(at_edge) == set()
    beyond = aggregate(ONE, sheet("P", {**base, "j5": 95.5}), tie_break="highest_min")
    assert outliers(beyond) == {"j5"}
    low_edge = aggregate(ONE, sheet("P", {**base, "j5": 35}), tie_break="highest_min")
    assert outliers(low_edge) == set()
    below = aggregate(ONE, sheet("P", {**base, "j5": 34.5}), tie_break="highest_min")
    assert outliers(below) == {"j5"}


def test_with_only_one_other_juror_nobody_is_the_outlier():
    ranked = aggregate(ONE, sheet("P", {"j1": 10, "j2": 90}), tie_break="highest_min")
    assert outliers(ranked) == set()


def test_the_outlier_constants_are_parameters():
    scores = sheet("P", {"j1": 70, "j2": 70, "j3": 70, "j4": 85})
    # a 10-point gap flags the 85 (15 > 10)
    assert outliers(aggregate(ONE, scores, tie_break="highest_min", outlier_min_gap=10)) == {"j4"}
    # two others are not enough when three are required: each juror has only two others here
    three = sheet("P", {"j1": 70, "j2": 70, "j3": 99})
    assert outliers(aggregate(ONE, three, tie_break="highest_min")) == {"j3"}
    assert outliers(aggregate(ONE, three, tie_break="highest_min", outlier_min_others=3)) == set()
    with pytest.raises(DomainError):
        aggregate(ONE, scores, tie_break="highest_min", outlier_min_gap=-1)


# --- ranking and ties ---------------------------------------------------------------------------


def test_higher_mean_ranks_first():
    scores = sheet("P", {"j1": 60}) + sheet("Q", {"j1": 90}) + sheet("R", {"j1": 75})
    ranked = aggregate(ONE, scores, tie_break="highest_min")
    assert [(r.proposal, r.rank) for r in ranked] == [("Q", 1), ("R", 2), ("P", 3)]


def test_tie_broken_by_the_highest_lowest_juror_total():
    # all three mean 80: P (80, 80) min 80; Q (70, 90) min 70; R (75, 85) min 75
    scores = (
        sheet("Q", {"j1": 70, "j2": 90})
        + sheet("P", {"j1": 80, "j2": 80})
        + sheet("R", {"j1": 75, "j2": 85})
    )
    ranked = aggregate(ONE, scores, tie_break="highest_min")
    assert [(r.proposal, r.rank, r.mean) for r in ranked] == [
        ("P", 1, 80),
        ("R", 2, 80),
        ("Q", 3, 80),
    ]


def test_tie_broken_by_the_mean_on_a_named_criterion():
    equal = rubric(("a", 1, 0, 100), ("b", 1, 0, 100))
    # P: (80 + 60) / 2 = 70; Q: (60 + 80) / 2 = 70
    scores = [
        ("P", "j1", "a", 80),
        ("P", "j1", "b", 60),
        ("Q", "j1", "a", 60),
        ("Q", "j1", "b", 80),
    ]
    by_b = aggregate(equal, scores, tie_break="criterion:b")
    assert [(r.proposal, r.rank) for r in by_b] == [("Q", 1), ("P", 2)]
    by_a = aggregate(equal, scores, tie_break="criterion:a")
    assert [(r.proposal, r.rank) for r in by_a] == [("P", 1), ("Q", 2)]


def test_tie_broken_by_the_earliest_submission():
    t0 = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.UTC)
    scores = sheet("P", {"j1": 80}) + sheet("Q", {"j1": 80})
    submitted = {"P": t0 + dt.timedelta(minutes=1), "Q": t0}
    ranked = aggregate(ONE, scores, tie_break="earliest_submission", submitted_at=submitted)
    assert [(r.proposal, r.rank) for r in ranked] == [("Q", 1), ("P", 2)]


def test_proposals_still_equal_after_the_rule_share_a_rank():
    # P and Q are equal on mean (80) and lowest total (80); R follows on rank 3, not 2
    scores = sheet("P", {"j1": 80}) + sheet("Q", {"j1": 80}) + sheet("R", {"j1": 70})
    ranked = aggregate(ONE, scores, tie_break="highest_min")
    assert [(r.proposal, r.rank) for r in ranked] == [("P", 1), ("Q", 1), ("R", 3)]
    same_time = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    ranked = aggregate(
        ONE, scores, tie_break="earliest_submission", submitted_at=dict.fromkeys("PQR", same_time)
    )
    assert [r.rank for r in ranked] == [1, 1, 3]
    equal = rubric(("a", 1, 0, 100), ("b", 1, 0, 100))
    tied = [("P", "j", "a", 70), ("P", "j", "b", 70), ("Q", "j", "a", 70), ("Q", "j", "b", 70)]
    assert [r.rank for r in aggregate(equal, tied, tie_break="criterion:a")] == [1, 1]


def test_a_tie_is_exact_whatever_the_order_of_the_scores():
    # (0.1 + 0.2) and (0.2 + 0.1) differ in floating point; the exact mean does not
    equal = rubric(("a", 1, 0, 1), ("b", 1, 0, 1))
    scores = [("P", "j", "a", Decimal("0.1")), ("P", "j", "b", Decimal("0.2"))]
    scores += [("Q", "j", "b", Decimal("0.1")), ("Q", "j", "a", Decimal("0.2"))]
    ranked = aggregate(equal, scores, tie_break="criterion:a")
    assert [(r.proposal, r.rank) for r in ranked] == [("Q", 1), ("P", 2)]


@pytest.mark.parametrize("rule", ["", "random", "criterion:", "criterion:z", "highest_max"])
def test_an_unknown_tie_break_rule_is_refused(rule):
    with pytest.raises(DomainError):
        aggregate(AB, [], tie_break=rule)


def test_earliest_submission_needs_every_scored_proposal_s_time():
    scores = sheet("P", {"j1": 80}) + sheet("Q", {"j1": 80})
    with pytest.raises(DomainError, match="waktu pengiriman"):
        aggregate(ONE, scores, tie_break="earliest_submission")
    with pytest.raises(DomainError, match="Waktu pengiriman usulan Q"):
        aggregate(
            ONE,
            scores,
            tie_break="earliest_submission",
            submitted_at={"P": dt.datetime(2025, 3, 1, tzinfo=dt.UTC)},
        )


# --- Top N --------------------------------------------------------------------------------------


@pytest.fixture
def ranked():
    # means 92, 86, 85, 85, 84.99, and one proposal without a review
    scores = []
    for proposal, total in {"A": 92, "B": 86, "C": 85, "D": 85, "E": Decimal("84.99")}.items():
        scores += sheet(proposal, {"j1": total})
    return aggregate(ONE, scores, tie_break="highest_min", assignments={"F": ["j1"]})


def names(rows):
    return [r.proposal for r in rows]


def test_top_n_takes_the_first_n_ranks(ranked):
    assert names(top_n(ranked, 2)) == ["A", "B"]


def test_top_n_keeps_every_proposal_sharing_the_rank_at_the_cut(ranked):
    # C and D share rank 3
    assert names(top_n(ranked, 3)) == ["A", "B", "C", "D"]


def test_the_threshold_keeps_only_proposals_scoring_at_least_it(ranked):
    # KIPP 2025: ≥ 85 advances; 84.99 does not
    assert names(top_n(ranked, 99, min_score=85)) == ["A", "B", "C", "D"]
    assert names(top_n(ranked, 2, min_score=90)) == ["A"]
    # a proposal without a review never advances
    assert "F" not in names(top_n(ranked, 99))


@pytest.mark.parametrize(
    ("n", "min_score"), [(0, None), (-1, None), (1.5, None), (3, 101), (3, -1)]
)
def test_top_n_refuses_a_bad_count_or_threshold(ranked, n, min_score):
    with pytest.raises(DomainError):
        top_n(ranked, n, min_score=min_score)
