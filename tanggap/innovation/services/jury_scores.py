"""A juror's scores: saved per rubric item within its range (a draft), then sent once complete; the
organiser returns a sent review for discussion or cancels an unsent one. Every move is a ReviewEvent."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.innovation import workflow
from tanggap.innovation.aggregation import Rubric, RubricCriterion, validate_score
from tanggap.innovation.models import Conflict, Review, Round, RubricItem, Score
from tanggap.innovation.services.jury_common import V, _event, _move, _require_open

# --- scores --------------------------------------------------------------------------------------


def rubric_of(items) -> Rubric:
    return Rubric(
        tuple(
            RubricCriterion(
                code=i.code,
                label=i.name,
                weight=i.weight,
                min_score=i.min_score,
                max_score=i.max_score,
            )
            for i in items
        )
    )


def _number(value, item: RubricItem) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise DomainError(
            _("Nilai untuk %(label)s harus berupa angka.") % {"label": item.name}, field="score"
        ) from None
    if not number.is_finite():
        raise DomainError(
            _("Nilai untuk %(label)s harus berupa angka.") % {"label": item.name}, field="score"
        )
    try:
        rounded = number.quantize(Decimal("0.01"))
    except InvalidOperation:
        raise DomainError(
            _("Nilai untuk %(label)s harus antara %(min)s dan %(max)s.")
            % {"label": item.name, "min": item.min_score, "max": item.max_score},
            field="score",
        ) from None
    if number != rounded:
        raise DomainError(
            _("Nilai untuk %(label)s paling banyak dua angka desimal.") % {"label": item.name},
            field="score",
        )
    return number


def _require_scorer(actor, review: Review) -> None:
    if not review.juror.is_active:
        raise PermissionDenied(_("Anda bukan lagi juri lomba ini."))
    if review.round.status != Round.Status.REVIEW:
        raise DomainError(_("Lomba tidak sedang dalam tahap penilaian juri."))
    if Conflict.objects.filter(juror=review.juror, proposal=review.proposal_id).exists():
        raise DomainError(_("Anda memiliki konflik kepentingan dengan proposal ini."))


@transaction.atomic
def review_score(*, actor, review: Review, scores, comment: str | None = None) -> Review:
    """Save the juror's scores (a draft): `scores` is a list of {item, value, comment}; a blank value
    clears that item. Every value is checked against its item's range first: one bad value refuses all."""
    workflow.REVIEW_MACHINE.check_action(workflow.SCORE, review.status, actor, review)
    _require_scorer(actor, review)
    items = {i.pk: i for i in review.round.rubric.all()}
    rubric = rubric_of(items.values())
    if not isinstance(scores, list | tuple):
        raise DomainError(_("Daftar nilai tidak sah."), field="scores")
    parsed: dict[int, tuple[Decimal | None, str]] = {}
    for row in scores:
        if not isinstance(row, dict):
            raise DomainError(_("Daftar nilai tidak sah."), field="scores")
        try:
            item = items[int(row.get("item") or "")]
        except (KeyError, TypeError, ValueError):
            raise DomainError(_("Kriteria penilaian tidak dikenal."), field="item") from None
        if item.pk in parsed:
            raise DomainError(
                _("Kriteria %(label)s dinilai lebih dari sekali.") % {"label": item.name},
                field="item",
            )
        note = str(row.get("comment") or "").strip()
        value = row.get("value")
        if value is None or str(value).strip() == "":
            parsed[item.pk] = (None, note)
            continue
        number = _number(value, item)
        validate_score(rubric, item.code, number)
        parsed[item.pk] = (number, note)
    current = {s.item_id: s for s in review.scores.all()}
    for item_id, (given, note) in parsed.items():
        if given is None:
            if item_id in current:
                current[item_id].delete()
            continue
        Score.objects.update_or_create(
            review=review, item_id=item_id, defaults={"value": given, "comment": note}
        )
    if comment is not None:
        review.comment = str(comment).strip()
        review.save(update_fields=["comment"])
    _event(review, workflow.SCORE, review.status, actor).save()
    return review


def weighted_total(items, values: dict[int, Decimal]) -> Decimal:
    """Σ weight × (score − min)/(max − min) × 100 / Σ weight (the rubric's 0–100 total)."""
    total = Fraction(0)
    weights = Fraction(0)
    for item in items:
        low, high = Fraction(item.min_score), Fraction(item.max_score)
        weight = Fraction(item.weight)
        total += weight * (Fraction(values[item.pk]) - low) / (high - low) * 100
        weights += weight
    mean = total / weights
    return (Decimal(mean.numerator) / Decimal(mean.denominator)).quantize(Decimal("0.001"))


@transaction.atomic
def review_send(*, actor, review: Review) -> Review:
    """Send the review: every rubric item must be scored."""
    workflow.REVIEW_MACHINE.check_action(workflow.SEND, review.status, actor, review)
    _require_scorer(actor, review)
    items = list(review.round.rubric.all())
    values = {s.item_id: s.value for s in review.scores.all()}
    missing = [i.name for i in items if i.pk not in values]
    if missing or not items:
        raise DomainError(
            _("Belum semua kriteria dinilai: %(items)s.") % {"items": ", ".join(missing)},
            field="scores",
            code="incomplete",
        )
    review.total = weighted_total(items, values)
    review.submitted_at = timezone.now()
    before = review.status
    review.status = V.SUBMITTED
    review.save(update_fields=["status", "total", "submitted_at"])
    _event(review, workflow.SEND, before, actor).save()
    return review


@transaction.atomic
def review_return(*, actor, review: Review, note: str) -> Review:
    """The organiser returns a sent review to its juror for discussion, with a note."""
    _require_open(review.round)
    note = (note or "").strip()
    if not note:
        raise DomainError(_("Tuliskan catatan untuk juri."), field="note")
    _move(review, workflow.RETURN, actor, note)
    return review


@transaction.atomic
def review_cancel(*, actor, review: Review, note: str = "") -> Review:
    """The organiser cancels an assigned, unsent review."""
    _require_open(review.round)
    _move(review, workflow.CANCEL, actor, (note or "").strip())
    return review
