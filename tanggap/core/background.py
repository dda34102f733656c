"""Handing work to the background worker (Huey) by the task's dotted name.

Tasks call services, so a service never imports its app's tasks module (that would be an import cycle): it
names the task, and the task is looked up only when it is queued. Every app queues this way, e.g.
`enqueue_after_commit("tanggap.queueing.tasks.notify_near_front", queue_service.pk)`.
"""

from __future__ import annotations

from django.utils.module_loading import import_string

from tanggap.core.services.outbox import outbox_add


def enqueue(task: str, *args) -> None:
    """Queue the task named `task` (a dotted path) with `args` now (run at once when Huey is immediate)."""
    import_string(task)(*args)


def enqueue_after_commit(task: str, *args) -> None:
    """Queue the task once the current transaction commits, through the outbox: one row written in the
    transaction (so the work exists exactly when the change was saved) and delivered until it has run, even
    when the task queue is down at commit time (tanggap/core/services/outbox.py). `args` are JSON values.

    A task queue that is down never turns the citizen's or officer's request into an error."""
    outbox_add(task, *args)
