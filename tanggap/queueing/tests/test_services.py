"""Queue services: numbering, booking, check-in, fair calling, recall, no-show, transfer, finish."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.core.errors import DomainError, InvalidTransition, PermissionDenied
from tanggap.queueing import services
from tanggap.queueing.models import Ticket, TicketEvent
from tanggap.queueing.tests.factories import CounterFactory, LocationFactory, QueueServiceFactory

WIB = ZoneInfo("Asia/Jakarta")
MONDAY_9 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=WIB)
S = Ticket.Status
VALID_NIK = "3505014107900001"  # Kab. Blitar, a woman born 1 July 1990


@pytest.fixture
def location(region):
    return LocationFactory(region=region, name="Kantor Kecamatan Uji")


@pytest.fixture
def ktp(location):
    return QueueServiceFactory(location=location, prefix="A")


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(MONDAY_9, tick=False) as traveller:
        yield traveller


def test_walk_in_tickets_get_prefixed_consecutive_numbers(ktp, kk):
    first = services.ticket_walk_in(queue_service=ktp)
    second = services.ticket_walk_in(queue_service=ktp)
    other = services.ticket_walk_in(queue_service=kk)
    assert (first.number, second.number, other.number) == ("A-001", "A-002", "B-001")
    assert first.status == S.WAITING
    assert len(first.code) == 8 and first.code != second.code


def test_numbers_restart_on_the_next_local_day(ktp, monday_morning):
    services.ticket_walk_in(queue_service=ktp)
    monday_morning.move_to(dt.datetime(2026, 11, 24, 8, 5, tzinfo=WIB))
    assert services.ticket_walk_in(queue_service=ktp).number == "A-001"


def test_walk_in_refused_on_a_holiday(ktp, monday_morning):
    monday_morning.move_to(dt.datetime(2026, 12, 25, 9, 0, tzinfo=WIB))
    with pytest.raises(DomainError):
        services.ticket_walk_in(queue_service=ktp)
    assert not Ticket.objects.exists()


def test_booking_then_check_in_puts_the_citizen_in_the_queue(ktp):
    slot = dt.datetime(2026, 11, 23, 10, 0, tzinfo=WIB)
    ticket = services.booking_create(
        queue_service=ktp, slot_start=slot, contact_name="Warga Uji", nik=VALID_NIK
    )
    assert ticket.status == S.BOOKED and ticket.number == ""
    assert ticket.nik_masked == "3505**********01"
    assert VALID_NIK not in str(Ticket.objects.filter(pk=ticket.pk).values().first())
    ticket = services.ticket_check_in(ticket=ticket)
    assert ticket.status == S.WAITING and ticket.number == "A-001"
    assert ticket.queue_key == slot  # on time: keeps the slot's place
    actions = list(ticket.events.values_list("action", flat=True))
    assert actions == [TicketEvent.Action.BOOKED, TicketEvent.Action.CHECKED_IN]


def test_check_in_on_the_wrong_day_is_refused(ktp):
    slot = dt.datetime(2026, 11, 24, 10, 0, tzinfo=WIB)
    ticket = services.booking_create(
        queue_service=ktp, slot_start=slot, contact_name="A", nik=VALID_NIK
    )
    with pytest.raises(DomainError) as info:
        services.ticket_check_in(ticket=ticket)
    assert info.value.code == "wrong_day"
    assert Ticket.objects.get(pk=ticket.pk).status == S.BOOKED


def test_one_person_cannot_book_the_same_service_twice_a_day(ktp):
    slot = dt.datetime(2026, 11, 24, 10, 0, tzinfo=WIB)
    services.booking_create(queue_service=ktp, slot_start=slot, contact_name="A", nik=VALID_NIK)
    with pytest.raises(DomainError) as info:
        services.booking_create(
            queue_service=ktp,
            slot_start=slot + dt.timedelta(hours=1),
            contact_name="A",
            nik=VALID_NIK,
        )
    assert info.value.code == "duplicate_booking"
    assert Ticket.objects.count() == 1


def test_full_slot_and_past_slot_are_refused(ktp):
    slot = dt.datetime(2026, 11, 24, 10, 0, tzinfo=WIB)
    for phone in ("081200000001", "081200000002"):
        services.booking_create(
            queue_service=ktp, slot_start=slot, contact_name="X", contact_phone=phone
        )
    with pytest.raises(DomainError) as full:
        services.booking_create(
            queue_service=ktp, slot_start=slot, contact_name="Y", contact_phone="081200000003"
        )
    assert full.value.code == "slot_full"
    with pytest.raises(DomainError) as past:
        services.booking_create(
            queue_service=ktp,
            slot_start=dt.datetime(2026, 11, 23, 8, 0, tzinfo=WIB),
            contact_name="Z",
            contact_phone="081200000004",
        )
    assert past.value.code == "slot_past"


@pytest.mark.parametrize(
    "nik", ["12345", "9905014107900001", "3505019913900001", "350501410790000X", "3505014107900000"]
)
def test_bad_nik_is_refused_with_a_message(ktp, nik):
    with pytest.raises(DomainError):
        services.booking_create(
            queue_service=ktp,
            slot_start=dt.datetime(2026, 11, 24, 10, 0, tzinfo=WIB),
            contact_name="A",
            nik=nik,
        )
    assert not Ticket.objects.exists()


def test_priority_visitors_are_called_first_then_arrival_order(
    ktp, counter, officer, monday_morning
):
    first = services.ticket_walk_in(queue_service=ktp)
    monday_morning.shift(60)
    second = services.ticket_walk_in(queue_service=ktp)
    monday_morning.shift(60)
    elderly = services.ticket_walk_in(queue_service=ktp, priority="lansia")
    monday_morning.shift(60)
    pregnant = services.ticket_walk_in(queue_service=ktp, priority="hamil")
    order = []
    for _ in range(4):
        called = services.counter_call_next(counter=counter, actor=officer)
        order.append(called.pk)
        services.ticket_start(ticket=called, actor=officer)
        services.ticket_finish(ticket=called, actor=officer)
    assert order == [elderly.pk, pregnant.pk, first.pk, second.pk]
    assert services.counter_call_next(counter=counter, actor=officer) is None


def test_counter_must_finish_its_ticket_before_calling_next(ktp, counter, officer):
    services.ticket_walk_in(queue_service=ktp)
    services.ticket_walk_in(queue_service=ktp)
    services.counter_call_next(counter=counter, actor=officer)
    with pytest.raises(DomainError) as info:
        services.counter_call_next(counter=counter, actor=officer)
    assert info.value.code == "counter_busy"


def test_no_show_only_after_the_grace_period(ktp, counter, officer, monday_morning):
    services.ticket_walk_in(queue_service=ktp)
    called = services.counter_call_next(counter=counter, actor=officer)
    with pytest.raises(DomainError):
        services.ticket_no_show(ticket=called, actor=officer)
    services.ticket_recall(ticket=called, actor=officer)
    monday_morning.shift(11 * 60)
    skipped = services.ticket_no_show(ticket=called, actor=officer)
    assert skipped.status == S.NO_SHOW
    assert Ticket.objects.get(pk=called.pk).call_count == 2


def test_transfer_keeps_the_citizens_place_in_the_new_queue(
    ktp, kk, counter, officer, monday_morning
):
    early = services.ticket_walk_in(queue_service=ktp)
    monday_morning.shift(120)
    services.ticket_walk_in(queue_service=kk)
    called = services.counter_call_next(counter=counter, actor=officer)
    assert called.pk == early.pk
    moved = services.ticket_transfer(ticket=called, actor=officer, to_queue_service=kk)
    assert moved.number == "B-002" and moved.status == S.WAITING
    assert moved.queue_key == early.queue_key
    assert Ticket.objects.get(pk=early.pk).status == S.TRANSFERRED
    again = services.counter_call_next(counter=counter, actor=officer)
    assert again.pk == moved.pk


def test_transfer_to_a_counter_reserves_the_ticket_for_it(ktp, location, counter, officer):
    other = CounterFactory(location=location, name="Loket 2", services=[ktp])
    services.ticket_walk_in(queue_service=ktp)
    called = services.counter_call_next(counter=counter, actor=officer)
    moved = services.ticket_transfer(ticket=called, actor=officer, to_counter=other)
    assert moved.reserved_counter == other
    assert services.counter_call_next(counter=counter, actor=officer) is None
    assert services.counter_call_next(counter=other, actor=officer).pk == moved.pk


def test_illegal_moves_are_refused(ktp, officer):
    ticket = services.ticket_walk_in(queue_service=ktp)
    with pytest.raises(InvalidTransition):
        services.ticket_finish(ticket=ticket, actor=officer)
    with pytest.raises(InvalidTransition):
        services.ticket_start(ticket=ticket, actor=officer)
    assert Ticket.objects.get(pk=ticket.pk).status == S.WAITING


def test_officer_of_another_location_cannot_call(region, ktp, counter):
    stranger = UserFactory(username="loket_lain")
    RoleAssignmentFactory(user=stranger, role=Role.FRONT_DESK, unit=LocationFactory(region=region))
    services.ticket_walk_in(queue_service=ktp)
    with pytest.raises(PermissionDenied):
        services.counter_call_next(counter=counter, actor=stranger)


def test_every_state_change_is_an_event_row(ktp, counter, officer):
    ticket = services.ticket_walk_in(queue_service=ktp)
    services.counter_call_next(counter=counter, actor=officer)
    services.ticket_start(ticket=ticket, actor=officer)
    services.ticket_finish(ticket=ticket, actor=officer)
    rows = list(
        ticket.events.values_list("from_status", "to_status", "actor__username", "counter__name")
    )
    assert rows == [
        ("", "waiting", None, None),
        ("waiting", "called", "petugas_loket", "Loket 1"),
        ("called", "serving", "petugas_loket", "Loket 1"),
        ("serving", "done", "petugas_loket", "Loket 1"),
    ]


def test_citizen_can_reschedule_then_cancel_a_booking(ktp):
    slot = dt.datetime(2026, 11, 24, 10, 0, tzinfo=WIB)
    ticket = services.booking_create(
        queue_service=ktp, slot_start=slot, contact_name="A", contact_phone="0812 3456 7890"
    )
    assert ticket.contact_phone == "6281234567890"
    ticket = services.booking_reschedule(ticket=ticket, slot_start=slot + dt.timedelta(hours=2))
    assert ticket.slot_start == slot + dt.timedelta(hours=2)
    ticket = services.ticket_cancel(ticket=ticket)
    assert ticket.status == S.CANCELLED
    with pytest.raises(InvalidTransition):
        services.ticket_cancel(ticket=ticket)
