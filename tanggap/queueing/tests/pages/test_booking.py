"""The citizen's pages: find a location, book a slot, follow, print, move or cancel the ticket."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tanggap.queueing import services
from tanggap.queueing.models import QueueSettings, Ticket
from tanggap.queueing.tests.factories import book, slot_of

WIB = ZoneInfo("Asia/Jakarta")
S = Ticket.Status
VALID_NIK = "3505014107900001"


def booking_url(qs, hour, minute=0, day=23) -> str:
    return reverse("queueing:book_contact", args=[qs.pk, f"202611{day:02d}{hour:02d}{minute:02d}"])


def test_locations_page_lists_locations_with_queues(client, location, ktp):
    response = client.get(reverse("queueing:locations"))
    assert response.status_code == 200
    assert location.name in response.content.decode()


def test_locations_page_hides_a_location_whose_queue_is_disabled(client, location, ktp):
    QueueSettings.objects.create(location=location, region=location.region, is_enabled=False)
    assert location.name not in client.get(reverse("queueing:locations")).content.decode()
    assert client.get(reverse("queueing:location", args=[location.pk])).status_code == 404


def test_location_page_lists_its_bookable_services(client, location, ktp, kk):
    kk.allow_booking = False
    kk.save()
    page = client.get(reverse("queueing:location", args=[location.pk])).content.decode()
    assert reverse("queueing:book_slots", args=[ktp.pk]) in page
    assert reverse("queueing:book_slots", args=[kk.pk]) not in page


def test_slot_page_offers_only_future_free_slots_on_working_days(client, ktp):
    book(ktp, 10, contact_phone="081200000001")
    book(ktp, 10, contact_phone="081200000002")
    response = client.get(reverse("queueing:book_slots", args=[ktp.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert booking_url(ktp, 9, 30) in page
    assert booking_url(ktp, 8, 30) not in page  # already past
    assert booking_url(ktp, 10) not in page  # full
    assert "penuh" in page
    days = [d.isoformat() for d in response.context["days"]]
    assert "2026-11-28" not in days and "2026-11-24" in days  # Saturday is not a working day


def test_slot_page_for_another_day(client, ktp):
    response = client.get(reverse("queueing:book_slots", args=[ktp.pk]), {"tanggal": "2026-11-24"})
    assert response.context["day"] == dt.date(2026, 11, 24)
    assert booking_url(ktp, 8, 0, day=24) in response.content.decode()


def test_slot_page_ignores_a_day_outside_the_horizon(client, ktp):
    response = client.get(reverse("queueing:book_slots", args=[ktp.pk]), {"tanggal": "2027-05-01"})
    assert response.status_code == 200
    assert response.context["day"] == dt.date(2026, 11, 23)


def test_slot_page_opens_on_the_next_day_with_a_free_slot_after_closing(
    client, ktp, monday_morning
):
    monday_morning.move_to(dt.datetime(2026, 11, 23, 14, 45, tzinfo=WIB))
    response = client.get(reverse("queueing:book_slots", args=[ktp.pk]))
    assert response.context["day"] == dt.date(2026, 11, 24)
    assert booking_url(ktp, 8, 0, day=24) in response.content.decode()


def test_a_full_slot_offers_another_time_instead_of_the_form(client, ktp):
    book(ktp, 10, contact_phone="081200000001")
    book(ktp, 10, contact_phone="081200000002")
    page = client.get(booking_url(ktp, 10)).content.decode()
    assert "sudah penuh" in page and 'name="contact_name"' not in page


def test_booking_creates_a_ticket_and_opens_its_page(client, ktp):
    response = client.post(
        booking_url(ktp, 10, 30),
        {
            "contact_name": "Siti Rahayu",
            "contact_phone": "0812 3456 7890",
            "nik": VALID_NIK,
            "priority": "hamil",
        },
    )
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("queueing:ticket", args=[ticket.code])
    assert ticket.status == S.BOOKED and ticket.slot_start == slot_of(10, 30)
    assert ticket.contact_phone == "6281234567890" and ticket.priority == "hamil"
    assert ticket.nik_masked == "3505**********01"


@pytest.mark.parametrize(
    ("nik", "message"),
    [("12345", "16 angka"), ("9905014107900001", "Kode wilayah"), ("3505019913900001", "Tanggal")],
)
def test_booking_with_a_bad_nik_shows_the_message_and_creates_nothing(client, ktp, nik, message):
    response = client.post(booking_url(ktp, 10), {"contact_name": "A", "nik": nik})
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["nik"])
    assert message in response.content.decode()
    assert not Ticket.objects.exists()


def test_booking_a_full_slot_shows_the_message_and_creates_nothing(client, ktp):
    book(ktp, 10, contact_phone="081200000001")
    book(ktp, 10, contact_phone="081200000002")
    response = client.post(
        booking_url(ktp, 10), {"contact_name": "C", "contact_phone": "0812000003"}
    )
    assert response.status_code == 200
    assert "sudah penuh" in response.content.decode()
    assert Ticket.objects.count() == 2


def test_a_second_booking_for_the_same_service_and_day_is_refused(client, ktp):
    book(ktp, 10, nik=VALID_NIK, contact_phone="")
    response = client.post(booking_url(ktp, 13), {"contact_name": "Lagi", "nik": VALID_NIK})
    assert "sudah memiliki pemesanan aktif" in response.content.decode()
    assert Ticket.objects.count() == 1


def test_booking_needs_a_way_to_recognise_the_citizen(client, ktp):
    response = client.post(booking_url(ktp, 10), {"contact_name": "Tanpa Kontak"})
    assert "Isi nomor HP, surel, atau NIK" in response.content.decode()
    assert not Ticket.objects.exists()


def test_booking_a_past_slot_is_refused(client, ktp):
    response = client.post(booking_url(ktp, 8), {"contact_name": "A", "contact_phone": "081299"})
    assert response.status_code == 200
    assert not Ticket.objects.exists()


@pytest.mark.parametrize("slot", ["kemarin", "202613010900", "20261123"])
def test_a_malformed_slot_is_not_found(client, ktp, slot):
    response = client.get(reverse("queueing:book_contact", args=[ktp.pk, slot]))
    assert response.status_code == 404


def test_a_service_closed_to_bookings_cannot_be_booked(client, ktp):
    ktp.allow_booking = False
    ktp.save()
    assert client.get(reverse("queueing:book_slots", args=[ktp.pk])).status_code == 404
    assert client.post(booking_url(ktp, 10), {"contact_name": "A"}).status_code == 404


# --- the ticket page ---------------------------------------------------------------------------


def test_ticket_page_shows_position_wait_what_to_bring_and_the_qr(client, ktp, counter):
    services.ticket_walk_in(queue_service=ktp)
    mine = services.ticket_walk_in(queue_service=ktp)
    response = client.get(reverse("queueing:ticket", args=[mine.code]))
    page = response.content.decode()
    assert response.status_code == 200
    assert mine.number in page and "Menunggu dipanggil" in page
    assert response.context["status"].position == 2
    assert response.context["status"].ahead == 1
    assert response.context["status"].estimated_wait_minutes == 10
    assert "Fotokopi KK" in page and "Surat pengantar" in page
    assert '<svg role="img"' in page and 'class="qr-code"' in page
    assert f"/antrean/tiket/{mine.code}/" in page
    assert reverse("queueing:ticket_live", args=[mine.code]) in page  # htmx polling


def test_a_booked_ticket_has_no_number_yet(client, ktp):
    ticket = book(ktp)
    page = client.get(reverse("queueing:ticket", args=[ticket.code])).content.decode()
    assert "belum check-in" in page
    assert reverse("queueing:ticket_reschedule", args=[ticket.code]) in page


def test_ticket_page_shows_the_counter_when_called(client, ktp, counter, front_desk_a):
    ticket = services.ticket_walk_in(queue_service=ktp)
    services.counter_call_next(counter=counter, actor=front_desk_a)
    page = client.get(reverse("queueing:ticket_live", args=[ticket.code])).content.decode()
    assert "Anda dipanggil" in page and "Loket 1" in page


def test_a_finished_ticket_stops_polling(client, ktp, counter, front_desk_a):
    ticket = services.ticket_walk_in(queue_service=ktp)
    services.counter_call_next(counter=counter, actor=front_desk_a)
    services.ticket_start(ticket=ticket, actor=front_desk_a)
    services.ticket_finish(ticket=ticket, actor=front_desk_a)
    page = client.get(reverse("queueing:ticket_live", args=[ticket.code])).content.decode()
    assert "Selesai dilayani" in page and "hx-get" not in page


def test_a_transferred_ticket_links_to_the_new_one(client, ktp, kk, counter, front_desk_a):
    ticket = services.ticket_walk_in(queue_service=ktp)
    services.counter_call_next(counter=counter, actor=front_desk_a)
    new = services.ticket_transfer(ticket=ticket, actor=front_desk_a, to_queue_service=kk)
    page = client.get(reverse("queueing:ticket", args=[ticket.code])).content.decode()
    assert reverse("queueing:ticket", args=[new.code]) in page


def test_unknown_ticket_code_is_not_found(client, ktp):
    assert client.get(reverse("queueing:ticket", args=["ZZZZZZZZ"])).status_code == 404
    assert client.get(reverse("queueing:ticket_live", args=["ZZZZZZZZ"])).status_code == 404


def test_ticket_live_partial_has_a_bounded_number_of_queries(
    client, ktp, counter, django_assert_max_num_queries
):
    for _ in range(20):
        services.ticket_walk_in(queue_service=ktp)
    last = services.ticket_walk_in(queue_service=ktp, priority="lansia")
    with django_assert_max_num_queries(7):
        response = client.get(reverse("queueing:ticket_live", args=[last.code]))
    assert response.status_code == 200


def test_print_layout_has_the_number_and_a_png_qr(client, ktp):
    ticket = services.ticket_walk_in(queue_service=ktp)
    response = client.get(reverse("queueing:ticket_print", args=[ticket.code]))
    page = response.content.decode()
    assert response.status_code == 200
    assert ticket.number in page and 'src="data:image/png;base64,' in page
    assert "print.css" in page


def test_reschedule_moves_the_booking(client, ktp):
    ticket = book(ktp, 10)
    page = client.get(reverse("queueing:ticket_reschedule", args=[ticket.code]))
    assert page.status_code == 200
    response = client.post(
        reverse("queueing:ticket_reschedule", args=[ticket.code]), {"slot": "202611231300"}
    )
    assert response.status_code == 302
    assert Ticket.objects.get(pk=ticket.pk).slot_start == slot_of(13)


def test_reschedule_to_a_full_slot_shows_the_message_and_changes_nothing(client, ktp):
    ticket = book(ktp, 10, contact_phone="081200000001")
    book(ktp, 13, contact_phone="081200000002")
    book(ktp, 13, contact_phone="081200000003")
    response = client.post(
        reverse("queueing:ticket_reschedule", args=[ticket.code]), {"slot": "202611231300"}
    )
    assert response.status_code == 400
    assert "sudah penuh" in response.content.decode()
    assert Ticket.objects.get(pk=ticket.pk).slot_start == slot_of(10)


def test_reschedule_without_a_slot_changes_nothing(client, ktp):
    ticket = book(ktp, 10)
    response = client.post(reverse("queueing:ticket_reschedule", args=[ticket.code]), {"slot": "x"})
    assert response.status_code == 400
    assert Ticket.objects.get(pk=ticket.pk).slot_start == slot_of(10)


def test_citizen_cancels_a_booking_from_the_ticket_page(client, ktp, citizen):
    ticket = book(ktp)
    assert client.get(reverse("queueing:ticket_cancel", args=[ticket.code])).status_code == 200
    client.force_login(citizen)  # a signed-in citizen cancels with the code too
    response = client.post(reverse("queueing:ticket_cancel", args=[ticket.code]))
    assert response.status_code == 302
    assert Ticket.objects.get(pk=ticket.pk).status == S.CANCELLED


def test_a_finished_ticket_cannot_be_cancelled(client, ktp):
    ticket = book(ktp)
    services.ticket_cancel(ticket=ticket)
    response = client.post(reverse("queueing:ticket_cancel", args=[ticket.code]), follow=True)
    assert "tidak dapat dibatalkan" in response.content.decode()
