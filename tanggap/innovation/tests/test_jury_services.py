"""The jury services: jurors, org-chart and declared conflicts, the assignment, scores and sending."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from tanggap.accounts.tests.factories import UserFactory
from tanggap.core.errors import DomainError, InvalidTransition, PermissionDenied
from tanggap.innovation.models import Conflict, Proposal, Review, ReviewEvent, Round, Score
from tanggap.innovation.services import jury
from tanggap.innovation.tests.factories import (
    InnovationFactory,
    JurorFactory,
    ProposalFactory,
    ReviewFactory,
    round_with_rubric,
)
from tanggap.org.tests.factories import OfficialFactory, RegionFactory, UnitFactory


@pytest.fixture
def round_(region):
    return round_with_rubric(organiser=region, status=Round.Status.REVIEW, reviews_per_proposal=2)


def proposal(round_, unit, **kwargs):
    return ProposalFactory(
        round=round_,
        innovation=InnovationFactory(unit=unit),
        status=Proposal.Status.IN_REVIEW,
        **kwargs,
    )


def scores_for(review, values):
    items = list(review.round.rubric.all())
    return [{"item": i.pk, "value": v, "comment": "ok"} for i, v in zip(items, values, strict=True)]


def test_juror_add_requires_organiser(round_, official_a, head_a):
    with pytest.raises(PermissionDenied):
        jury.juror_add(actor=head_a, round_=round_, user=official_a.user)


def test_org_chart_conflicts_unit_parent_and_subunits(round_, office, region, unit_a, unit_b):
    child = UnitFactory(region=region, parent=unit_a, slug="bidang-a1")
    official = OfficialFactory(unit=unit_a, user=UserFactory())
    own, sub, other = proposal(round_, unit_a), proposal(round_, child), proposal(round_, unit_b)
    juror = jury.juror_add(actor=office, round_=round_, user=official.user)
    pairs = set(Conflict.objects.filter(juror=juror).values_list("proposal_id", "source"))
    assert pairs == {(own.pk, "struktur"), (sub.pk, "struktur")}
    assert not Conflict.objects.filter(proposal=other).exists()
    # The parent too: an official of the sub-unit is conflicted with unit A.
    sub_official = OfficialFactory(unit=child, user=UserFactory())
    sub_juror = jury.juror_add(actor=office, round_=round_, user=sub_official.user)
    assert set(Conflict.objects.filter(juror=sub_juror).values_list("proposal_id", flat=True)) == {
        own.pk,
        sub.pk,
    }


def test_province_round_conflicts_whole_region(db):
    province = RegionFactory(slug="prov-uji", kind="provinsi")
    kab = RegionFactory(slug="kab-x", parent=province)
    other = RegionFactory(slug="kab-y", parent=province)
    round_ = round_with_rubric(organiser=province, status=Round.Status.REVIEW)
    p1 = proposal(round_, UnitFactory(region=kab))
    p2 = proposal(round_, UnitFactory(region=other))
    juror = JurorFactory(round=round_, official=OfficialFactory(unit=UnitFactory(region=kab)))
    jury.conflicts_refresh(round_)
    assert set(Conflict.objects.filter(juror=juror).values_list("proposal_id", flat=True)) == {
        p1.pk
    }
    assert p2.pk


def test_assign_round_never_conflicted_and_balanced(round_, office, region):
    units = [UnitFactory(region=region, slug=f"u{i}") for i in range(4)]
    proposals = [proposal(round_, units[i % 4]) for i in range(8)]
    for i in range(4):
        jury.juror_add(
            actor=office,
            round_=round_,
            user=UserFactory(),
            official=OfficialFactory(unit=units[i], user=None),
        )
    summary = jury.assign_round(actor=office, round_=round_)
    assert summary["created"] == 16
    live = Review.objects.filter(round=round_, status=Review.Status.ASSIGNED)
    conflicts = set(Conflict.objects.values_list("proposal_id", "juror_id"))
    assert conflicts  # each juror is conflicted with their own unit's two proposals
    assert not {(r.proposal_id, r.juror_id) for r in live} & conflicts
    assert Counter(live.values_list("proposal_id", flat=True)) == {p.pk: 2 for p in proposals}
    assert set(Counter(live.values_list("juror_id", flat=True)).values()) == {4}
    assert ReviewEvent.objects.filter(action="assign").count() == 16
    # Running again keeps what is there.
    again = jury.assign_round(actor=office, round_=round_)
    assert again["created"] == 0 and again["cancelled"] == 0


def test_assign_round_infeasible_is_refused(round_, office, region, unit_a):
    proposal(round_, unit_a)
    jury.juror_add(actor=office, round_=round_, user=UserFactory())
    with pytest.raises(DomainError, match="juri"):
        jury.assign_round(actor=office, round_=round_)
    assert not Review.objects.exists()


def test_conflicted_pair_cannot_get_a_second_review(round_, unit_a):
    review = ReviewFactory(proposal=proposal(round_, unit_a), round=round_)
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(
            round=round_,
            proposal=review.proposal,
            juror=review.juror,
            assigned_at=review.assigned_at,
        )


def test_declared_conflict_cancels_assigned_review(round_, unit_a):
    review = ReviewFactory(proposal=proposal(round_, unit_a), round=round_)
    jury.conflict_declare(
        actor=review.juror.user, round_=round_, proposal=review.proposal, reason="Kakak saya"
    )
    review.refresh_from_db()
    assert review.status == Review.Status.WITHDRAWN
    assert review.events.get().action == "declare_conflict"
    assert Conflict.objects.get().source == Conflict.Source.DECLARED
    # And it cannot be scored any more.
    with pytest.raises(InvalidTransition):
        jury.review_score(actor=review.juror.user, review=review, scores=[])


def test_declare_needs_a_reason_and_a_juror(round_, unit_a, official_b):
    review = ReviewFactory(proposal=proposal(round_, unit_a), round=round_)
    with pytest.raises(DomainError):
        jury.conflict_declare(
            actor=review.juror.user, round_=round_, proposal=review.proposal, reason=" "
        )
    with pytest.raises(PermissionDenied):
        jury.conflict_declare(
            actor=official_b.user, round_=round_, proposal=review.proposal, reason="x"
        )


def test_out_of_range_refused_and_nothing_saved(round_, unit_a):
    review = ReviewFactory(proposal=proposal(round_, unit_a), round=round_)
    with pytest.raises(DomainError, match="antara 0"):
        jury.review_score(
            actor=review.juror.user, review=review, scores=scores_for(review, [50, 101, 3])
        )
    assert not Score.objects.exists()
    with pytest.raises(DomainError, match="angka"):
        jury.review_score(
            actor=review.juror.user, review=review, scores=scores_for(review, [50, "x", 3])
        )
    assert not Score.objects.exists()


def test_other_juror_cannot_score(round_, unit_a, official_b):
    review = ReviewFactory(proposal=proposal(round_, unit_a), round=round_)
    with pytest.raises(InvalidTransition):
        jury.review_score(
            actor=official_b.user, review=review, scores=scores_for(review, [1, 2, 3])
        )


def test_send_requires_all_items_then_total(round_, unit_a, office):
    review = ReviewFactory(proposal=proposal(round_, unit_a), round=round_)
    user = review.juror.user
    items = list(round_.rubric.all())
    jury.review_score(actor=user, review=review, scores=[{"item": items[0].pk, "value": "80"}])
    with pytest.raises(DomainError, match="Manfaat"):
        jury.review_send(actor=user, review=review)
    jury.review_score(actor=user, review=review, scores=scores_for(review, [80, 60, "100"]))
    jury.review_send(actor=user, review=review)
    review.refresh_from_db()
    assert review.status == Review.Status.SUBMITTED
    assert review.total == Decimal("78.000")  # 0.40·80 + 0.35·60 + 0.25·100
    jury.review_return(actor=office, review=review, note="Mohon ditinjau lagi")
    review.refresh_from_db()
    assert review.status == Review.Status.ASSIGNED and review.total is None
    assert list(review.events.values_list("action", flat=True)) == [
        "score",
        "score",
        "send",
        "return",
    ]


def test_juror_remove_cancels_unsent(round_, unit_a, unit_b, office):
    sent = ReviewFactory(
        proposal=proposal(round_, unit_a), round=round_, status=Review.Status.SUBMITTED
    )
    unsent = ReviewFactory(proposal=proposal(round_, unit_b), round=round_, juror=sent.juror)
    jury.juror_remove(actor=office, juror=sent.juror)
    sent.refresh_from_db()
    unsent.refresh_from_db()
    assert sent.status == Review.Status.SUBMITTED
    assert unsent.status == Review.Status.WITHDRAWN


def test_absurd_numbers_refused(round_, unit_a):
    review = ReviewFactory(proposal=proposal(round_, unit_a), round=round_)
    for value in ("1e999999", "nan", "12.345", "Infinity"):
        with pytest.raises(DomainError):
            jury.review_score(
                actor=review.juror.user, review=review, scores=scores_for(review, [1, value, 1])
            )
    assert not Score.objects.exists()
