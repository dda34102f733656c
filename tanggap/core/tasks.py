"""Background work of core (Huey discovers this module): delivering the outbox. Tasks only call services.

A message is queued once its transaction commits; the sweep delivers what the queue never ran (the queue
was down when the message was written, or a delivery failed). While Redis is down the scheduler cannot run
either: the sweep runs again as soon as the consumer reaches Redis, and `manage.py deliver_outbox` delivers
without the queue meanwhile.
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from tanggap.core.services.outbox import outbox_deliver, outbox_deliver_due, outbox_prune


@db_task()
def deliver_outbox_message(message_id: int) -> bool:
    """Deliver one outbox message (queued after the commit that wrote it); a no-op once it was sent."""
    return outbox_deliver(message_id)


@db_periodic_task(crontab(minute="*"))
@lock_task("outbox-sweep")
def sweep_outbox() -> dict[str, int]:
    """Every minute: deliver the outbox messages that are due (never queued, or failed and waited)."""
    return outbox_deliver_due()


@db_periodic_task(crontab(hour="20", minute="45"))
def prune_outbox() -> int:
    """Every night (03:45 WIB): forget messages sent more than 30 days ago."""
    return outbox_prune()
