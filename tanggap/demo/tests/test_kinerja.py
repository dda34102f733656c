"""The demo's attendance, leave, performance agreements and SKPs: realistic, consistent, true to the
demo's own records, and loaded once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Sum
from django.utils import timezone

from tanggap.attendance.models import (
    AttendanceEvent,
    LeaveLedgerEntry,
    LeaveRequest,
    OfficeLocation,
    WorkSchedule,
)
from tanggap.attendance.selectors import annual_balance
from tanggap.demo.attendance import DAYS_BACK
from tanggap.demo.loader import demo_load
from tanggap.demo.performance import auto_figures, closed_quarters, quarter_end
from tanggap.demo.queue_history import history_generate
from tanggap.org.models import Official, Region, Unit
from tanggap.performance import platform
from tanggap.performance.models import (
    PerformanceAgreement,
    Realisation,
    Skp,
    SkpAutoFigure,
    SkpQuarterReview,
    SkpResultRealisation,
    UnitPerformanceRating,
)
from tanggap.performance.platform import quarter_period, scope_of, source_figures
from tanggap.performance.skp import distribution_check

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-kinerja")]


def _blitar():
    return Region.objects.get(slug="kab-blitar")


def _counts():
    return [
        m.objects.count()
        for m in (
            OfficeLocation,
            WorkSchedule,
            AttendanceEvent,
            LeaveRequest,
            LeaveLedgerEntry,
            PerformanceAgreement,
            Realisation,
            Skp,
            SkpQuarterReview,
            SkpResultRealisation,
            UnitPerformanceRating,
        )
    ]


def test_summary_line_and_realistic_counts(demo_output):
    assert "Kinerja:" in demo_output
    region = _blitar()
    officials = Official.objects.filter(region=region).count()
    assert OfficeLocation.objects.filter(unit__region=region).count() >= 20
    events = AttendanceEvent.objects.filter(official__region=region).count()
    # two events a working day (about 60 in three months), less leave and absences
    assert officials * 2 * 45 <= events <= officials * 2 * 80
    approved = LeaveRequest.objects.filter(
        official__region=region, status=LeaveRequest.Status.APPROVED
    )
    assert officials // 4 <= approved.count() <= officials * 2
    assert approved.filter(leave_type__code="dinas_luar").exists()
    assert approved.filter(leave_type__code="cuti_tahunan").exists()
    assert LeaveRequest.objects.filter(status=LeaveRequest.Status.REJECTED).exists()
    assert (
        PerformanceAgreement.objects.filter(
            unit__region=region, year=timezone.localdate().year, status="signed"
        ).count()
        == 4
    )
    for agreement in PerformanceAgreement.objects.all():
        assert 3 <= agreement.indicators.count() <= 5
    assert Skp.objects.count() >= 20
    mpp = WorkSchedule.objects.get(unit__region=region, unit__slug="mpp")
    assert mpp.kind == WorkSchedule.Kind.SIX_DAY


def test_events_on_most_working_days_and_none_on_days_off(demo_output):
    from tanggap.attendance import leave_rules

    region = _blitar()
    today = timezone.localdate()
    first = today - dt.timedelta(days=DAYS_BACK)
    for official in Official.objects.filter(region=region).select_related("region", "unit"):
        cal = leave_rules.staff_calendar(official)
        days = {
            at.astimezone(cal.tz).date()
            for at in official.attendance_events.values_list("recorded_at", flat=True)
        }
        assert all(cal.is_working_day(d) for d in days), official.nip
        assert all(first <= d < today for d in days)
        working = cal.working_days_between(first, today - dt.timedelta(days=1))
        assert len(days) >= working * 0.7, official.nip
        for event in official.attendance_events.all()[:4]:
            local = event.recorded_at.astimezone(cal.tz).time()
            assert dt.time(5, 0) <= local <= dt.time(18, 0)


def test_leave_ledger_matches_requests_and_balances_are_not_negative(demo_output):
    region = _blitar()
    approved = LeaveRequest.objects.filter(
        official__region=region, status=LeaveRequest.Status.APPROVED
    )
    for request in approved:
        rows = list(request.ledger.values_list("kind", "days"))
        assert rows == [("taken", -request.working_days)]
        assert not AttendanceEvent.objects.filter(
            official=request.official,
            recorded_at__date__gte=request.start,
            recorded_at__date__lte=request.end,
        ).exists()
    assert not LeaveLedgerEntry.objects.filter(
        request__status=LeaveRequest.Status.REJECTED
    ).exists()
    year = timezone.localdate().year
    for official in Official.objects.filter(region=region):
        taken = (
            approved.filter(
                official=official, leave_type__uses_annual_balance=True, start__year=year
            ).aggregate(n=Sum("working_days"))["n"]
            or 0
        )
        balance = annual_balance(official, year)
        assert balance >= 0
        grant = LeaveLedgerEntry.objects.filter(official=official, year=year, kind="grant")
        granted = grant.aggregate(n=Sum("days"))["n"] or 0
        assert balance == granted - taken


def test_automatic_skp_results_equal_the_demo_records(demo_output):
    """Every automatic realisation is the app's own fill (SkpAutoFigure, with its provenance), which is
    the official's figure read afresh from the records."""
    year = timezone.localdate().year
    checked = 0
    for row in SkpResultRealisation.objects.exclude(result__source="").select_related(
        "review", "result__skp__official__unit", "result__skp__official__region"
    ):
        official = row.result.skp.official
        stored = SkpAutoFigure.objects.get(result=row.result, quarter=row.review.quarter)
        period = quarter_period(
            official.region, year, row.review.quarter, today=quarter_end(year, row.review.quarter)
        )
        fresh = source_figures(scope_of(official), period, {row.result.source})
        assert row.value == stored.value == fresh[row.result.source].value
        assert stored.figures["end"] == period.end.isoformat()
        checked += 1
    assert checked
    assert {q for q in SkpQuarterReview.objects.values_list("quarter", flat=True)} == set(
        closed_quarters(timezone.localdate())
    )
    assert all(
        r.evidence_url.startswith("https://example.invalid/") for r in Realisation.objects.all()
    )


def test_second_load_adds_nothing(demo_output):
    before = _counts()
    result = demo_load()
    assert _counts() == before
    assert not result.tally.changed_anything


def test_automatic_results_follow_a_later_queue_history(demo_output):
    """The queue history is generated after load_demo: the next load brings the SKP figures to it."""
    today = timezone.localdate()
    quarters = closed_quarters(today)
    if not quarters:
        pytest.skip("no quarter of this year has ended yet")
    quarter = quarters[-1]
    place = Unit.objects.get(region=_blitar(), slug="kecamatan-kanigoro")
    history_generate(locations=[place], weeks=2, until=quarter_end(today.year, quarter))
    result = demo_load()
    # The place's counters are worked by its officials with an account (in turn, by NIP): their
    # served tickets count.
    served = SkpResultRealisation.objects.filter(
        result__source="tickets_served",
        result__skp__official__unit=place,
        review__quarter=quarter,
    ).select_related("result__skp__official__unit", "result__skp__official__user")
    assert served.exists()
    period = quarter_period(
        place.region, today.year, quarter, today=quarter_end(today.year, quarter)
    )
    figures = []
    for row in served:
        expected = platform.tickets_served(scope_of(row.result.skp.official), period)
        assert row.value == expected
        figures.append(expected)
    assert max(figures) > 0  # two counters, so at most two of the place's accounts served
    changed = sum(1 for figure in figures if figure)  # a zero before stays zero
    assert result.tally.updated["performance.SkpResultRealisation"] >= changed
    # The unit's indicator counts every ticket done at the place.
    assert auto_figures("tickets_served", place, today.year, quarter, {}) >= max(
        row.value for row in served
    )


def test_each_agreement_unit_has_a_fictional_rating_of_the_year(demo_output):
    year = timezone.localdate().year
    agreements = PerformanceAgreement.objects.filter(unit__region=_blitar(), year=year)
    ratings = {r.unit_id: r for r in UnitPerformanceRating.objects.filter(year=year)}
    assert agreements.exists()
    assert set(agreements.values_list("unit_id", flat=True)) == set(ratings)
    assert all("FIKTIF" in r.basis and r.basis.strip() for r in ratings.values())
    # The demo's SKP carry no year-end predikat yet; if every official ended the year Baik (the usual
    # case), at least one unit's distribution would break the rules of its stored rating.
    broken = [
        r
        for r in ratings.values()
        if distribution_check(
            r.rating, ["baik"] * Skp.objects.filter(official__unit_id=r.unit_id, year=year).count()
        )
    ]
    assert broken
