"""The workflow services: every allowed move of COMPLAINT_MACHINE made through a service, every other
(status, service) pair refused with nothing changed, and each service's own rules."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection, connections

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.complaints import permissions
from tanggap.complaints.models import Complaint, TeamMember
from tanggap.complaints.services import (
    COMPLAINT_MACHINE,
    complaint_answer,
    complaint_archive,
    complaint_assign,
    complaint_close,
    complaint_close_expired,
    complaint_merge,
    complaint_note,
    complaint_rate,
    complaint_redispatch,
    complaint_reopen,
    complaint_reporter_reply,
    complaint_request_info,
    complaint_transfer_out,
    complaint_verify_dispatch,
    event_notify,
    team_member_add,
    team_member_remove,
)
from tanggap.complaints.services import workflow as wf
from tanggap.complaints.tests.factories import (
    VARIANTS,
    S,
    file_report,
    join_team,
    wib,
)
from tanggap.core.errors import DomainError, InvalidTransition, PermissionDenied
from tanggap.core.models import AuditEvent
from tanggap.core.notify import LogBackend
from tanggap.org.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def _staff(w, c):
    return w.verifier if c.status == S.NEW else w.handler


# Each service: how to call it, the variants it accepts, and the permission rule its actor needs.
SERVICES = {
    "verify_dispatch": (
        lambda w, c: complaint_verify_dispatch(actor=w.verifier, complaint=c, unit=w.unit_a),
        {S.NEW, f"{S.NEEDS_INFO}@{S.NEW}"},
        lambda w, c: permissions.can_verify(w.verifier, c),
    ),
    "request_info": (
        lambda w, c: complaint_request_info(
            actor=_staff(w, c), complaint=c, question="Mohon kirim foto lokasinya."
        ),
        {S.NEW, S.DISPATCHED, S.IN_PROGRESS},
        lambda w, c: (
            permissions.can_verify(w.verifier, c)
            if c.status == S.NEW
            else permissions.can_handle(w.handler, c)
        ),
    ),
    "transfer_out": (
        lambda w, c: complaint_transfer_out(actor=w.verifier, complaint=c, destination="BPN"),
        {S.NEW},
        lambda w, c: True,
    ),
    "merge": (
        lambda w, c: complaint_merge(
            actor=w.verifier, complaint=c, into=file_report(w.region, title="Laporan serupa")
        ),
        {S.NEW, S.DISPATCHED},
        lambda w, c: True,
    ),
    "archive": (
        lambda w, c: complaint_archive(actor=w.verifier, complaint=c, reason="Tidak relevan"),
        {S.NEW, f"{S.NEEDS_INFO}@{S.NEW}", f"{S.NEEDS_INFO}@{S.DISPATCHED}"}
        | {f"{S.NEEDS_INFO}@{S.IN_PROGRESS}"},
        lambda w, c: True,
    ),
    "redispatch": (
        lambda w, c: complaint_redispatch(actor=w.verifier, complaint=c, unit=w.unit_b),
        {S.DISPATCHED, S.IN_PROGRESS},
        lambda w, c: True,
    ),
    "assign": (
        lambda w, c: complaint_assign(actor=w.verifier, complaint=c, assignee=w.member2),
        {S.DISPATCHED, S.IN_PROGRESS},
        lambda w, c: True,
    ),
    "answer": (
        lambda w, c: complaint_answer(
            actor=w.handler, complaint=c, message="Sudah kami perbaiki, terima kasih."
        ),
        {S.IN_PROGRESS},
        lambda w, c: permissions.can_handle(w.handler, c),
    ),
    "close_by_reporter": (
        lambda w, c: complaint_close(complaint=c, by_reporter=True),
        {S.ANSWERED},
        None,
    ),
    "close_expired": (
        lambda w, c: complaint_close(complaint=c, now=wib(2099, 1, 1, 9)),
        {S.ANSWERED},
        None,
    ),
    "close_by_staff": (
        lambda w, c: complaint_close(complaint=c, actor=w.handler),
        {S.ANSWERED},
        lambda w, c: permissions.can_handle(w.handler, c),
    ),
    "rate": (lambda w, c: complaint_rate(complaint=c, rating=4), {S.ANSWERED, S.CLOSED}, None),
    "reopen": (
        lambda w, c: complaint_reopen(complaint=c, reason="Lubangnya muncul lagi setelah hujan."),
        {S.ANSWERED, S.CLOSED},
        None,
    ),
    "reporter_reply": (
        lambda w, c: complaint_reporter_reply(complaint=c, message="Di RT 02 RW 05."),
        {v for v in VARIANTS if v.split("@")[0] in (*Complaint.OPEN, S.ANSWERED)},
        None,
    ),
    "note": (
        lambda w, c: complaint_note(actor=w.verifier, complaint=c, message="Catatan internal."),
        {v for v in VARIANTS if v.split("@")[0] in (*Complaint.OPEN, S.ANSWERED)},
        lambda w, c: True,
    ),
}

# Every allowed pair of the table, reached by (start variant, service).
MOVES = {
    (S.NEW, S.DISPATCHED): [(S.NEW, "verify_dispatch")],
    (S.NEW, S.NEEDS_INFO): [(S.NEW, "request_info")],
    (S.NEW, S.TRANSFERRED): [(S.NEW, "transfer_out")],
    (S.NEW, S.MERGED): [(S.NEW, "merge")],
    (S.NEW, S.ARCHIVED): [(S.NEW, "archive")],
    (S.NEEDS_INFO, S.NEW): [(f"{S.NEEDS_INFO}@{S.NEW}", "reporter_reply")],
    (S.NEEDS_INFO, S.DISPATCHED): [
        (f"{S.NEEDS_INFO}@{S.DISPATCHED}", "reporter_reply"),
        (f"{S.NEEDS_INFO}@{S.NEW}", "verify_dispatch"),
    ],
    (S.NEEDS_INFO, S.IN_PROGRESS): [(f"{S.NEEDS_INFO}@{S.IN_PROGRESS}", "reporter_reply")],
    (S.NEEDS_INFO, S.ARCHIVED): [
        (f"{S.NEEDS_INFO}@{S.NEW}", "archive"),
        (f"{S.NEEDS_INFO}@{S.IN_PROGRESS}", "archive"),
    ],
    (S.DISPATCHED, S.DISPATCHED): [(S.DISPATCHED, "redispatch")],
    (S.DISPATCHED, S.IN_PROGRESS): [(S.DISPATCHED, "assign")],
    (S.DISPATCHED, S.NEEDS_INFO): [(S.DISPATCHED, "request_info")],
    (S.DISPATCHED, S.MERGED): [(S.DISPATCHED, "merge")],
    (S.IN_PROGRESS, S.IN_PROGRESS): [(S.IN_PROGRESS, "assign")],
    (S.IN_PROGRESS, S.NEEDS_INFO): [(S.IN_PROGRESS, "request_info")],
    (S.IN_PROGRESS, S.ANSWERED): [(S.IN_PROGRESS, "answer")],
    (S.IN_PROGRESS, S.DISPATCHED): [(S.IN_PROGRESS, "redispatch")],
    (S.ANSWERED, S.CLOSED): [
        (S.ANSWERED, "close_by_reporter"),
        (S.ANSWERED, "close_by_staff"),
        (S.ANSWERED, "close_expired"),
        (S.ANSWERED, "rate"),
    ],
    (S.ANSWERED, S.IN_PROGRESS): [(S.ANSWERED, "reopen")],
    (S.CLOSED, S.IN_PROGRESS): [(S.CLOSED, "reopen")],
}

ALLOWED_CASES = [
    pytest.param(variant, service, pair, id=f"{variant}-{service}")
    for pair, ways in MOVES.items()
    for variant, service in ways
]
FORBIDDEN_CASES = [
    pytest.param(variant, service, id=f"{variant}-{service}")
    for service, (_call, accepted, _perm) in SERVICES.items()
    for variant in VARIANTS
    if variant not in accepted
]


# The action of the table each service takes.
ACTION_OF = {
    "verify_dispatch": wf.VERIFY,
    "request_info": wf.ASK_REPORTER,
    "transfer_out": wf.TRANSFER,
    "merge": wf.MERGE,
    "archive": wf.ARCHIVE,
    "redispatch": wf.REDISPATCH,
    "assign": wf.ASSIGN,
    "answer": wf.ANSWER,
    "close_by_reporter": wf.REPORTER_CLOSE,
    "close_by_staff": wf.CLOSE,
    "close_expired": wf.CLOSE_EXPIRED,
    "rate": wf.RATE,
    "reopen": wf.REOPEN,
    "reporter_reply": wf.REPORTER_MESSAGE,
    "note": wf.NOTE,
}
# Steps that keep the status and write no move (notes, the reporter's messages, rating a closed report).
SAME_STATUS_STEPS = {(s, s) for s in (S.NEW, S.NEEDS_INFO, S.ANSWERED, S.CLOSED)}


def test_every_pair_of_the_table_has_a_service_and_no_service_makes_another_move():
    assert set(MOVES) | SAME_STATUS_STEPS == set(COMPLAINT_MACHINE.pairs())


def test_every_action_of_the_table_has_a_service_that_accepts_exactly_its_statuses():
    assert set(ACTION_OF.values()) == set(COMPLAINT_MACHINE.actions())
    for service, action in ACTION_OF.items():
        accepted = {variant.split("@")[0] for variant in SERVICES[service][1]}
        sources = {status for status in S if COMPLAINT_MACHINE.transition_for(action, status)}
        if service == "reporter_reply":
            sources.add(S.NEEDS_INFO)  # the reply that ends a pause: an unnamed move back
        assert accepted == sources, service


def test_each_action_has_one_who_rule_on_all_its_moves():
    for action in COMPLAINT_MACHINE.actions():
        moves = [COMPLAINT_MACHINE.transition_for(action, status) for status in S]
        rules = {move.allowed.who for move in moves if move is not None}
        assert rules == {wf.who_may(action)}, action


@pytest.mark.parametrize(("variant", "service", "pair"), ALLOWED_CASES)
def test_each_allowed_move_is_made_by_its_service(world, variant, service, pair):
    complaint = world.bring(variant)
    assert complaint.status == pair[0]
    events_before = complaint.events.count()
    call, _accepted, _perm = SERVICES[service]
    result = call(world, complaint)
    complaint.refresh_from_db()
    assert complaint.status == pair[1]
    moves = complaint.events.exclude(to_status="").order_by("-id")
    assert moves.first().from_status == pair[0] and moves.first().to_status == pair[1]
    assert complaint.events.count() > events_before
    assert result is not None


@pytest.mark.parametrize(("variant", "service"), FORBIDDEN_CASES)
def test_every_other_status_is_refused_and_nothing_changes(world, variant, service):
    complaint = world.bring(variant)
    snapshot = Complaint.objects.filter(pk=complaint.pk).values().get()
    audits = AuditEvent.objects.filter(target_type="complaints.complaint")
    events, audited = complaint.events.count(), audits.filter(target_id=str(complaint.pk)).count()
    call, _accepted, perm = SERVICES[service]
    permitted = perm is None or perm(world, complaint)
    expected = InvalidTransition if permitted else PermissionDenied
    with pytest.raises(expected) as refusal:
        call(world, complaint)
    assert str(refusal.value)
    after = Complaint.objects.filter(pk=complaint.pk).values().get()
    assert after == snapshot
    assert complaint.events.count() == events
    assert audits.filter(target_id=str(complaint.pk)).count() == audited
    assert complaint.status == variant.split("@")[0]


# --- verify and dispatch ------------------------------------------------------------------------


def test_dispatch_sets_the_unit_the_moments_and_both_deadlines_on_the_unit_calendar(world):
    filed_at = wib(2026, 11, 20, 9, 0)  # Friday
    complaint = file_report(world.region, now=filed_at)
    with time_machine.travel(wib(2026, 11, 20, 10, 0), tick=False):
        complaint = complaint_verify_dispatch(
            actor=world.verifier, complaint=complaint, unit=world.unit_a, note="Prioritas."
        )
    assert complaint.unit == world.unit_a
    assert complaint.verified_at == complaint.dispatched_at == wib(2026, 11, 20, 10, 0)
    assert complaint.response_due_at == wib(2026, 11, 27, 10, 0)  # 5 working days
    assert complaint.resolve_due_at == wib(2026, 11, 23, 10, 0)  # 72 clock hours
    public, note = complaint.events.order_by("id")[1:]
    assert public.action == "dispatched" and public.visibility == "public"
    assert "Dinas A" in public.message and "Prioritas" not in public.message
    assert note.visibility == "internal" and note.message == "Prioritas."
    audit = AuditEvent.objects.get(action="complaint.dispatched")
    assert audit.actor == world.verifier and audit.after["unit"] == world.unit_a.pk


def test_only_a_verifier_dispatches_and_to_a_unit_of_the_same_region(
    world, handler_b, other_region
):
    complaint = file_report(world.region)
    with pytest.raises(PermissionDenied):
        complaint_verify_dispatch(actor=handler_b, complaint=complaint, unit=world.unit_a)
    foreign = UnitFactory(region=other_region)
    with pytest.raises(DomainError) as refusal:
        complaint_verify_dispatch(actor=world.verifier, complaint=complaint, unit=foreign)
    assert refusal.value.field == "unit"
    world.unit_b.is_active = False
    world.unit_b.save()
    with pytest.raises(DomainError):
        complaint_verify_dispatch(actor=world.verifier, complaint=complaint, unit=world.unit_b)
    complaint.refresh_from_db()
    assert complaint.status == S.NEW and complaint.unit is None


def test_the_caller_object_follows_the_saved_state(world):
    complaint = file_report(world.region)
    complaint_verify_dispatch(actor=world.verifier, complaint=complaint, unit=world.unit_a)
    assert complaint.status == S.DISPATCHED and complaint.unit_id == world.unit_a.pk


# --- questions, replies and pauses ----------------------------------------------------------------


def test_a_question_pauses_the_report_and_the_reply_resumes_where_it_was(world):
    complaint = world.bring(S.IN_PROGRESS)
    complaint = complaint_request_info(
        actor=world.handler, complaint=complaint, question="Nomor rumah Anda berapa?"
    )
    assert complaint.status == S.NEEDS_INFO
    assert complaint.status_before_pause == S.IN_PROGRESS and complaint.paused_at is not None
    question = complaint.events.latest("id")
    assert question.visibility == "reporter" and question.action == "info_requested"
    assert complaint.first_response_at is not None  # a question from the unit is a response
    event = complaint_reporter_reply(complaint=complaint, message="Nomor 12, dekat masjid.")
    complaint.refresh_from_db()
    assert complaint.status == S.IN_PROGRESS and complaint.paused_at is None
    assert complaint.status_before_pause == ""
    assert event.by_reporter and event.actor_label == "Pelapor" and event.visibility == "reporter"


def test_a_reply_outside_a_pause_is_a_message_and_changes_no_status(world):
    complaint = world.bring(S.DISPATCHED)
    event = complaint_reporter_reply(complaint=complaint, message="Ada tambahan informasi.")
    complaint.refresh_from_db()
    assert complaint.status == S.DISPATCHED and event.action == "reporter_message"
    assert event.to_status == ""


def test_a_verifier_cannot_dispatch_a_report_waiting_for_the_units_question(world):
    complaint = world.bring(f"{S.NEEDS_INFO}@{S.DISPATCHED}")
    with pytest.raises(DomainError):
        complaint_verify_dispatch(actor=world.verifier, complaint=complaint, unit=world.unit_b)


def test_an_empty_question_is_refused(world):
    complaint = world.bring(S.NEW)
    with pytest.raises(DomainError) as refusal:
        complaint_request_info(actor=world.verifier, complaint=complaint, question="  ")
    assert refusal.value.field == "question"


# --- transfer, merge, archive, redispatch -----------------------------------------------------------


def test_transfer_records_where_the_report_belongs(world):
    complaint = complaint_transfer_out(
        actor=world.verifier,
        complaint=world.bring(S.NEW),
        destination="Kementerian ATR/BPN",
        note="Sengketa tanah.",
    )
    assert complaint.status == S.TRANSFERRED
    assert "Kementerian ATR/BPN" in complaint.closing_reason
    assert complaint.verified_at is not None  # the verifier decided: the verify target is met


def test_merge_needs_an_open_report_of_the_same_region_that_is_not_itself(world, other_region):
    complaint = world.bring(S.NEW)
    with pytest.raises(DomainError):
        complaint_merge(actor=world.verifier, complaint=complaint, into=complaint)
    with pytest.raises(DomainError):
        complaint_merge(actor=world.verifier, complaint=complaint, into=world.bring(S.ARCHIVED))
    with pytest.raises(DomainError):
        complaint_merge(actor=world.verifier, complaint=complaint, into=file_report(other_region))
    into = world.bring(S.DISPATCHED)
    merged = complaint_merge(actor=world.verifier, complaint=complaint, into=into)
    assert merged.status == S.MERGED and merged.merged_into == into
    assert into.events.filter(action="duplicate_merged", visibility="internal").exists()


def test_archive_needs_a_reason(world):
    complaint = world.bring(S.NEW)
    with pytest.raises(DomainError):
        complaint_archive(actor=world.verifier, complaint=complaint, reason="")
    archived = complaint_archive(
        actor=world.verifier, complaint=complaint, reason="Terlalu umum, tanpa lokasi"
    )
    assert archived.closing_reason == "Terlalu umum, tanpa lokasi"


def test_archiving_a_paused_report_ends_the_pause(world):
    complaint = world.bring(f"{S.NEEDS_INFO}@{S.NEW}")
    archived = complaint_archive(
        actor=world.verifier, complaint=complaint, reason="Pelapor tidak menjawab"
    )
    assert archived.paused_at is None


def test_the_unit_head_hands_a_report_to_another_unit_and_the_assignment_is_dropped(world):
    complaint = world.bring(S.IN_PROGRESS)
    due = complaint.resolve_due_at
    moved = complaint_redispatch(
        actor=world.head, complaint=complaint, unit=world.unit_b, note="Wewenang Dinas B."
    )
    assert moved.status == S.DISPATCHED and moved.unit == world.unit_b
    assert moved.assignee is None and moved.resolve_due_at == due
    with pytest.raises(DomainError):
        complaint_redispatch(actor=world.verifier, complaint=moved, unit=world.unit_b)


def test_a_handler_of_another_unit_cannot_redispatch(world, handler_b):
    with pytest.raises(PermissionDenied):
        complaint_redispatch(
            actor=handler_b, complaint=world.bring(S.DISPATCHED), unit=world.unit_b
        )


# --- assignment, notes, answer ---------------------------------------------------------------------


def test_the_head_assigns_only_to_a_team_member_or_handler_of_the_unit(world, handler_b, citizen):
    complaint = world.bring(S.DISPATCHED)
    for outsider in (handler_b, citizen):
        with pytest.raises(DomainError) as refusal:
            complaint_assign(actor=world.head, complaint=complaint, assignee=outsider)
        assert refusal.value.field == "assignee"
    assigned = complaint_assign(actor=world.head, complaint=complaint, assignee=world.handler)
    assert assigned.status == S.IN_PROGRESS and assigned.assignee == world.handler
    move = assigned.events.latest("id")
    assert move.visibility == "public" and world.handler.full_name not in move.message
    again = complaint_assign(actor=world.head, complaint=assigned, assignee=world.member2)
    reassign = again.events.latest("id")
    assert reassign.visibility == "internal" and "Anggota Dua" in reassign.message


def test_a_team_coordinator_assigns_but_a_plain_member_does_not(world):
    coordinator = UserFactory(username="koordinator")
    RoleAssignmentFactory(user=coordinator, role=Role.FRONT_DESK, unit=world.unit_a)
    join_team(world.unit_a, coordinator, TeamMember.Role.COORDINATOR)
    complaint = world.bring(S.DISPATCHED)
    with pytest.raises(PermissionDenied):
        complaint_assign(actor=world.member2, complaint=complaint, assignee=world.handler)
    complaint_assign(actor=coordinator, complaint=complaint, assignee=world.handler)


def test_an_inactive_team_member_without_the_handler_role_cannot_be_assigned(world):
    member = UserFactory(username="mantan")
    RoleAssignmentFactory(user=member, role=Role.FRONT_DESK, unit=world.unit_a)
    join_team(world.unit_a, member)
    TeamMember.objects.filter(user=member).update(is_active=False)
    with pytest.raises(DomainError):
        complaint_assign(actor=world.head, complaint=world.bring(S.DISPATCHED), assignee=member)


def test_the_first_public_staff_note_is_the_first_response_internal_notes_are_not(world):
    complaint = world.bring(S.IN_PROGRESS)
    complaint_note(actor=world.handler, complaint=complaint, message="Cek lapangan besok.")
    complaint.refresh_from_db()
    assert complaint.first_response_at is None
    with time_machine.travel(wib(2026, 12, 1, 9, 0), tick=False):
        event = complaint_note(
            actor=world.handler,
            complaint=complaint,
            message="Petugas akan datang besok pagi.",
            visibility="public",
        )
    complaint.refresh_from_db()
    assert complaint.first_response_at == wib(2026, 12, 1, 9, 0)
    assert event.visibility == "public"
    complaint_note(actor=world.handler, complaint=complaint, message="Lagi.", visibility="public")
    complaint.refresh_from_db()
    assert complaint.first_response_at == wib(2026, 12, 1, 9, 0)


def test_a_note_with_an_unknown_visibility_is_refused(world):
    with pytest.raises(DomainError):
        complaint_note(
            actor=world.handler,
            complaint=world.bring(S.IN_PROGRESS),
            message="Halo semua",
            visibility="semua",
        )


def test_the_answer_sets_answered_and_first_response_and_needs_the_handler(world, handler_b):
    complaint = world.bring(S.IN_PROGRESS)
    with pytest.raises(PermissionDenied):
        complaint_answer(actor=handler_b, complaint=complaint, message="Jawaban dari unit lain.")
    with pytest.raises(DomainError):
        complaint_answer(actor=world.handler, complaint=complaint, message="pendek")
    answered = complaint_answer(
        actor=world.handler, complaint=complaint, message="Sudah ditambal hari ini."
    )
    assert answered.status == S.ANSWERED
    assert answered.answered_at is not None and answered.first_response_at is not None
    assert AuditEvent.objects.filter(action="complaint.answered", actor=world.handler).exists()


# --- the reporter's verdict -----------------------------------------------------------------------


def test_rating_an_answered_report_closes_it_and_a_second_rating_is_refused(world):
    complaint = complaint_rate(
        complaint=world.bring(S.ANSWERED), rating="5", comment="Cepat sekali."
    )
    assert complaint.status == S.CLOSED and complaint.rating == 5 and complaint.closed_at
    assert complaint.events.latest("id").action == "rated"
    with pytest.raises(DomainError):
        complaint_rate(complaint=complaint, rating=1)


@pytest.mark.parametrize("rating", [0, 6, "lima", None])
def test_a_rating_outside_one_to_five_is_refused(world, rating):
    complaint = world.bring(S.ANSWERED)
    with pytest.raises(DomainError) as refusal:
        complaint_rate(complaint=complaint, rating=rating)
    assert refusal.value.field == "rating"
    complaint.refresh_from_db()
    assert complaint.rating is None and complaint.status == S.ANSWERED


def test_a_closed_report_can_be_rated_once_without_changing_status(world):
    complaint = complaint_rate(complaint=world.bring(S.CLOSED), rating=3)
    assert complaint.status == S.CLOSED and complaint.rating == 3


def test_reopen_within_the_window_counts_clears_the_answer_and_sets_a_new_deadline(world):
    with time_machine.travel(wib(2026, 11, 2, 9, 0), tick=False):
        complaint = world.bring(S.ANSWERED)
    with time_machine.travel(wib(2026, 11, 12, 8, 0), tick=False):  # day 10
        reopened = complaint_reopen(complaint=complaint, reason="Lubang masih ada sampai sekarang.")
    assert reopened.status == S.IN_PROGRESS and reopened.reopen_count == 1
    assert reopened.answered_at is None
    assert reopened.resolve_due_at == wib(2026, 11, 15, 8, 0)  # 72 clock hours from reopening
    assert reopened.assignee == world.handler


def test_reopen_after_the_window_is_refused(world):
    with time_machine.travel(wib(2026, 11, 2, 9, 0), tick=False):
        complaint = world.bring(S.CLOSED)
    with (
        time_machine.travel(wib(2026, 11, 12, 9, 1), tick=False),
        pytest.raises(DomainError) as refusal,
    ):
        complaint_reopen(complaint=complaint, reason="Lubang masih ada sampai sekarang.")
    assert refusal.value.code == "reopen_window_passed"


def test_the_system_closes_answered_reports_only_after_the_reporter_window(world):
    with time_machine.travel(wib(2026, 11, 2, 9, 0), tick=False):
        early = world.bring(S.ANSWERED)
    with time_machine.travel(wib(2026, 11, 5, 9, 0), tick=False):
        late = world.bring(S.ANSWERED)
    with pytest.raises(InvalidTransition):
        complaint_close(complaint=late, now=wib(2026, 11, 6, 9, 0))
    assert complaint_close_expired(now=wib(2026, 11, 12, 9, 0)) == 1
    early.refresh_from_db()
    late.refresh_from_db()
    assert early.status == S.CLOSED and late.status == S.ANSWERED
    assert early.events.latest("id").actor_label == "Sistem"
    assert complaint_close_expired(now=wib(2026, 11, 12, 9, 0)) == 0
    assert complaint_close_expired(now=wib(2026, 11, 15, 9, 0)) == 1


# --- team -----------------------------------------------------------------------------------------


def test_the_unit_head_manages_the_team_and_others_are_refused(world, handler_b, citizen):
    newcomer = UserFactory(username="baru")
    RoleAssignmentFactory(user=newcomer, role=Role.FRONT_DESK, unit=world.unit_a)
    with pytest.raises(PermissionDenied):
        team_member_add(actor=handler_b, unit=world.unit_a, user=newcomer)
    with pytest.raises(DomainError):
        team_member_add(actor=world.head, unit=world.unit_a, user=citizen)  # not region staff
    member = team_member_add(actor=world.head, unit=world.unit_a, user=newcomer)
    assert member.is_active and member.role == TeamMember.Role.MEMBER
    with pytest.raises(DomainError):
        team_member_add(actor=world.head, unit=world.unit_a, user=newcomer)
    team_member_remove(actor=world.head, member=member)
    member.refresh_from_db()
    assert not member.is_active and TeamMember.objects.filter(pk=member.pk).exists()
    back = team_member_add(actor=world.head, unit=world.unit_a, user=newcomer, role="koordinator")
    assert back.pk == member.pk and back.is_active and back.role == "koordinator"
    assert AuditEvent.objects.filter(action__startswith="complaint.team_member").count() == 3


def test_removing_an_inactive_member_is_refused(world, unit_admin_a):
    member = TeamMember.objects.get(user=world.member2)
    team_member_remove(actor=unit_admin_a, member=member)
    with pytest.raises(DomainError):
        team_member_remove(actor=unit_admin_a, member=member)


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


def test_time_is_aware_everywhere(world):
    with pytest.raises(ValueError):
        complaint_note(
            actor=world.handler,
            complaint=world.bring(S.IN_PROGRESS),
            message="Catatan",
            now=dt.datetime(2026, 1, 1, 9, 0),  # noqa: DTZ001 - the naive time is the point
        )


# --- real parallel requests (PostgreSQL: SQLite serialises writers) --------------------------------


def _parallel(worker, threads: int) -> list:
    """Run `worker(k)` on `threads` threads released together; each returns its result or error."""
    barrier = threading.Barrier(threads)
    results: list = [None] * threads

    def run(k):
        try:
            barrier.wait(timeout=30)
            results[k] = worker(k)
        except DomainError as exc:
            results[k] = exc
        finally:
            connections.close_all()

    pool = [threading.Thread(target=run, args=(k,)) for k in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in pool), "a worker thread hung"
    return results


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are only real on PostgreSQL"
)


@pytest.mark.django_db(transaction=True)
@postgres_only
def test_two_verifiers_dispatching_the_same_report_at_once_make_one_move(world):
    complaint = world.bring(S.NEW)
    units = [world.unit_a, world.unit_b] * 3
    results = _parallel(
        lambda k: complaint_verify_dispatch(
            actor=world.verifier, complaint=Complaint.objects.get(pk=complaint.pk), unit=units[k]
        ),
        threads=6,
    )
    assert sum(isinstance(r, Complaint) for r in results) == 1
    assert all(isinstance(r, InvalidTransition) for r in results if not isinstance(r, Complaint))
    assert complaint.events.filter(action="dispatched").count() == 1


@pytest.mark.django_db(transaction=True)
@postgres_only
def test_two_reports_merged_into_each_other_at_once_neither_deadlock_nor_both_close(world):
    first, second = world.bring(S.NEW), world.bring(S.NEW)
    pairs = [(first, second), (second, first)] * 2
    results = _parallel(
        lambda k: complaint_merge(actor=world.verifier, complaint=pairs[k][0], into=pairs[k][1]),
        threads=4,
    )
    assert sum(isinstance(r, Complaint) for r in results) == 1
    statuses = sorted(
        Complaint.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)
    )
    assert statuses == sorted([S.NEW, S.MERGED])
