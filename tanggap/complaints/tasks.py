"""Background work for reports (Huey discovers this module): notifications after each step, the deadline
sweep, auto-closing, the routing model's retraining, and the sweep of attachment files left without a row.

Each task only calls a service; their logic is tested there as plain functions with frozen time. Services
queue tasks by name (tanggap.core.background), so nothing here is imported by a service.
Huey's crontab runs in UTC: 19:00 UTC is 02:00 WIB, 03:00 WITA, 04:00 WIT, when nobody dispatches (20:30 UTC
is 03:30 WIB).
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from tanggap.complaints.services.attachment_orphans import attachment_orphans_sweep
from tanggap.complaints.services.escalation import escalation_sweep
from tanggap.complaints.services.handling import complaint_close_expired
from tanggap.complaints.services.notices import event_notify
from tanggap.complaints.services.routing import routing_model_retrain, routing_models_retrain


@db_task(retries=3, retry_delay=60)
def notify_event(event_id: int) -> int:
    """Tell the reporter and/or the staff about one timeline step (queued after commit, retried)."""
    return event_notify(event_id)


@db_periodic_task(crontab(minute="*/5"))
def sweep_escalations() -> dict:
    """Every five minutes: deadline warnings, breaches to unit heads, escalations to the inspectorate."""
    return escalation_sweep()


@db_periodic_task(crontab(minute="17"))
def close_answered_reports() -> int:
    """Every hour: close answered reports whose reporter-response window has passed."""
    return complaint_close_expired()


@db_periodic_task(crontab(hour="19", minute="0"))
@lock_task("routing-retrain")
def routing_retrain_nightly() -> dict[str, str]:
    """Every night: retrain each region's routing model on its latest dispatch decisions."""
    return routing_models_retrain()


@db_task()
def routing_retrain_region(region_id: int, actor_id: int | None = None) -> str:
    """Retrain one region's model now (an administrator asked for it)."""
    return routing_model_retrain(region_id=region_id, actor_id=actor_id)


@db_periodic_task(crontab(hour="20", minute="30"))
@lock_task("attachment-orphans")
def sweep_attachment_orphans() -> int:
    """Every night: remove stored attachment files that no row names (left by a killed worker)."""
    return attachment_orphans_sweep()
