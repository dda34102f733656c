"""Corrections to a day's record with a reason: who may make them (a matrix), bad input changing
nothing, the events staying as recorded, the day's status and the monthly recap taking them into account
(with the recap's query count unchanged), and the page with its list."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.attendance.day_status import DayKind, DayOverride, merge_corrections
from tanggap.attendance.models import AttendanceEvent, DayCorrection, LeaveRequest
from tanggap.attendance.reports.recap import month_recap
from tanggap.attendance.services.corrections import day_correction_create
from tanggap.attendance.tests.factories import leave_type
from tanggap.attendance.tests.test_recap import status
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.models import AuditEvent
from tanggap.org.tests.factories import OfficialFactory

pytestmark = pytest.mark.django_db
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
NOW = dt.datetime(2026, 1, 28, 10, 0, tzinfo=JAKARTA)  # a Wednesday
MONDAY = dt.date(2026, 1, 26)
URL = reverse("attendance:corrections")
K = DayCorrection.Kind


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def at(day, hour, minute):
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=JAKARTA)


def _event(official, office, kind, moment):
    return AttendanceEvent.objects.create(
        official=official, kind=kind, recorded_at=moment, method="qr", location=office
    )


def correct(actor, official, **kwargs):
    arguments = {"date": MONDAY, "kind": K.PRESENT, "reason": "Mesin presensi rusak"}
    arguments.update(kwargs)
    return day_correction_create(actor=actor, official=official, **arguments)


# --- the day's status ------------------------------------------------------------------------------


def test_the_latest_status_wins_and_times_merge():
    rows = [("jam", dt.time(7, 30), None), ("hadir", None, None), ("jam", None, dt.time(16, 0))]
    assert merge_corrections(rows) == DayOverride("", dt.time(7, 30), dt.time(16, 0))
    assert merge_corrections([("jam", dt.time(8, 0), None), ("dinas_luar", None, None)]).kind == (
        "dinas_luar"
    )
    assert merge_corrections([("batal", None, None)]) == DayOverride()


def test_corrections_come_before_the_events_and_leave_on_a_working_day():
    monday = dt.date(2026, 2, 2)
    late = [("in", at(monday, 9, 0))]
    present = status(late, override=DayOverride("hadir"))
    assert (present.kind, present.is_late, present.is_early, present.corrected) == (
        DayKind.PRESENT,
        False,
        False,
        True,
    )
    assert status(override=DayOverride("dinas_luar")).kind == DayKind.OFFICIAL_TRIP
    timed = status(late, override=DayOverride("", dt.time(7, 40), dt.time(16, 0)))
    assert (timed.late_minutes, timed.early_minutes, timed.corrected) == (0, 0, True)
    on_leave = status(leave_code="sakit", override=DayOverride("", dt.time(7, 40), None))
    assert on_leave.kind == DayKind.PRESENT and on_leave.missing_out
    # A day off stays a day off; a day without corrections is not marked.
    assert status(working_day=False, override=DayOverride("hadir")).kind == DayKind.DAY_OFF
    assert status(late).corrected is False


# --- who may correct (the matrix) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("region_admin", True),
        ("head_a", True),
        ("unit_admin_a", True),
        ("sysadmin", True),
        ("handler_a", False),
        ("handler_b", False),
        ("evaluator", False),
        ("leader", False),
        ("citizen", False),
    ],
)
def test_who_may_correct_a_day_of_unit_a(request, staff, who, allowed):
    actor = request.getfixturevalue(who)
    if allowed:
        assert correct(actor, staff).official == staff
        assert AuditEvent.objects.filter(action="attendance.day_corrected").count() == 1
    else:
        with pytest.raises(PermissionDenied):
            correct(actor, staff)
        assert not DayCorrection.objects.exists()


def test_another_regions_admin_and_the_official_themselves_may_not(staff, other_region):
    elsewhere = RoleAssignmentFactory(
        user=UserFactory(username="admin_lain"), role=Role.REGION_ADMIN, region=other_region
    ).user
    for actor in (elsewhere, staff.user):
        with pytest.raises(PermissionDenied):
            correct(actor, staff)
    assert not DayCorrection.objects.exists()


# --- bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"reason": "   "}, "no_reason"),
        ({"date": dt.date(2026, 1, 29)}, "future_date"),
        ({"date": dt.date(2026, 1, 25)}, "day_off"),  # a Sunday
        ({"kind": "libur"}, "bad_kind"),
        ({"kind": K.TIMES}, "no_times"),
        ({"kind": K.TIMES, "check_in": dt.time(16), "check_out": dt.time(8)}, "bad_times"),
        ({"kind": K.CANCEL_EVENT}, "no_event"),
    ],
)
def test_bad_corrections_are_refused_and_change_nothing(region_admin, staff, kwargs, code):
    with pytest.raises(DomainError) as refused:
        correct(region_admin, staff, **kwargs)
    assert refused.value.code == code
    assert not DayCorrection.objects.exists()
    assert not AuditEvent.objects.filter(action="attendance.day_corrected").exists()


def test_only_an_event_of_that_official_and_day_can_be_cancelled_and_only_once(
    region_admin, staff, head, office
):
    theirs = _event(head, office, "in", at(MONDAY, 7, 30))
    other_day = _event(staff, office, "in", at(dt.date(2026, 1, 27), 7, 30))
    for event in (theirs, other_day):
        with pytest.raises(DomainError):
            correct(region_admin, staff, kind=K.CANCEL_EVENT, event=event)
    wrong = _event(staff, office, "out", at(MONDAY, 8, 0))
    correct(region_admin, staff, kind=K.CANCEL_EVENT, event=wrong)
    with pytest.raises(DomainError) as again:
        correct(region_admin, staff, kind=K.CANCEL_EVENT, event=wrong)
    assert again.value.code == "cancelled"
    # Append-only: the event is still there.
    assert AttendanceEvent.objects.filter(pk=wrong.pk).exists()


# --- the recap -----------------------------------------------------------------------------------


def test_the_recap_counts_corrections_and_marks_the_corrected_days(
    region, unit_a, region_admin, staff, head, office
):
    tuesday = dt.date(2026, 1, 27)
    _event(staff, office, "in", at(MONDAY, 9, 0))  # late
    _event(staff, office, "out", at(MONDAY, 16, 5))
    wrong = _event(staff, office, "in", at(tuesday, 9, 0))  # someone else's NIP typed
    LeaveRequest.objects.create(
        official=head,
        leave_type=leave_type("sakit"),
        start=MONDAY,
        end=MONDAY,
        working_days=1,
        status=LeaveRequest.Status.APPROVED,
    )
    before = month_recap(region=region, unit=unit_a, month=MONDAY, now=NOW)
    row = next(r.figures for r in before.officials if r.official == staff)
    # Late on Monday and Tuesday (no check-out on Tuesday); the month's other days absent.
    assert (row.late, row.early, row.corrected) == (2, 1, 0)
    absent = row.absent

    correct(region_admin, staff, kind=K.TIMES, check_in=dt.time(7, 30), reason="Ponsel rusak")
    correct(region_admin, staff, date=tuesday, kind=K.CANCEL_EVENT, event=wrong, reason="Salah")
    correct(region_admin, head, kind=K.OFFICIAL_TRIP, reason="Rapat di provinsi")
    with CaptureQueriesContext(connection) as queries:
        after = month_recap(region=region, unit=unit_a, month=MONDAY, now=NOW)
    assert len(queries.captured_queries) <= 6
    row = next(r.figures for r in after.officials if r.official == staff)
    assert (row.late, row.early, row.absent, row.corrected) == (0, 0, absent + 1, 2)
    boss = next(r.figures for r in after.officials if r.official == head)
    assert (boss.official_trip, dict(boss.leave), boss.corrected) == (1, {}, 1)


def test_the_recap_page_marks_corrected_days(client, region_admin, unit_a, staff, office):
    _event(staff, office, "in", at(MONDAY, 7, 30))
    correct(region_admin, staff)
    client.force_login(region_admin)
    html = client.get(reverse("attendance:recap"), {"unit": unit_a.pk}).content.decode()
    assert "1 hari dikoreksi" in html


# --- the page -------------------------------------------------------------------------------------


def _day_query(staff, day=MONDAY):
    return {"unit": staff.unit_id, "official": staff.pk, "tanggal": day.isoformat()}


def test_the_page_shows_the_day_and_records_a_correction(client, region_admin, staff, office):
    _event(staff, office, "in", at(MONDAY, 9, 0))
    client.force_login(region_admin)
    query = _day_query(staff)
    html = client.get(URL, query).content.decode()
    assert "terlambat" in html and "Tidak ada presensi tercatat" not in html
    url = f"{URL}?unit={staff.unit_id}&official={staff.pk}&tanggal=2026-01-26"
    response = client.post(url, {"kind": "hadir", "reason": "Mesin presensi rusak"})
    assert response.status_code == 302
    correction = DayCorrection.objects.get()
    assert (correction.official, correction.date, correction.created_by) == (
        staff,
        MONDAY,
        region_admin,
    )
    html = client.get(response["Location"]).content.decode()
    assert "dikoreksi" in html and "Mesin presensi rusak" in html


def test_the_page_refuses_bad_input_in_indonesian_and_changes_nothing(client, region_admin, staff):
    client.force_login(region_admin)
    url = f"{URL}?unit={staff.unit_id}&official={staff.pk}&tanggal=2026-01-26"
    response = client.post(url, {"kind": "hadir", "reason": ""})
    assert response.status_code == 400
    assert "Tulis alasan koreksi" in response.content.decode()
    future = f"{URL}?official={staff.pk}&tanggal=2026-02-02"
    response = client.post(future, {"kind": "hadir", "reason": "x"})
    assert response.status_code == 400
    assert "belum tiba" in response.content.decode()
    bad_input = ({"tanggal": "kemarin"}, {"tanggal": "0001-01-01"}, {"official": "999999"})
    for bad in (*bad_input, {"unit": "abc"}):
        assert client.get(URL, {**_day_query(staff), **bad}).status_code == 400
    assert not DayCorrection.objects.exists()


def test_an_official_out_of_scope_is_not_offered_and_not_accepted(
    client, unit_admin_a, staff, unit_b
):
    outsider = OfficialFactory(unit=unit_b)
    client.force_login(unit_admin_a)
    html = client.get(URL).content.decode()
    assert staff.display_name in html and outsider.display_name not in html
    url = f"{URL}?official={outsider.pk}&tanggal=2026-01-26"
    response = client.post(url, {"kind": "hadir", "reason": "x"})
    assert response.status_code == 400
    assert "bukan wewenang Anda" in response.content.decode()
    assert not DayCorrection.objects.exists()


@pytest.mark.parametrize("who", ["handler_a", "staff", "leader", "citizen"])
def test_the_page_is_refused_to_who_may_not_correct(client, request, who):
    person = request.getfixturevalue(who)
    client.force_login(getattr(person, "user", None) or person)
    assert client.get(URL).status_code == 403


def test_the_list_of_corrections_is_scoped_and_its_queries_do_not_grow(
    client, region_admin, head_a, unit_a, unit_b, django_assert_max_num_queries
):
    a = OfficialFactory(unit=unit_a)
    b = OfficialFactory(unit=unit_b)
    correct(region_admin, a, reason="Koreksi A")
    correct(region_admin, b, reason="Koreksi B")
    client.force_login(head_a)
    html = client.get(URL).content.decode()
    assert "Koreksi A" in html and "Koreksi B" not in html
    client.force_login(region_admin)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, _day_query(a))
    for n in range(10):
        other = OfficialFactory(unit=unit_a)
        correct(region_admin, other, reason=f"Koreksi {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(URL, _day_query(a)).content.decode()
    assert "Koreksi 9" in html
