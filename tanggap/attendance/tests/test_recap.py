"""The day's status (its edges), the monthly recap's figures and deduction, its constant query count, and
the recap page with its downloads, for who may and who may not open it."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.attendance.day_status import DayKind, Schedule, band, day_status
from tanggap.attendance.models import AttendanceEvent, LeaveRequest, RecapPolicy, WorkSchedule
from tanggap.attendance.reports.recap import month_recap
from tanggap.attendance.tests.factories import OfficeLocationFactory, leave_type
from tanggap.org.models import Official
from tanggap.org.tests.factories import OfficialFactory

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
SCHEDULE = Schedule(dt.time(7, 30), dt.time(16, 0), flexible_minutes=15)
# February 2026: 20 weekdays, less Imlek (17th) and its cuti bersama (16th): 18 working days.
FEBRUARY = dt.date(2026, 2, 1)
AFTER_FEBRUARY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=JAKARTA)
WORKING_DAYS = [
    FEBRUARY + dt.timedelta(days=n)
    for n in range(28)
    if (FEBRUARY + dt.timedelta(days=n)).weekday() < 5 and FEBRUARY.day + n not in (16, 17)
]


def at(day: dt.date, hour: int, minute: int, second: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=JAKARTA)


def status(events=(), **kwargs):
    day = kwargs.pop("day", dt.date(2026, 2, 2))
    arguments = {"working_day": True, "schedule": SCHEDULE, "tz": JAKARTA, "day_over": True}
    arguments.update(kwargs)
    return day_status(day=day, events=events, **arguments)


# --- the day's status -----------------------------------------------------------------------------------

MONDAY = dt.date(2026, 2, 2)


def test_arriving_exactly_at_start_plus_the_window_is_on_time():
    day = status([("in", at(MONDAY, 7, 45)), ("out", at(MONDAY, 16, 0))])
    assert day.kind == DayKind.PRESENT
    assert (day.late_minutes, day.is_late, day.is_early) == (0, False, False)


def test_one_minute_after_start_plus_the_window_is_late_by_one_minute():
    day = status([("in", at(MONDAY, 7, 46)), ("out", at(MONDAY, 16, 0))])
    assert (day.late_minutes, day.is_late) == (1, True)
    # A part of a minute counts as a minute begun.
    assert status([("in", at(MONDAY, 7, 45, 30))]).late_minutes == 1


def test_the_first_check_in_and_the_last_check_out_count():
    events = [
        ("out", at(MONDAY, 12, 0)),
        ("in", at(MONDAY, 8, 0)),
        ("in", at(MONDAY, 7, 35)),
        ("out", at(MONDAY, 15, 30)),
    ]
    day = status(events)
    assert (day.late_minutes, day.early_minutes) == (0, 30)


def test_a_holiday_is_not_a_working_day_even_with_a_check_in():
    day = status(
        [("in", at(dt.date(2026, 2, 17), 9, 0))], day=dt.date(2026, 2, 17), working_day=False
    )
    assert day.kind == DayKind.DAY_OFF
    assert not day.is_late


def test_a_leave_day_is_leave_by_type_and_dinas_luar_is_its_own_category():
    assert status(leave_code="sakit") == status(leave_code="sakit")
    sick = status(leave_code="sakit")
    assert (sick.kind, sick.leave_code) == (DayKind.LEAVE, "sakit")
    assert status(leave_code="dinas_luar").kind == DayKind.OFFICIAL_TRIP


def test_no_events_on_a_working_day_is_absent_without_notice():
    assert status([]).kind == DayKind.ABSENT


def test_a_missing_check_out_counts_only_once_the_day_is_over():
    events = [("in", at(MONDAY, 7, 30))]
    assert status(events).missing_out is True
    assert status(events, day_over=False).missing_out is False
    assert status([("out", at(MONDAY, 16, 0))]).missing_in is True


@pytest.mark.parametrize(
    ("minutes", "expected"), [(0, 0), (1, 1), (30, 1), (31, 2), (60, 2), (61, 3), (90, 3), (91, 4)]
)
def test_late_and_early_bands_follow_domain_md(minutes, expected):
    assert band(minutes, width=30) == expected


def test_a_missing_record_is_the_highest_band():
    assert band(0, width=30, missing=True) == 4


# --- the monthly recap ------------------------------------------------------------------------------------


def _event(official, office, kind, moment):
    return AttendanceEvent(
        official=official, kind=kind, recorded_at=moment, method="qr", location=office
    )


def _approved(official, code, start, end, days, status=LeaveRequest.Status.APPROVED):
    return LeaveRequest.objects.create(
        official=official,
        leave_type=leave_type(code),
        start=start,
        end=end,
        working_days=days,
        status=status,
    )


@pytest.fixture
def month(db, unit_a, unit_b):
    """Unit A (07:30-16:00, 15 minutes' window): `punctual` with two late and two early days, `away`
    with leave, sick leave, a day of dinas luar and ten days absent; unit B: one official, absent."""
    WorkSchedule.objects.create(
        unit=unit_a, start=dt.time(7, 30), end=dt.time(16, 0), flexible_minutes=15
    )
    office = OfficeLocationFactory(unit=unit_a)
    punctual = OfficialFactory(unit=unit_a, name="Ani Tepat")
    away = OfficialFactory(unit=unit_a, name="Budi Cuti")
    other = OfficialFactory(unit=unit_b, name="Citra B")
    OfficialFactory(unit=unit_a, name="Dedi Pensiun", status=Official.Status.RETIRED)
    events = []
    for day in WORKING_DAYS:
        arrive = {3: at(day, 7, 46), 4: at(day, 9, 20)}.get(day.day, at(day, 7, 40))
        events.append(_event(punctual, office, "in", arrive))
        if day.day == 5:
            events.append(_event(punctual, office, "out", at(day, 15, 0)))
        elif day.day != 6:  # the 6th: no check-out
            events.append(_event(punctual, office, "out", at(day, 16, 5)))
    events.append(_event(punctual, office, "in", at(dt.date(2026, 2, 16), 8, 0)))  # cuti bersama
    events.append(_event(punctual, office, "in", at(dt.date(2026, 3, 2), 7, 0)))  # next month
    AttendanceEvent.objects.bulk_create(events)
    _approved(away, "cuti_tahunan", dt.date(2026, 2, 9), dt.date(2026, 2, 13), 5)
    _approved(away, "sakit", dt.date(2026, 2, 19), dt.date(2026, 2, 20), 2)
    _approved(away, "dinas_luar", dt.date(2026, 2, 23), dt.date(2026, 2, 23), 1)
    _approved(
        away, "izin", dt.date(2026, 2, 24), dt.date(2026, 2, 24), 1, LeaveRequest.Status.PENDING
    )
    _approved(away, "izin", dt.date(2026, 1, 26), dt.date(2026, 2, 2), 1)  # reaches into February
    return {"office": office, "punctual": punctual, "away": away, "other": other}


def _row(recap, official):
    return next(row.figures for row in recap.officials if row.official.pk == official.pk)


def test_the_recap_counts_each_category_for_each_official(month, region):
    recap = month_recap(region=region, month=FEBRUARY, now=AFTER_FEBRUARY)
    punctual = _row(recap, month["punctual"])
    assert (punctual.working_days, punctual.present, punctual.absent) == (18, 18, 0)
    assert (punctual.late, punctual.late_minutes) == (2, 1 + 95)
    assert (punctual.early, punctual.early_minutes) == (2, 60)
    # TL1 0.5 + TL4 1.5 + PSW2 1.0 + PSW4 (no check-out) 1.5
    assert punctual.deduction == Decimal("4.50")
    away = _row(recap, month["away"])
    assert dict(away.leave) == {"cuti_tahunan": 5, "sakit": 2, "izin": 1}
    assert away.official_trip == 1
    assert (away.present, away.absent) == (0, 18 - 9)
    assert away.deduction == Decimal("27.00")
    # The retired official is left out; the whole region's units are listed.
    assert len(recap.officials) == 3
    assert [row.unit.name for row in recap.units] == ["Dinas A", "Dinas B"]
    assert recap.units[0].figures.absent == 9
    assert recap.total.absent == 9 + 18
    assert recap.leave_codes == ["cuti_tahunan", "izin", "sakit"]


def test_the_regions_policy_sets_the_bands_and_the_deductions(month, region):
    RecapPolicy.objects.create(
        region=region,
        band_minutes=60,
        band1_percent=Decimal("1"),
        absent_percent=Decimal("5"),
        cap_percent=Decimal("40"),
    )
    recap = month_recap(region=region, month=FEBRUARY, now=AFTER_FEBRUARY)
    # Late 1 (TL1 1%), 95 (TL2 1%); early 60 (PSW1 1%), missing (PSW4 1.5%).
    assert _row(recap, month["punctual"]).deduction == Decimal("4.50")
    assert _row(recap, month["away"]).deduction == Decimal("40")  # 9 x 5 capped


def test_a_unit_recap_lists_only_the_units_officials(month, region, unit_a):
    recap = month_recap(region=region, unit=unit_a, month=FEBRUARY, now=AFTER_FEBRUARY)
    assert {row.official.name for row in recap.officials} == {"Ani Tepat", "Budi Cuti"}


def test_the_current_month_counts_up_to_today(month, region):
    now = at(dt.date(2026, 2, 6), 10, 0)  # a Friday: the day is not over, no check-out yet
    recap = month_recap(region=region, month=FEBRUARY, now=now)
    punctual = _row(recap, month["punctual"])
    assert punctual.working_days == 5
    assert punctual.early == 1  # the 5th only; the 6th's missing check-out does not count yet


def _officials(unit, office, count):
    officials = OfficialFactory.create_batch(count, unit=unit)
    AttendanceEvent.objects.bulk_create(
        _event(o, office, kind, at(day, 7 if kind == "in" else 16, 30))
        for o in officials
        for day in WORKING_DAYS[:5]
        for kind in ("in", "out")
    )
    _approved(officials[0], "sakit", WORKING_DAYS[6], WORKING_DAYS[6], 1)


def test_the_recap_query_count_does_not_grow_with_the_officials(
    db, region, unit_a, unit_b, django_assert_num_queries
):
    office = OfficeLocationFactory(unit=unit_a)
    WorkSchedule.objects.create(unit=unit_a)
    _officials(unit_a, office, 3)
    with CaptureQueriesContext(connection) as small:
        recap = month_recap(region=region, month=FEBRUARY, now=AFTER_FEBRUARY)
    assert len(recap.officials) == 3
    assert len(small.captured_queries) <= 6
    _officials(unit_a, office, 15)
    _officials(unit_b, office, 12)
    with django_assert_num_queries(len(small.captured_queries)):
        recap = month_recap(region=region, month=FEBRUARY, now=AFTER_FEBRUARY)
    assert len(recap.officials) == 30


# --- the page ---------------------------------------------------------------------------------------------

URL = reverse("attendance:recap")
EXPORT = reverse("attendance:recap_export")


@pytest.fixture
def _after_february():
    with time_machine.travel(AFTER_FEBRUARY, tick=False):
        yield


@pytest.mark.usefixtures("_after_february")
def test_the_region_admin_sees_every_unit_and_a_unit_head_their_unit(
    client, month, region_admin, head_a
):
    client.force_login(region_admin)
    html = client.get(URL, {"bulan": "2026-02"}).content.decode()
    assert 'id="recap-units"' in html and "Dinas B" in html
    assert 'data-label="Tanpa keterangan"' in html
    assert 'href="/kerja/rekap/unduh/?format=csv&amp;bulan=2026-02"' in html
    client.force_login(head_a)
    response = client.get(URL, {"bulan": "2026-02"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ani Tepat" in html and "Budi Cuti" in html and "Citra B" not in html
    assert "Cuti tahunan: 5" in html
    assert "4,50" in html  # the deduction in the page's language


@pytest.mark.usefixtures("_after_february")
def test_a_unit_head_is_refused_another_unit(client, month, head_a, unit_b):
    client.force_login(head_a)
    response = client.get(URL, {"unit": unit_b.pk, "bulan": "2026-02"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Unit tidak ditemukan atau bukan wewenang Anda." in html
    assert "Citra B" not in html


@pytest.mark.usefixtures("_after_february")
def test_another_regions_admin_sees_nothing_of_this_region(client, month, other_region, unit_a):
    user = UserFactory(username="admin_lain")
    RoleAssignmentFactory(user=user, role=Role.REGION_ADMIN, region=other_region)
    client.force_login(user)
    response = client.get(URL, {"unit": unit_a.pk})
    assert response.status_code == 400
    assert month["punctual"].nip not in response.content.decode()
    response = client.get(URL)
    assert response.status_code == 200
    assert month["punctual"].nip not in response.content.decode()
    export = client.get(EXPORT, {"format": "csv", "unit": unit_a.pk})
    assert export.status_code == 400


@pytest.mark.usefixtures("_after_february")
@pytest.mark.parametrize(
    "bad", ["2026-13", "26-02", "februari", "2026-02-01", "1999-12", "x" * 500]
)
def test_a_bad_month_gets_a_clear_message(client, month, region_admin, bad):
    client.force_login(region_admin)
    response = client.get(URL, {"bulan": bad})
    assert response.status_code == 400
    assert "Tulis bulan sebagai TTTT-BB" in response.content.decode()


@pytest.mark.usefixtures("_after_february")
@pytest.mark.parametrize("bad", ["abc", "-1", "1.5", "999999999999999999999"])
def test_a_bad_unit_gets_a_clear_message(client, month, region_admin, bad):
    client.force_login(region_admin)
    response = client.get(URL, {"unit": bad})
    assert response.status_code == 400
    # A number beyond the database's integers is answered by the platform's middleware before the page.
    expected = (
        "terlalu besar" if len(bad) > 18 else "Unit tidak ditemukan atau bukan wewenang Anda."
    )
    assert expected in response.content.decode()


@pytest.mark.usefixtures("_after_february")
def test_who_may_not_open_the_recap_is_refused(client, month, citizen, handler_a, evaluator):
    assert client.get(URL).status_code == 302  # to sign in
    for user in (citizen, handler_a, evaluator):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.get(EXPORT, {"format": "csv"}).status_code == 403


@pytest.mark.usefixtures("_after_february")
def test_the_unit_admin_downloads_csv_and_xlsx(client, month, unit_admin_a, unit_a):
    from openpyxl import load_workbook

    client.force_login(unit_admin_a)
    query = {"unit": unit_a.pk, "bulan": "2026-02"}
    response = client.get(EXPORT, {"format": "csv", **query})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "rekap-presensi-kab-uji-dinas-a-2026-02.csv" in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("NIP,Nama,Unit,Hari kerja,Hadir,Terlambat (kali)")
    punctual = next(line for line in lines if month["punctual"].nip in line)
    assert punctual.endswith(",18,18,2,96,2,60,0,0,0,0,0,4.5,0")  # no day corrected
    response = client.get(EXPORT, {"format": "xlsx", **query})
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Keterangan", "Per pegawai", "Per unit"]
    assert book["Per unit"]["A2"].value == "Dinas A"
    assert client.get(EXPORT, {"format": "pdf", **query}).status_code == 404


@pytest.mark.usefixtures("_after_february")
def test_the_page_in_english(client, month, region_admin):
    client.force_login(region_admin)
    client.cookies["django_language"] = "en"
    html = client.get(URL, {"bulan": "2026-02"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Monthly attendance recap" in html
    assert "Absent without notice" in html


@pytest.mark.usefixtures("_after_february")
def test_the_page_query_count_does_not_grow_with_the_officials(
    client, region, unit_a, region_admin, django_assert_num_queries
):
    office = OfficeLocationFactory(unit=unit_a)
    _officials(unit_a, office, 3)
    client.force_login(region_admin)
    query = {"unit": unit_a.pk, "bulan": "2026-02"}
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL, query).status_code == 200
    _officials(unit_a, office, 27)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(URL, query)
    assert response.content.decode().count('data-label="Hadir"') == 31  # 30 officials and the total


def test_the_dashboard_has_a_recap_card_for_who_may_open_it(
    client, region_admin, head_a, handler_a
):
    for user, shown in ((region_admin, True), (head_a, True), (handler_a, False)):
        client.force_login(user)
        assert (URL in client.get(reverse("core:dashboard")).content.decode()) is shown
