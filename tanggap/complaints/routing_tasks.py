"""Nightly retraining of every region's routing model (Huey).

Huey's crontab runs in UTC: 19:00 UTC is 02:00 WIB, 03:00 WITA, 04:00 WIT, when nobody dispatches.
A region with too little history is skipped (its verifiers keep the rules); one region's failure does
not stop the others.
"""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from tanggap.complaints.routing import NotEnoughData, routing_model_train
from tanggap.org.models import Region

log = logging.getLogger(__name__)


def retrain_all() -> dict[str, str]:
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


@db_periodic_task(crontab(hour="19", minute="0"))
@lock_task("routing-retrain")
def routing_retrain_nightly() -> dict[str, str]:
    """Every night: retrain each region's routing model on its latest dispatch decisions."""
    return retrain_all()


@db_task()
def routing_retrain_region(region_id: int, actor_id: int | None = None) -> str:
    """Retrain one region's model now (an administrator asked for it)."""
    from tanggap.accounts.models import User

    region = Region.objects.get(pk=region_id)
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    try:
        model = routing_model_train(region=region, actor=actor)
    except NotEnoughData as exc:
        return str(exc.message)
    return f"trained: accuracy {model.accuracy:.3f}"
