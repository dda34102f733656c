"""The kiosk: walk-in tickets, check-in by code or scanner, locking a tablet to its location."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tanggap.queueing.models import Ticket
from tanggap.queueing.tests.factories import LocationFactory, QueueServiceFactory, book
from tanggap.queueing.views.kiosk import LOCK_COOKIE

WIB = ZoneInfo("Asia/Jakarta")
S = Ticket.Status


def test_kiosk_shows_a_button_per_walk_in_service(client, location, ktp, kk):
    kk.allow_walk_in = False
    kk.save()
    response = client.get(reverse("queueing:kiosk", args=[location.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'name="service" value="{ktp.pk}"' in page
    assert f'name="service" value="{kk.pk}"' not in page
    assert "kiosk.js" in page


def test_kiosk_walk_in_creates_a_ticket_and_shows_its_number(client, location, ktp):
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
def test_kiosk_walk_in_without_a_valid_service_creates_nothing(client, location, ktp, data):
    response = client.post(reverse("queueing:kiosk_walk_in", args=[location.pk]), data)
    assert response.status_code == 400
    assert not Ticket.objects.exists()


def test_kiosk_walk_in_on_a_holiday_shows_the_reason(client, location, ktp, monday_morning):
    monday_morning.move_to(dt.datetime(2026, 12, 25, 9, 0, tzinfo=WIB))
    response = client.post(
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


def test_officer_locks_a_kiosk_to_its_location(client, region, location, ktp, front_desk_a):
    other = QueueServiceFactory(location=LocationFactory(region=region)).location
    client.force_login(front_desk_a)
    client.post(reverse("queueing:kiosk_lock", args=[location.pk]), {"lock": "1"})
    assert LOCK_COOKIE in client.cookies
    response = client.get(reverse("queueing:kiosk", args=[other.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("queueing:kiosk", args=[location.pk])


def test_a_citizen_cannot_lock_a_kiosk(client, location, ktp, citizen):
    client.force_login(citizen)
    response = client.post(reverse("queueing:kiosk_lock", args=[location.pk]), {"lock": "1"})
    assert response.status_code == 403
    assert LOCK_COOKIE not in client.cookies


def test_kiosk_of_a_location_without_a_queue_is_not_found(client, unit_b):
    assert client.get(reverse("queueing:kiosk", args=[unit_b.pk])).status_code == 404
