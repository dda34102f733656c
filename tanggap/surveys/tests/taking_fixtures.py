"""Fixtures of the survey-taking tests (imported by test_services.py and test_views.py, not a conftest:
the report tests keep their own clock and data): Monday 09:00 WIB, a location with a queue and
tickets served there."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tanggap.queueing import services as queue
from tanggap.queueing.tests.factories import CounterFactory, QueueServiceFactory

WIB = ZoneInfo("Asia/Jakarta")
MONDAY_9 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=WIB)

GOOD_ANSWERS = {
    "persyaratan": 4,
    "prosedur": 3,
    "waktu": 3,
    "biaya": 4,
    "produk": 3,
    "kompetensi": 4,
    "perilaku": 4,
    "pengaduan": 2,
    "sarana": 3,
}
PROFILE = {"sex": "P", "age": 34, "education": "sma", "occupation": "wirausaha"}


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(MONDAY_9, tick=False) as traveller:
        yield traveller


@pytest.fixture
def location(unit_a):
    unit_a.kind = "kecamatan"
    unit_a.work_start, unit_a.work_end = dt.time(8, 0), dt.time(15, 0)
    unit_a.save()
    return unit_a


@pytest.fixture
def queue_service(location):
    return QueueServiceFactory(location=location, prefix="A")


@pytest.fixture
def counter(location, queue_service):
    return CounterFactory(location=location, name="Loket 1", services=[queue_service])


def serve(queue_service, counter, officer, *, finish=True):
    """A walk-in ticket called, served and (by default) finished at the counter."""
    ticket = queue.ticket_walk_in(queue_service=queue_service)
    called = queue.counter_call_next(counter=counter, actor=officer)
    assert called.pk == ticket.pk
    queue.ticket_start(ticket=called, actor=officer)
    if finish:
        queue.ticket_finish(ticket=called, actor=officer)
    called.refresh_from_db()
    return called


@pytest.fixture
def served_ticket(queue_service, counter, front_desk_a):
    return serve(queue_service, counter, front_desk_a)


@pytest.fixture
def serving_ticket(queue_service, counter, front_desk_a):
    return serve(queue_service, counter, front_desk_a, finish=False)
