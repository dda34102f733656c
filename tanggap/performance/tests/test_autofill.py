"""Automatic SKP results: the platform's figures against hand-built queue, complaint and survey records,
the service that fills them (only automatic results, never typed over), the nightly task, query counts."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal
from unittest import mock

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tanggap.complaints.tests.factories import dispatched_report
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.models import AuditEvent
from tanggap.performance import platform
from tanggap.performance.models import (
    AutoSource,
    Skp,
    SkpAutoFigure,
    SkpQuarterReview,
    SkpResultRealisation,
)
from tanggap.performance.services import (
    skp_autofill_open,
    skp_autofill_quarter,
    skp_quarter_review_write,
)
from tanggap.performance.tests.factories import SkpFactory, SkpResultFactory
from tanggap.queueing.models import Ticket, TicketEvent
from tanggap.queueing.tests.factories import QueueServiceFactory, past_ticket
from tanggap.surveys.tests.factories import respond

pytestmark = pytest.mark.django_db
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
NOW = dt.datetime(2026, 8, 14, 10, 0, tzinfo=WIB)  # the third quarter runs
H = dt.timedelta(hours=1)


@pytest.fixture(autouse=True)
def _august():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def desk(unit_a):
    return QueueServiceFactory(location=unit_a)


def served(desk, user, at: dt.datetime) -> Ticket:
    """A ticket whose "done" step the queue recorded with `user` as the acting officer."""
    ticket = past_ticket(desk, at.date(), "08:00", wait=5, service=10)
    TicketEvent.objects.create(
        ticket=ticket,
        action=TicketEvent.Action.DONE,
        from_status=Ticket.Status.SERVING,
        to_status=Ticket.Status.DONE,
        actor=user,
        at=at,
    )
    return ticket


_n = iter(range(1, 10_000))


def report(unit, assignee, *, created, answered_after_hours=None):
    """A report dispatched an hour after filing with a 72-hour resolve deadline, answered after
    `answered_after_hours` hours from dispatch (None: still open)."""
    answered = None if answered_after_hours is None else created + H + answered_after_hours * H
    return dispatched_report(
        unit.region, unit, next(_n), created=created, assignee=assignee, answered_at=answered
    )


def period(region, start, end):
    return platform.Period.of(region, start, end)


# --- the figures ---


def test_a_ticket_counts_for_the_official_who_finished_it_and_not_for_another(people, desk):
    staff, peer = people["staff"], people["peer"]
    served(desk, staff.user, dt.datetime(2026, 2, 3, 10, tzinfo=WIB))
    served(desk, staff.user, dt.datetime(2026, 7, 1, 9, tzinfo=WIB))
    served(desk, peer.user, dt.datetime(2026, 2, 3, 11, tzinfo=WIB))
    whole_year = period(staff.region, dt.date(2026, 1, 1), dt.date(2026, 8, 14))
    assert platform.tickets_served(platform.scope_of(staff), whole_year) == 2
    assert platform.tickets_served(platform.scope_of(peer), whole_year) == 1


def test_tickets_are_counted_by_the_regions_calendar_not_utc(people, desk):
    staff = people["staff"]
    served(desk, staff.user, dt.datetime(2026, 1, 1, 0, 30, tzinfo=WIB))  # 31 Dec in UTC: counts
    served(desk, staff.user, dt.datetime(2025, 12, 31, 23, 30, tzinfo=WIB))  # last year
    served(desk, staff.user, dt.datetime(2026, 3, 31, 23, 30, tzinfo=WIB))  # end of Q1
    served(desk, staff.user, dt.datetime(2026, 4, 1, 0, 10, tzinfo=WIB))  # Q2
    q1 = platform.quarter_period(staff.region, 2026, 1, today=dt.date(2026, 8, 14))
    assert (q1.start, q1.end) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert platform.tickets_served(platform.scope_of(staff), q1) == 2


def test_a_quarter_runs_from_january_to_its_end_or_today_and_does_not_exist_before_it_begins(
    region,
):
    today = dt.date(2026, 8, 14)
    q3 = platform.quarter_period(region, 2026, 3, today=today)
    assert (q3.start, q3.end) == (dt.date(2026, 1, 1), today)
    assert platform.quarter_period(region, 2026, 4, today=today) is None


def test_the_unit_head_answers_for_the_units_tickets(people, desk):
    boss, staff = people["boss"], people["staff"]
    served(desk, staff.user, dt.datetime(2026, 2, 3, 10, tzinfo=WIB))
    served(desk, people["peer"].user, dt.datetime(2026, 2, 4, 10, tzinfo=WIB))
    served(QueueServiceFactory(), staff.user, dt.datetime(2026, 2, 5, 10, tzinfo=WIB))
    whole_year = period(boss.region, dt.date(2026, 1, 1), dt.date(2026, 8, 14))
    assert (
        platform.tickets_served(platform.scope_of(boss), whole_year) == 2
    )  # done at unit A, by anyone


def test_a_complaint_answered_after_its_stored_deadline_is_not_on_time(people, unit_b):
    staff, peer = people["staff"], people["peer"]
    created = dt.datetime(2026, 3, 2, 9, tzinfo=WIB)
    report(staff.unit, staff.user, created=created, answered_after_hours=24)  # on time
    report(staff.unit, staff.user, created=created, answered_after_hours=80)  # late (72 h due)
    report(staff.unit, staff.user, created=created + 5 * H, answered_after_hours=10)  # on time
    report(staff.unit, staff.user, created=created)  # open, past due: breached
    report(staff.unit, peer.user, created=created, answered_after_hours=100)  # another's
    whole_year = period(staff.region, dt.date(2026, 1, 1), dt.date(2026, 8, 14))
    figures = platform.source_figures(
        platform.scope_of(staff), whole_year, {AutoSource.COMPLAINTS_ON_TIME_SHARE}
    )
    figure = figures[AutoSource.COMPLAINTS_ON_TIME_SHARE]
    assert figure.value == Decimal("50.00")  # 2 met of 4 decided
    assert (figure.figures["on_time"], figure.figures["late"], figure.figures["breached"]) == (
        2,
        1,
        1,
    )
    assert figure.figures["scope"] == "official"


def test_no_complaint_decided_gives_no_share_rather_than_zero(people):
    whole_year = period(people["staff"].region, dt.date(2026, 1, 1), dt.date(2026, 8, 14))
    figures = platform.source_figures(
        platform.scope_of(people["staff"]), whole_year, {AutoSource.COMPLAINTS_ON_TIME_SHARE}
    )
    assert figures[AutoSource.COMPLAINTS_ON_TIME_SHARE].value is None


def test_the_units_ikm_comes_from_its_own_responses_of_the_period(people, unit_b, settings):
    settings.SURVEY_MIN_GROUP_SIZE = 3
    staff = people["staff"]
    for _ in range(3):
        respond(staff.unit, dt.date(2026, 5, 4), 4)
    respond(staff.unit, dt.date(2026, 5, 5), 2)
    respond(staff.unit, dt.date(2025, 12, 30), 1)  # last year
    respond(unit_b, dt.date(2026, 5, 4), 1)  # another unit
    whole_year = period(staff.region, dt.date(2026, 1, 1), dt.date(2026, 8, 14))
    ikm = platform.unit_ikm(staff.unit, whole_year)
    # NRR 3.5 on every element: 3.5 × 0.111 × 9 × 25 = 87.41 (the regulation's rounded weight).
    assert (ikm.ikm, ikm.respondents) == (Decimal("87.41"), 4)


def test_too_few_responses_give_no_ikm(people, settings):
    settings.SURVEY_MIN_GROUP_SIZE = 5
    respond(people["staff"].unit, dt.date(2026, 5, 4), 4)
    whole_year = period(people["staff"].region, dt.date(2026, 1, 1), dt.date(2026, 8, 14))
    assert platform.unit_ikm(people["staff"].unit, whole_year).ikm is None


# --- the service ---


@pytest.fixture
def skp(people):
    return SkpFactory(official=people["staff"], superior=people["boss"], year=2026)


@pytest.fixture
def results(skp):
    return {
        "typed": SkpResultFactory(skp=skp, position=1),
        "tickets": SkpResultFactory(skp=skp, position=2, source=AutoSource.TICKETS_SERVED),
        "complaints": SkpResultFactory(
            skp=skp, position=3, source=AutoSource.COMPLAINTS_ON_TIME_SHARE
        ),
        "ikm": SkpResultFactory(skp=skp, position=4, source=AutoSource.UNIT_IKM),
    }


def test_the_service_fills_only_automatic_results_with_their_provenance(people, skp, results, desk):
    staff = people["staff"]
    served(desk, staff.user, dt.datetime(2026, 7, 20, 10, tzinfo=WIB))
    served(desk, staff.user, dt.datetime(2026, 2, 20, 10, tzinfo=WIB))
    figures = skp_autofill_quarter(actor=staff.user, skp=skp, quarter="3")
    assert set(figures) == {results[k].pk for k in ("tickets", "complaints", "ikm")}
    tickets = SkpAutoFigure.objects.get(result=results["tickets"], quarter=3)
    assert tickets.value == Decimal("2")
    assert tickets.figures | {} == {
        "served": 2,
        "scope": "official",
        "unit": staff.unit_id,
        "start": "2026-01-01",
        "end": "2026-08-14",
    }
    assert SkpAutoFigure.objects.get(result=results["complaints"]).value is None
    assert not SkpAutoFigure.objects.filter(result=results["typed"]).exists()
    event = AuditEvent.objects.get(action="skp.autofilled")
    assert event.after["results"][str(results["tickets"].pk)]["figures"]["served"] == 2


def test_refreshing_without_a_change_writes_no_audit_row_and_a_change_does(
    people, skp, results, desk
):
    staff = people["staff"]
    skp_autofill_quarter(actor=None, skp=skp, quarter=3)
    skp_autofill_quarter(actor=None, skp=skp, quarter=3)
    assert AuditEvent.objects.filter(action="skp.autofilled").count() == 1
    served(desk, staff.user, dt.datetime(2026, 8, 13, 10, tzinfo=WIB))
    skp_autofill_quarter(actor=None, skp=skp, quarter=3)
    assert AuditEvent.objects.filter(action="skp.autofilled").count() == 2
    assert SkpAutoFigure.objects.get(result=results["tickets"]).value == 1


def test_a_reviewed_quarter_follows_the_platform_for_automatic_results_only(
    people, skp, results, desk
):
    staff, boss = people["staff"], people["boss"]
    review = skp_quarter_review_write(
        actor=boss.user, skp=skp, quarter=2, realisations={results["typed"].pk: "40"}
    )
    served(desk, staff.user, dt.datetime(2026, 5, 5, 10, tzinfo=WIB))
    skp_autofill_quarter(actor=None, skp=skp, quarter=2)
    values = dict(
        SkpResultRealisation.objects.filter(review=review).values_list("result_id", "value")
    )
    assert values == {results["typed"].pk: Decimal("40"), results["tickets"].pk: Decimal("1")}


def test_the_review_takes_the_platforms_figure_and_refuses_a_typed_over_one(
    people, skp, results, desk
):
    staff, boss = people["staff"], people["boss"]
    served(desk, staff.user, dt.datetime(2026, 3, 5, 10, tzinfo=WIB))
    before = (SkpQuarterReview.objects.count(), AuditEvent.objects.count())
    with pytest.raises(DomainError) as caught:
        skp_quarter_review_write(
            actor=boss.user, skp=skp, quarter=1, realisations={results["tickets"].pk: "99"}
        )
    assert caught.value.field == f"realisations.{results['tickets'].pk}"
    assert "otomatis" in str(caught.value)
    assert (SkpQuarterReview.objects.count(), AuditEvent.objects.count()) == before
    assert not SkpAutoFigure.objects.exists()  # refused in one transaction: nothing kept

    # The platform's own figure echoed back by a form is accepted; left out, it is filled in.
    review = skp_quarter_review_write(
        actor=boss.user, skp=skp, quarter=1, realisations={results["tickets"].pk: "1"}
    )
    assert review.realisations.get(result=results["tickets"]).value == 1
    review = skp_quarter_review_write(actor=boss.user, skp=skp, quarter=1)
    assert review.realisations.get(result=results["tickets"]).value == 1


def test_refusals_change_nothing(people, skp, results):
    with pytest.raises(PermissionDenied):
        skp_autofill_quarter(actor=people["b_staff"].user, skp=skp, quarter=3)
    with pytest.raises(DomainError) as caught:
        skp_autofill_quarter(actor=None, skp=skp, quarter=4)
    assert caught.value.field == "quarter"
    with pytest.raises(DomainError):
        skp_autofill_quarter(actor=None, skp=skp, quarter="lima")
    Skp.objects.filter(pk=skp.pk).update(status=Skp.Status.CLOSED)
    with pytest.raises(DomainError) as caught:
        skp_autofill_quarter(actor=None, skp=skp, quarter=3)
    assert caught.value.code == "closed"
    assert not SkpAutoFigure.objects.exists()
    assert not AuditEvent.objects.filter(action="skp.autofilled").exists()


def _queries(skp, quarter=3) -> int:
    with CaptureQueriesContext(connection) as captured:
        skp_autofill_quarter(actor=None, skp=skp, quarter=quarter)
    return len(captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_results(people, settings):
    settings.SURVEY_MIN_GROUP_SIZE = 1
    respond(people["staff"].unit, dt.date(2026, 5, 4), 4)
    one = SkpFactory(official=people["staff"], superior=people["boss"], year=2026)
    for source in AutoSource.values[1:]:
        SkpResultFactory(skp=one, source=source)
    many = SkpFactory(official=people["peer"], superior=people["boss"], year=2026)
    for source in AutoSource.values[1:] * 5:
        SkpResultFactory(skp=many, source=source)
    assert _queries(many) == _queries(one)


# --- the nightly refresh ---


def test_the_nightly_refresh_fills_the_current_quarter_of_open_skps_of_the_year(people, results):
    closed = SkpFactory(official=people["peer"], superior=people["boss"], status=Skp.Status.CLOSED)
    SkpResultFactory(skp=closed, source=AutoSource.TICKETS_SERVED)
    last_year = SkpFactory(official=people["sub_staff"], superior=people["sub_head"], year=2025)
    SkpResultFactory(skp=last_year, source=AutoSource.TICKETS_SERVED)
    SkpFactory(official=people["b_staff"], superior=people["b_head"])  # nothing automatic

    assert skp_autofill_open() == 1
    assert set(SkpAutoFigure.objects.values_list("result__skp_id", "quarter")) == {
        (results["tickets"].skp_id, 3)
    }


def test_the_nightly_task_only_calls_the_service():
    from tanggap.performance import tasks

    with mock.patch.object(tasks, "skp_autofill_open", return_value=7) as service:
        assert tasks.refresh_skp_autofill_nightly.call_local() == 7
    service.assert_called_once_with()
