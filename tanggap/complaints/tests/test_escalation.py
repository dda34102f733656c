"""Deadline warnings and escalations: each notice once per deadline, never twice, never missed,
with frozen time (including a worker that was down for a day)."""

from __future__ import annotations

import threading

import pytest
import time_machine
from django.db import connection, connections

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.complaints.models import DeadlineUnit, Escalation, SlaPolicy
from tanggap.complaints.services import (
    complaint_answer,
    complaint_assign,
    complaint_reopen,
    complaint_reporter_reply,
    complaint_request_info,
    complaint_verify_dispatch,
    escalation_sweep,
    inspectorate_for,
)
from tanggap.complaints.services.escalation import escalate_one
from tanggap.complaints.tests.factories import file_report, join_team, make_verifier, wib
from tanggap.core.notify import LogBackend
from tanggap.org.models import Unit
from tanggap.org.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
L, T = Escalation.Level, Escalation.Target
MONDAY = wib(2026, 11, 2, 10, 0)  # dispatched: resolve due Thu 5 Nov 10:00 (72 h)


@pytest.fixture
def outbox():
    LogBackend.sent.clear()
    yield LogBackend.sent
    LogBackend.sent.clear()


@pytest.fixture
def people(region, unit_a, handler_a, head_a):
    handler_a.email, head_a.email = "petugas@uji.id", "kepala@uji.id"
    handler_a.save()
    head_a.save()
    join_team(unit_a, handler_a)
    inspectorate = UnitFactory(region=region, slug="inspektorat", name="Inspektorat Daerah")
    inspector = UserFactory(username="inspektur", email="inspektur@uji.id")
    RoleAssignmentFactory(user=inspector, role=Role.UNIT_HEAD, unit=inspectorate)
    return {
        "verifier": make_verifier(region),
        "handler": handler_a,
        "head": head_a,
        "inspectorate": inspectorate,
    }


def _in_progress(region, unit, people, at=MONDAY, **kwargs):
    with time_machine.travel(at, tick=False):
        complaint = complaint_verify_dispatch(
            actor=people["verifier"], complaint=file_report(region, **kwargs), unit=unit
        )
        complaint = complaint_assign(
            actor=people["verifier"], complaint=complaint, assignee=people["handler"]
        )
    return complaint


def _clock_hours_policy(region):
    """A policy whose resolve target runs in clock hours (72) after a 24-hour first response."""
    return SlaPolicy.objects.create(
        region=region,
        name="Jam",
        response_value=24,
        response_unit=DeadlineUnit.CLOCK_HOURS,
        resolve_value=72,
        resolve_unit=DeadlineUnit.CLOCK_HOURS,
    )


def _to(outbox):
    return [m["to_email"] for m in outbox]


def _sweep(at):
    with time_machine.travel(at, tick=False):
        return escalation_sweep()


def test_warning_then_breach_then_inspectorate_each_once(region, unit_a, people, outbox):
    complaint = _in_progress(region, unit_a, people)
    assert complaint.response_due_at == wib(2026, 11, 5, 10, 0)
    assert _sweep(wib(2026, 11, 4, 9, 0)) == {L.WARNING: 0, L.BREACH: 0, L.INSPECTORATE: 0}

    assert (
        _sweep(wib(2026, 11, 4, 11, 0))[L.WARNING] == 1
    )  # 23 h before the first-response deadline
    assert _to(outbox) == ["petugas@uji.id"]
    assert sum(_sweep(wib(2026, 11, 4, 11, 5)).values()) == 0

    outbox.clear()
    assert _sweep(wib(2026, 11, 5, 10, 0))[L.BREACH] == 1
    assert _to(outbox) == ["kepala@uji.id"]

    outbox.clear()
    assert _sweep(wib(2026, 11, 7, 9, 59))[L.INSPECTORATE] == 0
    assert _sweep(wib(2026, 11, 7, 10, 0))[L.INSPECTORATE] == 1  # 48 h after the deadline
    assert _to(outbox) == ["inspektur@uji.id"]
    assert "Inspektorat" in outbox[0]["subject"]

    rows = Escalation.objects.filter(complaint=complaint, target=T.RESPONSE)
    assert sorted(rows.values_list("level", flat=True)) == sorted(L.values)
    assert complaint.events.filter(action__startswith="escalation_", visibility="internal").count()
    outbox.clear()
    assert sum(_sweep(wib(2026, 11, 7, 12, 0)).values()) == 0
    assert outbox == []
    # The resolve target (five working days: Monday 9 Nov) runs its own course.
    assert _sweep(wib(2026, 11, 8, 10, 0)) == {L.WARNING: 1, L.BREACH: 0, L.INSPECTORATE: 0}


def test_a_worker_down_for_a_day_sends_each_due_level_once_and_skips_the_stale_warning(
    region, unit_a, people, outbox
):
    SlaPolicy.objects.create(region=region, name="Cepat", inspectorate_after_hours=24)
    complaint = _in_progress(region, unit_a, people)
    assert sum(_sweep(wib(2026, 11, 4, 9, 0)).values()) == 0  # the last sweep before it stopped
    # Back a day after the deadline: the warning window and the breach came and went unseen.
    late = wib(2026, 11, 6, 10, 30)
    counts = _sweep(late)
    assert counts == {L.WARNING: 0, L.BREACH: 1, L.INSPECTORATE: 1}
    assert sorted(_to(outbox)) == ["inspektur@uji.id", "kepala@uji.id"]
    levels = Escalation.objects.filter(complaint=complaint, target=T.RESPONSE).values_list(
        "level", "sent_at"
    )
    assert dict(levels) == {L.BREACH: late, L.INSPECTORATE: late}
    outbox.clear()
    assert sum(_sweep(late).values()) == 0  # the next run, or a duplicate worker: nothing
    assert sum(_sweep(wib(2026, 11, 6, 10, 35)).values()) == 0
    assert outbox == []


def test_a_duplicated_worker_never_sends_twice(region, unit_a, people, outbox):
    complaint = _in_progress(region, unit_a, people)
    at = wib(2026, 11, 5, 12, 0)
    assert escalate_one(complaint.pk, T.RESPONSE, L.BREACH, at) is True
    assert escalate_one(complaint.pk, T.RESPONSE, L.BREACH, at) is False
    assert _to(outbox) == ["kepala@uji.id"]


def test_a_failed_send_leaves_no_row_and_the_next_sweep_sends_it(
    region, unit_a, people, outbox, monkeypatch
):
    complaint = _in_progress(region, unit_a, people)
    original = LogBackend.send

    def broken(self, **kwargs):
        raise ConnectionError("SMTP down")

    monkeypatch.setattr(LogBackend, "send", broken)
    assert _sweep(wib(2026, 11, 5, 10, 5))[L.BREACH] == 0
    assert not Escalation.objects.filter(complaint=complaint).exists()
    assert not complaint.events.filter(action__startswith="escalation_").exists()
    monkeypatch.setattr(LogBackend, "send", original)
    assert _sweep(wib(2026, 11, 5, 10, 10))[L.BREACH] == 1
    assert _to(outbox) == ["kepala@uji.id"]


def test_a_paused_report_does_not_escalate_and_resumes_with_moved_deadlines(
    region, unit_a, people, outbox
):
    _clock_hours_policy(region)
    complaint = _in_progress(region, unit_a, people)
    with time_machine.travel(wib(2026, 11, 3, 10, 0), tick=False):
        complaint_request_info(
            actor=people["handler"], complaint=complaint, question="Mohon kirim foto lokasinya."
        )
    assert sum(_sweep(wib(2026, 11, 9, 10, 0)).values()) == 0
    with time_machine.travel(wib(2026, 11, 9, 10, 0), tick=False):
        complaint_reporter_reply(complaint=complaint, message="Ini fotonya.")
    complaint.refresh_from_db()
    assert complaint.resolve_due_at == wib(2026, 11, 11, 10, 0)  # 6 days of pause come back
    assert sum(_sweep(wib(2026, 11, 9, 10, 5)).values()) == 0
    assert _sweep(wib(2026, 11, 10, 12, 0))[L.WARNING] == 1


def test_a_reopened_report_is_warned_about_its_new_deadline(region, unit_a, people, outbox):
    _clock_hours_policy(region)
    complaint = _in_progress(region, unit_a, people)
    assert _sweep(wib(2026, 11, 5, 10, 0))[L.BREACH] == 2  # the first response and the resolve
    with time_machine.travel(wib(2026, 11, 5, 11, 0), tick=False):
        complaint = complaint_answer(
            actor=people["handler"], complaint=complaint, message="Sudah ditangani, maaf telat."
        )
    with time_machine.travel(wib(2026, 11, 6, 9, 0), tick=False):
        complaint = complaint_reopen(complaint=complaint, reason="Masih rusak, belum diperbaiki.")
    assert complaint.resolve_due_at == wib(2026, 11, 9, 9, 0)
    outbox.clear()
    assert _sweep(wib(2026, 11, 9, 9, 0))[L.BREACH] == 1
    row = Escalation.objects.get(complaint=complaint, target=T.RESOLVE, level=L.BREACH)
    assert row.due_at == wib(2026, 11, 9, 9, 0)
    assert sum(_sweep(wib(2026, 11, 9, 9, 5)).values()) == 0


def test_an_unverified_report_warns_verifiers_and_breaches_to_the_region_admin(
    region, people, region_admin, outbox
):
    region_admin.email = "admin@uji.id"
    region_admin.save()
    file_report(region, now=MONDAY)  # verify due Thu 5 Nov 10:00
    assert _sweep(wib(2026, 11, 4, 12, 0))[L.WARNING] == 1
    assert _to(outbox) == ["verifikator@uji.id"]
    outbox.clear()
    assert _sweep(wib(2026, 11, 5, 10, 0))[L.BREACH] == 1
    assert _to(outbox) == ["admin@uji.id"]


def test_without_an_inspectorate_the_escalation_is_still_recorded(region, unit_a, people, caplog):
    Unit.objects.filter(pk=people["inspectorate"].pk).update(is_active=False)
    complaint = _in_progress(region, unit_a, people)
    assert _sweep(wib(2026, 11, 8, 10, 0))[L.INSPECTORATE] == 1
    row = Escalation.objects.get(complaint=complaint, level=L.INSPECTORATE)
    assert row.recipients == ""
    assert "no recipient" in caplog.text


def test_the_inspectorate_is_found_by_slug_or_by_name(region, other_region):
    assert inspectorate_for(other_region) is None
    named = UnitFactory(region=other_region, slug="itda", name="Inspektorat Kota Lain")
    assert inspectorate_for(other_region) == named
    by_slug = UnitFactory(region=other_region, slug="inspektorat", name="Pengawas")
    assert inspectorate_for(other_region) == by_slug


def test_warnings_follow_each_reports_own_policy(region, unit_a, people, outbox):
    SlaPolicy.objects.create(region=region, name="Longgar", warn_before_hours=48)
    early = _in_progress(region, unit_a, people)
    # 30 h before the deadline: inside this policy's 48-hour window.
    assert _sweep(wib(2026, 11, 4, 4, 0))[L.WARNING] == 1
    assert Escalation.objects.filter(complaint=early, level=L.WARNING).exists()


def test_the_sweep_reads_with_a_fixed_number_of_queries(
    region, unit_a, people, django_assert_num_queries
):
    for _ in range(15):
        _in_progress(region, unit_a, people)
    with django_assert_num_queries(10):  # policy bounds + 3 targets × 3 levels
        counts = escalation_sweep(wib(2026, 11, 3, 10, 0))
    assert sum(counts.values()) == 0


def test_staff_notices_do_not_name_an_anonymous_reporter(region, unit_a, people, outbox):
    _in_progress(
        region,
        unit_a,
        people,
        is_anonymous=True,
        reporter_name="Budi Rahasia",
        reporter_email="budi@contoh.id",
    )
    _sweep(wib(2026, 11, 8, 10, 0))
    assert outbox
    for message in outbox:
        assert "Budi" not in message["subject"] + message["body"]
        assert message["to_email"] != "budi@contoh.id"


# --- real parallel workers (PostgreSQL: SQLite serialises writers) ---------------------------------


def _parallel(worker, threads: int) -> list:
    """Run `worker(k)` on `threads` threads released together, each on its own connection."""
    barrier = threading.Barrier(threads)
    results: list = [None] * threads
    errors: list[BaseException] = []

    def run(k):
        try:
            barrier.wait(timeout=30)
            results[k] = worker(k)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=run, args=(k,)) for k in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in pool), "a worker thread hung"
    if errors:
        raise errors[0]
    return results


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are only real on PostgreSQL"
)
def test_eight_workers_sweeping_at_once_send_each_notice_once(region, unit_a, people, outbox):
    complaints = [_in_progress(region, unit_a, people) for _ in range(5)]
    outbox.clear()  # committed moves sent their own notices
    late = wib(2026, 11, 7, 10, 30)  # breach and inspectorate due for every report
    results = _parallel(lambda _k: escalation_sweep(late), threads=8)
    assert sum(r[L.BREACH] for r in results) == 5
    assert sum(r[L.INSPECTORATE] for r in results) == 5
    assert Escalation.objects.filter(complaint__in=complaints).count() == 10
    assert sorted(_to(outbox)).count("kepala@uji.id") == 5
    assert sorted(_to(outbox)).count("inspektur@uji.id") == 5
