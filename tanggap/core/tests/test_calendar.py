"""The working calendar: working days, hours, holidays, cuti bersama, regional days off, time zones."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tanggap.core.calendar import (
    WorkingCalendar,
    add_clock_hours,
    add_working_days,
    add_working_hours,
    calendar_for,
    is_working_day,
    parse_work_days,
    working_time_between,
)
from tanggap.org.tests.factories import DayOffFactory, RegionFactory, UnitFactory

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")


def wib(*args):
    return dt.datetime(*args, tzinfo=WIB)


def test_three_working_days_from_monday_morning_is_thursday_same_time():
    cal = WorkingCalendar()
    assert cal.add_working_days(wib(2026, 11, 2, 10, 0), 3) == wib(2026, 11, 5, 10, 0)


def test_working_days_skip_the_weekend():
    cal = WorkingCalendar()
    # Thursday 9:00 + 3 working days → Tuesday 9:00
    assert cal.add_working_days(wib(2026, 11, 5, 9, 0), 3) == wib(2026, 11, 10, 9, 0)


def test_report_filed_on_saturday_starts_counting_on_monday_opening():
    cal = WorkingCalendar()
    assert cal.add_working_days(wib(2026, 11, 7, 20, 0), 3) == wib(2026, 11, 12, 8, 0)


def test_report_filed_after_closing_counts_from_next_opening():
    cal = WorkingCalendar()
    assert cal.add_working_days(wib(2026, 11, 2, 17, 30), 1) == wib(2026, 11, 4, 8, 0)


def test_working_days_skip_cuti_bersama_and_eid_holidays():
    cal = WorkingCalendar()
    # Eid al-Fitr 2026: 18-24 March are holidays or cuti bersama; Tuesday 17 March + 1 → Wednesday 25 March.
    assert not cal.is_working_day(dt.date(2026, 3, 20))
    assert cal.holiday_name(dt.date(2026, 3, 23)) is not None  # cuti bersama
    assert cal.add_working_days(wib(2026, 3, 17, 10, 0), 1) == wib(2026, 3, 25, 10, 0)


def test_independence_day_is_not_a_working_day():
    assert not WorkingCalendar().is_working_day(dt.date(2026, 8, 17))
    assert WorkingCalendar().is_working_day(dt.date(2026, 8, 18))


def test_zero_working_days_returns_the_next_working_moment():
    cal = WorkingCalendar()
    assert cal.add_working_days(wib(2026, 11, 2, 6, 0), 0) == wib(2026, 11, 2, 8, 0)


def test_negative_durations_are_refused():
    cal = WorkingCalendar()
    with pytest.raises(ValueError):
        cal.add_working_days(wib(2026, 11, 2, 10, 0), -1)
    with pytest.raises(ValueError):
        cal.add_working_hours(wib(2026, 11, 2, 10, 0), -1)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        WorkingCalendar().add_working_days(dt.datetime(2026, 11, 2, 10, 0), 1)


def test_working_hours_carry_over_to_the_next_working_day():
    cal = WorkingCalendar()  # 08:00-16:00
    # Friday 14:00 + 5 working hours → 2 h on Friday, 3 h on Monday → Monday 11:00
    assert cal.add_working_hours(wib(2026, 11, 6, 14, 0), 5) == wib(2026, 11, 9, 11, 0)


def test_working_hours_within_the_same_day():
    assert WorkingCalendar().add_working_hours(wib(2026, 11, 2, 9, 30), 2.5) == wib(
        2026, 11, 2, 12, 0
    )


def test_seventy_two_clock_hours_ignore_the_calendar():
    start = wib(2026, 11, 6, 14, 0)
    assert WorkingCalendar().add_clock_hours(start, 72) == wib(2026, 11, 9, 14, 0)


def test_working_time_between_two_moments_counts_only_open_hours():
    cal = WorkingCalendar()
    # Friday 15:00 → Monday 09:30: 1 h Friday + 1.5 h Monday
    assert cal.working_time_between(
        wib(2026, 11, 6, 15, 0), wib(2026, 11, 9, 9, 30)
    ) == dt.timedelta(hours=2, minutes=30)


def test_working_time_between_reversed_moments_is_zero():
    cal = WorkingCalendar()
    assert cal.working_time_between(wib(2026, 11, 9), wib(2026, 11, 6)) == dt.timedelta(0)


def test_working_days_between_counts_inclusive_days():
    assert WorkingCalendar().working_days_between(dt.date(2026, 11, 2), dt.date(2026, 11, 8)) == 5


def test_parse_work_days_rejects_bad_weekdays():
    assert parse_work_days("0,1, 2") == frozenset({0, 1, 2})
    assert parse_work_days("") == frozenset()
    with pytest.raises(ValueError):
        parse_work_days("0,7")


def test_calendar_refuses_inverted_hours():
    with pytest.raises(ValueError):
        WorkingCalendar(start=dt.time(16), end=dt.time(8))


@pytest.mark.django_db
def test_add_working_days_uses_the_regions_time_zone():
    region = RegionFactory(timezone="Asia/Makassar")
    start = dt.datetime(2026, 11, 2, 1, 0, tzinfo=dt.UTC)  # 09:00 WITA Monday
    result = add_working_days(start, 3, region=region)
    assert result.tzinfo == WITA
    assert result == dt.datetime(2026, 11, 5, 9, 0, tzinfo=WITA)


@pytest.mark.django_db
def test_regional_day_off_is_not_a_working_day():
    region = RegionFactory()
    DayOffFactory(region=region, date=dt.date(2026, 8, 5), name="Hari Jadi Kabupaten")
    assert not is_working_day(dt.date(2026, 8, 5), region=region)
    # Tuesday 4 August + 1 working day skips Wednesday 5 August → Thursday 6 August
    assert add_working_days(wib(2026, 8, 4, 10, 0), 1, region=region) == wib(2026, 8, 6, 10, 0)


@pytest.mark.django_db
def test_six_day_unit_counts_saturday():
    region = RegionFactory()
    mpp = UnitFactory(
        region=region,
        kind="mpp",
        work_days="0,1,2,3,4,5",
        work_start=dt.time(8),
        work_end=dt.time(14),
    )
    # Friday 10:00 + 1 working day → Saturday 10:00 at the MPP, Monday at the region
    assert add_working_days(wib(2026, 11, 6, 10, 0), 1, unit=mpp) == wib(2026, 11, 7, 10, 0)
    assert add_working_days(wib(2026, 11, 6, 10, 0), 1, region=region) == wib(2026, 11, 9, 10, 0)
    assert calendar_for(unit=mpp).end == dt.time(14)


@pytest.mark.django_db
def test_module_functions_agree_with_the_calendar(region):
    start = wib(2026, 11, 2, 10, 0)
    assert add_working_hours(start, 8, region=region) == wib(2026, 11, 3, 10, 0)
    assert add_clock_hours(start, 24, region=region) == wib(2026, 11, 3, 10, 0)
    assert working_time_between(start, wib(2026, 11, 3, 10, 0), region=region) == dt.timedelta(
        hours=8
    )


def test_default_calendar_without_region_is_wib():
    result = add_working_days(dt.datetime(2026, 11, 2, 3, 0, tzinfo=dt.UTC), 1)
    assert result.tzinfo == WIB
    assert result == wib(2026, 11, 3, 10, 0)


@pytest.mark.django_db
def test_weekly_hours_are_the_calendars_week_without_a_query(django_assert_num_queries):
    from tanggap.core.calendar import weekly_hours

    region = RegionFactory(timezone="Asia/Makassar", work_days="0,1,2,3,4")
    DayOffFactory(region=region, date=dt.date(2026, 6, 1))
    unit = UnitFactory(region=region, work_days="0,1,2,3,4,5", work_start=dt.time(7, 30))
    unit = type(unit).objects.select_related("region").get(pk=unit.pk)
    with django_assert_num_queries(0):
        week = weekly_hours(unit=unit)
    cal = calendar_for(unit=unit)
    assert (week.work_days, week.start, week.end) == (cal.work_days, cal.start, cal.end)
    assert week.work_days == frozenset(range(6)) and week.start == dt.time(7, 30)
    assert week.timezone == "Asia/Makassar"
