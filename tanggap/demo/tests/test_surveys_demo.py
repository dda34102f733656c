"""The demo survey responses: where they are, that they look real, and that a reload changes nothing."""

from __future__ import annotations

import pytest

from tanggap.demo.loader import demo_load
from tanggap.org.models import Region, Unit
from tanggap.surveys import selectors
from tanggap.surveys.models import SurveyResponse, SurveySettings
from tanggap.surveys.periods import latest_full_quarter

pytestmark = pytest.mark.django_db


def _rows():
    return list(SurveyResponse.objects.order_by("pk").values()), list(
        SurveySettings.objects.order_by("pk").values()
    )


def test_demo_survey_load_is_idempotent():
    demo_load()
    before = _rows()
    result = demo_load()
    assert _rows() == before
    assert result.tally.created["surveys.SurveyResponse"] == 0
    assert result.tally.updated["surveys.SurveySettings"] == 0


def test_demo_responses_give_realistic_reports():
    demo_load()
    blitar = Region.objects.get(slug="kab-blitar")
    dukcapil = Unit.objects.get(region=blitar, slug="dukcapil")
    mpp = Unit.objects.get(region=blitar, slug="mpp")
    assert SurveySettings.objects.get(unit=mpp).allow_without_ticket
    assert not SurveySettings.objects.get(unit=dukcapil).allow_without_ticket
    assert SurveyResponse.objects.filter(unit=mpp, is_flagged=True).exists()
    assert SurveyResponse.objects.filter(unit=dukcapil).exclude(comment="").exists()
    period = latest_full_quarter(selectors.region_today(blitar))
    report = selectors.ikm_report(unit=dukcapil, period=period)
    assert report.respondents > 50
    assert {e.key for e in report.weakest[:3]} & {"waktu", "pengaduan"}
    assert 65 <= report.result.ikm <= 95
    comparison = selectors.region_ikm_comparison(region=blitar, period=period)
    assert len(comparison.rows) >= 5
