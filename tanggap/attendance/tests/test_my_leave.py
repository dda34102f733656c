"""Cuti saya (/kerja/cuti/): the official's requests with the cancel button where the transition table
allows it, the ledger with its running balance; the year's grant written only by write paths (the first
request, the new-year task's service, the backfill command), never by a page's GET."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tanggap.attendance.models import LeaveLedgerEntry, LeaveRequest, LeaveYearRule
from tanggap.attendance.selectors import annual_balance, annual_balance_view, leave_year_opening
from tanggap.attendance.services.leave import (
    leave_decide,
    leave_request_create,
    leave_year_open,
    leave_years_open,
)
from tanggap.attendance.tests.factories import leave_type, official_with_account
from tanggap.core.models import AuditEvent

pytestmark = pytest.mark.django_db
D = dt.date
S = LeaveRequest.Status
MONDAY_9 = dt.datetime(2026, 1, 26, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))


@pytest.fixture(autouse=True)
def _monday():
    with time_machine.travel(MONDAY_9, tick=False):
        yield


def ask(official, start, end):
    return leave_request_create(
        actor=official.user,
        official=official,
        leave_type=leave_type("cuti_tahunan"),
        start=start,
        end=end,
    )


def writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in q["sql"]
    ]


# --- a GET never writes --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["attendance:mine", "attendance:my_leave"])
def test_a_get_of_the_leave_pages_writes_no_row(client, staff, name):
    leave_type("cuti_tahunan")  # the seeded types exist before the page is read
    client.force_login(staff.user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name))
    assert response.status_code == 200
    assert writes(queries.captured_queries) == []
    assert not LeaveLedgerEntry.objects.exists()
    # The balance is shown as computed: the would-be grant of 12 days.
    html = response.content.decode()
    assert "<strong>12</strong>" in html
    assert "belum dibukukan" in html


def test_the_computed_balance_equals_what_opening_the_year_writes(staff, head, region):
    LeaveYearRule.objects.create(region=region, year=2026, cuti_bersama_reduces_annual=True)
    leave_year_open(official=staff, year=2025)
    leave_decide(actor=head.user, request=ask(staff, D(2025, 2, 3), D(2025, 2, 4)), approve=True)
    computed, is_computed = annual_balance_view(staff, 2026)
    opening = leave_year_opening(staff, 2026)
    assert is_computed and {kind for kind, _days in opening} == {"grant", "carry_over"}
    leave_year_open(official=staff, year=2026)
    assert annual_balance_view(staff, 2026) == (annual_balance(staff, 2026), False)
    assert annual_balance(staff, 2026) == computed


# --- the write paths that open a year -----------------------------------------------------------------


def test_the_new_year_service_opens_the_year_for_every_active_official_once(staff, head, unit_a):
    retired = official_with_account(unit_a, "pensiun", status="retired")
    newcomer = official_with_account(unit_a, "cpns", appointed_on=D(2025, 12, 1))
    assert leave_years_open(year=2026) == 2  # staff and head; the newcomer is not yet entitled
    assert leave_years_open(year=2026) == 0
    granted = set(LeaveLedgerEntry.objects.filter(kind="grant").values_list("official", flat=True))
    assert granted == {staff.pk, head.pk}
    assert retired.pk not in granted and newcomer.pk not in granted


def test_the_backfill_command_opens_a_given_year(staff, head):
    out = StringIO()
    call_command("open_leave_year", "--year", "2025", stdout=out)
    assert "Opened 2025 for 2 official(s)." in out.getvalue()
    assert LeaveLedgerEntry.objects.filter(year=2025, kind="grant").count() == 2


def test_the_new_year_task_only_calls_the_service(staff):
    from tanggap.attendance.tasks import open_leave_year

    open_leave_year.call_local()
    assert LeaveLedgerEntry.objects.filter(official=staff, year=2026, kind="grant").exists()


# --- the page and cancelling ----------------------------------------------------------------------------


def test_my_leave_shows_the_ledger_with_a_running_balance_and_only_my_requests(
    client, staff, head, django_assert_max_num_queries
):
    approved = ask(staff, D(2026, 2, 2), D(2026, 2, 4))
    leave_decide(actor=head.user, request=approved, approve=True)
    ask(staff, D(2026, 3, 2), D(2026, 3, 2))
    ask(head, D(2026, 4, 6), D(2026, 4, 6))  # someone else's
    client.force_login(staff.user)
    with django_assert_max_num_queries(20):
        html = client.get(reverse("attendance:my_leave")).content.decode()
    assert html.count('action="/kerja/cuti/') == 2  # both mine can be cancelled
    assert "+12" in html and "-3" in html
    assert '<td class="num" data-label="Saldo">9</td>' in html
    assert "6 Apr 2026" not in html
    assert "<strong>8</strong>" in html  # 9 left, 1 pending


def test_an_official_withdraws_a_pending_request_and_it_is_audited(client, staff):
    pending = ask(staff, D(2026, 2, 2), D(2026, 2, 3))
    client.force_login(staff.user)
    response = client.post(reverse("attendance:leave_cancel", args=[pending.pk]))
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == S.CANCELLED
    assert AuditEvent.objects.filter(action="leave.cancelled", target_id=str(pending.pk)).exists()
    assert not LeaveLedgerEntry.objects.filter(kind="cancelled").exists()  # nothing was taken


def test_cancelling_an_approved_leave_gives_the_days_back_in_the_ledger(client, staff, head):
    request = ask(staff, D(2026, 2, 2), D(2026, 2, 4))
    leave_decide(actor=head.user, request=request, approve=True)
    client.force_login(staff.user)
    client.post(reverse("attendance:leave_cancel", args=[request.pk]))
    assert annual_balance(staff, 2026) == 12
    html = client.get(reverse("attendance:my_leave")).content.decode()
    assert "Dibatalkan" in html and "+3" in html


def test_a_started_leave_has_no_cancel_button_and_cannot_be_cancelled(client, staff, head):
    request = ask(staff, D(2026, 1, 26), D(2026, 1, 27))
    leave_decide(actor=head.user, request=request, approve=True)
    client.force_login(staff.user)
    html = client.get(reverse("attendance:my_leave")).content.decode()
    assert f"/kerja/cuti/{request.pk}/batal/" not in html
    response = client.post(reverse("attendance:leave_cancel", args=[request.pk]), follow=True)
    assert "sudah dimulai tidak dapat dibatalkan" in response.content.decode()
    request.refresh_from_db()
    assert request.status == S.APPROVED


def test_nobody_cancels_someone_elses_request_from_this_page(client, staff, head):
    request = ask(staff, D(2026, 2, 2), D(2026, 2, 3))
    client.force_login(head.user)  # the superior decides on the approvals page, not here
    assert client.post(reverse("attendance:leave_cancel", args=[request.pk])).status_code == 404
    assert client.get(reverse("attendance:leave_cancel", args=[request.pk])).status_code == 405
    request.refresh_from_db()
    assert request.status == S.PENDING


def test_an_account_without_an_official_is_told_so(client, citizen):
    client.force_login(citizen)
    assert (
        "belum terhubung dengan data pegawai"
        in client.get(reverse("attendance:my_leave")).content.decode()
    )
    assert client.post(reverse("attendance:leave_cancel", args=[1])).status_code == 404


def test_kerja_saya_links_to_my_leave(client, staff):
    client.force_login(staff.user)
    html = client.get(reverse("attendance:mine")).content.decode()
    assert reverse("attendance:my_leave") in html
