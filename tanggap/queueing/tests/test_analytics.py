"""Queue analytics: counts, medians and 90th percentiles per day, hour, service and counter; live status;
the planner's observed inputs; who may see which location."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from tanggap.core.errors import NotFound, PermissionDenied
from tanggap.org.tests.factories import UnitFactory
from tanggap.queueing.models import Ticket
from tanggap.queueing.reports import analytics
from tanggap.queueing.reports.observed import measured_waits, observed_load
from tanggap.queueing.tests.factories import (
    CounterFactory,
    LocationFactory,
    QueueServiceFactory,
    past_ticket,
)

WIB = ZoneInfo("Asia/Jakarta")
MONDAY = dt.date(2026, 11, 16)
TUESDAY = dt.date(2026, 11, 17)
S, SRC = Ticket.Status, Ticket.Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def location(region):
    return LocationFactory(region=region, name="Kantor Kecamatan Uji")


@pytest.fixture
def ktp(location):
    return QueueServiceFactory(location=location, prefix="A")


@pytest.fixture
def loket_1(location, ktp, kk):
    return CounterFactory(location=location, name="Loket 1", services=[ktp, kk], order=1)


@pytest.fixture
def loket_2(location, ktp):
    return CounterFactory(location=location, name="Loket 2", services=[ktp], order=2)


@pytest.fixture
def two_days(ktp, kk, loket_1, loket_2):
    past_ticket(ktp, MONDAY, "08:10", wait=5, service=10, counter=loket_1)
    past_ticket(ktp, MONDAY, "08:20", wait=15, service=8, counter=loket_2, source=SRC.BOOKING)
    past_ticket(kk, MONDAY, "09:05", wait=25, service=6, counter=loket_1)
    past_ticket(kk, MONDAY, None, source=SRC.BOOKING, status=S.NO_SHOW)  # booked, never came
    past_ticket(
        ktp, MONDAY, "09:30", wait=10, counter=loket_2, status=S.NO_SHOW
    )  # called, never came
    past_ticket(ktp, MONDAY, None, source=SRC.BOOKING, status=S.CANCELLED)
    past_ticket(ktp, TUESDAY, "08:00", wait=0, service=12, counter=loket_1)
    # A transfer copy: its service counts, its second wait and the ticket itself do not.
    past_ticket(kk, TUESDAY, "08:30", wait=3, service=4, counter=loket_2, source=SRC.TRANSFER)


def report(location, **kwargs):
    return analytics.location_report(location=location, start=MONDAY, end=TUESDAY, **kwargs)


def test_totals_count_citizens_and_give_median_and_p90_of_waits_and_service_times(
    location, two_days
):
    total = report(location).total
    assert (total.tickets, total.booked, total.walk_in) == (6, 2, 4)
    assert (total.served, total.no_show, total.cancelled) == (5, 2, 1)
    # Waits 0, 5, 10, 15, 25 → median 10; p90 at rank 3.6 → 15 + 0.6 × 10 (percentile_cont).
    assert total.wait_median == pytest.approx(10)
    assert total.wait_p90 == pytest.approx(21)
    assert total.wait_mean == pytest.approx(11)
    # Service times of done tickets 4, 6, 8, 10, 12 → median 8, p90 11.2.
    assert total.service_median == pytest.approx(8)
    assert total.service_p90 == pytest.approx(11.2)


def test_days_hours_services_and_counters_each_get_their_own_figures(location, two_days, ktp, kk):
    result = report(location)
    assert [(r.key, r.tickets) for r in result.by_day] == [(MONDAY, 5), (TUESDAY, 1)]
    assert result.days_with_tickets == 2
    # Hours are local (WIB): 08:10 WIB is 01:10 UTC in the database.
    assert [(r.key, r.tickets) for r in result.by_hour] == [(8, 3), (9, 2)]
    assert result.by_hour[0].label == "08.00–09.00"
    assert result.by_hour[0].wait_median == pytest.approx(5)  # 0, 5, 15
    by_service = {r.key: r for r in result.by_service}
    assert (by_service[ktp.pk].tickets, by_service[kk.pk].tickets) == (4, 2)
    assert by_service[kk.pk].wait_median == pytest.approx(25)
    assert by_service[kk.pk].service_median == pytest.approx(5)  # 6 and the transfer's 4
    by_counter = [(r.label, r.tickets, r.no_show, r.wait_median) for r in result.by_counter]
    assert by_counter == [("Loket 1", 3, 0, pytest.approx(5)), ("Loket 2", 2, 1, 12.5)]


def test_a_service_filter_narrows_every_table(location, two_days, kk):
    result = report(location, queue_service=kk)
    assert result.total.tickets == 2
    assert [r.key for r in result.by_service] == [kk.pk]
    assert result.total.wait_median == pytest.approx(25)


def test_an_empty_period_reports_zeros_and_no_percentiles(location, ktp, loket_1):
    result = report(location)
    assert result.total.tickets == 0 and result.total.wait_median is None
    assert result.by_day == [] and result.by_hour == []
    assert [r.tickets for r in result.by_counter] == [0]


def test_the_report_runs_the_same_number_of_queries_whatever_the_data(
    location, ktp, kk, loket_1, loket_2, django_assert_num_queries
):
    past_ticket(ktp, MONDAY, "08:10", wait=5, service=10, counter=loket_1)
    analytics.location_report(location=location, start=MONDAY, end=TUESDAY)  # warm caches
    with django_assert_num_queries(8) as small:
        report(location)
    for day in range(10):
        for minute in range(0, 50, 7):
            past_ticket(kk, MONDAY - dt.timedelta(days=day), f"10:{minute:02d}", wait=3, service=5)
    CounterFactory(location=location, name="Loket 3", services=[kk])
    with django_assert_num_queries(len(small)):
        analytics.location_report(
            location=location, start=MONDAY - dt.timedelta(days=20), end=TUESDAY
        )


def test_periods_longer_than_the_cap_or_backwards_are_refused(location):
    with translation.override("id"), pytest.raises(ValueError, match="sesudah"):
        analytics.location_report(location=location, start=TUESDAY, end=MONDAY)
    with translation.override("id"), pytest.raises(ValueError, match="92"):
        analytics.location_report(
            location=location, start=MONDAY - dt.timedelta(days=100), end=MONDAY
        )


def test_live_status_counts_today_and_the_longest_current_wait(location, ktp, loket_1, loket_2):
    past_ticket(ktp, TUESDAY, "09:40", status=S.WAITING)
    past_ticket(ktp, TUESDAY, "09:50", status=S.WAITING)
    past_ticket(ktp, TUESDAY, "09:30", wait=20, counter=loket_1, status=S.SERVING)
    past_ticket(ktp, TUESDAY, "08:00", wait=1, service=5, counter=loket_2)
    past_ticket(
        ktp, MONDAY, "09:00", status=S.WAITING
    )  # yesterday's stale ticket is not today's queue
    loket_2.is_open = False
    loket_2.save()
    live = analytics.live_status(
        location=location, now=dt.datetime(2026, 11, 17, 10, 0, tzinfo=WIB)
    )
    assert (live.waiting, live.serving, live.done) == (2, 1, 1)
    assert (live.open_counters, live.counters) == (1, 2)
    assert live.longest_wait_minutes == pytest.approx(20)


def test_observed_load_buckets_arrivals_into_hours_from_opening(region):
    dukcapil = LocationFactory(
        region=region, kind="opd", work_start=dt.time(7, 30), work_end=dt.time(15, 30)
    )
    ktp = QueueServiceFactory(location=dukcapil, prefix="A", default_service_minutes=10)
    loket = CounterFactory(location=dukcapil, name="Loket 1", services=[ktp])
    for day in (MONDAY, TUESDAY):
        past_ticket(
            ktp, day, "07:10", wait=1, service=8, counter=loket
        )  # before opening → first hour
        past_ticket(ktp, day, "07:45", wait=1, service=8, counter=loket)
        past_ticket(ktp, day, "08:29", wait=1, service=12, counter=loket, source=SRC.BOOKING)
        past_ticket(ktp, day, "08:31", wait=1, service=12, counter=loket, priority="lansia")
        past_ticket(
            ktp, day, "15:40", wait=1, service=10, counter=loket
        )  # after closing → last hour
    observed = observed_load(location=dukcapil, start=MONDAY, end=TUESDAY)
    assert [p.strftime("%H:%M") for p in observed.periods][:2] == ["07:30", "08:30"]
    assert len(observed.periods) == 8
    assert observed.arrivals_per_hour == [3, 1, 0, 0, 0, 0, 0, 1]  # per day, averaged over 2 days
    assert observed.days == 2
    assert observed.mean_service_minutes == pytest.approx(10)
    assert observed.booked_share == pytest.approx(0.2)
    assert observed.priority_share == pytest.approx(0.2)
    assert observed.active_counters[0] == 1 and observed.configured_counters == 1
    assert observed.day_volume_cv == 0  # both days alike: no variation beyond chance


def test_measured_waits_give_mean_median_and_p90(location, two_days):
    waits = measured_waits(location=location, start=MONDAY, end=TUESDAY)
    assert (waits.count, waits.mean, waits.median, waits.p90) == (5, 11, 10, pytest.approx(21))


def test_each_role_sees_only_the_locations_it_may_read(
    region, unit_a, unit_b, head_a, handler_b, region_admin, sysadmin, other_region
):
    QueueServiceFactory(location=unit_a)
    QueueServiceFactory(location=unit_b)
    elsewhere = UnitFactory(region=other_region)
    QueueServiceFactory(location=elsewhere)
    UnitFactory(region=region)  # no queue: never listed

    def seen(user):
        return set(analytics.report_locations_visible_to(user=user))

    assert seen(head_a) == {unit_a}
    assert seen(handler_b) == {unit_b}
    assert seen(region_admin) == {unit_a, unit_b}
    assert seen(sysadmin) == {unit_a, unit_b, elsewhere}
    assert analytics.report_location_for(user=head_a, location_id=unit_a.pk) == unit_a
    with pytest.raises(PermissionDenied):
        analytics.report_location_for(user=handler_b, location_id=unit_a.pk)
    with pytest.raises(NotFound):
        analytics.report_location_for(user=sysadmin, location_id=999_999)


def test_the_default_period_ends_today_in_the_location_zone(location):
    with time_machine.travel(dt.datetime(2026, 11, 17, 23, 30, tzinfo=WIB), tick=False):
        start, end = analytics.default_period(location)
    assert (start, end) == (TUESDAY - dt.timedelta(days=27), TUESDAY)
