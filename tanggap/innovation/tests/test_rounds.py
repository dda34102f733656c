"""Rounds and proposals: settings, rubric validation, eligibility rules (each refused with its message
and nothing changed), province rounds, screening, publication with ties and outliers, Top N."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.core.errors import DomainError
from tanggap.innovation.models import Assessment, Proposal, Review, Round, Score
from tanggap.innovation.selectors.rounds import round_results
from tanggap.innovation.services.proposals import (
    proposal_create,
    proposal_screen,
    proposal_submit,
    proposal_withdraw,
)
from tanggap.innovation.services.results import round_publish
from tanggap.innovation.services.rounds import (
    category_add,
    round_create,
    round_move,
    rubric_set,
    stage_add,
)
from tanggap.innovation.tests.factories import (
    AssessmentFactory,
    InnovationFactory,
    JurorFactory,
    ProposalFactory,
    round_with_rubric,
)
from tanggap.org.tests.factories import RegionFactory, UnitFactory

pytestmark = pytest.mark.django_db

SETTINGS = {
    "name": "Lomba Inovasi 2026",
    "year": 2026,
    "style": Round.Style.LOCAL,
    "opens_on": "2026-03-01",
    "closes_on": "2026-06-30",
}


def qualified(innovation):
    AssessmentFactory(
        innovation=innovation, status=Assessment.Status.DONE, result=Assessment.Result.MEMENUHI
    )
    return innovation


def test_round_create_update_and_rubric(office, region, head_a):
    round_ = round_create(actor=office, organiser=region, **SETTINGS)
    assert round_.status == Round.Status.DRAFT
    with pytest.raises(DomainError):
        round_create(actor=head_a, organiser=region, **SETTINGS)
    with pytest.raises(DomainError) as exc:
        round_create(actor=office, organiser=region, **(SETTINGS | {"closes_on": "2026-01-01"}))
    assert exc.value.field == "closes_on"
    category_add(actor=office, round_=round_, code="umum", name="Umum", forms=["pelayanan_publik"])
    with pytest.raises(DomainError) as exc:
        rubric_set(
            actor=office,
            round_=round_,
            items=[
                {"code": "a", "name": "A", "weight": 60},
                {"code": "b", "name": "B", "weight": 30},
            ],
        )
    assert "100%" in str(exc.value.message)
    with pytest.raises(DomainError) as exc:
        rubric_set(
            actor=office,
            round_=round_,
            items=[{"code": "a", "name": "A", "weight": 100, "min_score": 10, "max_score": 5}],
        )
    assert "terendah" in str(exc.value.message)
    assert round_.rubric.count() == 0
    rubric_set(
        actor=office,
        round_=round_,
        items=[{"code": "a", "name": "A", "weight": 60}, {"code": "b", "name": "B", "weight": 40}],
    )
    assert round_.rubric.count() == 2
    with pytest.raises(DomainError):
        stage_add(
            actor=office,
            round_=round_,
            kind="administrasi",
            name="Adm",
            starts_on="2026-02-01",
            ends_on="2026-03-10",
        )
    stage_add(
        actor=office,
        round_=round_,
        kind="administrasi",
        name="Adm",
        starts_on="2026-03-01",
        ends_on="2026-03-10",
    )
    with pytest.raises(DomainError):
        stage_add(
            actor=office,
            round_=round_,
            kind="top_n",
            name="Top",
            starts_on="2026-02-20",
            ends_on="2026-03-10",
        )
    round_move(actor=office, round_=round_, action="open")
    round_.refresh_from_db()
    assert round_.status == Round.Status.OPEN


@pytest.fixture
def open_round(region):
    return round_with_rubric(organiser=region, opens_on=dt.date(2026, 3, 1))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"stage": "uji_coba"}, "tahapan minimal"),
        ({"implemented_on": dt.date(2025, 6, 1)}, "minimal 1 tahun"),
        ({"qualified": False}, "belum dinilai memenuhi"),
        ({"form": "tata_kelola"}, "tidak menerima bentuk"),
    ],
)
def test_eligibility_rules_refused_with_their_message(open_round, unit_a, head_a, change, message):
    category = open_round.categories.get()
    category.forms = ["pelayanan_publik"]
    category.save()
    want_qualified = change.pop("qualified", True)
    innovation = InnovationFactory(unit=unit_a, **change)
    if want_qualified:
        qualified(innovation)
    with pytest.raises(DomainError) as exc:
        proposal_create(actor=head_a, round_=open_round, innovation=innovation, category=category)
    assert message in str(exc.value.message)
    assert not Proposal.objects.exists()


def test_max_proposals_round_not_open_and_success(open_round, unit_a, head_a, office):
    category = open_round.categories.get()
    made = []
    for _ in range(2):
        innovation = qualified(InnovationFactory(unit=unit_a))
        made.append(
            proposal_create(
                actor=head_a, round_=open_round, innovation=innovation, category=category
            )
        )
    third = qualified(InnovationFactory(unit=unit_a))
    with pytest.raises(DomainError) as exc:
        proposal_create(actor=head_a, round_=open_round, innovation=third, category=category)
    assert "batas lomba ini 2" in str(exc.value.message)
    proposal_withdraw(actor=head_a, proposal=made[1])
    proposal = proposal_create(actor=head_a, round_=open_round, innovation=third, category=category)
    proposal_submit(actor=head_a, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED
    assert proposal.code.startswith("P-2026-")
    assert [e.action for e in proposal.events.all()] == ["create", "submit"]
    open_round.status = Round.Status.SCREENING
    open_round.save()
    fourth = qualified(InnovationFactory(unit=unit_a))
    with pytest.raises(DomainError) as exc:
        proposal_create(actor=head_a, round_=open_round, innovation=fourth, category=category)
    assert "tidak sedang dibuka" in str(exc.value.message)
    with pytest.raises(DomainError) as exc:
        proposal_screen(actor=office, proposal=proposal, passed=False)
    assert exc.value.field == "reason"
    proposal_screen(actor=office, proposal=proposal, passed=False, reason="Berkas tidak lengkap")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ADMIN_FAILED
    with pytest.raises(DomainError):
        proposal_screen(actor=head_a, proposal=made[0], passed=True)


def test_province_round_accepts_child_regions_only(other_region):
    province = RegionFactory(slug="prov-uji", name="Provinsi Uji", kind="provinsi")
    child = RegionFactory(slug="kab-anak", name="Kabupaten Anak", parent=province)
    round_ = round_with_rubric(organiser=province)
    category = round_.categories.get()
    for region, ok in ((child, True), (other_region, False)):
        unit = UnitFactory(region=region)
        head = UserFactory()
        RoleAssignmentFactory(user=head, role=Role.UNIT_HEAD, unit=unit, region=region)
        innovation = qualified(InnovationFactory(unit=unit))
        if ok:
            proposal_create(actor=head, round_=round_, innovation=innovation, category=category)
        else:
            with pytest.raises(DomainError) as exc:
                proposal_create(actor=head, round_=round_, innovation=innovation, category=category)
            assert "tidak termasuk lomba" in str(exc.value.message)
    assert round_.proposals.count() == 1


def score(review, values, *, send=True):
    for code, value in values.items():
        Score.objects.create(
            review=review, item=review.round.rubric.get(code=code), value=Decimal(value)
        )
    if send:
        review.status = Review.Status.SUBMITTED
        review.submitted_at = timezone.now()
        review.save()


def scored_round(region, **kwargs):
    """A round in review with four proposals: P1 and P2 tie on the mean (P2 better on kebaruan), P3
    lower with an outlier juror, P4 lowest."""
    round_ = round_with_rubric(organiser=region, status=Round.Status.REVIEW, top_n=2, **kwargs)
    jurors = [JurorFactory(round=round_) for _ in range(3)]
    proposals = [
        ProposalFactory(round=round_, status=Proposal.Status.IN_REVIEW, code=f"P-2026-000{i}")
        for i in range(1, 5)
    ]
    sheets = [
        [{"kebaruan": 80, "manfaat": 80, "replikasi": 80}] * 3,
        [{"kebaruan": 90, "manfaat": 70, "replikasi": 76}] * 3,  # 36+24.5+19 = 79.5 ... see below
        [{"kebaruan": 70, "manfaat": 70, "replikasi": 70}] * 2
        + [{"kebaruan": 10, "manfaat": 10, "replikasi": 10}],
        [{"kebaruan": 20, "manfaat": 20, "replikasi": 20}] * 3,
    ]
    # P2: 0.4*90 + 0.35*70 + 0.25*v = 80 -> v = 78
    sheets[1] = [{"kebaruan": 90, "manfaat": 70, "replikasi": 78}] * 3
    for proposal, sheet in zip(proposals, sheets, strict=True):
        for juror, values in zip(jurors, sheet, strict=True):
            review = Review.objects.create(
                round=round_, proposal=proposal, juror=juror, assigned_at=timezone.now()
            )
            score(review, values)
    return round_, proposals, jurors


def test_results_ties_and_outliers(region):
    round_, proposals, _ = scored_round(region)
    results = round_results(round_)
    by_code = {row.proposal.code: row for row in results.rows}
    assert by_code["P-2026-0002"].ranked.rank == 1  # higher kebaruan wins the tie
    assert by_code["P-2026-0001"].ranked.rank == 2
    assert by_code["P-2026-0001"].tied and by_code["P-2026-0002"].tied
    assert by_code["P-2026-0003"].ranked.has_outliers
    assert not by_code["P-2026-0004"].ranked.has_outliers
    assert "Kebaruan" in results.tie_explanation


def test_publish_top_n_and_pending_reviews(region, office):
    round_, proposals, jurors = scored_round(region)
    extra = JurorFactory(round=round_)
    pending = Review.objects.create(
        round=round_, proposal=proposals[0], juror=extra, assigned_at=timezone.now()
    )
    with pytest.raises(DomainError) as exc:
        round_publish(actor=office, round_=round_)
    assert "belum dikirim" in str(exc.value.message)
    assert Proposal.objects.filter(status=Proposal.Status.IN_REVIEW).count() == 4
    round_publish(actor=office, round_=round_, cancel_pending=True)
    pending.refresh_from_db()
    assert pending.status == Review.Status.WITHDRAWN
    round_.refresh_from_db()
    assert round_.status == Round.Status.PUBLISHED and round_.published_at
    got = {p.code: (p.status, p.rank, p.final_score) for p in Proposal.objects.all()}
    assert got["P-2026-0002"] == (Proposal.Status.WINNER, 1, Decimal("80.000"))
    assert got["P-2026-0001"][:2] == (Proposal.Status.WINNER, 2)
    assert got["P-2026-0003"][0] == Proposal.Status.NOT_SELECTED
    assert got["P-2026-0004"][:2] == (Proposal.Status.NOT_SELECTED, 4)
    assert Proposal.objects.get(code="P-2026-0002").events.filter(action="select").exists()


def test_earliest_tie_rule(region, office):
    round_, proposals, _ = scored_round(region, tie_rule=Round.TieRule.EARLIEST)
    Proposal.objects.filter(pk=proposals[0].pk).update(
        submitted_at=timezone.now() - dt.timedelta(days=3)
    )
    round_publish(actor=office, round_=round_)
    assert Proposal.objects.get(pk=proposals[0].pk).rank == 1
