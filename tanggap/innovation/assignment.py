"""Jury assignment for a competition round: each proposal gets exactly k distinct jurors, the jurors' loads
are balanced, no conflicted pair is ever assigned, and the total preference (e.g. expertise match) is
maximal.

It is solved as an integer program with HiGHS (`scipy.optimize.milp`): one 0/1 variable per non-conflicted
(proposal, juror) pair, one equality row per proposal (k jurors) and one ranged row per juror (its load).
The structure is a transportation problem, so its constraint matrix is totally unimodular and the LP
optimum is already integral; integrality is still declared and the solver's proof of optimality (its dual
bound and gap) is reported with the result.

Preferences are compared at a resolution of `PREFERENCE_RESOLUTION` (rounded to whole units of it). Ties
are broken by small costs drawn from a stable hash of each pair (`repr` of the ids), together worth less
than half a unit, so they never outweigh a preference difference and the same input gives the same
assignment. `org_conflicts` derives the conflicts from the organisation chart.
"""

from __future__ import annotations

import hashlib
import math
import numbers
import time
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext as _
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

from tanggap.core.errors import DomainError

PREFERENCE_RESOLUTION = 1e-6
Pair = tuple[Hashable, Hashable]


@dataclass(frozen=True)
class Assignment:
    """The solver's answer. `objective` and `dual_bound` are in preference units (maximised) and include the
    tie-break costs (less than half a `PREFERENCE_RESOLUTION` in total); `preference` is the exact total
    preference of the assigned pairs."""

    pairs: dict[Hashable, tuple[Hashable, ...]]
    loads: dict[Hashable, int]
    preference: float
    objective: float
    dual_bound: float
    mip_gap: float
    status: str
    optimal: bool
    seconds: float
    load_range: tuple[int, int]


def assign_reviews(
    *,
    proposals: Sequence[Hashable],
    jurors: Sequence[Hashable],
    k: int,
    conflicts: Collection[Pair],
    preference: Mapping[Pair, float] | None = None,
    max_load: int | None = None,
    time_limit: float = 300.0,
) -> Assignment:
    """Assign k jurors to every proposal. Loads lie within [floor(P·k/J), ceil(P·k/J)], or within
    [0, max_load] when `max_load` is given. Raises DomainError (nothing assigned) when the input is invalid
    or no such assignment exists. Should the solver stop at `time_limit` seconds with a feasible but
    unproven assignment, it is returned with `optimal=False` (still checked against every rule)."""
    started = time.perf_counter()
    _validate(proposals, jurors, k, conflicts, preference, max_load)
    low, high = _load_range(len(proposals), len(jurors), k, max_load)
    if not proposals:
        return Assignment(
            {}, {j: 0 for j in jurors}, 0.0, 0.0, 0.0, 0.0, "", True, 0.0, (low, high)
        )
    conflicted = set(conflicts)
    _check_eligibility(proposals, jurors, k, conflicted, low)

    rows, cols, costs, pairs = [], [], [], []
    preference = preference or {}
    tie_scale = 0.5 / (len(proposals) * k)
    for i, p in enumerate(proposals):
        for j, juror in enumerate(jurors):
            if (p, juror) in conflicted:
                continue
            units = round(float(preference.get((p, juror), 0.0)) / PREFERENCE_RESOLUTION)
            costs.append(-(units + tie_scale * _tie(p, juror)))
            rows.append(i)
            cols.append(j)
            pairs.append((i, j))
    n = len(pairs)
    index = np.arange(n)
    proposal_rows = csr_array((np.ones(n), (np.asarray(rows), index)), shape=(len(proposals), n))
    juror_rows = csr_array((np.ones(n), (np.asarray(cols), index)), shape=(len(jurors), n))
    result = milp(
        np.asarray(costs),
        integrality=np.ones(n),
        bounds=Bounds(0, 1),
        constraints=[
            LinearConstraint(proposal_rows, k, k),
            LinearConstraint(juror_rows, low, high),
        ],
        # No relative gap: the assignment is proved optimal. No presolve, and a finite time limit: on
        # 1,300 × 60 pairs HiGHS 1.12 (scipy 1.17) took minutes with its MIP presolve or without a time
        # limit, and about a second with neither (the root LP is integral).
        options={"mip_rel_gap": 0.0, "presolve": False, "time_limit": time_limit},
    )
    if result.x is None and result.status != 2:
        raise DomainError(
            _("Penugasan juri belum ditemukan dalam batas waktu; silakan ulangi."),
            code="assignment_timeout",
        )
    if result.status == 2:
        raise DomainError(
            _(
                "Penugasan juri tidak mungkin: konflik kepentingan membuat beban %(low)s–%(high)s "
                "usulan per juri tidak dapat dipenuhi sambil memberi setiap usulan %(k)s juri."
            )
            % {"low": low, "high": high, "k": k},
            code="assignment_infeasible",
        )
    chosen = np.flatnonzero(result.x > 0.5)
    if not np.allclose(result.x, np.round(result.x), atol=1e-6):
        raise RuntimeError(f"the solver returned a fractional assignment ({result.message})")
    assigned: dict[Hashable, list[Hashable]] = {p: [] for p in proposals}
    loads = {juror: 0 for juror in jurors}
    total = 0.0
    for position in chosen:
        i, j = pairs[position]
        p, juror = proposals[i], jurors[j]
        assigned[p].append(juror)
        loads[juror] += 1
        total += float(preference.get((p, juror), 0.0))
    _verify(assigned, loads, k, low, high, conflicted)
    return Assignment(
        pairs={p: tuple(js) for p, js in assigned.items()},
        loads=loads,
        preference=total,
        objective=-float(result.fun) * PREFERENCE_RESOLUTION,
        dual_bound=-float(result.mip_dual_bound) * PREFERENCE_RESOLUTION,
        mip_gap=float(result.mip_gap),
        status=str(result.message),
        optimal=result.status == 0,
        seconds=time.perf_counter() - started,
        load_range=(low, high),
    )


def _tie(proposal: Hashable, juror: Hashable) -> float:
    """A stable number in [0, 1) for the pair (the same in every process for ids with a stable repr)."""
    digest = hashlib.blake2b(repr((proposal, juror)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def _validate(proposals, jurors, k, conflicts, preference, max_load) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise DomainError(_("Jumlah penilai per usulan harus bilangan bulat minimal 1."), field="k")
    for ids, label in ((proposals, _("usulan")), (jurors, _("juri"))):
        seen: set[Hashable] = set()
        for item in ids:
            if item in seen:
                raise DomainError(
                    _("Daftar %(what)s memuat %(id)s lebih dari sekali.")
                    % {"what": label, "id": item}
                )
            seen.add(item)
    if proposals and k > len(jurors):
        raise DomainError(
            _("Setiap usulan perlu %(k)s juri, tetapi hanya ada %(count)s juri.")
            % {"k": k, "count": len(jurors)},
            field="k",
        )
    if max_load is not None and (
        isinstance(max_load, bool) or not isinstance(max_load, int) or max_load < 1
    ):
        raise DomainError(
            _("Beban maksimal juri harus bilangan bulat minimal 1."), field="max_load"
        )
    _check_pairs(conflicts, set(proposals), set(jurors), _("konflik"))
    if preference is not None:
        _check_pairs(preference, set(proposals), set(jurors), _("preferensi"))
        for pair, value in preference.items():
            if (
                isinstance(value, bool)
                or not isinstance(value, numbers.Real)
                or not math.isfinite(value)
            ):
                raise DomainError(
                    _("Nilai preferensi untuk %(pair)s bukan angka yang sah.") % {"pair": pair}
                )


def _check_pairs(pairs: Iterable, proposals: set, jurors: set, what: str) -> None:
    for pair in pairs:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise DomainError(
                _("Data %(what)s harus berupa pasangan (usulan, juri): %(pair)r.")
                % {"what": what, "pair": pair}
            )
        p, juror = pair
        if p not in proposals:
            raise DomainError(
                _("Data %(what)s menyebut usulan yang tidak dikenal: %(id)s.")
                % {"what": what, "id": p}
            )
        if juror not in jurors:
            raise DomainError(
                _("Data %(what)s menyebut juri yang tidak dikenal: %(id)s.")
                % {"what": what, "id": juror}
            )


def _load_range(proposals: int, jurors: int, k: int, max_load: int | None) -> tuple[int, int]:
    if jurors == 0:
        return 0, 0
    if max_load is None:
        return (proposals * k) // jurors, -(-(proposals * k) // jurors)
    if max_load * jurors < proposals * k:
        raise DomainError(
            _(
                "Beban maksimal %(max)s usulan per juri terlalu kecil: %(jurors)s juri hanya dapat "
                "menilai %(capacity)s kali, sedangkan %(needed)s penilaian diperlukan."
            )
            % {
                "max": max_load,
                "jurors": jurors,
                "capacity": max_load * jurors,
                "needed": proposals * k,
            },
            field="max_load",
        )
    return 0, max_load


def _check_eligibility(proposals, jurors, k, conflicted: set, low: int) -> None:
    """The two shortages that can be named: a proposal with fewer than k eligible jurors, a juror eligible
    for fewer proposals than the minimum load."""
    for p in proposals:
        eligible = sum((p, juror) not in conflicted for juror in jurors)
        if eligible < k:
            raise DomainError(
                _(
                    "Usulan %(id)s hanya memiliki %(eligible)s juri tanpa konflik kepentingan, "
                    "padahal memerlukan %(k)s penilai."
                )
                % {"id": p, "eligible": eligible, "k": k},
                code="assignment_infeasible",
            )
    for juror in jurors:
        eligible = sum((p, juror) not in conflicted for p in proposals)
        if eligible < low:
            raise DomainError(
                _(
                    "Juri %(id)s hanya dapat menilai %(eligible)s usulan tanpa konflik kepentingan, "
                    "padahal beban seimbang minimal %(low)s usulan."
                )
                % {"id": juror, "eligible": eligible, "low": low},
                code="assignment_infeasible",
            )


def _verify(assigned, loads, k: int, low: int, high: int, conflicted: set) -> None:
    """Never hand back a wrong assignment, whatever the solver said."""
    for p, js in assigned.items():
        if len(js) != k or len(set(js)) != k or any((p, j) in conflicted for j in js):
            raise RuntimeError(f"the solver's assignment of proposal {p!r} breaks a rule")
    if any(not low <= load <= high for load in loads.values()):
        raise RuntimeError("the solver's assignment breaks the load range")


def org_conflicts(
    proposal_units: Mapping[Hashable, Hashable],
    juror_units: Mapping[Hashable, Hashable],
    parent_of: Mapping[Hashable, Hashable | None],
    *,
    proposal_regions: Mapping[Hashable, Hashable] | None = None,
    juror_regions: Mapping[Hashable, Hashable] | None = None,
    declared: Iterable[Pair] = (),
) -> set[Pair]:
    """The conflicted (proposal, juror) pairs: a juror is conflicted with proposals of their own unit, of its
    direct parent and of its sub-units at any depth; when regions are given (a province round), with every
    proposal of their own region; plus the `declared` pairs."""
    children: dict[Hashable, list[Hashable]] = {}
    for unit, parent in parent_of.items():
        if parent is not None:
            children.setdefault(parent, []).append(unit)
    by_unit: dict[Hashable, list[Hashable]] = {}
    for p, unit in proposal_units.items():
        by_unit.setdefault(unit, []).append(p)
    by_region: dict[Hashable, list[Hashable]] = {}
    if proposal_regions is not None and juror_regions is not None:
        for p, region in proposal_regions.items():
            by_region.setdefault(region, []).append(p)

    pairs: set[Pair] = set(declared)
    for juror, unit in juror_units.items():
        units = _subtree(unit, children)
        parent = parent_of.get(unit)
        if parent is not None:
            units.add(parent)
        for u in units:
            pairs.update((p, juror) for p in by_unit.get(u, ()))
        if juror_regions is not None and juror in juror_regions:
            pairs.update((p, juror) for p in by_region.get(juror_regions[juror], ()))
    return pairs


def _subtree(unit: Hashable, children: Mapping[Hashable, list[Hashable]]) -> set[Hashable]:
    """The unit and its sub-units at any depth (a cycle in the chart does not loop)."""
    found = {unit}
    stack = [unit]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found
