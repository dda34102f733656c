"""Issue 9, defect 10: background work (a notification) goes through the outbox. The row is written in the
transaction of the change, so it exists exactly when the change was saved; it runs once, however often it is
dispatched; a task queue that is down, or a task that fails, leaves it for the sweep, which retries with a
growing pause until it has run; system administrators see what is waiting and why."""

from __future__ import annotations

import datetime as dt
import io
import logging
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, transaction
from redis.exceptions import ConnectionError as RedisConnectionError

from tanggap.core.background import enqueue_after_commit
from tanggap.core.models import OutboxMessage
from tanggap.core.services import outbox
from tanggap.core.services.outbox import outbox_deliver, outbox_deliver_due, outbox_prune
from tanggap.core.tasks import prune_outbox, sweep_outbox

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
HERE = "tanggap.core.tests.test_outbox"
CALLS: list[tuple] = []
FAILURES_LEFT = [0]


def remember(*args):
    """A task body: what it was called with."""
    CALLS.append(args)


def flaky(*args):
    """Fails while FAILURES_LEFT is above zero, then works."""
    if FAILURES_LEFT[0] > 0:
        FAILURES_LEFT[0] -= 1
        raise RuntimeError("SMS gateway answered 503")
    CALLS.append(args)


def queue_down(message_id):
    """The task queue's enqueue when Redis is stopped."""
    raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


@pytest.fixture(autouse=True)
def clean(monkeypatch):
    CALLS.clear()
    FAILURES_LEFT[0] = 0
    monkeypatch.setattr(outbox, "_last_warning", [-outbox.WARN_EVERY])
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller
    CALLS.clear()


def later(traveller, seconds: float) -> None:
    traveller.move_to(NOW + dt.timedelta(seconds=seconds))


def test_the_message_is_written_in_the_transaction_and_disappears_with_a_rollback():
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_after_commit(f"{HERE}.remember", 7)
        assert OutboxMessage.objects.count() == 1
        raise RuntimeError("the business change failed")
    assert OutboxMessage.objects.count() == 0
    assert CALLS == []


def test_queueing_a_message_costs_one_insert(django_assert_num_queries):
    with transaction.atomic(), django_assert_num_queries(1) as captured:
        enqueue_after_commit(f"{HERE}.remember", 7, "x")
    assert captured.captured_queries[0]["sql"].upper().startswith("INSERT")
    message = OutboxMessage.objects.get()
    assert (message.task, message.args, message.sent_at) == (f"{HERE}.remember", [7, "x"], None)
    assert message.next_attempt_at == NOW + outbox.FIRST_RETRY


def test_after_commit_the_task_runs_once_and_the_row_is_marked_sent(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        enqueue_after_commit(f"{HERE}.remember", 7)
    message = OutboxMessage.objects.get()
    assert CALLS == [(7,)]
    assert (message.sent_at, message.attempts, message.last_error) == (NOW, 1, "")
    # Dispatched again (a retried task, the sweep, the operator's command): nothing runs twice.
    assert outbox_deliver(message.pk) is False
    assert outbox_deliver_due(include_waiting=True) == {"delivered": 0, "not_delivered": 0}
    call_command("deliver_outbox", stdout=io.StringIO())
    assert CALLS == [(7,)]


def test_a_task_queue_that_is_down_leaves_the_messages_to_the_sweep(
    clean, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    monkeypatch.setattr(outbox, "DELIVER_TASK", f"{HERE}.queue_down")
    caplog.set_level(logging.WARNING, logger="tanggap.outbox")
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_after_commit(f"{HERE}.remember", 1)
        enqueue_after_commit(f"{HERE}.remember", 2)
    rows = list(OutboxMessage.objects.order_by("pk"))
    assert [r.sent_at for r in rows] == [None, None] and CALLS == []
    assert all(r.last_error.startswith("queue: ConnectionError: Error 111") for r in rows)
    assert (
        len([r for r in caplog.records if r.name == "tanggap.outbox"]) == 1
    )  # not one per message

    later(clean, 30)  # the queue may still run them: the sweep leaves fresh rows alone
    assert sweep_outbox.call_local() == {"delivered": 0, "not_delivered": 0}
    later(clean, 61)
    assert sweep_outbox.call_local() == {"delivered": 2, "not_delivered": 0}
    assert CALLS == [(1,), (2,)]
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()
    assert sweep_outbox.call_local() == {"delivered": 0, "not_delivered": 0}
    assert CALLS == [(1,), (2,)]


def test_a_failing_task_is_retried_with_a_growing_pause_until_it_runs(
    clean, django_capture_on_commit_callbacks
):
    FAILURES_LEFT[0] = 2
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_after_commit(f"{HERE}.flaky", 5)
    message = OutboxMessage.objects.get()
    assert (message.sent_at, message.attempts) == (None, 1)
    assert message.last_error == "task: RuntimeError: SMS gateway answered 503"
    assert message.next_attempt_at == NOW + dt.timedelta(seconds=60)

    later(clean, 59)
    assert outbox_deliver_due() == {"delivered": 0, "not_delivered": 0}
    later(clean, 60)
    assert outbox_deliver_due() == {"delivered": 0, "not_delivered": 1}
    message.refresh_from_db()
    assert message.attempts == 2
    assert message.next_attempt_at == NOW + dt.timedelta(seconds=60 + 120)  # the pause doubles

    later(clean, 180)
    assert outbox_deliver_due() == {"delivered": 1, "not_delivered": 0}
    message.refresh_from_db()
    assert (message.attempts, message.last_error, message.sent_at) == (
        3,
        "",
        NOW + dt.timedelta(seconds=180),
    )
    assert CALLS == [(5,)]


def test_the_pause_between_attempts_stops_growing_at_an_hour(clean):
    message = OutboxMessage.objects.create(
        task=f"{HERE}.flaky", args=[], attempts=12, next_attempt_at=NOW
    )
    FAILURES_LEFT[0] = 1
    assert outbox_deliver(message.pk) is False
    message.refresh_from_db()
    assert message.next_attempt_at == NOW + dt.timedelta(hours=1)


def test_an_unknown_task_name_is_kept_as_a_failure_not_lost():
    message = OutboxMessage.objects.create(
        task="tanggap.nowhere.tasks.gone", args=[1], next_attempt_at=NOW
    )
    assert outbox_deliver(message.pk) is False
    message.refresh_from_db()
    assert message.sent_at is None and message.attempts == 1
    assert message.last_error.startswith("task: ModuleNotFoundError: No module named")


def test_the_operators_command_delivers_waiting_messages_without_the_queue(capsys):
    waiting = [
        OutboxMessage.objects.create(
            task=f"{HERE}.remember", args=[n], next_attempt_at=NOW + dt.timedelta(minutes=5)
        )
        for n in (1, 2)
    ]
    call_command("deliver_outbox", "--due-only")
    assert CALLS == [] and "Delivered 0; not delivered 0" in capsys.readouterr().out
    call_command("deliver_outbox")
    assert CALLS == [(1,), (2,)] and "Delivered 2; not delivered 0" in capsys.readouterr().out
    assert all(m.sent_at for m in OutboxMessage.objects.filter(pk__in=[w.pk for w in waiting]))


def test_the_nightly_prune_forgets_only_messages_sent_long_ago():
    old = OutboxMessage.objects.create(
        task="t", next_attempt_at=NOW, sent_at=NOW - dt.timedelta(days=31)
    )
    recent = OutboxMessage.objects.create(
        task="t", next_attempt_at=NOW, sent_at=NOW - dt.timedelta(days=29)
    )
    unsent = OutboxMessage.objects.create(
        task="t",
        next_attempt_at=NOW - dt.timedelta(days=60),
        created_at=NOW - dt.timedelta(days=60),
    )
    assert prune_outbox.call_local() == 1
    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == {recent.pk, unsent.pk}
    assert outbox_prune() == 0 and old.pk not in OutboxMessage.objects.values_list("pk", flat=True)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_a_message_being_delivered_elsewhere_is_skipped_not_run_twice():
    message = OutboxMessage.objects.create(task=f"{HERE}.remember", args=[9], next_attempt_at=NOW)
    locked, release = threading.Event(), threading.Event()

    def another_worker():
        with transaction.atomic():
            OutboxMessage.objects.select_for_update().get(pk=message.pk)
            locked.set()
            release.wait(timeout=30)
        connection.close()

    worker = threading.Thread(target=another_worker)
    worker.start()
    try:
        assert locked.wait(timeout=30)
        assert outbox_deliver(message.pk) is False
        assert CALLS == []
    finally:
        release.set()
        worker.join()
    assert outbox_deliver(message.pk) is True and CALLS == [(9,)]
