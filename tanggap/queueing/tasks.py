"""Background work for queues: tell citizens when their turn is near. Tasks only call services."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from tanggap.queueing.services.notifications import near_front_notify


@db_task()
def notify_near_front(queue_service_id: int) -> int:
    """Notify, once, each waiting ticket holder with a contact who is now near the front."""
    return near_front_notify(queue_service_id)
