"""Fixtures of the survey-taking tests: a location with a queue, a counter and tickets served there.

They run on Monday 09:00 WIB: a module that takes surveys asks for it with
`pytest.mark.usefixtures("monday_morning")` (the report tests keep their own clock and data)."""

from __future__ import annotations

import pytest
import time_machine

from tanggap.queueing.tests.factories import (
    CounterFactory,
    QueueServiceFactory,
    open_as_kecamatan_office,
)
from tanggap.surveys.tests.factories import MONDAY_9, serve


@pytest.fixture
def monday_morning():
    with time_machine.travel(MONDAY_9, tick=False) as traveller:
        yield traveller


@pytest.fixture
def location(unit_a):
    return open_as_kecamatan_office(unit_a)


@pytest.fixture
def queue_service(location):
    return QueueServiceFactory(location=location, prefix="A")


@pytest.fixture
def counter(location, queue_service):
    return CounterFactory(location=location, name="Loket 1", services=[queue_service])


@pytest.fixture
def served_ticket(queue_service, counter, front_desk_a):
    return serve(queue_service, counter, front_desk_a)


@pytest.fixture
def serving_ticket(queue_service, counter, front_desk_a):
    return serve(queue_service, counter, front_desk_a, finish=False)
