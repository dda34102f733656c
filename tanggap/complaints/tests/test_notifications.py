"""Who hears about a report's steps: the reporter about what they may read, staff about what needs them,
never the name of an anonymous reporter; queued after commit."""

from __future__ import annotations

import pytest

from tanggap.complaints.services import (
    complaint_answer,
    complaint_assign,
    complaint_note,
    complaint_reporter_reply,
    complaint_request_info,
    complaint_verify_dispatch,
    event_notify,
)
from tanggap.complaints.tests.factories import (
    S,
    file_report,
)
from tanggap.core.notify import LogBackend

pytestmark = pytest.mark.django_db


# --- notifications --------------------------------------------------------------------------------


@pytest.fixture
def outbox():
    LogBackend.sent.clear()
    yield LogBackend.sent
    LogBackend.sent.clear()


def test_the_reporter_hears_the_question_and_the_answer_but_not_internal_notes(world, outbox):
    complaint = world.bring(S.IN_PROGRESS)
    outbox.clear()
    note = complaint_note(actor=world.handler, complaint=complaint, message="Internal saja.")
    assert event_notify(note.pk) == 0
    complaint_request_info(actor=world.handler, complaint=complaint, question="Fotonya mana?")
    event_notify(complaint.events.latest("id").pk)
    assert outbox[-1]["to_email"] == "siti@contoh.id" and "Fotonya mana?" in outbox[-1]["body"]
    complaint_reporter_reply(complaint=complaint, message="Sudah saya kirim.")
    outbox.clear()
    complaint_answer(actor=world.handler, complaint=complaint, message="Sudah diperbaiki hari ini.")
    event_notify(complaint.events.latest("id").pk)
    assert [m["to_email"] for m in outbox] == ["siti@contoh.id"]


def test_staff_messages_never_name_an_anonymous_reporter(world, outbox):
    world.handler.email = "handler@uji.id"
    world.handler.save()
    complaint = file_report(
        world.region, is_anonymous=True, reporter_name="Budi Rahasia", reporter_phone="08123456789"
    )
    complaint_verify_dispatch(actor=world.verifier, complaint=complaint, unit=world.unit_a)
    complaint_assign(actor=world.verifier, complaint=complaint, assignee=world.handler)
    outbox.clear()
    event_notify(complaint.events.latest("id").pk)
    staff = [m for m in outbox if m["to_email"] == "handler@uji.id"]
    assert staff, outbox
    for message in staff:
        text = message["subject"] + message["body"]
        assert "Budi" not in text and "0812" not in text and "siti@" not in text


def test_the_transition_queues_the_notification_after_commit(
    world, outbox, django_capture_on_commit_callbacks
):
    complaint = world.bring(S.NEW)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        complaint_verify_dispatch(actor=world.verifier, complaint=complaint, unit=world.unit_a)
    assert len(callbacks) == 1
    assert any(m["to_email"] == "siti@contoh.id" for m in outbox)


def test_a_deleted_event_is_a_no_op_for_the_task(world):
    assert event_notify(987654) == 0


def test_dispatch_reaches_the_unit_head(world, outbox):
    world.head.email = "kepala@uji.id"
    world.head.save()
    complaint = world.bring(S.DISPATCHED)
    outbox.clear()
    event_notify(complaint.events.get(action="dispatched").pk)
    assert "kepala@uji.id" in [m["to_email"] for m in outbox]
