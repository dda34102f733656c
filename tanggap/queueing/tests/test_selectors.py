"""Queue reads: a ticket's position and estimated wait, the counter screen, the board, free slots."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tanggap.core.errors import DomainError, NotFound
from tanggap.queueing import selectors, services
from tanggap.queueing.models import QueueSettings, Ticket
from tanggap.queueing.tests.factories import (
    CounterFactory,
    LocationFactory,
    QueueServiceFactory,
    QueueSettingsFactory,
)

WIB = ZoneInfo("Asia/Jakarta")
MONDAY_9 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=WIB)
S = Ticket.Status


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(MONDAY_9, tick=False) as traveller:
        yield traveller


@pytest.fixture
def location(region):
    return LocationFactory(region=region, name="Kantor Kecamatan Uji")


@pytest.fixture
def ktp(location):
    return QueueServiceFactory(location=location, prefix="A", default_service_minutes=12)


def finished(queue_service, minutes: float, *, days_ago: int = 0) -> Ticket:
    """A ticket served for `minutes`, finished `days_ago` days before now."""
    end = MONDAY_9 - dt.timedelta(days=days_ago, minutes=5)
    return Ticket.objects.create(
        region=queue_service.region,
        location=queue_service.location,
        queue_service=queue_service,
        code=f"F{Ticket.objects.count():07d}",
        service_day=end.date(),
        status=S.DONE,
        source=Ticket.Source.WALK_IN,
        serving_started_at=end - dt.timedelta(minutes=minutes),
        finished_at=end,
    )


def walk_in(queue_service, traveller, priority: str = "") -> Ticket:
    traveller.shift(60)  # one arrival a minute, so arrival order is unambiguous
    return services.ticket_walk_in(queue_service=queue_service, priority=priority)


def status_of(ticket: Ticket):
    return selectors.ticket_status(selectors.ticket_by_code(ticket.code))


def test_estimate_uses_the_median_recent_service_time_shared_among_open_counters(
    location, ktp, monday_morning
):
    for minutes in (4, 6, 8, 10, 30):
        finished(ktp, minutes)
    finished(ktp, 90, days_ago=20)  # too old to count
    CounterFactory(location=location, name="Loket 1", services=[ktp])
    CounterFactory(location=location, name="Loket 2", services=[ktp])
    CounterFactory(location=location, name="Loket 3", services=[ktp], is_open=False)
    waiting = [walk_in(ktp, monday_morning) for _ in range(4)]
    status = status_of(waiting[3])
    assert status.service_minutes == 8  # the median of 4, 6, 8, 10, 30: an outlier does not drag it
    assert status.open_counters == 2
    assert (status.position, status.ahead) == (4, 3)
    assert status.estimated_wait_minutes == 12  # 3 ahead x 8 minutes / 2 open counters
    assert status_of(waiting[0]).estimated_wait_minutes == 0


def test_estimate_falls_back_to_the_configured_time_until_five_tickets_finished(
    location, ktp, monday_morning
):
    for minutes in (1, 1, 1, 1):
        finished(ktp, minutes)
    CounterFactory(location=location, services=[ktp])
    first, second = walk_in(ktp, monday_morning), walk_in(ktp, monday_morning)
    status = status_of(second)
    assert status.service_minutes == 12 and status.estimated_wait_minutes == 12
    assert status_of(first).ahead == 0


def test_with_no_open_counter_the_wait_is_still_estimated_for_one(location, ktp, monday_morning):
    CounterFactory(location=location, services=[ktp], is_open=False)
    walk_in(ktp, monday_morning)
    last = walk_in(ktp, monday_morning)
    status = status_of(last)
    assert status.open_counters == 0 and status.estimated_wait_minutes == 12


def test_position_puts_priority_visitors_first_then_arrival_order(location, ktp, monday_morning):
    plain_1 = walk_in(ktp, monday_morning)
    plain_2 = walk_in(ktp, monday_morning)
    elderly = walk_in(ktp, monday_morning, priority="lansia")
    pregnant = walk_in(ktp, monday_morning, priority="hamil")
    positions = {t.number: status_of(t).position for t in (plain_1, plain_2, elderly, pregnant)}
    assert positions == {"A-003": 1, "A-004": 2, "A-001": 3, "A-002": 4}


def test_position_ignores_other_services_other_days_and_tickets_no_longer_waiting(
    location, ktp, officer, monday_morning
):
    other = QueueServiceFactory(location=location, prefix="B")
    counter = CounterFactory(location=location, services=[ktp])
    walk_in(other, monday_morning)
    called = walk_in(ktp, monday_morning)
    mine = walk_in(ktp, monday_morning)
    services.counter_call_next(counter=counter, actor=officer)
    assert status_of(mine).position == 1
    status = status_of(called)
    assert status.ticket.status == S.CALLED
    assert (status.position, status.ahead, status.estimated_wait_minutes) == (None, None, None)
    assert status.counter_name == counter.name
    # Yesterday's leftovers do not stand in front of today's queue.
    Ticket.objects.filter(pk=called.pk).update(
        status=S.WAITING, service_day=dt.date(2026, 11, 20), counter=None
    )
    assert status_of(mine).position == 1


def test_ticket_status_takes_three_queries_however_long_the_queue(
    location, ktp, monday_morning, django_assert_num_queries
):
    CounterFactory(location=location, services=[ktp])
    for minutes in range(1, 8):
        finished(ktp, minutes)
    tickets = [walk_in(ktp, monday_morning) for _ in range(3)]
    short = selectors.ticket_by_code(tickets[-1].code)
    with django_assert_num_queries(3):
        selectors.ticket_status(short)
    for _ in range(30):
        walk_in(ktp, monday_morning, priority="anak")
    long = selectors.ticket_by_code(tickets[-1].code)
    with CaptureQueriesContext(connection) as queries:
        status = selectors.ticket_status(long)
    assert len(queries) == 3
    assert status.ahead == 32


def test_counter_screen_lists_only_what_this_counter_may_call(
    location, ktp, officer, monday_morning, django_assert_max_num_queries
):
    other = QueueServiceFactory(location=location, prefix="B")
    mine = CounterFactory(location=location, name="Loket 1", services=[ktp])
    elsewhere = CounterFactory(location=location, name="Loket 2", services=[ktp, other])
    first = walk_in(ktp, monday_morning)
    walk_in(other, monday_morning)
    reserved = walk_in(ktp, monday_morning)
    Ticket.objects.filter(pk=reserved.pk).update(reserved_counter=elsewhere)
    with django_assert_max_num_queries(4):
        screen = selectors.counter_screen(mine)
        numbers = [t.number for t in screen["waiting"]]
    assert numbers == [first.number]
    assert screen["waiting_count"] == 1 and screen["current"] is None
    assert [t.number for t in selectors.counter_screen(elsewhere)["waiting"]] == [
        "A-001",
        "B-001",
        "A-002",
    ]


def test_board_shows_the_latest_calls_first(location, ktp, officer, monday_morning):
    counters = [
        CounterFactory(location=location, name=f"Loket {i}", services=[ktp]) for i in (1, 2)
    ]
    for _ in range(3):
        walk_in(ktp, monday_morning)
    for counter in counters:
        monday_morning.shift(30)
        services.counter_call_next(counter=counter, actor=officer)
    board = selectors.board_for_location(location)
    assert [(t.number, t.counter.name) for t in board["called"]] == [
        ("A-002", "Loket 2"),
        ("A-001", "Loket 1"),
    ]
    assert board["waiting_count"] == 1


def test_available_slots_count_active_bookings_only(ktp):
    slot = dt.datetime(2026, 11, 24, 10, 0, tzinfo=WIB)
    kept = services.booking_create(
        queue_service=ktp, slot_start=slot, contact_name="A", contact_phone="081200000001"
    )
    dropped = services.booking_create(
        queue_service=ktp, slot_start=slot, contact_name="B", contact_phone="081200000002"
    )
    services.ticket_cancel(ticket=dropped)
    slots = {s.start: s for s in selectors.available_slots(queue_service=ktp, day=slot.date())}
    assert (slots[slot].booked, slots[slot].free) == (1, 1)
    assert kept.slot_start == slot
    assert selectors.available_slots(queue_service=ktp, day=dt.date(2026, 11, 22)) == []


def test_the_no_show_grace_counts_from_the_call_and_the_service_keeps_to_it(
    location, ktp, officer, monday_morning
):
    QueueSettingsFactory(location=location, no_show_grace_minutes=5)
    counter = CounterFactory(location=location, services=[ktp])
    waiting = walk_in(ktp, monday_morning)
    assert selectors.no_show_grace(waiting).ready  # only a called ticket waits for its grace
    called = services.counter_call_next(counter=counter, actor=officer)
    grace = selectors.no_show_grace(called)
    assert (grace.grace_minutes, grace.seconds_left, grace.minutes_left) == (5, 300, 5)
    assert grace.ready_at == called.called_at + dt.timedelta(minutes=5) and not grace.ready
    monday_morning.shift(4 * 60 + 30)
    grace = selectors.no_show_grace(called)
    assert (grace.seconds_left, grace.minutes_left) == (30, 1)
    with pytest.raises(DomainError, match="Tunggu 1 menit lagi") as early:
        services.ticket_no_show(ticket=called, actor=officer)
    assert early.value.code == "grace_period"
    monday_morning.shift(30)
    assert selectors.no_show_grace(called).ready
    assert services.ticket_no_show(ticket=called, actor=officer).status == S.NO_SHOW


def test_a_ticket_code_is_looked_up_the_same_way_everywhere(location, ktp, monday_morning):
    ticket = walk_in(ktp, monday_morning)
    assert selectors.ticket_by_code(f"  {ticket.code.lower()} ") == ticket
    for bad in ("", "AB\x00CD", "X" * 17, "ABCD/EFG", "ÄBCDEFGH", None):
        assert selectors.lookup_code(bad) is None
        with pytest.raises(NotFound):
            selectors.ticket_by_code(bad)
    assert selectors.lookup_code("h-abc2") == "H-ABC2"  # generated history codes are codes too


def test_reading_settings_never_saves_them(location, ktp):
    defaults = selectors.settings_for(location)
    assert defaults.pk is None and defaults.no_show_grace_minutes == 10
    assert not QueueSettings.objects.exists()
    saved = QueueSettingsFactory(location=location, slot_minutes=15)
    assert selectors.settings_for(location) == saved
