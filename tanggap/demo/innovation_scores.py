"""The jury's seeded scores for the demo round, and its published results.

Each proposal has a hidden quality; each juror a mild bias; each score is quality + bias + noise on a
0–100 rubric item. Two reviews are outliers (a juror far below the others); one of them was returned
to its juror for discussion and sent again unchanged. The results are `aggregate` and `top_n` over the
stored scores: final score = the mean of the jurors' totals (three decimals), rank, Top N."""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal

from tanggap.accounts.models import User
from tanggap.demo.innovation_common import at
from tanggap.innovation import workflow as wf
from tanggap.innovation.aggregation import Rubric, RubricCriterion, aggregate, top_n
from tanggap.innovation.models import (
    Juror,
    Proposal,
    ProposalEvent,
    Review,
    ReviewEvent,
    Round,
    RubricItem,
    Score,
)

P = Proposal.Status
RV = Review.Status
THREE = Decimal("0.001")
COMMENTS = (
    "Dampak terukur dan data pendukungnya lengkap.",
    "Perlu bukti keberlanjutan anggaran setelah tahun berjalan.",
    "Mudah ditiru daerah lain; dokumentasinya baik.",
    "Kolaborasi dengan masyarakat terlihat kuat.",
    "Kebaruan terbatas, tetapi pelaksanaannya rapi.",
)


def round_results(round_: Round):
    """`aggregate` over the round's stored scores of submitted reviews (what publishing writes)."""
    items = list(round_.rubric.order_by("order"))
    rows = Score.objects.filter(review__round=round_, review__status=RV.SUBMITTED).values_list(
        "review__proposal_id", "review__juror_id", "item__code", "value"
    )
    assignments: dict[int, list[int]] = {}
    for proposal, juror in (
        Review.objects.filter(round=round_)
        .exclude(status=RV.WITHDRAWN)
        .values_list("proposal_id", "juror_id")
    ):
        assignments.setdefault(proposal, []).append(juror)
    submitted = dict(Proposal.objects.filter(round=round_).values_list("pk", "submitted_at"))
    ranked = aggregate(
        rubric_of(items), list(rows), tie_break=tie_break_of(round_, items),
        submitted_at=submitted, assignments=assignments, outlier_min_gap=round_.outlier_gap,
    )  # fmt: skip
    return ranked, top_n(ranked, round_.top_n)


def _clamp(value: float) -> Decimal:
    return Decimal(max(35, min(98, round(value))))


def score_and_publish(
    round_: Round,
    proposals: list[Proposal],
    jurors: list[Juror],
    items: list[RubricItem],
    pairs: dict,
    organiser: User,
    rng: random.Random,
) -> None:
    label = organiser.get_full_name() or organiser.username
    quality = {p.pk: rng.gauss(74, 8) for p in proposals}
    bias = {j.pk: rng.gauss(0, 3) for j in jurors}
    by_pk = {j.pk: j for j in jurors}
    outliers = {(p.pk, pairs[p.pk][0]) for p in proposals[4:12:7]}
    assigned_at = at(10, 8, 9)
    scores, events = [], []
    for n, proposal in enumerate(proposals):
        for juror_pk in pairs[proposal.pk]:
            juror = by_pk[juror_pk]
            sent = assigned_at + dt.timedelta(days=3 + rng.randrange(14), hours=rng.randrange(8))
            review = Review.objects.create(
                round=round_, proposal=proposal, juror=juror, status=RV.SUBMITTED,
                comment=COMMENTS[(n + juror_pk) % len(COMMENTS)], assigned_at=assigned_at,
                submitted_at=sent,
            )  # fmt: skip
            drop = 30 if (proposal.pk, juror_pk) in outliers else 0
            for item in items:
                value = _clamp(quality[proposal.pk] + bias[juror_pk] + rng.gauss(0, 5) - drop)
                scores.append(Score(review=review, item=item, value=value))
            name = juror.user.get_full_name() or juror.user.username
            moves = [("assign", "", RV.ASSIGNED, organiser, label, "", assigned_at),
                     (wf.SEND, RV.ASSIGNED, RV.SUBMITTED, juror.user, name, "", sent)]  # fmt: skip
            if drop and n < 8:
                back = sent + dt.timedelta(days=1)
                moves += [
                    (wf.RETURN, RV.SUBMITTED, RV.ASSIGNED, organiser, label,
                     "Nilai jauh di bawah juri lain; mohon ditinjau dalam rapat pleno.", back),
                    (wf.SEND, RV.ASSIGNED, RV.SUBMITTED, juror.user, name,
                     "Sudah ditinjau; nilai dipertahankan dengan alasan tertulis.",
                     back + dt.timedelta(hours=5)),
                ]  # fmt: skip
                review.submitted_at = back + dt.timedelta(hours=5)
                review.save(update_fields=["submitted_at"])
            events += [ReviewEvent(review=review, action=a, from_status=f, to_status=t, actor=u,
                                   actor_label=lab, note=note, at=w)
                       for a, f, t, u, lab, note, w in moves]  # fmt: skip
    Score.objects.bulk_create(scores)
    ReviewEvent.objects.bulk_create(events)
    ranked, winners = round_results(round_)
    totals = {
        (r.proposal, jt.juror): Decimal(jt.exact.numerator) / Decimal(jt.exact.denominator)
        for r in ranked for jt in r.juror_totals
    }  # fmt: skip
    reviews = list(Review.objects.filter(round=round_))
    for review in reviews:
        review.total = totals[(review.proposal_id, review.juror_id)].quantize(THREE, ROUND_HALF_UP)
    Review.objects.bulk_update(reviews, ["total"])
    _publish(round_, proposals, ranked, {w.proposal for w in winners}, organiser, label)


def _publish(round_, proposals, ranked, winners, organiser, label) -> None:
    published = at(11, 20, 10)
    by_pk = {p.pk: p for p in proposals}
    events = []
    for r in ranked:
        proposal = by_pk[r.proposal]
        mean = Decimal(r.exact_mean.numerator) / Decimal(r.exact_mean.denominator)
        proposal.final_score = mean.quantize(THREE, ROUND_HALF_UP)
        proposal.rank = r.rank
        proposal.status = P.WINNER if r.proposal in winners else P.NOT_SELECTED
        events.append(ProposalEvent(
            proposal=proposal, action=wf.SELECT if r.proposal in winners else wf.NOT_SELECT,
            from_status=P.IN_REVIEW, to_status=proposal.status, actor=organiser, actor_label=label,
            note=f"Peringkat {r.rank}, nilai akhir {proposal.final_score}", at=published))  # fmt: skip
    Proposal.objects.bulk_update(proposals, ["final_score", "rank", "status"])
    ProposalEvent.objects.bulk_create(events)
    round_.status = Round.Status.PUBLISHED
    round_.published_at = published
    round_.save(update_fields=["status", "published_at"])


def rubric_of(items: list[RubricItem]) -> Rubric:
    return Rubric(tuple(RubricCriterion(code=i.code, label=i.name, weight=i.weight,
                                        min_score=i.min_score, max_score=i.max_score)
                        for i in items))  # fmt: skip


def tie_break_of(round_: Round, items: list[RubricItem]) -> str:
    """The round's tie rule in `aggregate`'s terms: the highest-weighted criterion, or earliest."""
    if round_.tie_rule == Round.TieRule.EARLIEST:
        return "earliest_submission"
    return "criterion:" + max(items, key=lambda i: (i.weight, -i.order)).code
