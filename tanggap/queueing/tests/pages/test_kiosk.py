"""The kiosk: walk-in tickets on a paired kiosk, check-in by code or scanner (open to any browser), a
paired kiosk staying at its location. Pairing and refusals: tests/test_kiosk_devices.py."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tanggap.queueing.models import Ticket
from tanggap.queueing.tests.factories import (
    LocationFactory,
    QueueServiceFactory,
    book,
    kiosk_with_token,
)

WIB = ZoneInfo("Asia/Jakarta")
S = Ticket.Status


@pytest.fixture
def kiosk(client, location):
    """This test browser, paired as the location's entrance kiosk through the pairing page."""
    device, token = kiosk_with_token(location, name="Kiosk pintu masuk")
    response = client.post(reverse("queueing:kiosk_pair"), {"token": token})
    assert response.status_code == 302
    return client


def test_kiosk_shows_a_button_per_walk_in_service(kiosk, location, ktp, kk):
    kk.allow_walk_in = False
    kk.save()
    response = kiosk.get(reverse("queueing:kiosk", args=[location.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'name="service" value="{ktp.pk}"' in page
    assert f'name="service" value="{kk.pk}"' not in page
    assert "kiosk.js" in page


def test_an_unpaired_browser_gets_the_check_in_box_and_the_booking_link_but_no_walk_in_buttons(
    client, location, ktp
):
    page = client.get(reverse("queueing:kiosk", args=[location.pk])).content.decode()
    assert 'name="service"' not in page
    assert 'id="checkin-form"' in page
    assert reverse("queueing:location", args=[location.pk]) in page


def test_kiosk_walk_in_creates_a_ticket_and_shows_its_number(kiosk, location, ktp):
    client = kiosk
    response = client.post(
        reverse("queueing:kiosk_walk_in", args=[location.pk]),
        {"service": ktp.pk, "priority": "lansia"},
    )
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert ticket.status == S.WAITING and ticket.priority == "lansia" and ticket.number == "A-001"
    page = client.get(response["Location"]).content.decode()
    assert "A-001" in page and '<svg role="img"' in page
    assert reverse("queueing:ticket_print", args=[ticket.code]) in page


@pytest.mark.parametrize("data", [{}, {"service": "abc"}, {"service": "999999"}])
def test_kiosk_walk_in_without_a_valid_service_creates_nothing(kiosk, location, ktp, data):
    response = kiosk.post(reverse("queueing:kiosk_walk_in", args=[location.pk]), data)
    assert response.status_code == 400
    assert not Ticket.objects.exists()


def test_kiosk_walk_in_on_a_holiday_shows_the_reason(kiosk, location, ktp, monday_morning):
    monday_morning.move_to(dt.datetime(2026, 12, 25, 9, 0, tzinfo=WIB))
    response = kiosk.post(
        reverse("queueing:kiosk_walk_in", args=[location.pk]), {"service": ktp.pk}
    )
    assert response.status_code == 400
    assert "tutup hari ini" in response.content.decode()
    assert not Ticket.objects.exists()


@pytest.mark.parametrize(
    "typed", ["{code}", "{code_lower}", "https://tanggap.example/antrean/tiket/{code}/"]
)
def test_kiosk_check_in_by_typed_code_or_scanned_url(client, location, ktp, typed):
    ticket = book(ktp, 9, 30)
    value = typed.format(code=ticket.code, code_lower=ticket.code.lower())
    response = client.post(reverse("queueing:kiosk_check_in", args=[location.pk]), {"code": value})
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == S.WAITING and ticket.number == "A-001"


def test_kiosk_check_in_of_an_unknown_code_shows_the_message(client, location, ktp):
    response = client.post(
        reverse("queueing:kiosk_check_in", args=[location.pk]), {"code": "ABCD2345"}
    )
    assert response.status_code == 400
    assert "tidak ditemukan" in response.content.decode()


def test_kiosk_check_in_refuses_a_booking_for_another_day_or_place(client, region, location, ktp):
    tomorrow = book(ktp, 10, day=24)
    response = client.post(
        reverse("queueing:kiosk_check_in", args=[location.pk]), {"code": tomorrow.code}
    )
    assert response.status_code == 400 and "bukan hari ini" in response.content.decode()
    elsewhere = QueueServiceFactory(location=LocationFactory(region=region, name="Kecamatan Lain"))
    theirs = book(elsewhere, 10, contact_phone="081200000009")
    response = client.post(
        reverse("queueing:kiosk_check_in", args=[location.pk]), {"code": theirs.code}
    )
    assert response.status_code == 400 and "Kecamatan Lain" in response.content.decode()
    assert set(Ticket.objects.values_list("status", flat=True)) == {S.BOOKED}


def test_a_paired_kiosk_always_returns_to_its_own_location(kiosk, region, location, ktp):
    other = QueueServiceFactory(location=LocationFactory(region=region)).location
    for url in (
        reverse("queueing:kiosk", args=[other.pk]),
        reverse("queueing:kiosk_ticket", args=[other.pk, "ABCD2345"]),
    ):
        response = kiosk.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("queueing:kiosk", args=[location.pk])


def test_kiosk_of_a_location_without_a_queue_is_not_found(client, unit_b):
    assert client.get(reverse("queueing:kiosk", args=[unit_b.pk])).status_code == 404
