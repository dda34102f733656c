"""The way back to a ticket (issue 10, defect 2): this browser remembers the tickets it booked or looked up
("Tiket Anda" on /antrean/ and the home page), and any ticket can be found by its code; and a service
page's "Ambil antrean" lists the places that queue that one service."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from tanggap.queueing.models import Ticket
from tanggap.queueing.tests.factories import QueueServiceFactory, book, slot_of

FIND = reverse("queueing:ticket_find")
LOCATIONS = reverse("queueing:locations")


def book_through_the_page(
    client, queue_service, hour=10, name="Siti Rahayu", phone="0812 3456 7890"
) -> Ticket:
    url = reverse("queueing:book_contact", args=[queue_service.pk, f"20261123{hour:02d}00"])
    response = client.post(url, {"contact_name": name, "contact_phone": phone})
    assert response.status_code == 302
    return Ticket.objects.get(slot_start=slot_of(hour), contact_name=name)


def test_a_ticket_booked_here_is_listed_under_your_tickets_with_its_status(client, ktp):
    ticket = book_through_the_page(client, ktp)
    response = client.get(LOCATIONS)
    assert [t.code for t in response.context["tickets"]] == [ticket.code]
    page = response.content.decode()
    assert "Tiket Anda" in page
    assert reverse("queueing:ticket", args=[ticket.code]) in page
    assert "Dipesan" in page  # its status
    # No personal data in the list: the name and phone stay on the ticket's own page.
    assert "Siti Rahayu" not in page and "3456" not in page


def test_the_home_page_lists_your_tickets_and_the_look_up(client, ktp):
    ticket = book_through_the_page(client, ktp)
    page = client.get(reverse("core:home")).content.decode()
    assert "Tiket Anda" in page
    assert reverse("queueing:ticket", args=[ticket.code]) in page
    assert f'href="{FIND}"' in page
    assert client.get(FIND).status_code == 200


def test_another_browser_lists_no_tickets(client, ktp):
    from django.test import Client

    book_through_the_page(client, ktp)
    other = Client()
    response = other.get(LOCATIONS)
    assert response.context["tickets"] == []
    assert "Tiket Anda" not in response.content.decode()
    assert "Tiket Anda" not in other.get(reverse("core:home")).content.decode()


def test_newest_first_and_no_more_than_twenty(client, ktp, kk):
    first = book_through_the_page(client, ktp, hour=10)
    second = book_through_the_page(client, kk, hour=11)
    assert [t.code for t in client.get(LOCATIONS).context["tickets"]] == [second.code, first.code]
    session = client.session
    session["queueing_tickets"] = [f"X{n:07d}" for n in range(30)]
    session.save()
    book_through_the_page(client, ktp, hour=13, name="Lagi", phone="0813 1111 2222")
    assert len(client.session["queueing_tickets"]) == 20


def test_looking_a_ticket_up_by_code_opens_it_and_remembers_it(client, ktp):
    ticket = book(ktp, 10)
    response = client.get(FIND, {"kode": f"  {ticket.code.lower()} "})
    assert response.status_code == 302
    assert response["Location"] == reverse("queueing:ticket", args=[ticket.code])
    assert [t.code for t in client.get(LOCATIONS).context["tickets"]] == [ticket.code]


def test_the_tickets_address_pasted_into_the_look_up_works_too(client, ktp):
    ticket = book(ktp, 10)
    response = client.get(FIND, {"kode": f"https://tanggap.example/antrean/tiket/{ticket.code}/"})
    assert response["Location"] == reverse("queueing:ticket", args=[ticket.code])


def test_an_unknown_code_gets_a_clear_message(client, ktp):
    response = client.get(FIND, {"kode": "ZZZZ9999"})
    assert response.status_code == 404
    assert "Tiket dengan kode itu tidak ditemukan" in response.content.decode()
    assert client.session.get("queueing_tickets") is None


@pytest.mark.parametrize("code", ["", "a b/c", "x" * 300, "ÄÖÜ12345", "AB--CD//"])
def test_a_malformed_code_is_a_form_error_not_a_500(client, code):
    response = client.get(FIND, {"kode": code})
    assert response.status_code == 404
    assert 'class="errorlist"' in response.content.decode()


def test_the_look_up_is_offered_on_the_queue_page(client, ktp):
    page = client.get(LOCATIONS).content.decode()
    assert f'action="{FIND}"' in page and 'name="kode"' in page


def test_the_look_up_shares_the_code_lookup_limit(client, ktp, monkeypatch):
    from tanggap.core.throttles import RATES

    monkeypatch.setitem(RATES, "code_lookup", "3/minute")
    cache.clear()
    statuses = [client.get(FIND, {"kode": f"ZZZZ999{n}"}).status_code for n in range(4)]
    assert statuses == [404, 404, 404, 429]


def test_forgetting_a_ticket_removes_it_from_this_browser_only(client, ktp):
    ticket = book_through_the_page(client, ktp)
    forget = reverse("queueing:ticket_forget", args=[ticket.code])
    assert client.get(forget).status_code == 405
    response = client.post(forget)
    assert response.status_code == 302
    assert client.get(LOCATIONS).context["tickets"] == []
    assert Ticket.objects.filter(pk=ticket.pk).exists()
    assert client.get(reverse("queueing:ticket", args=[ticket.code])).status_code == 200


def test_a_remembered_code_whose_ticket_is_gone_is_left_out(client, ktp):
    session = client.session
    session["queueing_tickets"] = ["GONE2345", 42, None]
    session.save()
    response = client.get(LOCATIONS)
    assert response.status_code == 200 and response.context["tickets"] == []


def test_your_tickets_cost_one_query_however_many(client, ktp, django_assert_max_num_queries):
    codes = [book(ktp, h, contact_phone=f"0812000000{h:02d}").code for h in (10, 11, 13, 14)]
    codes += [book(ktp, h, day=24, contact_phone=f"0813000000{h:02d}").code for h in (9, 10)]
    session = client.session
    session["queueing_tickets"] = codes
    session.save()
    client.get(LOCATIONS)
    with django_assert_max_num_queries(6):
        response = client.get(LOCATIONS)
    assert len(response.context["tickets"]) == 6


# --- a service page's "Ambil antrean" -------------------------------------------------------------


def test_the_places_of_one_service_lead_straight_to_its_booking(client, ktp, region):
    elsewhere = QueueServiceFactory(service=ktp.service, location__region=region, prefix="A")
    QueueServiceFactory(location=elsewhere.location, prefix="B")  # another service there
    response = client.get(LOCATIONS, {"layanan": ktp.service.pk})
    assert response.status_code == 200
    assert {qs.pk for qs in response.context["booking_places"]} == {ktp.pk, elsewhere.pk}
    page = response.content.decode()
    assert f"Pilih lokasi untuk {ktp.service.name}" in page
    booking = reverse("queueing:book_slots", args=[elsewhere.pk])
    assert f'href="{booking}"' in page
    slots = client.get(booking)
    assert slots.status_code == 200 and slots.context["queue_service"] == elsewhere


def test_the_places_of_one_service_can_be_searched(client, ktp, region):
    elsewhere = QueueServiceFactory(service=ktp.service, location__region=region, prefix="A")
    wanted = elsewhere.location.name[-3:]
    response = client.get(LOCATIONS, {"layanan": ktp.service.pk, "q": wanted})
    assert [qs.pk for qs in response.context["booking_places"]] == [elsewhere.pk]


@pytest.mark.parametrize("value", ["999999", "abc", "", "12345678901", "-1", "１２"])
def test_an_unknown_service_gets_a_message_and_every_place(client, ktp, value):
    response = client.get(LOCATIONS, {"layanan": value})
    assert response.status_code == 200
    assert "tidak dapat dipesan daring" in response.content.decode()
    assert ktp.location in list(response.context["locations"])


def test_a_service_closed_to_bookings_is_not_offered(client, ktp):
    ktp.allow_booking = False
    ktp.save()
    response = client.get(LOCATIONS, {"layanan": ktp.service.pk})
    assert response.context["service"] is None
