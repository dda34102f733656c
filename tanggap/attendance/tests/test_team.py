"""The superior's team today: who is present (and how late), not yet in, on leave or dinas luar; the
head of a sub-unit is in the parent head's team; nobody else sees it; the queries do not grow."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tanggap.attendance.day_status import DayKind
from tanggap.attendance.models import (
    AttendanceEvent,
    DayCorrection,
    LeaveRequest,
    WorkSchedule,
)
from tanggap.attendance.reports.team import team_today
from tanggap.attendance.tests.factories import leave_type, official_with_account
from tanggap.org.tests.factories import OfficialFactory, UnitFactory

pytestmark = pytest.mark.django_db
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
NOW = dt.datetime(2026, 1, 26, 9, 0, tzinfo=JAKARTA)  # a Monday
URL = reverse("attendance:team")


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def _in(official, office, hour, minute):
    return AttendanceEvent.objects.create(
        official=official,
        kind="in",
        recorded_at=dt.datetime(2026, 1, 26, hour, minute, tzinfo=JAKARTA),
        method="qr",
        location=office,
    )


def _leave(official, code):
    LeaveRequest.objects.create(
        official=official,
        leave_type=leave_type(code),
        start=NOW.date(),
        end=NOW.date(),
        working_days=1,
        status=LeaveRequest.Status.APPROVED,
    )


@pytest.fixture
def team(unit_a, head, staff, office):
    """Unit A's head `head`: `staff` on time, a late one, one not yet in, one on leave, one on dinas
    luar; a sub-unit headed by `sub_head` (with its own staff member)."""
    WorkSchedule.objects.create(unit=unit_a, start=dt.time(7, 30), end=dt.time(16, 0))
    late = OfficialFactory(unit=unit_a, name="Lambat")
    OfficialFactory(unit=unit_a, name="Belum Datang")
    sick = OfficialFactory(unit=unit_a, name="Sakit")
    away = OfficialFactory(unit=unit_a, name="Tugas Luar")
    sub = UnitFactory(region=unit_a.region, parent=unit_a, name="Bidang A1")
    sub_head = official_with_account(sub, "kepala_bidang")
    sub.head = sub_head
    sub.save(update_fields=["head"])
    sub_staff = OfficialFactory(unit=sub, name="Staf Bidang")
    _in(staff, office, 7, 25)
    _in(late, office, 7, 52)
    _leave(sick, "sakit")
    _leave(away, "dinas_luar")
    return {"sub_head": sub_head, "sub_staff": sub_staff, "late": late}


def _by_name(result):
    return {row.official.name: row.status for row in result.rows}


def test_the_head_sees_each_member_today(head, staff, team):
    result = team_today(head)
    rows = _by_name(result)
    assert rows[staff.name].kind == DayKind.PRESENT and not rows[staff.name].is_late
    assert rows["Lambat"].late_minutes == 22  # 07:30, no flexible window
    assert rows["Belum Datang"].kind == DayKind.ABSENT
    assert (rows["Sakit"].kind, rows["Sakit"].leave_code) == (DayKind.LEAVE, "sakit")
    assert rows["Tugas Luar"].kind == DayKind.OFFICIAL_TRIP
    # The sub-unit's head is in the team, the sub-unit's staff (their own team) is not; nor the head.
    assert team["sub_head"].name in rows
    assert "Staf Bidang" not in rows and head.name not in rows
    assert (result.present, result.late, result.not_in, result.away) == (2, 1, 2, 2)


def test_the_sub_unit_head_sees_their_own_staff_only(team):
    assert set(_by_name(team_today(team["sub_head"]))) == {"Staf Bidang"}


def test_a_correction_shows_on_the_team_page(region_admin, head, team):
    DayCorrection.objects.create(
        official=team["late"], date=NOW.date(), kind="hadir", reason="Rapat pagi di kantor bupati"
    )
    row = _by_name(team_today(head))["Lambat"]
    assert (row.is_late, row.corrected) == (False, True)


def test_the_page_for_the_head(client, head, team):
    client.force_login(head.user)
    html = client.get(URL).content.decode()
    assert "Terlambat 22 menit" in html and "Belum presensi" in html
    assert "Dinas luar" in html and "Cuti sakit" in html
    assert URL in client.get(reverse("attendance:mine")).content.decode()


@pytest.mark.parametrize("who", ["staff", "region_admin", "head_a", "citizen"])
def test_who_heads_no_unit_is_refused(client, request, team, who):
    person = request.getfixturevalue(who)
    client.force_login(getattr(person, "user", None) or person)
    assert client.get(URL).status_code == 403


def test_staff_do_not_get_the_team_link(client, staff, team):
    client.force_login(staff.user)
    assert URL not in client.get(reverse("attendance:mine")).content.decode()


def test_the_page_queries_do_not_grow_with_the_team(
    client, head, team, unit_a, office, django_assert_max_num_queries
):
    client.force_login(head.user)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    for n in range(12):
        member = OfficialFactory(unit=unit_a)
        _in(member, office, 7, 30 + n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(URL).content.decode()
    assert html.count("<li><strong>") >= 19
