"""The ticket's transition table walked pair by pair: every allowed move of TICKET_MACHINE made through
its service, every other (status, service) pair refused with nothing changed, who may make each move
(the table's rules, enforced by the services), and the counter screen showing the moves the table allows."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tanggap.core.errors import DomainError, InvalidTransition, PermissionDenied
from tanggap.queueing import services, workflow
from tanggap.queueing.models import Ticket
from tanggap.queueing.permissions import can_operate_counter
from tanggap.queueing.tests.factories import CounterFactory, QueueServiceFactory
from tanggap.queueing.workflow import TICKET_MACHINE, may_make

WIB = ZoneInfo("Asia/Jakarta")
MONDAY_9 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=WIB)
S = Ticket.Status
STATUSES = list(S)
PERSONAS = [
    "front_desk_a",
    "head_a",
    "unit_admin_a",
    "handler_a",
    "handler_b",
    "region_admin",
    "evaluator",
    "sysadmin",
    "citizen",
    None,  # an anonymous visitor holding the code
]

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(MONDAY_9, tick=False) as traveller:
        yield traveller


class World:
    """Unit A's queue: two services, one counter, and its front-desk officer."""

    def __init__(self, unit_a, front_desk_a, traveller):
        unit_a.kind = "kecamatan"
        unit_a.work_start, unit_a.work_end = dt.time(8, 0), dt.time(15, 0)
        unit_a.save()
        self.location = unit_a
        self.ktp = QueueServiceFactory(location=unit_a, prefix="A")
        self.kk = QueueServiceFactory(location=unit_a, prefix="B")
        self.counter = CounterFactory(location=unit_a, name="Loket 1", services=[self.ktp, self.kk])
        self.officer = front_desk_a
        self.traveller = traveller

    def book(self) -> Ticket:
        return services.booking_create(
            queue_service=self.ktp,
            slot_start=dt.datetime(2026, 11, 23, 10, 0, tzinfo=WIB),
            contact_name="Warga Uji",
            contact_phone="081200000001",
        )

    def bring(self, status: str) -> Ticket:
        """A ticket in `status`, reached through the services the way a real one gets there."""
        officer = self.officer
        if status in (S.BOOKED, S.NO_SHOW):
            ticket = self.book()
            if status == S.NO_SHOW:  # a booking whose holder never came
                services.ticket_no_show(ticket=ticket, actor=officer)
            return Ticket.objects.get(pk=ticket.pk)
        ticket = services.ticket_walk_in(queue_service=self.ktp)
        if status == S.CANCELLED:
            services.ticket_cancel(ticket=ticket)
        elif status != S.WAITING:
            services.counter_call_next(counter=self.counter, actor=officer)
            if status == S.SERVING or status == S.DONE:
                services.ticket_start(ticket=ticket, actor=officer)
            if status == S.DONE:
                services.ticket_finish(ticket=ticket, actor=officer)
            if status == S.TRANSFERRED:
                services.ticket_transfer(ticket=ticket, actor=officer, to_queue_service=self.kk)
        return Ticket.objects.get(pk=ticket.pk)


@pytest.fixture
def world(unit_a, front_desk_a, monday_morning):
    return World(unit_a, front_desk_a, monday_morning)


def _past_grace(call):
    """Let the no-show grace period pass first (a no-show is refused during it)."""

    def run(w: World, t: Ticket, actor):
        w.traveller.shift(11 * 60)
        return call(w, t, actor)

    return run


# Each service: its table action, how to call it for a ticket (as `actor`), the statuses it moves from,
# and how it refuses any other status.
SERVICES = {
    "check_in": (
        workflow.CHECK_IN,
        lambda w, t, actor: services.ticket_check_in(ticket=t, actor=actor),
        {S.BOOKED},
        DomainError,  # "not_booked": already checked in or no longer active
    ),
    "reschedule": (
        workflow.RESCHEDULE,
        lambda w, t, actor: services.booking_reschedule(
            ticket=t, slot_start=dt.datetime(2026, 11, 23, 13, 0, tzinfo=WIB), actor=actor
        ),
        {S.BOOKED},
        DomainError,  # "not_booked"
    ),
    "cancel": (
        workflow.CANCEL,
        lambda w, t, actor: services.ticket_cancel(ticket=t, actor=actor),
        {S.BOOKED, S.WAITING},
        InvalidTransition,
    ),
    "call": (
        workflow.CALL,
        lambda w, t, actor: services.counter_call_next(counter=w.counter, actor=actor),
        {S.WAITING},
        None,  # calls whoever waits: a ticket in another status is simply not called
    ),
    "recall": (
        workflow.RECALL,
        lambda w, t, actor: services.ticket_recall(ticket=t, actor=actor),
        {S.CALLED},
        InvalidTransition,
    ),
    "start": (
        workflow.START,
        lambda w, t, actor: services.ticket_start(ticket=t, actor=actor),
        {S.CALLED},
        InvalidTransition,
    ),
    "finish": (
        workflow.FINISH,
        lambda w, t, actor: services.ticket_finish(ticket=t, actor=actor),
        {S.SERVING},
        InvalidTransition,
    ),
    "no_show": (
        workflow.NO_SHOW,
        _past_grace(lambda w, t, actor: services.ticket_no_show(ticket=t, actor=actor)),
        {S.BOOKED, S.CALLED},
        InvalidTransition,
    ),
    "transfer": (
        workflow.TRANSFER,
        lambda w, t, actor: services.ticket_transfer(ticket=t, actor=actor, to_queue_service=w.kk),
        {S.WAITING, S.CALLED, S.SERVING},
        InvalidTransition,
    ),
}

# Every allowed pair of the table and the service that makes it.
MOVES = {
    (S.BOOKED, S.WAITING): "check_in",
    (S.BOOKED, S.BOOKED): "reschedule",
    (S.BOOKED, S.CANCELLED): "cancel",
    (S.BOOKED, S.NO_SHOW): "no_show",
    (S.WAITING, S.CALLED): "call",
    (S.WAITING, S.CANCELLED): "cancel",
    (S.WAITING, S.TRANSFERRED): "transfer",
    (S.CALLED, S.CALLED): "recall",
    (S.CALLED, S.SERVING): "start",
    (S.CALLED, S.NO_SHOW): "no_show",
    (S.CALLED, S.TRANSFERRED): "transfer",
    (S.SERVING, S.DONE): "finish",
    (S.SERVING, S.TRANSFERRED): "transfer",
}
CITIZEN_MOVES = {workflow.CHECK_IN, workflow.CANCEL, workflow.RESCHEDULE}

ALLOWED_CASES = [
    pytest.param(pair, service, id=f"{pair[0]}-{service}") for pair, service in MOVES.items()
]
FORBIDDEN_CASES = [
    pytest.param(status, service, id=f"{status}-{service}")
    for service, (_action, _call, accepted, _refusal) in SERVICES.items()
    for status in STATUSES
    if status not in accepted
]


def _actor(w: World, action: str):
    """The one making the move: the code's holder (nobody) for a citizen move, else the officer."""
    return None if action in CITIZEN_MOVES else w.officer


def test_every_pair_of_the_table_has_a_service_and_every_service_its_action():
    assert set(MOVES) == set(TICKET_MACHINE.pairs())
    assert {SERVICES[name][0] for name in MOVES.values()} == set(TICKET_MACHINE.actions())
    for (source, target), name in MOVES.items():
        action = SERVICES[name][0]
        assert TICKET_MACHINE.transition_for(action, source).target == target


def test_each_action_has_one_rule_whatever_the_status():
    for action in TICKET_MACHINE.actions():
        rules = {t.allowed for t in TICKET_MACHINE.transitions() if t.action == action}
        assert len(rules) == 1, action


@pytest.mark.parametrize(("pair", "service"), ALLOWED_CASES)
def test_each_allowed_move_is_made_by_its_service(world, pair, service):
    ticket = world.bring(pair[0])
    assert ticket.status == pair[0]
    events_before = ticket.events.count()
    action, call, _accepted, _refusal = SERVICES[service]
    result = call(world, ticket, _actor(world, action))
    ticket.refresh_from_db()
    assert ticket.status == pair[1]
    last = ticket.events.order_by("-id").first()
    assert (last.from_status, last.to_status) == pair
    assert ticket.events.count() == events_before + 1
    assert result is not None


@pytest.mark.parametrize(("status", "service"), FORBIDDEN_CASES)
def test_every_other_status_is_refused_and_nothing_changes(world, status, service):
    ticket = world.bring(status)
    snapshot = Ticket.objects.filter(pk=ticket.pk).values().get()
    events, tickets = ticket.events.count(), Ticket.objects.count()
    action, call, _accepted, refusal = SERVICES[service]
    if refusal is None:
        with contextlib.suppress(DomainError):  # e.g. the counter is still busy with this ticket
            call(world, ticket, _actor(world, action))
    else:
        with pytest.raises(refusal) as refused:
            call(world, ticket, _actor(world, action))
        assert not isinstance(refused.value, PermissionDenied) and str(refused.value)
    assert Ticket.objects.filter(pk=ticket.pk).values().get() == snapshot
    assert ticket.events.count() == events and Ticket.objects.count() == tickets


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_make_each_move_is_the_tables_rule(request, world, persona):
    user = request.getfixturevalue(persona) if persona else None
    officer = can_operate_counter(user, world.location)
    for action in TICKET_MACHINE.actions():
        # Counter moves: an officer of the location. Citizen moves: the code's holder (an anonymous
        # visitor) or an officer; a signed-in account that is no officer here acts as nobody.
        expected = officer or (action in CITIZEN_MOVES and user is None)
        assert may_make(action, user, world.location) is expected, (persona, action)


@pytest.mark.parametrize(
    "service", [pytest.param(name, id=name) for name in SERVICES if name != "call"]
)
@pytest.mark.parametrize("persona", PERSONAS)
def test_services_enforce_who_may_move(request, world, service, persona):
    user = request.getfixturevalue(persona) if persona else None
    action, call, accepted, _refusal = SERVICES[service]
    ticket = world.bring(sorted(accepted)[0])
    snapshot = Ticket.objects.filter(pk=ticket.pk).values().get()
    if may_make(action, user, world.location):
        call(world, ticket, user)
        ticket.refresh_from_db()
        assert ticket.status != snapshot["status"] or ticket.events.count() > 1
    else:
        with pytest.raises(PermissionDenied):
            call(world, ticket, user)
        assert Ticket.objects.filter(pk=ticket.pk).values().get() == snapshot


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_officers_of_the_location_call_the_next_ticket(request, world, persona):
    user = request.getfixturevalue(persona) if persona else None
    ticket = world.bring(S.WAITING)
    if may_make(workflow.CALL, user, world.location):
        assert services.counter_call_next(counter=world.counter, actor=user).pk == ticket.pk
    else:
        with pytest.raises(PermissionDenied):
            services.counter_call_next(counter=world.counter, actor=user)
        assert Ticket.objects.get(pk=ticket.pk).status == S.WAITING


# The counter screen's address slug of each move it offers for the current ticket.
SLUGS = {
    workflow.RECALL: "panggil-ulang",
    workflow.START: "mulai",
    workflow.FINISH: "selesai",
    workflow.NO_SHOW: "tidak-hadir",
    workflow.TRANSFER: "alihkan",
}


@pytest.mark.parametrize("status", [S.CALLED, S.SERVING])
def test_the_counter_screen_offers_the_moves_the_table_allows(client, world, status):
    world.bring(status)
    client.force_login(world.officer)
    page = client.get(reverse("queueing:counter", args=[world.counter.pk])).content.decode()
    shown = {
        action
        for action, slug in SLUGS.items()
        if re.search(rf'action="[^"]*/{world.counter.pk}/{slug}/"', page)
    }
    allowed = set(TICKET_MACHINE.available_actions(status, world.officer, world.location))
    assert shown == allowed & set(SLUGS) and shown
