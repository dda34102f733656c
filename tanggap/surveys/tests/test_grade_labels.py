"""IKM grades read in the reader's language: "B · Baik" in Indonesian, "B · Good" in English."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tanggap.surveys.ikm import compute_ikm
from tanggap.surveys.tests.factories import respond

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 8, 10, 3, tzinfo=dt.UTC)
INDONESIAN_GRADES = ("Sangat Baik", "Baik", "Kurang Baik", "Tidak Baik")


def test_the_label_follows_the_active_language():
    from django.utils import translation

    result = compute_ikm([[4] * 9, [3] * 9])  # 87,41: B
    with translation.override("id"):
        assert (result.mutu, result.kinerja_label) == ("B", "Baik")
    with translation.override("en"):
        assert result.kinerja_label == "Good"


@pytest.mark.parametrize(("language", "grade"), [("id", "B · Baik"), ("en", "B · Good")])
def test_the_public_ikm_index_shows_the_grade_in_the_readers_language(
    client, region, unit_a, language, grade
):
    with time_machine.travel(NOW, tick=False):
        for value in (4, 4, 4, 3, 3, 3):
            respond(unit_a, dt.date(2026, 5, 15), value)
        client.cookies["django_language"] = language
        html = client.get(reverse("surveys:public_ikm"), {"wilayah": region.slug}).content.decode()
    assert grade in html
    if language == "en":
        for label in INDONESIAN_GRADES:
            assert f"· {label}<" not in html
