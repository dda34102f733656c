"""The performance link: per official and unit, database aggregates, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tanggap.complaints.models import Complaint
from tanggap.complaints.reports.performance import (
    Period,
    official_complaint_performance,
    officials_complaint_performance,
    region_complaint_performance,
    unit_complaint_performance,
    units_complaint_performance,
)
from tanggap.complaints.tests.factories import dispatched_report

WIB = ZoneInfo("Asia/Jakarta")
S = Complaint.Status
NOW = dt.datetime(2026, 6, 30, 12, 0, tzinfo=WIB)
T0 = dt.datetime(2026, 6, 1, 9, 0, tzinfo=WIB)
H = dt.timedelta(hours=1)

pytestmark = pytest.mark.django_db


def report(region, unit, n, *, created=T0, **fields):
    return dispatched_report(region, unit, n, created=created, **fields)


@pytest.fixture
def history(region, unit_a, unit_b, handler_a, head_a):
    d = T0 + H  # dispatch moment of the reports filed at T0
    report(  # answered on time, closed, rated 5
        region, unit_a, 1, assignee=handler_a, status=S.CLOSED, first_response_at=d + 2 * H,
        answered_at=d + 10 * H, closed_at=d + 10 * H, rating=5,
    )  # fmt: skip
    report(  # answered late, reopened, closed, rated 2
        region, unit_a, 2, assignee=handler_a, status=S.CLOSED, first_response_at=d + 6 * H,
        answered_at=d + 80 * H, closed_at=d + 100 * H, rating=2, reopen_count=1,
    )  # fmt: skip
    report(region, unit_a, 3, assignee=head_a, first_response_at=d + 4 * H)  # resolve breached
    report(region, unit_a, 4, created=NOW - 5 * H)  # everything still pending
    report(region, unit_a, 5, created=NOW - 200 * H, paused_at=NOW - 100 * H)  # paused: pending
    report(region, unit_a, 6, created=dt.datetime(2026, 5, 31, 23, 0, tzinfo=WIB))  # May: outside
    report(region, unit_b, 7, status=S.CLOSED, answered_at=d + 5 * H, closed_at=d + 5 * H, rating=4)
    report(  # never verified, archived: its targets do not count
        region, None, 8, status=S.ARCHIVED, verified_at=None, dispatched_at=None,
        response_due_at=None, resolve_due_at=None,
    )  # fmt: skip


@pytest.fixture
def june(region):
    return Period.of(region, dt.date(2026, 6, 1), dt.date(2026, 6, 30))


def test_unit_figures_count_targets_medians_ratings_and_reopens(history, unit_a, june):
    perf = unit_complaint_performance(unit_a, june, now=NOW)
    assert (perf.handled, perf.answered, perf.closed, perf.reopened) == (5, 2, 2, 1)
    assert (perf.resolve.met, perf.resolve.late, perf.resolve.breached, perf.resolve.pending) == (
        1,
        1,
        1,
        2,
    )
    assert perf.resolve.share == pytest.approx(1 / 3)
    assert (perf.response.met, perf.response.pending, perf.response.breached) == (3, 2, 0)
    assert perf.response.share == 1  # the paused report's overdue response is not a breach
    assert perf.verify.met == 5 and perf.verify.share == 1
    assert perf.median_response_hours == pytest.approx(4)  # 2, 4, 6 hours after dispatch
    assert perf.median_close_hours == pytest.approx(55)  # 10 and 100 hours
    assert perf.rating_avg == pytest.approx(3.5) and perf.rating_count == 2
    assert perf.reopen_rate == pytest.approx(0.5)


def test_official_figures_cover_the_reports_assigned_to_them(
    history, handler_a, head_a, unit_a, june
):
    perf = official_complaint_performance(handler_a, june, now=NOW)
    assert (perf.handled, perf.closed, perf.rating_avg) == (2, 2, 3.5)
    assert perf.resolve.share == 0.5
    listed = officials_complaint_performance(unit_a, june, now=NOW)
    assert [(user, p.handled) for user, p in listed] == [(handler_a, 2), (head_a, 1)]


def test_region_lists_every_unit_in_two_queries(
    history, region, unit_a, unit_b, june, django_assert_num_queries
):
    with django_assert_num_queries(2):
        rows = units_complaint_performance(region, june, now=NOW)
    assert [(unit, p.handled) for unit, p in rows] == [(unit_a, 5), (unit_b, 1)]
    assert rows[1][1].median_close_hours == pytest.approx(5)
    whole = region_complaint_performance(region, june, now=NOW)
    assert whole.handled == 7 and whole.resolve.decided == 4


def test_a_single_figure_is_one_query_and_an_empty_period_gives_no_shares(
    region, unit_a, june, django_assert_num_queries
):
    with django_assert_num_queries(1):
        perf = unit_complaint_performance(unit_a, june, now=NOW)
    assert perf.handled == 0 and perf.resolve.share is None and perf.reopen_rate is None
    assert perf.median_close_hours is None and perf.rating_avg is None


def test_period_of_the_last_months_starts_on_the_first_of_a_month(region):
    period = Period.last_months(region, 12, now=NOW)
    assert (period.start, period.end) == (dt.date(2025, 7, 1), dt.date(2026, 6, 30))
    first, after = period.bounds
    assert first == dt.datetime(2025, 7, 1, tzinfo=WIB) and after == dt.datetime(
        2026, 7, 1, tzinfo=WIB
    )
