"""The IKM reports can be reached by clicking (issue 10, defect 4): the dashboard card opens the list of
reports the user may open, and a unit's public IKM page offers its official report (page, PDF, XLSX) to
those allowed to download it, and to nobody else."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tanggap.core.registry import work_areas
from tanggap.org.tests.factories import UnitFactory
from tanggap.surveys.tests.factories import respond

NOW = dt.datetime(2026, 8, 10, 3, tzinfo=dt.UTC)
INDEX = reverse("surveys:report_index")


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def answered(unit_a):
    for value in (4, 4, 4, 3, 3, 3):
        respond(unit_a, dt.date(2026, 5, 15), value)
    return unit_a


def test_the_dashboard_card_opens_the_reports_and_says_what_is_there(client, head_a):
    [card] = [area for area in work_areas if area.key == "surveys.ikm"]
    assert reverse(card.url_name) == INDEX
    assert "PDF dan XLSX" in str(card.description)
    assert "dari halaman unit" not in str(card.description)
    client.force_login(head_a)
    assert f'href="{INDEX}"' in client.get(reverse("core:dashboard")).content.decode()


def test_a_unit_head_finds_the_units_report_and_its_downloads(client, head_a, answered):
    client.force_login(head_a)
    response = client.get(INDEX)
    assert response.status_code == 200
    [group] = response.context["groups"]
    assert group["units"] == [answered] and not group["can_compare"]
    page = response.content.decode()
    for url in (
        reverse("surveys:report_unit", args=[answered.pk]),
        reverse("surveys:report_unit_export", args=[answered.pk, "pdf"]),
        reverse("surveys:report_unit_export", args=[answered.pk, "xlsx"]),
    ):
        assert f'href="{url}"' in page
        assert client.get(url).status_code == 200
    assert reverse("surveys:report_region", args=[answered.region.slug]) not in page


def test_a_region_reader_finds_every_unit_and_the_comparison(
    client, evaluator, unit_a, unit_b, other_region
):
    elsewhere = UnitFactory(region=other_region)
    client.force_login(evaluator)
    response = client.get(INDEX)
    [group] = response.context["groups"]
    assert group["can_compare"]
    assert {unit_a, unit_b} <= set(group["units"]) and elsewhere not in group["units"]
    url = reverse("surveys:report_region", args=[unit_a.region.slug])
    assert f'href="{url}"' in response.content.decode()
    assert client.get(url).status_code == 200


def test_another_units_staff_see_only_their_unit(client, handler_b, unit_a, unit_b):
    client.force_login(handler_b)
    [group] = client.get(INDEX).context["groups"]
    assert group["units"] == [unit_b]


def test_a_citizen_account_is_refused_and_a_visitor_signs_in(client, citizen):
    assert client.get(INDEX).status_code == 302
    client.force_login(citizen)
    assert client.get(INDEX).status_code == 403


def test_the_list_costs_a_fixed_number_of_queries(
    client, sysadmin, region, django_assert_max_num_queries
):
    for _ in range(30):
        UnitFactory(region=region)
    client.force_login(sysadmin)
    client.get(INDEX)
    with django_assert_max_num_queries(8):
        response = client.get(INDEX)
    assert len(response.context["groups"][0]["units"]) >= 30


def test_the_public_unit_page_offers_the_official_report_to_the_units_staff(
    client, head_a, answered
):
    public = reverse("surveys:public_ikm_unit", args=[answered.pk])
    pdf = reverse("surveys:report_unit_export", args=[answered.pk, "pdf"])
    xlsx = reverse("surveys:report_unit_export", args=[answered.pk, "xlsx"])
    client.force_login(head_a)
    page = client.get(public).content.decode()
    assert f'href="{pdf}"' in page and f'href="{xlsx}"' in page
    response = client.get(pdf)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert client.get(xlsx).status_code == 200


@pytest.mark.parametrize("who", [None, "citizen", "handler_b"])
def test_the_public_unit_page_offers_no_report_to_others(client, request, answered, who):
    if who:
        client.force_login(request.getfixturevalue(who))
    page = client.get(reverse("surveys:public_ikm_unit", args=[answered.pk])).content.decode()
    assert reverse("surveys:report_unit", args=[answered.pk]) not in page
    assert "Unduh PDF" not in page
