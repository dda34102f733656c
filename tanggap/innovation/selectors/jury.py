"""What the jury pages and API read, already scoped to the user:

- a juror sees only their own reviews (`my_reviews`, `review_for_juror`), with the proposal as
  `proposal_view` gives it: in a blind round without the proposing unit, region or innovation owner;
- the organiser sees the assignment matrix (`assignment_matrix`: loads per juror, reviews per
  proposal, conflicts);
- scores (`visible_scores`) follow `permissions.may_see_scores`: the organiser and the scoring juror
  until the results are published, then the jury too."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from tanggap.core.errors import NotFound
from tanggap.innovation import permissions
from tanggap.innovation.models import Conflict, Juror, Proposal, Review, Round, Score

OPEN_FOR_JURY = (Round.Status.OPEN, Round.Status.SCREENING, Round.Status.REVIEW)


def is_juror_of_open_round(user) -> bool:
    """The "Penjurian" work area: an active juror of a round not yet published."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return Juror.objects.filter(user=user, is_active=True, round__status__in=OPEN_FOR_JURY).exists()


def is_juror(user) -> bool:
    """An active juror of any round (the jury pages and API refuse every other account)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return Juror.objects.filter(user=user, is_active=True).exists()


def my_reviews(user):
    """The user's own live reviews across rounds (withdrawn ones left out), newest round first."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Review.objects.none()
    return (
        Review.objects.filter(juror__user=user, juror__is_active=True)
        .exclude(status=Review.Status.WITHDRAWN)
        .select_related(
            "round",
            "proposal",
            "proposal__category",
            "proposal__unit",
            "proposal__region",
            "proposal__innovation",
            "juror",
        )
        .annotate(scored=Count("scores"))
        .order_by("-round__year", "round_id", "proposal__code")
    )


def review_for_juror(user, review_id) -> Review:
    """One of the user's own reviews (any other is not found)."""
    try:
        pk = int(review_id)
    except (TypeError, ValueError):
        raise NotFound() from None
    found = (
        Review.objects.filter(pk=pk, juror__user=user, juror__is_active=True)
        .exclude(status=Review.Status.WITHDRAWN)
        .select_related(
            "round",
            "juror",
            "proposal",
            "proposal__category",
            "proposal__unit",
            "proposal__region",
            "proposal__innovation",
        )
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def shows_unit(user, round_: Round) -> bool:
    return permissions.may_see_proposing_unit(user, round_)


def proposal_view(user, proposal: Proposal, show_unit: bool | None = None) -> dict:
    """The proposal as this user may see it: in a blind round, a juror never gets the unit, the region
    or the innovation's name (`show_unit` passes `shows_unit` when already known)."""
    body = {
        "id": proposal.pk,
        "code": proposal.code,
        "title": proposal.title,
        "summary": proposal.summary,
        "category": proposal.category.name,
    }
    if show_unit is None:
        show_unit = shows_unit(user, proposal.round)
    if show_unit:
        body.update(
            unit=proposal.unit.name,
            region=proposal.region.name,
            innovation=proposal.innovation.name,
        )
    return body


@dataclass
class ScoreRow:
    item: object
    score: Score | None


@dataclass
class ScoreSheet:
    review: Review
    rows: list[ScoreRow] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return all(r.score is not None for r in self.rows)


def score_sheet(user, review: Review) -> ScoreSheet | None:
    """Each rubric item with the review's score on it; None when the user may not see the scores."""
    if not permissions.may_see_scores(user, review.round, review):
        return None
    scores = {s.item_id: s for s in review.scores.all()}
    return ScoreSheet(
        review=review,
        rows=[ScoreRow(item=i, score=scores.get(i.pk)) for i in review.round.rubric.all()],
    )


def visible_scores(user, round_: Round):
    """The round's scores the user may see: all for the organiser (and, once published, the jury);
    otherwise only those of the user's own reviews."""
    scores = Score.objects.filter(review__round=round_).select_related("item", "review")
    if permissions.may_see_scores(user, round_):
        return scores
    if user is None or not getattr(user, "is_authenticated", False):
        return scores.none()
    return scores.filter(review__juror__user=user)


@dataclass
class Matrix:
    round: Round
    jurors: list
    proposals: list
    conflicts: list
    live_total: int


def assignment_matrix(user, round_: Round) -> Matrix:
    """The organiser's view of the jury (NotFound for anyone else)."""
    if not permissions.is_organiser(user, round_):
        raise NotFound()
    live = ~Q(reviews__status=Review.Status.WITHDRAWN)
    jurors = list(
        round_.jurors.select_related("user", "official", "official__unit")
        .annotate(
            load=Count("reviews", filter=live & Q(reviews__isnull=False), distinct=True),
            sent=Count("reviews", filter=Q(reviews__status=Review.Status.SUBMITTED), distinct=True),
            conflict_count=Count("conflicts", distinct=True),
        )
        .order_by("-is_active", "id")
    )
    proposals = list(
        round_.proposals.exclude(status=Proposal.Status.WITHDRAWN)
        .select_related("unit")
        .annotate(
            assigned=Count("reviews", filter=live & Q(reviews__isnull=False)),
            sent=Count("reviews", filter=Q(reviews__status=Review.Status.SUBMITTED), distinct=True),
        )
        .order_by("code")
    )
    conflicts = list(
        Conflict.objects.filter(juror__round=round_)
        .select_related("juror__user", "proposal")
        .order_by("proposal__code", "juror_id")
    )
    return Matrix(
        round=round_,
        jurors=jurors,
        proposals=proposals,
        conflicts=conflicts,
        live_total=sum(p.assigned for p in proposals),
    )


def round_for_organiser(user, round_id) -> Round:
    try:
        round_ = Round.objects.select_related("organiser").get(pk=int(round_id))
    except (Round.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None
    if not permissions.is_organiser(user, round_):
        raise NotFound()
    return round_


def round_for_juror(user, round_id) -> tuple[Round, Juror]:
    try:
        round_ = Round.objects.get(pk=int(round_id))
    except (Round.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None
    juror = permissions.juror_of(user, round_)
    if juror is None:
        raise NotFound()
    return round_, juror


def declarable_proposals(juror: Juror):
    """Proposals a juror may declare a conflict on: the round's proposals not yet conflicted."""
    return (
        juror.round.proposals.filter(
            status__in=(Proposal.Status.SUBMITTED, Proposal.Status.IN_REVIEW)
        )
        .exclude(conflicts__juror=juror)
        .select_related("category", "unit", "region", "innovation")
        .order_by("code")
    )


def review_prefetch():
    return Prefetch("scores", queryset=Score.objects.select_related("item"))
