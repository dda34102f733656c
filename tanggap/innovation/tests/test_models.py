"""The seeded IID 2023 scheme equals the seed module; the transition tables hold the moves the issue
names and nothing else."""

from __future__ import annotations

import pytest

from tanggap.innovation import workflow as w
from tanggap.innovation.models import Idea, Proposal
from tanggap.innovation.schemes.iid_2023 import scheme_2023 as seed_scheme
from tanggap.innovation.tests.factories import scheme_2023


@pytest.mark.django_db
def test_the_migration_seeds_the_2023_scheme_as_data():
    stored = scheme_2023()
    assert stored.indicators.count() == 36
    assert stored.indicators.filter(aspect="spd").count() == 16
    pure = stored.to_scheme()
    seed = seed_scheme()
    assert pure.max_score == seed.max_score == 100
    assert [i.code for i in pure.indicators] == [i.code for i in seed.indicators]
    assert [i.level_scores for i in pure.indicators] == [i.level_scores for i in seed.indicators]
    assert pure.count_steps == seed.count_steps


def test_idea_table_lets_only_the_office_decide_and_only_from_submitted():
    decided = {(s, t) for s, t in w.IDEA_MACHINE.pairs() if t in Idea.FINAL}
    assert (Idea.Status.SUBMITTED, Idea.Status.ACCEPTED) in decided
    assert (Idea.Status.DRAFT, Idea.Status.ACCEPTED) not in decided
    assert (Idea.Status.REVISION, Idea.Status.ACCEPTED) not in decided
    assert w.IDEA_MACHINE.targets(Idea.Status.ACCEPTED) == []


def test_proposal_table_has_no_way_back_from_a_result():
    for final in (Proposal.Status.WINNER, Proposal.Status.NOT_SELECTED, Proposal.Status.WITHDRAWN):
        assert w.PROPOSAL_MACHINE.targets(final) == []
