"""Jury assignment: 1,300 proposals × 60 jurors × 3 reviews with org-chart conflicts, solved and proved optimal.

    DJANGO_SETTINGS_MODULE=tanggap.config.testing .venv/bin/python bench/jury_assignment.py \
        [--proposals 1300] [--jurors 60] [--k 3] [--seed 2026]      (or: make bench)

A synthetic province: 20 regions, each a root unit with 18 sub-units and a few sub-sub-units (about
460 units); proposals come from random units, jurors sit in random units of 6 regions. Conflicts come from
`org_conflicts` (own unit, its parent, its sub-units, and the juror's region in this province round) plus a
few declared ones; expertise preferences are random in [0, 1]. It prints the time to build the conflicts and
to assign (model build + solve), the objective, the solver's dual bound and gap, the LP relaxation's bound
from `scipy.optimize.linprog` (HiGHS) on the same costs, the loads, and checks every assigned pair against
the conflicts. No database. Exit status 1 when a check fails.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

import harness  # noqa: F401 - puts the project root on sys.path
import numpy as np


def org_chart(rng: random.Random):
    parent_of: dict[str, str | None] = {}
    region_of: dict[str, str] = {}
    for r in range(20):
        root = f"r{r}"
        parent_of[root] = None
        region_of[root] = root
        for s in range(18):
            unit = f"{root}.u{s}"
            parent_of[unit] = root
            region_of[unit] = root
            if rng.random() < 0.1:
                for t in range(3):
                    parent_of[f"{unit}.s{t}"] = unit
                    region_of[f"{unit}.s{t}"] = root
    return parent_of, region_of


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, default=1300)
    parser.add_argument("--jurors", type=int, default=60)
    parser.add_argument("--k", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    import django

    django.setup()
    from scipy.optimize import linprog
    from scipy.sparse import csr_array, vstack

    from tanggap.innovation.assignment import (
        PREFERENCE_RESOLUTION,
        _tie,
        assign_reviews,
        org_conflicts,
    )

    rng = random.Random(args.seed)
    parent_of, region_of = org_chart(rng)
    units = sorted(parent_of)
    juror_regions_pool = rng.sample(sorted({region_of[u] for u in units}), 6)
    proposals = [f"P{i:04d}" for i in range(args.proposals)]
    jurors = [f"J{i:02d}" for i in range(args.jurors)]
    proposal_units = {p: rng.choice(units) for p in proposals}
    juror_units = {
        j: rng.choice([u for u in units if region_of[u] in juror_regions_pool]) for j in jurors
    }
    declared = [(rng.choice(proposals), rng.choice(jurors)) for _ in range(20)]
    preference = {(p, j): rng.random() for p in proposals for j in jurors}

    began = time.perf_counter()
    conflicts = org_conflicts(
        proposal_units,
        juror_units,
        parent_of,
        proposal_regions={p: region_of[u] for p, u in proposal_units.items()},
        juror_regions={j: region_of[u] for j, u in juror_units.items()},
        declared=declared,
    )
    conflict_seconds = time.perf_counter() - began
    result = assign_reviews(
        proposals=proposals, jurors=jurors, k=args.k, conflicts=conflicts, preference=preference
    )

    # The LP relaxation of the same model (same costs), as the reference bound.
    began = time.perf_counter()
    rows, cols, costs = [], [], []
    tie_scale = 0.5 / (len(proposals) * args.k)
    for i, p in enumerate(proposals):
        for j, juror in enumerate(jurors):
            if (p, juror) not in conflicts:
                units_ = round(preference[(p, juror)] / PREFERENCE_RESOLUTION)
                costs.append(-(units_ + tie_scale * _tie(p, juror)))
                rows.append(i)
                cols.append(j)
    n = len(costs)
    index = np.arange(n)
    a_p = csr_array((np.ones(n), (np.asarray(rows), index)), shape=(len(proposals), n))
    a_j = csr_array((np.ones(n), (np.asarray(cols), index)), shape=(len(jurors), n))
    low, high = result.load_range
    lp = linprog(
        np.asarray(costs),
        A_eq=a_p,
        b_eq=np.full(len(proposals), args.k),
        A_ub=vstack([a_j, -a_j]),
        b_ub=np.r_[np.full(len(jurors), high), -np.full(len(jurors), low)],
        bounds=(0, 1),
        method="highs",
    )
    lp_seconds = time.perf_counter() - began
    lp_bound = -lp.fun * PREFERENCE_RESOLUTION

    bad = [(p, j) for p, js in result.pairs.items() for j in js if (p, j) in conflicts]
    short = [p for p, js in result.pairs.items() if len(set(js)) != args.k]
    loads = list(result.loads.values())
    pairs = len(proposals) * len(jurors)
    print(
        f"jury_assignment: {len(proposals):,} proposals × {len(jurors)} jurors × {args.k} reviews, "
        f"{len(units)} units in 20 regions, seed {args.seed}"
    )
    print(
        f"conflicts: {len(conflicts):,} of {pairs:,} pairs ({len(conflicts) / pairs:.1%}), "
        f"built in {conflict_seconds:.3f} s; {n:,} variables"
    )
    print(f"assign_reviews (model build + solve): {result.seconds:.2f} s, status: {result.status}")
    print(f"objective (preference units, with tie-breaks): {result.objective:.6f}")
    print(f"solver's dual bound:                          {result.dual_bound:.6f}")
    print(f"mip gap: {result.mip_gap:g}; optimal: {result.optimal}")
    print(f"LP relaxation bound (linprog, HiGHS, {lp_seconds:.2f} s): {lp_bound:.6f}")
    print(f"total expertise preference: {result.preference:.6f}")
    print(f"loads: min {min(loads)}, max {max(loads)} (allowed {low}–{high})")
    print(
        f"conflicted pairs assigned: {len(bad)}; proposals without {args.k} distinct jurors: {len(short)}"
    )
    ok = (
        not bad
        and not short
        and result.optimal
        and low <= min(loads)
        and max(loads) <= high
        and result.objective >= lp_bound - 1e-6
    )
    print("checks:", "ok" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
