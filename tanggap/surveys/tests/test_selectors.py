"""The IKM report selectors against hand-computed figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tanggap.complaints.models import Complaint
from tanggap.core.errors import NotFound, PermissionDenied
from tanggap.queueing.models import Ticket
from tanggap.queueing.tests.factories import QueueServiceFactory
from tanggap.surveys import selectors
from tanggap.surveys.models import SurveySettings
from tanggap.surveys.periods import Period
from tanggap.surveys.tests.factories import respond

Q3 = Period("triwulan", 2026, 3)
JULY = dt.date(2026, 7, 15)


def _tickets(location, n: int, day=JULY, status=Ticket.Status.DONE):
    queue_service = QueueServiceFactory(location=location)
    Ticket.objects.bulk_create(
        Ticket(
            region=location.region,
            location=location,
            queue_service=queue_service,
            code=f"T{location.pk}{status[:2]}{i}{day:%m%d}",  # codes have at most 16 characters
            service_day=day,
            status=status,
            source=Ticket.Source.WALK_IN,
        )
        for i in range(n)
    )


def test_eight_responses_give_the_hand_computed_ikm(unit_a):
    # Four questionnaires all 4, four all 3: NRR 3,5 each; 3,5 × 0,111 × 9 = 3,4965; × 25 = 87,4125.
    for value in (4, 4, 4, 4, 3, 3, 3, 3):
        respond(unit_a, JULY, value)
    report = selectors.ikm_report(unit=unit_a, period=Q3)
    assert report.respondents == 8
    assert report.result.nrr == (Decimal("3.5"),) * 9
    assert report.result.ikm == Decimal("87.41")
    assert report.result.mutu == "B"
    assert report.weighting == "official"
    assert "0,111" in report.weighting_label


def test_the_units_exact_weighting_is_used_and_stated(unit_a):
    SurveySettings.objects.create(unit=unit_a, weighting="exact")
    for value in (4, 4, 4, 4, 3, 3, 3, 3):
        respond(unit_a, JULY, value)
    report = selectors.ikm_report(unit=unit_a, period=Q3)
    assert report.result.ikm == Decimal("87.50")
    assert "1/9" in report.weighting_label


def test_weakest_elements_come_first(unit_a):
    for _ in range(5):
        respond(unit_a, JULY, (4, 4, 2, 4, 4, 4, 4, 1, 4))
    report = selectors.ikm_report(unit=unit_a, period=Q3)
    assert [e.key for e in report.weakest[:2]] == ["pengaduan", "waktu"]


def test_responses_outside_the_period_or_unit_are_left_out(unit_a, unit_b):
    for _ in range(5):
        respond(unit_a, JULY, 4)
    respond(unit_a, dt.date(2026, 6, 30), 1)
    respond(unit_b, JULY, 1)
    report = selectors.ikm_report(unit=unit_a, period=Q3)
    assert report.respondents == 5
    assert report.result.ikm == Decimal("99.90")


def test_flagged_responses_can_be_left_out(unit_a):
    for _ in range(5):
        respond(unit_a, JULY, 4)
        respond(unit_a, JULY, 1, flagged=True)
    with_flagged = selectors.ikm_report(unit=unit_a, period=Q3)
    assert (with_flagged.respondents, with_flagged.flagged) == (10, 5)
    report = selectors.ikm_report(unit=unit_a, period=Q3, include_flagged=False)
    assert report.respondents == 5
    assert report.flagged == 0


def test_population_counts_done_tickets_and_answered_complaints(unit_a):
    _tickets(unit_a, 90)
    _tickets(unit_a, 5, status=Ticket.Status.NO_SHOW)
    _tickets(unit_a, 7, day=dt.date(2026, 6, 30))
    from tanggap.complaints.tests.factories import file_report, wib

    for status in (Complaint.Status.ANSWERED, Complaint.Status.CLOSED):
        complaint = file_report(unit_a.region)
        Complaint.objects.filter(pk=complaint.pk).update(
            unit=unit_a, status=status, answered_at=wib(2026, 8, 3, 10)
        )
    respond(unit_a, JULY, 4)
    report = selectors.ikm_report(unit=unit_a, period=Q3)
    assert report.population == 92
    assert report.sample_needed == 74  # 3,841·92·0,25 / (0,0025·91 + 0,96025) = 74,38
    assert not report.sample_sufficient


def test_sample_is_sufficient_when_respondents_reach_krejcie_morgan(unit_a):
    _tickets(unit_a, 10)  # N = 10 → S = 10
    for _ in range(10):
        respond(unit_a, JULY, 3)
    report = selectors.ikm_report(unit=unit_a, period=Q3)
    assert (report.population, report.sample_needed) == (10, 10)
    assert report.sample_sufficient


def test_profile_and_comments_by_month(unit_a):
    for i in range(5):
        respond(unit_a, JULY, 4, sex="L", age=22, comment="Ruang tunggu panas" if i == 0 else "")
        respond(unit_a, JULY, 3, sex="P", age=60, comment="Antrean cepat" if i == 0 else "")
        respond(unit_a, JULY, 3, sex="P", age=40)
    report = selectors.ikm_report(unit=unit_a, period=Q3)
    sex = {row.label: row.count for row in report.profile["sex"]}
    assert sex == {"Laki-laki": 5, "Perempuan": 10}
    ages = [row.count for row in report.profile["age"]]
    assert ages == [5, None, 5, None, 5]  # empty age groups are hidden like small ones
    assert [(c.month.label, c.texts) for c in report.comments] == [
        ("Juli 2026", ("Antrean cepat", "Ruang tunggu panas"))
    ]


def test_trend_covers_four_periods(unit_a):
    for _ in range(5):
        respond(unit_a, dt.date(2026, 1, 10), 2)
        respond(unit_a, JULY, 4)
    report = selectors.ikm_report(unit=unit_a, period=Q3)
    assert [p.period.short_label for p in report.trend] == [
        "T4 2025",
        "T1 2026",
        "T2 2026",
        "T3 2026",
    ]
    assert [p.respondents for p in report.trend] == [None, 5, None, 5]
    assert [p.respondents_shown for p in report.trend] == ["< 5", 5, "< 5", 5]
    assert report.trend[1].ikm == Decimal("49.95")
    assert report.trend[0].ikm is None


def test_report_runs_in_a_bounded_number_of_queries(unit_a, django_assert_max_num_queries):
    for i in range(30):  # five in the period (July), the others in the quarter before
        respond(unit_a, JULY - dt.timedelta(days=i * 3), 1 + i % 4, comment=f"Komentar {i}")
    with django_assert_max_num_queries(6):
        report = selectors.ikm_report(unit=unit_a, period=Q3)
    assert report.respondents > 0


def test_region_comparison_ranks_only_units_with_a_sufficient_sample(region, unit_a, unit_b):
    unit_c = type(unit_a).objects.create(region=region, slug="dinas-c", name="Dinas C", kind="opd")
    _tickets(unit_a, 5)  # needs 5
    _tickets(unit_b, 5)
    _tickets(unit_c, 50)  # needs 44
    for value in (4, 4, 4, 4, 4):
        respond(unit_a, JULY, value)
    for value in (3, 3, 3, 3, 3):
        respond(unit_b, JULY, value)
    for value in (4, 4, 4, 4, 4):  # best IKM, but far too few respondents
        respond(unit_c, JULY, value)
    comparison = selectors.region_ikm_comparison(region=region, period=Q3)
    ranked = [(r.unit.name, r.rank) for r in comparison.ranked]
    assert ranked == [("Dinas A", 1), ("Dinas B", 2)]
    assert [(r.unit.name, r.rank, r.sample_needed) for r in comparison.flagged] == [
        ("Dinas C", None, 44)
    ]


def test_region_comparison_runs_in_a_bounded_number_of_queries(
    region, unit_a, unit_b, django_assert_max_num_queries
):
    for unit in (unit_a, unit_b):
        for value in (2, 3, 4):
            respond(unit, JULY, value)
    with django_assert_max_num_queries(5):
        comparison = selectors.region_ikm_comparison(region=region, period=Q3)
        assert len(comparison.rows) == 2


def test_public_figures_use_the_latest_full_quarter(unit_a):
    for _ in range(5):
        respond(unit_a, dt.date(2026, 5, 2), 4, comment="Rahasia")
    respond(unit_a, dt.date(2026, 5, 3), 1, flagged=True)
    now = dt.datetime(2026, 7, 20, 3, tzinfo=dt.UTC)
    report = selectors.public_unit_ikm(unit_a, now=now)
    assert report.period.code == "2026-T2"
    assert report.respondents == 5
    assert report.comments == []
    assert report.profile == {}


def test_public_figures_fall_back_to_the_year_to_date(unit_a):
    for _ in range(5):
        respond(unit_a, dt.date(2026, 7, 2), 3)
    report = selectors.public_unit_ikm(unit_a, now=dt.datetime(2026, 7, 20, 3, tzinfo=dt.UTC))
    assert report.period.kind == "tahun" and report.period.end == dt.date(2026, 7, 20)
    assert report.respondents == 5


def test_unit_roles_see_their_unit_only(unit_a, unit_b, head_a, handler_b, region_admin):
    assert selectors.report_unit_for(user=head_a, unit_id=unit_a.pk) == unit_a
    assert selectors.report_unit_for(user=region_admin, unit_id=unit_a.pk) == unit_a
    with pytest.raises(PermissionDenied):
        selectors.report_unit_for(user=handler_b, unit_id=unit_a.pk)
    with pytest.raises(NotFound):
        selectors.report_unit_for(user=head_a, unit_id=999_999)


def test_region_comparison_is_for_region_readers(region, head_a, evaluator):
    assert selectors.report_region_for(user=evaluator, slug=region.slug) == region
    with pytest.raises(PermissionDenied):
        selectors.report_region_for(user=head_a, slug=region.slug)
