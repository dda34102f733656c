"""Concurrency on PostgreSQL: numbering, call-next and booking capacity under real parallel transactions.

Each worker thread has its own database connection (Django opens one per thread) and closes it when done.
SQLite serialises every writer, so these tests only mean something, and only run, on PostgreSQL.
"""

import datetime as dt
import threading
from collections import Counter as Tally
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection, connections

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.core.errors import DomainError
from tanggap.queueing import services
from tanggap.queueing.models import Ticket, TicketEvent
from tanggap.queueing.tests.factories import (
    CounterFactory,
    LocationFactory,
    QueueServiceFactory,
    QueueSettingsFactory,
)

WIB = ZoneInfo("Asia/Jakarta")
MONDAY_9 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=WIB)
S = Ticket.Status
A = TicketEvent.Action

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are only real on PostgreSQL"
    ),
]


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(MONDAY_9, tick=False):
        yield


@pytest.fixture
def location(region):
    location = LocationFactory(region=region, name="Kantor Kecamatan Serentak")
    QueueSettingsFactory(location=location, notify_when_ahead=0)
    return location


@pytest.fixture
def ktp(location):
    return QueueServiceFactory(location=location, prefix="A", capacity_per_slot=3)


@pytest.fixture
def officer(location):
    user = UserFactory(username="petugas_serentak")
    RoleAssignmentFactory(user=user, role=Role.FRONT_DESK, unit=location)
    return user


def run_parallel(worker, count: int, *, threads: int) -> list:
    """Run `worker(i)` for i in range(count) on `threads` threads released together.

    Thread k takes i = k, k + threads, ...; each closes its own database connection when done, so
    the test's flush is not blocked by an idle transaction. An exception in a thread fails the test.
    """
    barrier = threading.Barrier(threads)
    results: list = [None] * count
    errors: list[BaseException] = []

    def run(k):
        try:
            barrier.wait(timeout=30)
            for i in range(k, count, threads):
                results[i] = worker(i)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=run, args=(k,)) for k in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in pool), "a worker thread hung"
    if errors:
        raise errors[0]
    return results


def test_200_tickets_issued_at_once_get_200_distinct_consecutive_numbers(ktp):
    results = run_parallel(lambda _: services.ticket_walk_in(queue_service=ktp).pk, 200, threads=16)
    assert len(set(results)) == 200
    sequences = sorted(Ticket.objects.filter(queue_service=ktp).values_list("sequence", flat=True))
    assert sequences == list(range(1, 201))
    numbers = set(Ticket.objects.values_list("number", flat=True))
    assert len(numbers) == 200 and "A-001" in numbers and "A-200" in numbers
    assert TicketEvent.objects.filter(action=A.ISSUED).count() == 200


def test_ten_counters_calling_at_once_call_each_of_200_tickets_exactly_once(location, ktp, officer):
    for _ in range(200):
        services.ticket_walk_in(queue_service=ktp)
    counters = [
        CounterFactory(location=location, name=f"Loket {i + 1}", services=[ktp]) for i in range(10)
    ]

    def serve_until_empty(i):
        counter = counters[i]
        served = []
        while True:
            ticket = services.counter_call_next(counter=counter, actor=officer)
            if ticket is None:
                return served
            services.ticket_start(ticket=ticket, actor=officer)
            services.ticket_finish(ticket=ticket, actor=officer)
            served.append(ticket.pk)

    per_counter = run_parallel(serve_until_empty, 10, threads=10)
    served = [pk for batch in per_counter for pk in batch]
    assert len(served) == 200 and len(set(served)) == 200
    calls = Tally(TicketEvent.objects.filter(action=A.CALLED).values_list("ticket_id", flat=True))
    assert len(calls) == 200
    assert set(calls.values()) == {1}
    assert Ticket.objects.filter(status=S.DONE).count() == 200
    # Each ticket was served at the counter that called it, and more than one counter did work.
    called_at = dict(
        TicketEvent.objects.filter(action=A.CALLED).values_list("ticket_id", "counter_id")
    )
    done_at = dict(TicketEvent.objects.filter(action=A.DONE).values_list("ticket_id", "counter_id"))
    assert called_at == done_at
    assert len(set(called_at.values())) > 1


def test_one_counter_clicking_call_next_twice_at_once_gets_one_ticket(location, ktp, officer):
    for _ in range(5):
        services.ticket_walk_in(queue_service=ktp)
    counter = CounterFactory(location=location, name="Loket Ganda", services=[ktp])

    def call(_):
        try:
            return services.counter_call_next(counter=counter, actor=officer).pk
        except DomainError as exc:
            return exc.code

    results = run_parallel(call, 8, threads=8)
    assert results.count("counter_busy") == 7
    assert Ticket.objects.filter(counter=counter, status=S.CALLED).count() == 1


def test_concurrent_bookings_of_one_slot_fill_exactly_its_capacity(ktp):
    slot = dt.datetime(2026, 11, 24, 10, 0, tzinfo=WIB)

    def book(i):
        try:
            services.booking_create(
                queue_service=ktp,
                slot_start=slot,
                contact_name=f"Warga {i}",
                contact_phone=f"0812000{i:05d}",
            )
            return "ok"
        except DomainError as exc:
            return exc.code

    results = run_parallel(book, 24, threads=12)
    assert results.count("ok") == ktp.capacity_per_slot == 3
    assert results.count("slot_full") == 21
    assert Ticket.objects.filter(slot_start=slot, status=S.BOOKED).count() == 3
