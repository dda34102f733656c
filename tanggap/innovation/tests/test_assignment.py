"""Jury assignment (tanggap/innovation/assignment.py): never a conflicted pair, exactly k distinct jurors per
proposal, balanced loads, maximal preference (against brute force), clear refusals, org-chart conflicts."""

import itertools
import random

import pytest

from tanggap.core.errors import DomainError
from tanggap.innovation.assignment import assign_reviews, org_conflicts


def check(result, proposals, jurors, k, conflicts, low, high):
    assert set(result.pairs) == set(proposals)
    for p, assigned in result.pairs.items():
        assert len(assigned) == k
        assert len(set(assigned)) == k
        assert set(assigned) <= set(jurors)
        for j in assigned:
            assert (p, j) not in conflicts
    loads = {j: sum(j in a for a in result.pairs.values()) for j in jurors}
    assert loads == result.loads
    assert all(low <= load <= high for load in loads.values())


@pytest.mark.parametrize("seed", range(8))
def test_random_instances_with_many_conflicts(seed):
    rng = random.Random(seed)
    proposals = [f"p{i}" for i in range(rng.randint(20, 60))]
    jurors = [f"j{i}" for i in range(rng.randint(6, 12))]
    k = rng.randint(1, 3)
    conflicts = {(p, j) for p in proposals for j in jurors if rng.random() < 0.3}
    for p in proposals:  # keep it feasible: every proposal keeps at least k + 1 eligible jurors
        eligible = [j for j in jurors if (p, j) not in conflicts]
        for j in jurors[: max(0, k + 1 - len(eligible))]:
            conflicts.discard((p, j))
    preference = {(p, j): rng.random() for p in proposals for j in jurors}
    total = len(proposals) * k
    low, high = total // len(jurors), -(-total // len(jurors))
    result = assign_reviews(
        proposals=proposals, jurors=jurors, k=k, conflicts=conflicts, preference=preference
    )
    check(result, proposals, jurors, k, conflicts, low, high)
    assert result.optimal
    assert result.mip_gap == pytest.approx(0, abs=1e-9)
    assert result.objective == pytest.approx(result.dual_bound, abs=1e-6)
    assert result.preference == pytest.approx(
        sum(preference[(p, j)] for p, js in result.pairs.items() for j in js)
    )
    assert result.load_range == (low, high)


def brute_force_best(proposals, jurors, k, conflicts, preference, low, high):
    options = [
        [c for c in itertools.combinations(jurors, k) if not any((p, j) in conflicts for j in c)]
        for p in proposals
    ]
    best = None
    for choice in itertools.product(*options):
        loads = {j: 0 for j in jurors}
        for c in choice:
            for j in c:
                loads[j] += 1
        if not all(low <= v <= high for v in loads.values()):
            continue
        value = sum(
            preference.get((p, j), 0) for p, c in zip(proposals, choice, strict=True) for j in c
        )
        best = value if best is None else max(best, value)
    return best


@pytest.mark.parametrize("seed", range(6))
def test_preference_is_maximal_against_brute_force(seed):
    rng = random.Random(100 + seed)
    proposals = ["a", "b", "c", "d", "e"]
    jurors = ["x", "y", "z", "w"]
    k = 2
    conflicts = {(p, j) for p in proposals for j in jurors if rng.random() < 0.15}
    preference = {
        (p, j): rng.choice([0, 1, 2, 3, 5]) + rng.random() / 10 for p in proposals for j in jurors
    }
    low, high = 2, 3  # 10 reviews over 4 jurors
    best = brute_force_best(proposals, jurors, k, conflicts, preference, low, high)
    if best is None:
        with pytest.raises(DomainError):
            assign_reviews(
                proposals=proposals, jurors=jurors, k=k, conflicts=conflicts, preference=preference
            )
        return
    result = assign_reviews(
        proposals=proposals, jurors=jurors, k=k, conflicts=conflicts, preference=preference
    )
    check(result, proposals, jurors, k, conflicts, low, high)
    assert result.preference == pytest.approx(best, abs=1e-5)


def test_max_load_caps_loads_instead_of_balancing():
    proposals = [f"p{i}" for i in range(6)]
    jurors = ["x", "y", "z"]
    preference = {(p, "x"): 1.0 for p in proposals}
    result = assign_reviews(
        proposals=proposals, jurors=jurors, k=1, conflicts=set(), preference=preference, max_load=4
    )
    check(result, proposals, jurors, 1, set(), 0, 4)
    assert result.loads["x"] == 4
    assert result.preference == pytest.approx(4.0)


def test_same_input_gives_the_same_assignment():
    rng = random.Random(7)
    proposals = [f"p{i}" for i in range(40)]
    jurors = [f"j{i}" for i in range(9)]
    conflicts = {(p, j) for p in proposals for j in jurors if rng.random() < 0.2}
    kwargs = {"proposals": proposals, "jurors": jurors, "k": 3, "conflicts": conflicts}
    first = assign_reviews(**kwargs)
    assert assign_reviews(**kwargs).pairs == first.pairs
    assert assign_reviews(**{**kwargs, "conflicts": set(conflicts)}).pairs == first.pairs


def test_no_proposals_is_an_empty_assignment():
    result = assign_reviews(proposals=[], jurors=["x"], k=2, conflicts=set())
    assert result.pairs == {}
    assert result.loads == {"x": 0}


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"k": 0}, "minimal 1"),
        ({"k": 4}, "hanya ada 3 juri"),
        ({"proposals": ["a", "a"]}, "lebih dari sekali"),
        ({"jurors": ["x", "x", "y"]}, "lebih dari sekali"),
        ({"conflicts": {("zz", "x")}}, "usulan yang tidak dikenal: zz"),
        ({"conflicts": {("a", "q")}}, "juri yang tidak dikenal: q"),
        ({"conflicts": {"a"}}, "pasangan"),
        ({"preference": {("a", "x"): float("nan")}}, "bukan angka"),
        ({"max_load": 0}, "minimal 1"),
        ({"max_load": 1, "k": 2}, "terlalu kecil"),
        ({"conflicts": {("a", "x"), ("a", "y")}, "k": 2}, "Usulan a hanya memiliki 1 juri"),
        (
            {
                "proposals": ["a", "b", "c"],
                "conflicts": {("a", "z"), ("b", "z"), ("c", "z")},
                "k": 1,
            },
            "Juri z hanya dapat menilai 0 usulan",
        ),
    ],
)
def test_infeasible_or_invalid_input_is_refused_clearly(kwargs, fragment):
    base = {"proposals": ["a", "b"], "jurors": ["x", "y", "z"], "k": 1, "conflicts": set()}
    with pytest.raises(DomainError) as caught:
        assign_reviews(**{**base, **kwargs})
    assert fragment in str(caught.value.message)


def test_loads_impossible_although_each_side_has_enough_is_refused():
    # a and b can only go to x; with k = 1 and 3 jurors every juror must take exactly one proposal.
    conflicts = {("a", "y"), ("a", "z"), ("b", "y"), ("b", "z")}
    with pytest.raises(DomainError) as caught:
        assign_reviews(proposals=["a", "b", "c"], jurors=["x", "y", "z"], k=1, conflicts=conflicts)
    assert caught.value.code == "assignment_infeasible"
    assert "tidak dapat dipenuhi" in str(caught.value.message)


# --- org_conflicts -------------------------------------------------------------------------------------

CHART = {
    "pemkab": None,
    "dinas": "pemkab",
    "bidang": "dinas",
    "seksi": "bidang",  # grandchild of dinas
    "dinas_lain": "pemkab",  # sibling of dinas
    "kecamatan": "pemkab",
}


def test_org_conflicts_own_unit_parent_and_sub_units_not_siblings():
    proposal_units = {
        "own": "dinas",
        "parent": "pemkab",
        "child": "bidang",
        "grandchild": "seksi",
        "sibling": "dinas_lain",
        "other": "kecamatan",
    }
    pairs = org_conflicts(proposal_units, {"juri": "dinas"}, CHART)
    assert pairs == {("own", "juri"), ("parent", "juri"), ("child", "juri"), ("grandchild", "juri")}


def test_org_conflicts_parent_is_direct_only():
    pairs = org_conflicts({"top": "pemkab", "mid": "dinas"}, {"juri": "bidang"}, CHART)
    assert pairs == {("mid", "juri")}


def test_org_conflicts_region_rule_in_a_province_round_and_declared_pairs():
    proposal_units = {"a": "kecamatan", "b": "u_blora", "c": "u_tuban"}
    chart = {**CHART, "u_blora": None, "u_tuban": None}
    pairs = org_conflicts(
        proposal_units,
        {"juri": "dinas"},
        chart,
        proposal_regions={"a": "blitar", "b": "blora", "c": "tuban"},
        juror_regions={"juri": "blora"},
        declared=[("c", "juri")],
    )
    assert pairs == {("b", "juri"), ("c", "juri")}
    without_regions = org_conflicts(proposal_units, {"juri": "dinas"}, chart)
    assert without_regions == set()


def test_org_conflicts_feed_the_assignment():
    proposal_units = {f"p{i}": unit for i, unit in enumerate(["dinas", "seksi", "dinas_lain"] * 4)}
    juror_units = {
        "j_dinas": "dinas",
        "j_lain": "dinas_lain",
        "j_kec": "kecamatan",
        "j_kec2": "kecamatan",
    }
    conflicts = org_conflicts(proposal_units, juror_units, CHART)
    assert ("p1", "j_dinas") in conflicts  # seksi is under dinas
    result = assign_reviews(
        proposals=list(proposal_units),
        jurors=list(juror_units),
        k=2,
        conflicts=conflicts,
        max_load=8,
    )
    check(result, list(proposal_units), list(juror_units), 2, conflicts, 0, 8)
