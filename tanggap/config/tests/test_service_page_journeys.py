"""A service's page leads on (issue 10): "Ambil antrean" and "Laporkan masalah", each place's opening hours
and queue link, and the region's complaint figures and the unit's IKM. The catalogue never imports the
queue, complaints or surveys: they answer through core's `service_actions` and `place_details` registries.
The test crosses those apps, so it lives in config, the layer that may import them all.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tanggap.catalog.tests.factories import enacted_service
from tanggap.core import registry
from tanggap.org.tests.factories import UnitFactory
from tanggap.queueing.models import QueueSettings
from tanggap.queueing.tests.factories import QueueServiceFactory

PLACES = 25


@pytest.fixture
def ktp(unit_a):
    """An enacted, free adminduk service in unit A."""
    return enacted_service(
        unit=unit_a, code="DUK-KTP", slug="ktp-el-baru", name="KTP-el Baru", is_adminduk=True
    )


def page_of(service) -> str:
    return reverse("catalog:service", args=[service.region.slug, service.slug])


@pytest.fixture
def places(ktp, region):
    """KTP-el offered at 25 kecamatan offices besides unit A, each queueing it for online booking."""
    found = []
    for n in range(PLACES):
        place = UnitFactory(
            region=region,
            kind="kecamatan",
            name=f"Kantor Kecamatan {n:02d}",
            work_start=dt.time(8, 0),
            work_end=dt.time(15, 0),
        )
        ktp.locations.add(place)
        QueueServiceFactory(location=place, service=ktp, prefix="A")
        found.append(place)
    return found


def test_one_queueing_place_books_the_service_there_directly(client, ktp, unit_a):
    queue_service = QueueServiceFactory(location=unit_a, service=ktp, prefix="A")
    response = client.get(page_of(ktp))
    actions = {link.label: link.url for link in response.context["actions"]}
    assert actions["Ambil antrean"] == reverse("queueing:book_slots", args=[queue_service.pk])


def test_several_queueing_places_let_the_citizen_pick_one(client, ktp, places):
    response = client.get(page_of(ktp))
    actions = {link.label: link.url for link in response.context["actions"]}
    assert actions["Ambil antrean"] == f"{reverse('queueing:locations')}?layanan={ktp.pk}"
    picker = client.get(actions["Ambil antrean"])
    assert picker.status_code == 200
    assert len(picker.context["booking_places"]) == PLACES


def test_no_queue_no_booking_action(client, ktp):
    actions = [link.label for link in client.get(page_of(ktp)).context["actions"]]
    assert "Ambil antrean" not in actions
    assert "Laporkan masalah" in actions


def test_a_place_whose_queue_is_switched_off_offers_no_booking(client, ktp, unit_a):
    QueueServiceFactory(location=unit_a, service=ktp, prefix="A")
    QueueSettings.objects.create(location=unit_a, region=unit_a.region, is_enabled=False)
    response = client.get(page_of(ktp))
    assert "Ambil antrean" not in [link.label for link in response.context["actions"]]
    assert response.context["places"][0]["links"] == []


def test_report_a_problem_opens_the_filing_form_for_this_service(client, ktp):
    response = client.get(page_of(ktp))
    url = {link.label: link.url for link in response.context["actions"]}["Laporkan masalah"]
    assert url == f"{reverse('complaints:file')}?wilayah={ktp.region.slug}&layanan={ktp.slug}"
    form = client.get(url)
    assert form.status_code == 200
    assert form.context["form"]["service"].value() == ktp.pk


def test_each_place_shows_its_opening_hours_and_its_queue_link(client, ktp, unit_a, places):
    other = QueueServiceFactory(location=unit_a, prefix="B")  # unit A queues another service only
    response = client.get(page_of(ktp))
    shown = {place["unit"].pk: place for place in response.context["places"]}
    assert len(shown) == PLACES + 1
    first = shown[places[0].pk]
    assert first["hours"] == "Senin–Jumat, 08.00–15.00 WIB"
    [link] = first["links"]
    assert link.label == "Ambil antrean di sini"
    assert client.get(link.url).status_code == 200
    # Unit A has a queue, but not for KTP-el: its queue page instead.
    [link] = shown[unit_a.pk]["links"]
    assert link.url == reverse("queueing:location", args=[other.location.pk])
    assert client.get(link.url).status_code == 200
    page = response.content.decode()
    assert "Jam layanan: Senin–Jumat, 08.00–15.00 WIB" in page


def test_a_place_with_its_own_week_shows_it(client, ktp, region):
    mpp_booth = UnitFactory(region=region, work_days="0,1,2,3,4,5", work_start=dt.time(7, 30))
    ktp.locations.add(mpp_booth)
    shown = {p["unit"].pk: p for p in client.get(page_of(ktp)).context["places"]}
    assert shown[mpp_booth.pk]["hours"].startswith("Senin–Sabtu, 07.30–")


def test_the_service_page_links_the_regions_complaint_figures_and_the_units_ikm(client, ktp):
    response = client.get(page_of(ktp))
    links = {link.url for link in response.context["see_also"]}
    transparency = reverse("complaints:transparency_region", args=[ktp.region.slug])
    ikm = reverse("surveys:public_ikm_unit", args=[ktp.unit_id])
    assert links == {transparency, ikm}
    page = response.content.decode()
    for url in (transparency, ikm):
        assert f'href="{url}"' in page
        assert client.get(url).status_code == 200


def test_the_page_of_25_places_costs_a_fixed_number_of_queries(
    client, ktp, places, django_assert_max_num_queries
):
    client.get(page_of(ktp))  # sessions, caches warmed
    with django_assert_max_num_queries(8):
        response = client.get(page_of(ktp))
    assert len(response.context["places"]) == PLACES + 1


def test_the_page_renders_when_no_app_offers_anything(client, ktp, monkeypatch):
    monkeypatch.setattr(registry.service_actions, "_items", {})
    monkeypatch.setattr(registry.place_details, "_items", {})
    response = client.get(page_of(ktp))
    assert response.status_code == 200
    assert response.context["actions"] == [] and response.context["see_also"] == []
    assert "Tindakan untuk layanan ini" not in response.content.decode()
