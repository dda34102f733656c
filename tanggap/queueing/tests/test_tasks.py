"""The near-the-front notification: once per ticket, only with a contact, only within the threshold.

Huey runs in immediate mode under the test settings, so calling the task runs it at once.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings

from tanggap.core.notify import LogBackend
from tanggap.queueing import services, tasks
from tanggap.queueing.models import Ticket
from tanggap.queueing.tests.factories import (
    CounterFactory,
    LocationFactory,
    QueueServiceFactory,
    QueueSettingsFactory,
)

WIB = ZoneInfo("Asia/Jakarta")
MONDAY_9 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=WIB)


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(MONDAY_9, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def outbox():
    assert settings.HUEY["immediate"] is True
    assert settings.NOTIFY_BACKEND == "tanggap.core.notify.LogBackend"
    LogBackend.sent.clear()
    yield LogBackend.sent
    LogBackend.sent.clear()


@pytest.fixture
def location(region):
    location = LocationFactory(region=region, name="Kantor Kecamatan Uji")
    QueueSettingsFactory(location=location, notify_when_ahead=1)
    return location


@pytest.fixture
def ktp(location):
    return QueueServiceFactory(location=location, prefix="A")


def walk_in(queue_service, traveller, phone: str = "") -> Ticket:
    traveller.shift(60)
    return services.ticket_walk_in(queue_service=queue_service, contact_phone=phone)


def test_a_waiting_citizen_near_the_front_gets_exactly_one_message(ktp, monday_morning, outbox):
    first = walk_in(ktp, monday_morning, "081200000001")
    walk_in(ktp, monday_morning, "081200000002")  # 1 ahead: within the threshold of 1
    third = walk_in(ktp, monday_morning, "081200000003")  # 2 ahead: not yet
    assert tasks.notify_near_front(ktp.pk)() == 2
    assert [m["to_phone"] for m in outbox] == ["6281200000001", "6281200000002"]
    assert first.number in outbox[0]["subject"]
    assert "0 orang lagi" in outbox[0]["body"] and "Kantor Kecamatan Uji" in outbox[0]["body"]
    assert tasks.notify_near_front(ktp.pk)() == 0  # running again sends nothing new
    assert len(outbox) == 2
    assert Ticket.objects.get(pk=third.pk).notified_at is None
    assert Ticket.objects.get(pk=first.pk).notified_at is not None


def test_a_ticket_without_contact_is_skipped_and_an_email_is_enough(ktp, monday_morning, outbox):
    silent = walk_in(ktp, monday_morning)
    by_mail = walk_in(ktp, monday_morning)
    Ticket.objects.filter(pk=by_mail.pk).update(contact_email="warga@example.org")
    assert tasks.notify_near_front(ktp.pk)() == 1
    assert outbox == [
        {
            "to_phone": "",
            "to_email": "warga@example.org",
            "subject": outbox[0]["subject"],
            "body": outbox[0]["body"],
        }
    ]
    assert Ticket.objects.get(pk=silent.pk).notified_at is None


def test_nobody_with_a_contact_means_no_message(ktp, monday_morning, outbox):
    walk_in(ktp, monday_morning)
    walk_in(ktp, monday_morning)
    assert tasks.notify_near_front(ktp.pk)() == 0
    assert outbox == []


def test_an_unknown_queue_or_a_ticket_no_longer_waiting_sends_nothing(
    location, ktp, officer, monday_morning, outbox
):
    assert tasks.notify_near_front(987654)() == 0
    ticket = walk_in(ktp, monday_morning, "081200000001")
    services.ticket_cancel(ticket=ticket)
    assert tasks.notify_near_front(ktp.pk)() == 0
    assert outbox == []


def test_calling_the_queue_forward_notifies_the_next_in_line_once(
    location, ktp, officer, monday_morning, outbox, django_capture_on_commit_callbacks
):
    counter = CounterFactory(location=location, services=[ktp])
    with django_capture_on_commit_callbacks(execute=True):
        walk_in(ktp, monday_morning)  # no contact
        walk_in(ktp, monday_morning)  # no contact
        third = walk_in(ktp, monday_morning, "081200000003")
    assert outbox == []  # two ahead of the third: not yet
    with django_capture_on_commit_callbacks(execute=True):
        called = services.counter_call_next(counter=counter, actor=officer)
    assert [m["to_phone"] for m in outbox] == ["6281200000003"]
    assert third.number in outbox[0]["subject"]
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_start(ticket=called, actor=officer)
        services.ticket_finish(ticket=called, actor=officer)
        services.counter_call_next(counter=counter, actor=officer)
    assert len(outbox) == 1  # moving closer again never notifies twice
