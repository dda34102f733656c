"""Background work for reports: notifications after each step, the deadline sweep, auto-closing.

The tasks only call services (tanggap.complaints.services); their logic is tested there as plain
functions with frozen time.
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

# Huey's consumer discovers only each app's `tasks` module: importing the routing tasks here registers
# the nightly retraining of the routing model with it.
from tanggap.complaints import routing_tasks  # noqa: F401
from tanggap.complaints.services.escalation import escalation_sweep
from tanggap.complaints.services.handling import complaint_close_expired
from tanggap.complaints.services.notices import event_notify


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
