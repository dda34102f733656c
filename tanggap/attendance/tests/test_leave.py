"""Leave: working days from the calendar, the ledger balance with carry-over across a year end, overlapping
requests, requests beyond the balance, and the transition table's refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from tanggap.attendance import leave_rules
from tanggap.attendance.models import LeaveLedgerEntry, LeaveRequest, LeaveYearRule, WorkSchedule
from tanggap.attendance.selectors import annual_balance
from tanggap.attendance.services.leave import (
    leave_cancel,
    leave_decide,
    leave_request_create,
    leave_year_open,
)
from tanggap.attendance.tests.factories import leave_type
from tanggap.core.errors import DomainError, InvalidTransition, PermissionDenied

pytestmark = pytest.mark.django_db
D = dt.date
S = LeaveRequest.Status


def ask(official, start, end, code="cuti_tahunan", **kwargs):
    return leave_request_create(
        actor=official.user,
        official=official,
        leave_type=leave_type(code),
        start=start,
        end=end,
        **kwargs,
    )


def take(official, superior, start, end):
    return leave_decide(actor=superior.user, request=ask(official, start, end), approve=True)


def refused(expected, call, *args, **kwargs):
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == expected
    return caught.value


# --- working days ----------------------------------------------------------------------------------


def test_holidays_cuti_bersama_and_weekends_are_not_counted(staff):
    # 16-27 March 2026: Nyepi and Idul Fitri with their cuti bersama on 18-24 March, and a weekend.
    request = ask(staff, D(2026, 3, 16), D(2026, 3, 27))
    assert request.working_days == 5


def test_a_six_day_schedule_counts_saturdays(staff, unit_a):
    WorkSchedule.objects.create(unit=unit_a, kind=WorkSchedule.Kind.SIX_DAY)
    assert ask(staff, D(2026, 2, 2), D(2026, 2, 8)).working_days == 6


def test_dates_with_no_working_day_are_refused(staff):
    refused("no_working_days", ask, staff, D(2026, 3, 18), D(2026, 3, 24))
    refused("no_working_days", ask, staff, D(2026, 2, 7), D(2026, 2, 8))  # a weekend
    assert not LeaveRequest.objects.exists()


def test_leave_across_the_year_end_or_backwards_is_refused(staff):
    refused("crosses_year", ask, staff, D(2025, 12, 29), D(2026, 1, 2))
    refused("invalid", ask, staff, D(2026, 2, 6), D(2026, 2, 2))


# --- the ledger and the balance --------------------------------------------------------------------


def test_the_first_request_of_a_year_grants_the_entitlement_once(staff):
    ask(staff, D(2026, 2, 2), D(2026, 2, 3))
    leave_year_open(official=staff, year=2026)
    grants = LeaveLedgerEntry.objects.filter(official=staff, kind="grant")
    assert [(g.year, g.days) for g in grants] == [(2026, 12)]
    assert annual_balance(staff, 2026) == 12  # a pending request is no ledger row


def test_approval_writes_a_taken_row_and_the_balance_is_the_ledgers_sum(staff, head):
    take(staff, head, D(2026, 2, 2), D(2026, 2, 4))
    rows = list(LeaveLedgerEntry.objects.filter(official=staff).values_list("kind", "days"))
    assert rows == [("grant", 12), ("taken", -3)]
    assert annual_balance(staff, 2026) == 9


def test_at_most_six_days_carry_over_into_the_new_year(staff, head):
    take(staff, head, D(2025, 2, 3), D(2025, 2, 6))  # 4 of 12 taken: 8 left
    leave_year_open(official=staff, year=2026)
    carry = LeaveLedgerEntry.objects.get(official=staff, year=2026, kind="carry_over")
    assert carry.days == 6
    assert annual_balance(staff, 2026) == 18


def test_a_small_remainder_carries_over_whole(staff, head):
    take(staff, head, D(2025, 2, 3), D(2025, 2, 14))  # 10 taken: 2 left
    leave_year_open(official=staff, year=2026)
    assert annual_balance(staff, 2026) == 14


def test_two_unused_years_in_a_row_allow_a_balance_of_24(staff):
    leave_year_open(official=staff, year=2024)
    leave_year_open(
        official=staff, year=2025
    )  # 12 + 6 carried from 2024 (2023 is not in the ledger)
    assert annual_balance(staff, 2025) == 18
    leave_year_open(official=staff, year=2026)
    assert annual_balance(staff, 2026) == 24


def test_nothing_carries_from_a_year_before_the_ledger(staff):
    leave_year_open(official=staff, year=2026)
    assert not LeaveLedgerEntry.objects.filter(kind="carry_over").exists()


def test_cancelling_an_approved_leave_gives_its_days_back(staff, head):
    request = take(staff, head, D(2026, 2, 2), D(2026, 2, 4))
    leave_cancel(actor=staff.user, request=request, today=D(2026, 1, 20))
    assert annual_balance(staff, 2026) == 12
    kinds = list(LeaveLedgerEntry.objects.filter(request=request).values_list("kind", "days"))
    assert kinds == [("taken", -3), ("cancelled", 3)]


def test_the_years_cuti_bersama_reduce_the_entitlement_when_the_region_says_so(staff, region):
    LeaveYearRule.objects.create(region=region, year=2026, cuti_bersama_reduces_annual=True)
    leave_year_open(official=staff, year=2026)
    bersama = leave_rules.cuti_bersama_working_days(leave_rules.staff_calendar(staff), 2026)
    assert bersama > 0
    assert annual_balance(staff, 2026) == 12 - bersama


def test_an_official_with_less_than_a_years_service_gets_no_annual_leave(unit_a, head):
    from tanggap.attendance.tests.factories import official_with_account

    newcomer = official_with_account(unit_a, "cpns_baru", appointed_on=D(2025, 6, 1))
    refused("beyond_balance", ask, newcomer, D(2026, 2, 2), D(2026, 2, 2))
    leave_year_open(official=newcomer, year=2027)
    assert annual_balance(newcomer, 2027) == 12


# --- refusals ----------------------------------------------------------------------------------------


def test_leave_beyond_the_balance_is_refused_with_what_is_left(staff):
    error = refused("beyond_balance", ask, staff, D(2026, 2, 2), D(2026, 2, 20))  # 13 working days
    assert "12" in str(error.message)
    assert not LeaveRequest.objects.exists()


def test_pending_requests_hold_their_days_back(staff):
    ask(staff, D(2026, 2, 2), D(2026, 2, 11))  # 8 days
    refused("beyond_balance", ask, staff, D(2026, 4, 6), D(2026, 4, 10))  # 5 more: 13 > 12
    assert ask(staff, D(2026, 4, 6), D(2026, 4, 9)).working_days == 4


def test_types_without_the_annual_balance_are_not_limited_by_it(staff):
    assert ask(staff, D(2026, 2, 2), D(2026, 2, 27), code="dinas_luar").working_days == 18


def test_overlapping_requests_are_refused_until_the_first_is_rejected(staff, head):
    first = ask(staff, D(2026, 2, 2), D(2026, 2, 6))
    refused("overlapping_leave", ask, staff, D(2026, 2, 5), D(2026, 2, 10), code="izin")
    leave_decide(actor=head.user, request=first, approve=False, note="Ada rapat anggaran.")
    assert ask(staff, D(2026, 2, 5), D(2026, 2, 10)).pk


def test_sick_leave_needs_a_document(staff):
    refused("document_required", ask, staff, D(2026, 2, 2), D(2026, 2, 3), code="sakit")


def test_nobody_requests_leave_for_another_official(staff, head):
    with pytest.raises(PermissionDenied):
        leave_request_create(
            actor=head.user,
            official=staff,
            leave_type=leave_type("izin"),
            start=D(2026, 2, 2),
            end=D(2026, 2, 2),
        )


# --- the transition table ------------------------------------------------------------------------


def test_only_the_superior_decides(staff, head, head_a, region_admin):
    request = ask(staff, D(2026, 2, 2), D(2026, 2, 3))
    for outsider in (staff.user, head_a, region_admin):
        with pytest.raises(InvalidTransition) as caught:
            leave_decide(actor=outsider, request=request, approve=True)
        assert caught.value.code == "transition_not_allowed"
    request.refresh_from_db()
    assert request.status == S.PENDING and not LeaveLedgerEntry.objects.filter(kind="taken")


def test_a_head_has_no_superior_in_a_unit_without_a_parent(head):
    request = ask(head, D(2026, 2, 2), D(2026, 2, 3))
    with pytest.raises(InvalidTransition):
        leave_decide(actor=head.user, request=request, approve=True)


def test_a_rejection_needs_a_reason(staff, head):
    request = ask(staff, D(2026, 2, 2), D(2026, 2, 3))
    refused("reason_required", leave_decide, actor=head.user, request=request, approve=False)
    decided = leave_decide(actor=head.user, request=request, approve=False, note="Tenggat laporan.")
    assert (decided.status, decided.decided_by, decided.decision_note) == (
        S.REJECTED,
        head.user,
        "Tenggat laporan.",
    )


@pytest.mark.parametrize("first", ["approve", "reject", "cancel"])
def test_a_decided_request_cannot_be_decided_again(staff, head, first):
    request = ask(staff, D(2026, 2, 2), D(2026, 2, 3))
    if first == "cancel":
        leave_cancel(actor=staff.user, request=request)
    else:
        leave_decide(actor=head.user, request=request, approve=first == "approve", note="x")
    for approve in (True, False):
        with pytest.raises(InvalidTransition):
            leave_decide(actor=head.user, request=request, approve=approve, note="lagi")
    assert LeaveLedgerEntry.objects.filter(kind="taken").count() == (first == "approve")


def test_a_rejected_or_cancelled_request_cannot_be_cancelled(staff, head):
    request = ask(staff, D(2026, 2, 2), D(2026, 2, 3))
    leave_decide(actor=head.user, request=request, approve=False, note="Tidak bisa.")
    with pytest.raises(InvalidTransition):
        leave_cancel(actor=staff.user, request=request)


def test_an_approved_leave_that_has_started_cannot_be_cancelled(staff, head):
    request = take(staff, head, D(2026, 2, 2), D(2026, 2, 4))
    refused("leave_started", leave_cancel, actor=head.user, request=request, today=D(2026, 2, 3))
    assert LeaveRequest.objects.get(pk=request.pk).status == S.APPROVED


def test_the_superior_may_not_withdraw_a_pending_request(staff, head):
    request = ask(staff, D(2026, 2, 2), D(2026, 2, 3))
    with pytest.raises(InvalidTransition):
        leave_cancel(actor=head.user, request=request)


def test_a_decision_at_the_last_moment_still_respects_the_balance(staff, head):
    first = ask(staff, D(2026, 2, 2), D(2026, 2, 11))  # 8 days pending
    LeaveLedgerEntry.objects.create(
        official=staff, leave_type=leave_type("cuti_tahunan"), year=2026, kind="taken", days=-6
    )  # 6 days taken meanwhile (e.g. recorded by BKPSDM): only 6 left
    refused("beyond_balance", leave_decide, actor=head.user, request=first, approve=True)


def test_the_table_holds_exactly_the_moves_of_the_workflow():
    from tanggap.attendance.workflow import LEAVE_MACHINE

    assert set(LEAVE_MACHINE.pairs()) == {
        (S.PENDING, S.APPROVED),
        (S.PENDING, S.REJECTED),
        (S.PENDING, S.CANCELLED),
        (S.APPROVED, S.CANCELLED),
    }


def test_the_default_leave_types_come_back_after_a_flush_without_overwriting_settings():
    from tanggap.attendance.models import LeaveType
    from tanggap.attendance.services.leave_types import DEFAULT_TYPES, leave_types_seed

    leave_types_seed()  # another test's flush may have emptied the table the migration filled
    LeaveType.objects.filter(code="izin").update(requires_document=True)  # a region's choice
    LeaveType.objects.filter(code="besar").delete()
    leave_types_seed()
    assert set(LeaveType.objects.values_list("code", flat=True)) == set(DEFAULT_TYPES)
    assert LeaveType.objects.get(code="izin").requires_document
    assert LeaveType.objects.get(code="cuti_tahunan").uses_annual_balance
