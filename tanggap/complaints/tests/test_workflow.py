"""The workflow table and its services: every action of COMPLAINT_MACHINE taken by a service from exactly
its statuses, every allowed move made, every other (status, service) pair refused with nothing changed,
and the same move made at once by parallel requests (PostgreSQL). Each service's own rules:
test_workflow_rules.py."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from tanggap.complaints import permissions
from tanggap.complaints.models import Complaint
from tanggap.complaints.services import (
    COMPLAINT_MACHINE,
    complaint_answer,
    complaint_archive,
    complaint_assign,
    complaint_close,
    complaint_merge,
    complaint_note,
    complaint_rate,
    complaint_redispatch,
    complaint_reopen,
    complaint_reporter_reply,
    complaint_request_info,
    complaint_take,
    complaint_transfer_out,
    complaint_verify_dispatch,
)
from tanggap.complaints.services import workflow as wf
from tanggap.complaints.tests.factories import (
    VARIANTS,
    S,
    file_report,
    wib,
)
from tanggap.core.errors import DomainError, InvalidTransition, PermissionDenied
from tanggap.core.models import AuditEvent

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
    "take": (
        lambda w, c: complaint_take(actor=w.member2, complaint=c),
        {S.DISPATCHED},
        lambda w, c: permissions.may_take(w.member2, c),
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
    (S.DISPATCHED, S.IN_PROGRESS): [(S.DISPATCHED, "assign"), (S.DISPATCHED, "take")],
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
    "take": wf.TAKE,
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
