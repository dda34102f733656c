"""Each workflow service's own rules beyond the table: deadlines and moments, pauses, who a report may be
merged into or assigned to, notes and the first response, the reporter's verdict, the team, aware times."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.complaints.models import TeamMember
from tanggap.complaints.services import (
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
    team_member_add,
    team_member_remove,
)
from tanggap.complaints.tests.factories import (
    S,
    file_report,
    join_team,
    wib,
)
from tanggap.core.errors import DomainError, InvalidTransition, PermissionDenied
from tanggap.core.models import AuditEvent
from tanggap.org.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


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
    assert complaint.response_due_at == wib(2026, 11, 23, 10, 0)  # 72 clock hours
    assert complaint.resolve_due_at == wib(2026, 11, 27, 10, 0)  # 5 working days
    public, note = complaint.events.order_by("id")[1:]
    assert public.action == "dispatched" and public.visibility == "public"
    assert "Dinas A" in public.text and "Prioritas" not in public.text
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
    assert move.visibility == "public" and world.handler.full_name not in move.text
    again = complaint_assign(actor=world.head, complaint=assigned, assignee=world.member2)
    reassign = again.events.latest("id")
    assert reassign.visibility == "internal" and "Anggota Dua" in reassign.text


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
    assert reopened.resolve_due_at == wib(2026, 11, 19, 8, 0)  # 5 working days from reopening
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


def test_time_is_aware_everywhere(world):
    with pytest.raises(ValueError):
        complaint_note(
            actor=world.handler,
            complaint=world.bring(S.IN_PROGRESS),
            message="Catatan",
            now=dt.datetime(2026, 1, 1, 9, 0),  # noqa: DTZ001 - the naive time is the point
        )
