"""Reads of competition rounds, already scoped to the user: the rounds they may see, a round's proposals,
the innovations a unit may enter, and the round's results (`round_results`, from SUBMITTED reviews)."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from tanggap.accounts.permissions import is_sysadmin, unit_ids_with, user_region_ids
from tanggap.core.errors import NotFound
from tanggap.innovation import permissions as p
from tanggap.innovation.aggregation import Ranked, aggregate
from tanggap.innovation.models import Assessment, Innovation, Proposal, Review, Round, Score
from tanggap.innovation.selectors.eligibility import check_rubric, ineligibility, live_count
from tanggap.org.models import Region

RANKED_STATUSES = (
    Proposal.Status.IN_REVIEW,
    Proposal.Status.WINNER,
    Proposal.Status.NOT_SELECTED,
)


def rounds_visible_to(*, user) -> QuerySet[Round]:
    """Organisers see their rounds; staff and units of a participating region (the organiser or a
    region under a province organiser) see the round; jurors see the rounds they judge."""
    base = Round.objects.select_related("organiser")
    if is_sysadmin(user):
        return base.all()
    regions = user_region_ids(user) | p.office_region_ids(user)
    parents = set(
        Region.objects.filter(id__in=regions, parent__isnull=False).values_list(
            "parent_id", flat=True
        )
    )
    jury = Q(jurors__user=user, jurors__is_active=True)
    return base.filter(Q(organiser_id__in=regions | parents) | jury).distinct()


def round_for(*, user, round_id: int) -> Round:
    round_ = rounds_visible_to(user=user).filter(pk=round_id).first()
    if round_ is None:
        raise NotFound(_("Lomba tidak ditemukan."))
    return round_


def published_round(*, round_id: int) -> Round:
    """A round whose results are published (anyone may read its ranking)."""
    round_ = (
        Round.objects.select_related("organiser")
        .filter(pk=round_id, status__in=(Round.Status.PUBLISHED, Round.Status.CLOSED))
        .first()
    )
    if round_ is None:
        raise NotFound(_("Hasil lomba tidak ditemukan atau belum diumumkan."))
    return round_


def proposals_visible_to(*, user, round_: Round) -> QuerySet[Proposal]:
    """The organiser sees every proposal; a unit sees its own (and the units below it)."""
    qs = round_.proposals.select_related("unit", "category", "innovation").order_by("code")
    if p.is_organiser(user, round_):
        return qs
    return qs.filter(unit_id__in=unit_ids_with(user, p.OWNER_ROLES))


def proposal_for(*, user, round_: Round, proposal_id: int) -> Proposal:
    proposal = proposals_visible_to(user=user, round_=round_).filter(pk=proposal_id).first()
    if proposal is None:
        raise NotFound(_("Proposal tidak ditemukan."))
    return proposal


def candidate_innovations(*, user, round_: Round) -> list[tuple[Innovation, list[str]]]:
    """The user's units' innovations in the round's regions, each with why it may not enter (empty:
    eligible). Counts and assessments are fetched in bulk."""
    region_ids = p.round_region_ids(round_)
    units = unit_ids_with(user, p.OWNER_ROLES)
    innovations = list(
        Innovation.objects.filter(unit_id__in=units, region_id__in=region_ids, is_active=True)
        .select_related("unit")
        .order_by("name", "pk")
    )
    qualified = set(
        Assessment.objects.filter(
            innovation__in=innovations,
            status=Assessment.Status.DONE,
            result=Assessment.Result.MEMENUHI,
        ).values_list("innovation_id", flat=True)
    )
    entered = set(
        round_.proposals.exclude(status=Proposal.Status.WITHDRAWN).values_list(
            "innovation_id", flat=True
        )
    )
    counts: dict[int, int] = {}
    out = []
    for innovation in innovations:
        if innovation.unit_id not in counts:
            counts[innovation.unit_id] = live_count(round_, innovation.unit_id)
        reasons = ineligibility(
            round_,
            innovation,
            qualified=innovation.pk in qualified,
            unit_live=counts[innovation.unit_id],
            region_ids=region_ids,
        )
        if innovation.pk in entered:
            reasons.append(_("Inovasi ini sudah diajukan ke lomba ini."))
        out.append((innovation, reasons))
    return out


def tie_break_of(round_: Round, rubric) -> tuple[str, str]:
    """The aggregation rule for the round's tie rule, and its explanation."""
    if round_.tie_rule == Round.TieRule.EARLIEST:
        return "earliest_submission", _("Nilai sama dipisahkan oleh waktu pengajuan paling awal.")
    top = max(rubric.criteria, key=lambda c: c.weight)
    return f"criterion:{top.code}", _(
        "Nilai sama dipisahkan oleh rata-rata nilai kriteria berbobot tertinggi (%(name)s)."
    ) % {"name": top.label}


@dataclass(frozen=True)
class ResultRow:
    proposal: Proposal
    ranked: Ranked
    tied: bool  # equal mean with another proposal: the tie rule decided (or they share a rank)


@dataclass(frozen=True)
class Results:
    round: Round
    rows: list[ResultRow]
    tie_rule: str
    tie_explanation: str
    pending_reviews: int


def round_results(round_: Round) -> Results:
    """Every screened proposal's weighted mean, spread and outlier flags from SUBMITTED reviews only,
    ranked with the round's tie rule (aggregation.aggregate). Not scoped: callers check the user."""
    items = list(round_.rubric.all())
    rubric = check_rubric(items)
    rule, explanation = tie_break_of(round_, rubric)
    proposals: dict[Hashable, Proposal] = {
        pr.pk: pr
        for pr in round_.proposals.filter(status__in=RANKED_STATUSES).select_related(
            "unit", "category"
        )
    }
    scores = list(
        Score.objects.filter(
            review__round=round_,
            review__status=Review.Status.SUBMITTED,
            review__proposal_id__in=list(proposals),
        ).values_list("review__proposal_id", "review__juror_id", "item__code", "value")
    )
    assignments: dict[Hashable, list[Hashable]] = {pk: [] for pk in proposals}
    pending = 0
    for pid, jid, status in (
        Review.objects.filter(round=round_, proposal_id__in=list(proposals))
        .exclude(status=Review.Status.WITHDRAWN)
        .values_list("proposal_id", "juror_id", "status")
    ):
        assignments[pid].append(jid)
        pending += status == Review.Status.ASSIGNED
    ranked = aggregate(
        rubric,
        scores,
        tie_break=rule,
        submitted_at={pk: pr.submitted_at for pk, pr in proposals.items() if pr.submitted_at},
        assignments=assignments,
        outlier_min_gap=float(round_.outlier_gap),
    )
    means: dict = {}
    for r in ranked:
        if r.exact_mean is not None:
            means[r.exact_mean] = means.get(r.exact_mean, 0) + 1
    rows = [
        ResultRow(
            proposal=proposals[r.proposal],
            ranked=r,
            tied=r.exact_mean is not None and means[r.exact_mean] > 1,
        )
        for r in ranked
    ]
    return Results(
        round=round_,
        rows=rows,
        tie_rule=rule,
        tie_explanation=explanation,
        pending_reviews=pending,
    )


def published_ranking(round_: Round) -> QuerySet[Proposal]:
    """What the public sees after publication: ranks, scores and the Top N, never jurors' scores."""
    return (
        round_.proposals.filter(status__in=(Proposal.Status.WINNER, Proposal.Status.NOT_SELECTED))
        .select_related("unit", "region", "category")
        .order_by("rank", "code")
    )


@dataclass(frozen=True)
class ReviewLine:
    """One juror's review of a proposal on the organiser's results page: the weighted total, whether it
    is an outlier, and the moves the organiser may make on it (return for discussion, cancel)."""

    review: Review
    juror_name: str
    total: float | None
    outlier: bool
    actions: list[str]


def result_review_lines(user, results: Results) -> dict[int, list[ReviewLine]]:
    """Per proposal of `results`, each unwithdrawn review with its juror's total and the organiser's
    moves (REVIEW_MACHINE). Only for the organiser (scores before publication): others get nothing."""
    from tanggap.innovation.workflow import CANCEL, RETURN, REVIEW_MACHINE

    round_ = results.round
    if not p.is_organiser(user, round_):
        return {}
    totals = {
        (row.proposal.pk, t.juror): t for row in results.rows for t in row.ranked.juror_totals
    }
    lines: dict[int, list[ReviewLine]] = {row.proposal.pk: [] for row in results.rows}
    reviews = (
        Review.objects.filter(round=round_, proposal_id__in=list(lines))
        .exclude(status=Review.Status.WITHDRAWN)
        .select_related("juror__user")
        .order_by("proposal_id", "juror__user__first_name", "pk")
    )
    for review in reviews:
        review.round = round_
        found = totals.get((review.proposal_id, review.juror_id))
        account = review.juror.user
        lines[review.proposal_id].append(
            ReviewLine(
                review=review,
                juror_name=account.get_full_name() or account.get_username(),
                total=None if found is None else found.total,
                outlier=bool(found and found.outlier),
                actions=[
                    a
                    for a in REVIEW_MACHINE.available_actions(review.status, user, review)
                    if a in (RETURN, CANCEL)
                ],
            )
        )
    return lines
