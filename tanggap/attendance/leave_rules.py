"""The rules of annual leave (DOMAIN.md §8), as small functions: which days count, how much is granted,
how much carries into the next year. The numbers come from the region's `LeavePolicy` (defaults:
12 days a year, carry-over up to 18 in all, 24 after two unused years)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from tanggap.attendance.models import LeavePolicy, LeaveYearRule, WorkSchedule
from tanggap.core.calendar import WorkingCalendar, calendar_for

FIVE_DAYS = frozenset({0, 1, 2, 3, 4})
SIX_DAYS = frozenset({0, 1, 2, 3, 4, 5})
CUTI_BERSAMA_PREFIX = (
    "Cuti Bersama"  # how the `holidays` package names government-declared leave days
)


def policy_for(region) -> LeavePolicy:
    """The region's leave rules, or the national defaults when the region has set none."""
    return LeavePolicy.objects.filter(region=region).first() or LeavePolicy(region=region)


def staff_calendar(official) -> WorkingCalendar:
    """The working calendar of an official's leave: the region's holidays and days off, with the week of
    the unit's work schedule (five or six days; shifts and flexible hours keep the region's week)."""
    calendar = calendar_for(region=official.region)
    schedule = WorkSchedule.objects.filter(unit_id=official.unit_id).first()
    if schedule is not None and schedule.kind == WorkSchedule.Kind.SIX_DAY:
        return dataclasses.replace(calendar, work_days=SIX_DAYS)
    if schedule is not None and schedule.kind == WorkSchedule.Kind.FIVE_DAY:
        return dataclasses.replace(calendar, work_days=FIVE_DAYS)
    return calendar


def cuti_bersama_working_days(calendar: WorkingCalendar, year: int) -> int:
    """How many of the year's cuti bersama fall on the calendar's working weekdays."""
    day, last, count = dt.date(year, 1, 1), dt.date(year, 12, 31), 0
    while day <= last:
        name = calendar.holiday_name(day) or ""
        if name.startswith(CUTI_BERSAMA_PREFIX) and day.weekday() in calendar.work_days:
            count += 1
        day += dt.timedelta(days=1)
    return count


def annual_grant_days(policy: LeavePolicy, *, cuti_bersama_days: int, reduces: bool) -> int:
    """The year's entitlement: the policy's days, less the cuti bersama when that year's rule says so."""
    return max(0, policy.annual_days - (cuti_bersama_days if reduces else 0))


def cuti_bersama_reduces(region, year: int) -> bool:
    """Whether this year's cuti bersama reduce the entitlement (an open rule: a setting per year)."""
    rule = LeaveYearRule.objects.filter(region=region, year=year).first()
    return bool(rule and rule.cuti_bersama_reduces_annual)


def is_entitled(official, year: int, policy: LeavePolicy) -> bool:
    """Annual leave needs `min_service_months` of service by the first day of the year."""
    start = official.appointed_on
    months = (year - start.year) * 12 - (start.month - 1) - (1 if start.day > 1 else 0)
    return months >= policy.min_service_months


def carry_over_days(remaining: int, *, unused_two_years: bool, policy: LeavePolicy) -> int:
    """Days of last year's balance that carry into the new year: the new balance may reach
    `balance_cap_days` (18), or `long_unused_cap_days` (24) after two years in a row without annual leave."""
    cap = policy.long_unused_cap_days if unused_two_years else policy.balance_cap_days
    return max(0, min(remaining, cap - policy.annual_days))
