"""Retraining the routing models: every region's nightly (a region with too little history is skipped,
its verifiers keep the rules; one region's failure does not stop the others), one region's now (an
administrator asked for it, the background worker does it)."""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model

from tanggap.complaints.routing import NotEnoughData, routing_model_train
from tanggap.core.background import enqueue_after_commit
from tanggap.org.models import Region

__all__ = ["routing_model_retrain", "routing_models_retrain", "routing_retrain_request"]

log = logging.getLogger(__name__)


def routing_models_retrain() -> dict[str, str]:
    """Train a new model for every active region; region slug → what happened."""
    outcome = {}
    for region in Region.objects.filter(is_active=True).order_by("slug"):
        try:
            model = routing_model_train(region=region)
        except NotEnoughData:
            outcome[region.slug] = "skipped: not enough data"
        except Exception:  # keep going: one region's failure must not stop the others
            log.exception("Routing model training failed for %s", region.slug)
            outcome[region.slug] = "failed"
        else:
            outcome[region.slug] = f"trained: accuracy {model.accuracy:.3f}"
    return outcome


def routing_model_retrain(*, region_id: int, actor_id: int | None = None) -> str:
    """Retrain one region's model now; what happened, in a line."""
    region = Region.objects.get(pk=region_id)
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    try:
        model = routing_model_train(region=region, actor=actor)
    except NotEnoughData as exc:
        return str(exc.message)
    return f"trained: accuracy {model.accuracy:.3f}"


def routing_retrain_request(*, region, actor) -> None:
    """An administrator asks for retraining now: the background worker does it (through the outbox, so a
    task queue that is down delays the retraining instead of failing the request)."""
    enqueue_after_commit(
        "tanggap.complaints.tasks.routing_retrain_region", region.pk, getattr(actor, "pk", None)
    )
