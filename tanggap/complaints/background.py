"""Handing work to the background worker (Huey) by the task's name.

The tasks call the services, so a service never imports the tasks module: it names the task, and the task
is looked up in tanggap.complaints.tasks only when it is queued. Every caller in this app queues this way.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.utils.module_loading import import_string

TASKS_MODULE = "tanggap.complaints.tasks"


def enqueue(task: str, *args) -> None:
    """Queue `tasks.<task>(*args)` now (run at once when Huey is immediate, as in tests)."""
    import_string(f"{TASKS_MODULE}.{task}")(*args)


def enqueue_after_commit(task: str, *args) -> None:
    """Queue `tasks.<task>(*args)` once the current transaction commits.

    `robust`: what the transaction wrote is already saved, so a task queue that is down is logged and never
    turns the citizen's or officer's request into an error."""
    transaction.on_commit(partial(enqueue, task, *args), robust=True)
