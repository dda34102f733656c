"""The outbox: background work (a notification) that no outage of the task queue can lose.

`outbox_add` writes the work as an `OutboxMessage` row inside the caller's transaction, so the row exists
exactly when the change that calls for it was saved, and hands it to the task queue once that transaction
commits. The queued task (`tanggap.core.tasks.deliver_outbox_message`) calls `outbox_deliver`, which runs the
named task's body and marks the row sent in one transaction: a row is delivered once, however many times it
was dispatched (a retry, the sweep and the queue racing each other). When the queue cannot take the work
(Redis stopped), the row stays unsent; `outbox_deliver_due` (every minute from the Huey scheduler, or
`manage.py deliver_outbox`) delivers what is due, with a growing pause after each failure, until it is sent.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from tanggap.core.models import OutboxMessage

__all__ = ["outbox_add", "outbox_deliver", "outbox_deliver_due", "outbox_dispatch", "outbox_prune"]

logger = logging.getLogger("tanggap.outbox")

DELIVER_TASK = "tanggap.core.tasks.deliver_outbox_message"
# The sweep leaves a fresh row this long to the task queue; after the n-th failure it waits
# FIRST_RETRY * 2**(n-1), at most MAX_RETRY.
FIRST_RETRY = dt.timedelta(seconds=60)
MAX_RETRY = dt.timedelta(hours=1)
KEEP_SENT = dt.timedelta(days=30)
WARN_EVERY = 60.0  # seconds between two warnings that the task queue is down (per process)
_last_warning = [-WARN_EVERY]


def outbox_add(task: str, *args: Any) -> OutboxMessage:
    """Write `task(*args)` to the outbox in the current transaction (one INSERT) and hand it to the task
    queue once the transaction commits. `args` must be JSON values (ids, not records)."""
    now = timezone.now()
    message = OutboxMessage.objects.create(
        task=task, args=list(args), created_at=now, next_attempt_at=now + FIRST_RETRY
    )
    transaction.on_commit(partial(outbox_dispatch, message.pk), robust=True)
    return message


def outbox_dispatch(message_id: int) -> bool:
    """Queue the delivery of one message; False (and the reason kept on the row) when the task queue
    cannot take it, in which case the sweep delivers it later."""
    try:
        import_string(DELIVER_TASK)(message_id)
    except Exception as exc:  # the queue's own error (Redis down, SQLite queue locked)
        _warn_queue_down(exc)
        OutboxMessage.objects.filter(pk=message_id, sent_at__isnull=True).update(
            last_error=_describe("queue", exc)
        )
        return False
    return True


def outbox_deliver(message_id: int) -> bool:
    """Run one message's task unless it was already sent; True when it ran and is now marked sent.

    The task's body and the mark share one transaction (the row locked on PostgreSQL), so a message is
    never run twice to completion. A failure is kept on the row with the time of the next attempt."""
    try:
        with transaction.atomic():
            message = (
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(pk=message_id, sent_at__isnull=True)
                .first()
            )
            if message is None:  # already sent, or being sent right now by another worker
                return False
            _body_of(message.task)(*message.args)
            OutboxMessage.objects.filter(pk=message_id).update(
                sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
            )
    except Exception as exc:  # any failure of the task: keep it, retry later
        logger.exception("Outbox message %s (%s) failed; it will be retried", message_id, exc)
        _record_failure(message_id, exc)
        return False
    return True


def outbox_deliver_due(
    *, now: dt.datetime | None = None, limit: int = 200, include_waiting: bool = False
) -> dict[str, int]:
    """Deliver the unsent messages whose next attempt is due (all unsent ones with `include_waiting`),
    oldest first, at most `limit`; how many this run delivered, and how many it did not (they failed
    again, or another worker was delivering them at that moment)."""
    now = now or timezone.now()
    pending = OutboxMessage.objects.filter(sent_at__isnull=True)
    if not include_waiting:
        pending = pending.filter(next_attempt_at__lte=now)
    ids = list(pending.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
    delivered = sum(outbox_deliver(pk) for pk in ids)
    return {"delivered": delivered, "not_delivered": len(ids) - delivered}


def outbox_prune(*, now: dt.datetime | None = None, keep: dt.timedelta = KEEP_SENT) -> int:
    """Delete messages sent more than `keep` ago (they only carried ids); how many were deleted."""
    cutoff = (now or timezone.now()) - keep
    deleted, _ = OutboxMessage.objects.filter(sent_at__lt=cutoff).delete()
    return deleted


def _body_of(task: str) -> Callable[..., Any]:
    """The function behind a Huey task named by its dotted path (the task's body, run here and now)."""
    found = import_string(task)
    return getattr(found, "call_local", found)


def _record_failure(message_id: int, exc: Exception) -> None:
    row = OutboxMessage.objects.filter(pk=message_id, sent_at__isnull=True)
    attempts = row.values_list("attempts", flat=True).first()
    if attempts is None:
        return
    pause = min(FIRST_RETRY * 2**attempts, MAX_RETRY)
    row.update(
        attempts=attempts + 1,
        last_error=_describe("task", exc),
        next_attempt_at=timezone.now() + pause,
    )


def _describe(stage: str, exc: Exception) -> str:
    return f"{stage}: {type(exc).__name__}: {exc}"[:2000]


def _warn_queue_down(exc: Exception) -> None:
    """One warning per WARN_EVERY seconds while the queue is down, not one per message."""
    moment = time.monotonic()
    if moment - _last_warning[0] >= WARN_EVERY:
        _last_warning[0] = moment
        logger.warning(
            "Task queue unreachable (%s: %s); outbox messages wait for the sweep.",
            type(exc).__name__,
            exc,
        )
