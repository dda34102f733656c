"""The demo survey responses: where they are, that they look real, that a reload changes nothing, and
that no unit ever has more respondents than people it served."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from tanggap.complaints.models import Complaint
from tanggap.demo.loader import demo_load
from tanggap.demo.queue_history import history_generate
from tanggap.demo.surveys import COMPLAINT_SHARE, demo_complaints
from tanggap.org.models import Region, Unit
from tanggap.queueing.models import Ticket
from tanggap.surveys import selectors
from tanggap.surveys.invitations import COMPLAINT, source_key
from tanggap.surveys.models import SurveyResponse, SurveySettings
from tanggap.surveys.periods import MONTH, Period, latest_full_quarter

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-surveys")]


def _rows():
    return list(SurveyResponse.objects.order_by("pk").values()), list(
        SurveySettings.objects.order_by("pk").values()
    )


def _blitar():
    blitar = Region.objects.get(slug="kab-blitar")
    return blitar, {u.slug: u for u in Unit.objects.filter(region=blitar)}


def test_demo_survey_load_is_idempotent(demo_output):
    before = _rows()
    assert before[0]
    result = demo_load()
    assert _rows() == before
    assert result.tally.created["surveys.SurveyResponse"] == 0
    assert result.tally.updated["surveys.SurveySettings"] == 0


def test_the_loader_surveys_only_answered_complaints_once_each_and_a_few_flagged_walk_ups(
    demo_output,
):
    blitar, units = _blitar()
    by_complaint = SurveyResponse.objects.filter(source=SurveyResponse.Source.COMPLAINT)
    served = list(demo_complaints(blitar))
    keys = {source_key(COMPLAINT, c.pk): c for c in served}
    assert by_complaint.count() == by_complaint.values("source_key").distinct().count()
    assert set(by_complaint.values_list("source_key", flat=True)) <= set(keys)
    assert 0.2 <= by_complaint.count() / len(served) <= 0.4  # about COMPLAINT_SHARE
    assert COMPLAINT_SHARE == 0.3
    for response in by_complaint.select_related("unit"):
        complaint = keys[response.source_key]
        assert complaint.status in (Complaint.Status.ANSWERED, Complaint.Status.CLOSED)
        assert response.unit_id == complaint.unit_id and response.service_id == complaint.service_id
        assert not response.is_flagged and response.location_id is None
    # The loader writes no queue responses: the history generator does, with its tickets.
    assert not SurveyResponse.objects.filter(source=SurveyResponse.Source.TICKET).exists()
    walk_ups = SurveyResponse.objects.filter(source=SurveyResponse.Source.NONE)
    assert set(walk_ups.values_list("unit__slug", "is_flagged").distinct()) == {("mpp", True)}
    assert 12 <= walk_ups.count() <= 60
    assert SurveySettings.objects.get(unit=units["mpp"]).allow_without_ticket
    assert not SurveySettings.objects.get(unit=units["dukcapil"]).allow_without_ticket


def test_a_reload_removes_the_responses_of_earlier_demo_versions(demo_output):
    blitar, units = _blitar()
    legacy = SurveyResponse.objects.filter(source=SurveyResponse.Source.COMPLAINT).first()
    old_key = hashlib.sha256(f"demo:{blitar.slug}:{legacy.unit.slug}:7".encode()).hexdigest()
    SurveyResponse.objects.filter(pk=legacy.pk).update(
        source=SurveyResponse.Source.TICKET, source_key=old_key
    )
    demo_load()
    assert not SurveyResponse.objects.filter(source_key=old_key).exists()
    assert SurveyResponse.objects.filter(source_key=legacy.source_key).exists()  # drawn again


def test_demo_responses_give_realistic_reports(demo_output):
    blitar, units = _blitar()
    dukcapil = units["dukcapil"]
    period = latest_full_quarter(selectors.region_today(blitar))
    history_generate(locations=[dukcapil], weeks=2, until=period.end + dt.timedelta(days=1), seed=7)
    report = selectors.ikm_report(unit=dukcapil, period=period)
    assert 50 < report.respondents <= report.population
    assert SurveyResponse.objects.filter(unit=dukcapil).exclude(comment="").exists()
    assert {e.key for e in report.weakest[:3]} & {"waktu", "pengaduan"}
    assert 65 <= report.result.ikm <= 95
    comparison = selectors.region_ikm_comparison(region=blitar, period=period)
    assert len(comparison.rows) >= 5
    mpp = selectors.ikm_report(unit=units["mpp"], period=period, include_flagged=False)
    # The report hides a count under SURVEY_MIN_GROUP_SIZE, so count the MPP's ticketed answers here.
    answered = SurveyResponse.objects.filter(
        unit=units["mpp"], is_flagged=False, served_on__gte=period.start, served_on__lte=period.end
    )
    assert mpp.respondents in (None, answered.count()) and answered.count() <= mpp.population


def test_no_unit_has_more_respondents_than_people_served_in_any_month(demo_output):
    blitar, units = _blitar()
    locations = [units["dukcapil"], units["kecamatan-wlingi"]]
    today = selectors.region_today(blitar)
    history_generate(locations=locations, weeks=1, seed=7)
    # And a week in the middle of the complaints' months, where both sources meet.
    history_generate(locations=locations[:1], weeks=1, until=today - dt.timedelta(days=60), seed=7)
    assert Ticket.objects.filter(status=Ticket.Status.DONE).exists()
    counted = SurveyResponse.objects.filter(is_flagged=False).order_by()
    months = {(r.unit_id, r.served_on.year, r.served_on.month) for r in counted}
    assert {u for u, _, _ in months} >= {units["dukcapil"].pk, units["kecamatan-wlingi"].pk}
    by_pk = {u.pk: u for u in units.values()}
    for unit_id, year, month in sorted(months):
        period = Period(MONTH, year, month)
        respondents = counted.filter(
            unit_id=unit_id, served_on__gte=period.start, served_on__lte=period.end
        ).count()
        population = selectors.served_population(unit=by_pk[unit_id], period=period)
        assert respondents <= population, (by_pk[unit_id].slug, year, month)
