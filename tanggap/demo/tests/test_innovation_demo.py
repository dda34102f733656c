"""The Inovasi daerah demo: what it holds, and that every figure in it comes from its own records."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F

from tanggap.accounts.models import Role, RoleAssignment
from tanggap.demo.innovation import index_as_of
from tanggap.demo.innovation_scores import round_results
from tanggap.innovation import workflow as wf
from tanggap.innovation.models import (
    Article,
    Assessment,
    AssessmentEvent,
    Conflict,
    Evidence,
    Idea,
    IdeaEvent,
    IndexScheme,
    IndexSnapshot,
    Innovation,
    InnovationEvent,
    Proposal,
    ProposalEvent,
    ReplicationRequest,
    ReplicationRequestEvent,
    Review,
    ReviewEvent,
    Round,
)
from tanggap.org.models import Region

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-load")]


@pytest.fixture
def kab(demo_output):
    return Region.objects.get(slug="kab-blitar")


@pytest.fixture
def round_(demo_output):
    return Round.objects.get(year=2026, organiser__slug="prov-jatim")


def test_the_province_parents_both_demo_regions(demo_output):
    province = Region.objects.get(slug="prov-jatim")
    assert province.kind == Region.Kind.PROVINSI and province.code == "35"
    assert set(Region.objects.filter(parent=province).values_list("slug", flat=True)) == {
        "kab-blitar",
        "kota-blitar",
    }


def test_innovation_offices_and_the_organiser_hold_their_role(demo_output):
    held = set(
        RoleAssignment.objects.filter(role=Role.INNOVATION_OFFICER).values_list(
            "user__username", "region__slug"
        )
    )
    assert {
        ("brida.kabblitar", "kab-blitar"),
        ("brida.kotablitar", "kota-blitar"),
        ("inovasi.jatim", "prov-jatim"),
    } <= held


def test_a_year_of_ideas_in_every_state_and_accepted_ones_became_innovations(kab):
    ideas = Idea.objects.filter(region=kab, code__startswith="IDE-2026-")
    assert ideas.count() == 25
    states = set(ideas.values_list("status", flat=True))
    assert states == {s.value for s in Idea.Status}
    for idea in ideas.filter(status=Idea.Status.ACCEPTED):
        assert idea.innovation.stage == Innovation.Stage.INISIATIF
    assert all(i.decision_note for i in ideas.filter(status=Idea.Status.DECLINED))
    for idea in ideas:
        assert idea.support_count == idea.supports.count()
        assert idea.comment_count == idea.comments.count()
        assert idea.search_text


def test_about_sixty_innovations_at_three_stages_with_evidence_and_assessments(kab):
    innovations = Innovation.objects.filter(region=kab)
    assert 60 <= innovations.count() <= 75
    assert set(innovations.values_list("stage", flat=True)) == {s.value for s in Innovation.Stage}
    assessments = Assessment.objects.filter(innovation__region=kab, scheme__year=2026)
    done = assessments.filter(status=Assessment.Status.DONE)
    assert done.count() > assessments.count() * 0.8
    assert 3 <= done.filter(result=Assessment.Result.TIDAK_MEMENUHI).count() <= 8
    invalid = Evidence.objects.filter(region=kab, status=Evidence.Status.INVALID)
    assert invalid.exists() and all(e.reason for e in invalid)
    assert Evidence.objects.filter(region=kab, innovation=None).exists()
    assert Innovation.objects.filter(region__slug="kota-blitar").count() == 5
    # The demo's own dates, whatever day it is loaded on.
    assert not Evidence.objects.filter(validated_at__lt=F("uploaded_at")).exists()
    assert not Idea.objects.filter(submitted_at__lt=F("created_at")).exists()


def test_the_2026_scheme_copies_the_2023_indicators():
    old, new = IndexScheme.objects.get(year=2023), IndexScheme.objects.get(year=2026)
    fields = ("code", "aspect", "max_score", "levels", "order")
    assert list(new.indicators.values_list(*fields)) == list(old.indicators.values_list(*fields))


def test_each_index_snapshot_is_compute_index_over_the_stored_records(kab):
    scheme = IndexScheme.objects.get(year=2026)
    snapshots = IndexSnapshot.objects.filter(region=kab, scheme=scheme)
    assert snapshots.count() == 2
    for snapshot in snapshots:
        result = index_as_of(kab, scheme, snapshot.computed_at)
        assert (snapshot.index, snapshot.band, snapshot.innovations) == (
            result.index,
            result.band,
            result.innovation_count,
        )


def test_published_ranks_are_the_aggregate_of_the_stored_scores(round_):
    assert round_.status == Round.Status.PUBLISHED and round_.published_at
    ranked, winners = round_results(round_)
    proposals = {p.pk: p for p in round_.proposals.all()}
    for r in ranked:
        p = proposals[r.proposal]
        assert p.rank == r.rank
        assert abs(float(p.final_score) - r.mean) < 0.001
        expected = Proposal.Status.WINNER if r in winners else Proposal.Status.NOT_SELECTED
        assert p.status == expected
    assert {p.status for p in proposals.values()} == {
        Proposal.Status.WINNER,
        Proposal.Status.NOT_SELECTED,
        Proposal.Status.ADMIN_FAILED,
    }
    assert any(jt.outlier for r in ranked for jt in r.juror_totals)
    assert round_.rubric.count() == 5 and sum(i.weight for i in round_.rubric.all()) == 100


def test_proposals_are_eligible_and_from_both_regions(round_):
    proposals = round_.proposals.select_related("innovation")
    assert {p.region.slug for p in proposals} == {"kab-blitar", "kota-blitar"}
    for p in proposals:
        innovation = p.innovation
        assert innovation.stage == Innovation.Stage.PENERAPAN
        assert innovation.implemented_on <= round_.opens_on.replace(year=round_.opens_on.year - 1)
        assert innovation.assessments.get(scheme__year=2026).qualifies
        assert innovation.form in p.category.forms


def test_every_review_has_k_jurors_and_none_is_conflicted(round_):
    conflicted = set(Conflict.objects.filter(juror__round=round_).values_list("proposal", "juror"))
    assert conflicted
    assert Conflict.objects.filter(juror__round=round_, source=Conflict.Source.DECLARED).exists()
    reviews = Review.objects.filter(round=round_)
    assert not {(r.proposal_id, r.juror_id) for r in reviews} & conflicted
    for p in round_.proposals.filter(status__in=[Proposal.Status.WINNER, "tidak_terpilih"]):
        assert p.reviews.filter(status=Review.Status.SUBMITTED).count() == 3
    assert round_.jurors.count() == 6 and round_.jurors.filter(official__isnull=False).count() == 3


@pytest.mark.parametrize(
    ("events", "machine"),
    [
        (IdeaEvent, wf.IDEA_MACHINE),
        (InnovationEvent, wf.STAGE_MACHINE),
        (AssessmentEvent, wf.ASSESSMENT_MACHINE),
        (ProposalEvent, wf.PROPOSAL_MACHINE),
        (ReviewEvent, wf.REVIEW_MACHINE),
        (ReplicationRequestEvent, wf.REPLICATION_MACHINE),
    ],
)
def test_every_recorded_move_is_a_move_of_its_transition_table(demo_output, events, machine):
    rows = list(events.objects.values_list("action", "from_status", "to_status"))
    assert rows
    for action, source, target in rows:
        if source == "":  # the record's creation
            continue
        move = machine.transition_for(action, source)
        assert move is not None and move.target == target, (action, source, target)


def test_library_articles_and_replication_requests(kab):
    articles = Article.objects.filter(region=kab, status=Article.Status.PUBLISHED)
    assert articles.count() == 12
    assert all(a.innovation_id and a.search_text for a in articles)
    requests = ReplicationRequest.objects.all()
    assert requests.count() == 2
    replicated = requests.get(status=ReplicationRequest.Status.REPLICATED)
    assert replicated.replication.unit == replicated.requesting_unit


def test_a_second_load_creates_nothing(demo_output):
    models = (Idea, Innovation, Evidence, Assessment, Proposal, Review, Article, IndexSnapshot)
    before = {m: m.objects.count() for m in models}
    call_command("load_demo", stdout=StringIO())
    assert {m: m.objects.count() for m in models} == before
