"""Publishing a round's results: the ranking from SUBMITTED reviews (selectors.rounds.round_results) is
written to each proposal (final score, rank), the Top N move to WINNER and the rest to NOT_SELECTED
through PROPOSAL_MACHINE, and the round to PUBLISHED through ROUND_MACHINE."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.audit import audit_record
from tanggap.core.errors import DomainError
from tanggap.innovation.aggregation import top_n
from tanggap.innovation.models import Proposal, Review, Round
from tanggap.innovation.selectors.rounds import round_results
from tanggap.innovation.services.proposals import record_event
from tanggap.innovation.workflow import (
    CANCEL,
    NOT_SELECT,
    PROPOSAL_MACHINE,
    PUBLISH,
    REVIEW_MACHINE,
    ROUND_MACHINE,
    SELECT,
)


def _cancel_pending(actor, round_: Round) -> int:
    now = timezone.now()
    count = 0
    for review in (
        Review.objects.select_for_update()
        .filter(round=round_, status=Review.Status.ASSIGNED)
        .select_related("round")
    ):
        REVIEW_MACHINE.check_action(CANCEL, review.status, actor, review)
        review.status = Review.Status.WITHDRAWN
        review.save(update_fields=["status"])
        review.events.create(
            action=CANCEL,
            from_status=Review.Status.ASSIGNED,
            to_status=review.status,
            actor=actor,
            actor_label=getattr(actor, "full_name", "") or str(actor),
            note=_("Dibatalkan saat hasil diumumkan."),
            at=now,
        )
        count += 1
    return count


@transaction.atomic
def round_publish(*, actor, round_: Round, cancel_pending: bool = False) -> Round:
    """Publish the results. Refused while reviews are still assigned and not sent, unless the organiser
    asks to cancel them (`cancel_pending`)."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    ROUND_MACHINE.check_action(PUBLISH, round_.status, actor, round_)
    pending = round_.reviews.filter(status=Review.Status.ASSIGNED).count()
    if pending and not cancel_pending:
        raise DomainError(
            _(
                "Masih ada %(n)s penilaian juri yang belum dikirim. Tunggu sampai dikirim, atau "
                "batalkan penilaian itu saat mengumumkan."
            )
            % {"n": pending},
            code="pending_reviews",
        )
    cancelled = _cancel_pending(actor, round_) if pending else 0
    results = round_results(round_)
    winners = {r.proposal for r in top_n([row.ranked for row in results.rows], round_.top_n)}
    proposals = {
        pr.pk: pr
        for pr in Proposal.objects.select_for_update()
        .filter(round=round_, status=Proposal.Status.IN_REVIEW)
        .select_related("round")
    }
    for row in results.rows:
        proposal = proposals.get(row.proposal.pk)
        if proposal is None:
            continue
        action = SELECT if proposal.pk in winners else NOT_SELECT
        PROPOSAL_MACHINE.check_action(action, proposal.status, actor, proposal)
        before = proposal.status
        proposal.status = (
            Proposal.Status.WINNER if action == SELECT else Proposal.Status.NOT_SELECTED
        )
        mean = row.ranked.exact_mean
        proposal.final_score = (
            None
            if mean is None
            else (Decimal(mean.numerator) / Decimal(mean.denominator)).quantize(Decimal("0.001"))
        )
        proposal.rank = row.ranked.rank
        proposal.save(update_fields=["status", "final_score", "rank"])
        record_event(proposal, action=action, before=before, actor=actor)
    before = round_.status
    round_.status = Round.Status.PUBLISHED
    round_.published_at = timezone.now()
    round_.save(update_fields=["status", "published_at"])
    audit_record(
        actor=actor,
        action="innovation_round.publish",
        target=round_,
        before={"status": before},
        after={"status": round_.status, "winners": sorted(winners), "cancelled": cancelled},
        region_id=round_.organiser_id,
    )
    return round_
