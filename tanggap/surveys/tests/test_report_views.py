"""IKM report pages: who may open them, what they show, the downloads and the public pages."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tanggap.surveys.tests.factories import respond

NOW = dt.datetime(2026, 8, 10, 3, tzinfo=dt.UTC)
Q2 = {"periode": "2026-T2"}


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def answered(unit_a):
    # Six questionnaires, half all 4 and half all 3 (IKM 87,41): enough to be shown (at least five).
    for value in (4, 4, 4, 3, 3, 3):
        respond(unit_a, dt.date(2026, 5, 15), value, comment="Ruang tunggu sempit")
    return unit_a


def test_unit_head_sees_the_report(client, head_a, answered):
    client.force_login(head_a)
    response = client.get(reverse("surveys:report_unit", args=[answered.pk]), Q2)
    assert response.status_code == 200
    html = response.content.decode()
    assert "87,41" in html and "Triwulan II 2026" in html
    assert "<svg" in html and "Ruang tunggu sempit" in html


def test_other_units_staff_are_refused(client, handler_b, answered):
    client.force_login(handler_b)
    assert client.get(reverse("surveys:report_unit", args=[answered.pk])).status_code == 403


def test_sign_in_is_required(client, answered):
    response = client.get(reverse("surveys:report_unit", args=[answered.pk]))
    assert response.status_code == 302


def test_a_bad_period_shows_a_message(client, head_a, answered):
    client.force_login(head_a)
    response = client.get(
        reverse("surveys:report_unit", args=[answered.pk]), {"periode": "2026-T9"}
    )
    assert response.status_code == 400
    assert "Triwulan harus 1 sampai 4" in response.content.decode()


def test_unit_page_query_count_is_bounded(client, head_a, answered, django_assert_max_num_queries):
    client.force_login(head_a)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("surveys:report_unit", args=[answered.pk]), Q2)
    assert response.status_code == 200


def test_pdf_and_xlsx_downloads(client, head_a, answered):
    client.force_login(head_a)
    url = reverse("surveys:report_unit_export", args=[answered.pk, "pdf"])
    response = client.get(url, Q2)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert 'filename="ikm-dinas-a-2026-T2.pdf"' in response["Content-Disposition"]
    response = client.get(reverse("surveys:report_unit_export", args=[answered.pk, "xlsx"]), Q2)
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_downloads_are_refused_to_other_units(client, handler_b, answered):
    client.force_login(handler_b)
    url = reverse("surveys:report_unit_export", args=[answered.pk, "pdf"])
    assert client.get(url, Q2).status_code == 403


def test_region_comparison_for_region_admin_only(client, region, region_admin, head_a, answered):
    url = reverse("surveys:report_region", args=[region.slug])
    client.force_login(head_a)
    assert client.get(url, Q2).status_code == 403
    client.force_login(region_admin)
    response = client.get(url, Q2)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dinas A" in html and "tidak diperingkat" in html  # nobody served: no verdict, no rank


def test_public_unit_page_shows_figures_without_comments(client, answered):
    response = client.get(reverse("surveys:public_ikm_unit", args=[answered.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "87,41" in html and "Waktu Penyelesaian" in html
    assert "Ruang tunggu sempit" not in html
    assert "Perempuan" not in html  # no respondent profile


def test_public_index_lists_units_with_an_ikm(client, region, answered, unit_b):
    response = client.get(reverse("surveys:public_ikm"), {"wilayah": region.slug})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dinas A" in html and "Dinas B" not in html
