"""Deadlines: computed at filing and dispatch on the working calendar (weekends, cuti bersama, the
unit's own week), pushed back by pauses, and each target's state."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tanggap.complaints.models import ComplaintCategory, DeadlineUnit, SlaPolicy
from tanggap.complaints.services import (
    complaint_reporter_reply,
    complaint_request_info,
    complaint_verify_dispatch,
)
from tanggap.complaints.sla import pause_end, policy_for, target_states
from tanggap.complaints.tests.factories import (
    S,
    file_report,
    join_team,
    make_verifier,
    wib,
)
from tanggap.org.models import DayOff

pytestmark = pytest.mark.django_db


@pytest.fixture
def verifier(region):
    return make_verifier(region)


def _dispatch(verifier, complaint, unit, at, **kwargs):
    with time_machine.travel(at, tick=False):
        return complaint_verify_dispatch(actor=verifier, complaint=complaint, unit=unit, **kwargs)


def test_deadlines_skip_the_weekend(region, unit_a, verifier):
    complaint = file_report(region, now=wib(2026, 11, 20, 10, 0))  # Friday
    assert complaint.verify_due_at == wib(2026, 11, 25, 10, 0)  # Mon, Tue, Wed
    complaint = _dispatch(verifier, complaint, unit_a, wib(2026, 11, 20, 14, 0))
    assert complaint.response_due_at == wib(2026, 11, 23, 14, 0)  # 72 clock hours, weekend or not
    assert complaint.resolve_due_at == wib(2026, 11, 27, 14, 0)  # five working days


def test_a_report_filed_on_saturday_counts_from_monday_opening(region):
    complaint = file_report(region, now=wib(2026, 11, 21, 20, 0))
    assert complaint.verify_due_at == wib(2026, 11, 26, 8, 0)


def test_deadlines_skip_eid_2026_cuti_bersama(region, unit_a, verifier):
    # 18–24 March 2026: Nyepi, Idul Fitri and their cuti bersama, with a weekend in between.
    complaint = file_report(region, now=wib(2026, 3, 17, 10, 0))  # Tuesday before the holidays
    assert complaint.verify_due_at == wib(2026, 3, 27, 10, 0)  # 25, 26, 27 March
    complaint = _dispatch(verifier, complaint, unit_a, wib(2026, 3, 17, 11, 0))
    assert complaint.resolve_due_at == wib(2026, 3, 31, 11, 0)  # 25, 26, 27, 30, 31 March


def test_a_regional_day_off_counts_like_a_holiday(region, unit_a, verifier):
    DayOff.objects.create(region=region, date=dt.date(2026, 11, 23), name="Hari jadi kabupaten")
    complaint = file_report(region, now=wib(2026, 11, 20, 10, 0))
    assert complaint.verify_due_at == wib(2026, 11, 26, 10, 0)


def test_the_resolve_deadline_follows_the_handling_units_week(region, unit_a, unit_b, verifier):
    unit_b.work_days = "0,1,2,3,4,5"  # a service unit open on Saturdays
    unit_b.save()
    first = _dispatch(verifier, file_report(region), unit_a, wib(2026, 11, 20, 10, 0))  # Friday
    second = _dispatch(verifier, file_report(region), unit_b, wib(2026, 11, 20, 10, 0))
    assert first.resolve_due_at == wib(2026, 11, 27, 10, 0)
    assert second.resolve_due_at == wib(2026, 11, 26, 10, 0)  # Sat counts


def test_the_most_specific_policy_applies_at_dispatch(region, unit_a, verifier):
    category = ComplaintCategory.objects.create(region=region, slug="jalan", name="Jalan")
    SlaPolicy.objects.create(
        region=region,
        name="Umum",
        response_value=7,
        response_unit=DeadlineUnit.WORKING_DAYS,
        resolve_value=7,
    )
    specific = SlaPolicy.objects.create(
        region=region,
        name="Jalan",
        category=category,
        response_value=2,
        response_unit=DeadlineUnit.WORKING_DAYS,
        resolve_value=10,
        resolve_unit=DeadlineUnit.WORKING_DAYS,
    )
    assert policy_for(region=region, category=category, report_type="pengaduan") == specific
    complaint = _dispatch(
        verifier, file_report(region), unit_a, wib(2026, 11, 20, 10, 0), category=category
    )
    assert complaint.sla_policy == specific and complaint.category == category
    assert complaint.response_due_at == wib(2026, 11, 24, 10, 0)
    assert complaint.resolve_due_at == wib(2026, 12, 4, 10, 0)


def test_working_hours_targets_skip_closed_hours(region, unit_a, verifier):
    SlaPolicy.objects.create(
        region=region, name="Cepat", response_value=4, response_unit=DeadlineUnit.WORKING_HOURS
    )
    complaint = _dispatch(verifier, file_report(region), unit_a, wib(2026, 11, 20, 14, 0))
    assert complaint.response_due_at == wib(2026, 11, 23, 10, 0)  # 2 h Friday + 2 h Monday


# --- pauses ---------------------------------------------------------------------------------------


def _dispatched(region, unit, verifier, at):
    return _dispatch(verifier, file_report(region, now=at), unit, at)


def _pause(complaint, handler, start, end):
    with time_machine.travel(start, tick=False):
        complaint = complaint_request_info(
            actor=handler, complaint=complaint, question="Mohon kirim foto lokasinya."
        )
    with time_machine.travel(end, tick=False):
        complaint_reporter_reply(complaint=complaint, message="Foto terlampir di sini.")
    complaint.refresh_from_db()
    return complaint


@pytest.fixture
def team_handler(unit_a, handler_a):
    join_team(unit_a, handler_a)
    return handler_a


def test_a_pause_of_two_working_days_pushes_the_deadlines_two_working_days(
    region, unit_a, verifier, team_handler
):
    SlaPolicy.objects.create(
        region=region,
        name="Hari kerja",
        response_value=4,
        response_unit=DeadlineUnit.WORKING_DAYS,
        resolve_value=5,
        resolve_unit=DeadlineUnit.WORKING_DAYS,
    )
    complaint = _dispatched(region, unit_a, verifier, wib(2026, 11, 2, 10, 0))  # Monday
    assert complaint.response_due_at == wib(2026, 11, 6, 10, 0)
    assert complaint.resolve_due_at == wib(2026, 11, 9, 10, 0)
    complaint = _pause(complaint, team_handler, wib(2026, 11, 3, 10, 0), wib(2026, 11, 5, 10, 0))
    assert complaint.status == S.DISPATCHED and complaint.paused_at is None
    assert complaint.paused_seconds == 16 * 3600  # two 8-hour working days
    assert complaint.resolve_due_at == wib(2026, 11, 11, 10, 0)  # Mon + 2 working days → Wed
    # The unit's question was its first response: that target is met and does not move.
    assert complaint.first_response_at == wib(2026, 11, 3, 10, 0)
    assert complaint.response_due_at == wib(2026, 11, 6, 10, 0)


def test_ending_a_pause_pushes_every_unmet_working_day_target_across_cuti_bersama(
    region, unit_a, verifier
):
    complaint = _dispatched(region, unit_a, verifier, wib(2026, 3, 16, 10, 0))  # Monday
    assert complaint.resolve_due_at == wib(2026, 3, 30, 10, 0)  # 17, 25, 26, 27, 30 March
    complaint.paused_at = wib(2026, 3, 17, 10, 0)  # Tuesday, just before Eid
    changed = pause_end(complaint, at=wib(2026, 3, 26, 10, 0))  # Thursday after
    # Working time paused: Tue 17 10–16, Wed 25 8–16, Thu 26 8–10 = 16 h = two working days.
    assert complaint.paused_seconds == 16 * 3600
    assert complaint.resolve_due_at == wib(2026, 4, 1, 10, 0)  # two working days later
    assert "resolve_due_at" in changed and complaint.paused_at is None


def test_a_pause_over_a_weekend_counts_only_working_time(region, unit_a, verifier, team_handler):
    SlaPolicy.objects.create(
        region=region,
        name="Jam",
        response_value=24,
        response_unit=DeadlineUnit.CLOCK_HOURS,
        resolve_value=72,
        resolve_unit=DeadlineUnit.CLOCK_HOURS,
    )
    complaint = _dispatched(region, unit_a, verifier, wib(2026, 11, 2, 10, 0))
    complaint = _pause(complaint, team_handler, wib(2026, 11, 6, 10, 0), wib(2026, 11, 10, 10, 0))
    assert complaint.paused_seconds == 16 * 3600  # Fri 10–16, Mon 8–16, Tue 8–10
    # 72-clock-hour target: it was counting through the whole pause, so the whole pause comes back.
    assert complaint.resolve_due_at == wib(2026, 11, 5, 10, 0) + dt.timedelta(days=4)


def test_pauses_accumulate_and_met_targets_do_not_move(region, unit_a, verifier, team_handler):
    complaint = _dispatched(region, unit_a, verifier, wib(2026, 11, 2, 10, 0))
    complaint = _pause(complaint, team_handler, wib(2026, 11, 3, 10, 0), wib(2026, 11, 3, 12, 0))
    met_response = complaint.first_response_at  # the question was the first response
    assert met_response == wib(2026, 11, 3, 10, 0)
    response_due = complaint.response_due_at
    complaint = _pause(complaint, team_handler, wib(2026, 11, 4, 15, 0), wib(2026, 11, 5, 9, 0))
    assert complaint.paused_seconds == 2 * 3600 + 2 * 3600
    assert complaint.response_due_at == response_due


def test_a_pause_outside_working_hours_moves_working_deadlines_nowhere(region, unit_a, verifier):
    complaint = file_report(region, now=wib(2026, 11, 20, 10, 0))
    complaint.paused_at = wib(2026, 11, 21, 9, 0)  # Saturday
    due = complaint.verify_due_at
    changed = pause_end(complaint, at=wib(2026, 11, 22, 18, 0))  # Sunday
    assert complaint.verify_due_at == due and "verify_due_at" not in changed
    assert complaint.paused_seconds == 0 and complaint.paused_at is None


def test_a_report_paused_before_verification_moves_its_verify_deadline(region, verifier):
    complaint = file_report(region, now=wib(2026, 11, 2, 10, 0))
    assert complaint.verify_due_at == wib(2026, 11, 5, 10, 0)
    with time_machine.travel(wib(2026, 11, 2, 11, 0), tick=False):
        complaint = complaint_request_info(
            actor=verifier, complaint=complaint, question="Di desa mana kejadiannya?"
        )
    assert complaint.first_response_at is None  # before dispatch there is no response target
    with time_machine.travel(wib(2026, 11, 3, 11, 0), tick=False):
        complaint_reporter_reply(complaint=complaint, message="Desa Sukamaju.")
    complaint.refresh_from_db()
    assert complaint.status == S.NEW
    assert complaint.verify_due_at == wib(2026, 11, 6, 10, 0)


# --- target states ---------------------------------------------------------------------------------


def test_target_states_on_track_due_soon_breached_met_and_paused(region, unit_a, verifier):
    complaint = _dispatched(region, unit_a, verifier, wib(2026, 11, 2, 10, 0))
    states = {s.target: s.state for s in target_states(complaint, now=wib(2026, 11, 2, 11, 0))}
    assert states == {"verify": "met", "response": "on_track", "resolve": "on_track"}
    states = {s.target: s.state for s in target_states(complaint, now=wib(2026, 11, 4, 12, 0))}
    assert states["response"] == "due_soon"  # 72 clock hours: Thursday 10.00
    states = {s.target: s.state for s in target_states(complaint, now=wib(2026, 11, 6, 12, 0))}
    assert states["response"] == "breached" and states["resolve"] == "on_track"
    states = {s.target: s.state for s in target_states(complaint, now=wib(2026, 11, 9, 12, 0))}
    assert states["resolve"] == "breached"  # five working days: Monday 10.00
    complaint.paused_at = wib(2026, 11, 3, 9, 0)
    states = {s.target: s.state for s in target_states(complaint, now=wib(2026, 11, 6, 12, 0))}
    assert states["response"] == "on_track"
