"""Helpers shared by the jury services: the review's events and moves, the organiser check."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.innovation import permissions, workflow
from tanggap.innovation.models import Review, ReviewEvent, Round

ASSIGN = "assign"
V = Review.Status
CLOSED_ROUNDS = (Round.Status.PUBLISHED, Round.Status.CLOSED)
# Preferences given to the solver so that existing reviews stay with their jurors.
KEEP_SENT, KEEP_ASSIGNED = 1000.0, 1.0


def _label(actor) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "sistem"
    return actor.get_full_name() or actor.get_username()


def _event(review: Review, action: str, from_status: str, actor, note: str = "") -> ReviewEvent:
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return ReviewEvent(
        review=review,
        action=action,
        from_status=from_status,
        to_status=review.status,
        actor=user,
        actor_label=_label(actor),
        note=note,
        at=timezone.now(),
    )


def _require_organiser(actor, round_: Round) -> None:
    if not permissions.is_organiser(actor, round_):
        raise PermissionDenied(_("Hanya penyelenggara lomba yang dapat mengatur juri."))


def _require_open(round_: Round) -> None:
    if round_.status in CLOSED_ROUNDS:
        raise DomainError(_("Hasil lomba sudah diumumkan; penjurian tidak dapat diubah lagi."))


def _move(review: Review, action: str, actor, note: str = "") -> None:
    """Check the move in REVIEW_MACHINE, apply it and record its event."""
    transition = workflow.REVIEW_MACHINE.check_action(action, review.status, actor, review)
    before = review.status
    review.status = transition.target
    if transition.target == V.ASSIGNED:
        review.submitted_at = None
        review.total = None
    review.save(update_fields=["status", "submitted_at", "total"])
    _event(review, action, before, actor, note).save()
