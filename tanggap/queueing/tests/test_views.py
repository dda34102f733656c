"""Queue pages: booking, the ticket page, kiosk, counter screen, display board and configuration."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.catalog.tests.factories import StandardVersionFactory
from tanggap.core.models import AuditEvent
from tanggap.queueing import services
from tanggap.queueing.models import Counter, QueueService, QueueSettings, Ticket
from tanggap.queueing.tests.factories import CounterFactory, LocationFactory, QueueServiceFactory
from tanggap.queueing.views.kiosk import LOCK_COOKIE

WIB = ZoneInfo("Asia/Jakarta")
MONDAY_9 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=WIB)
S = Ticket.Status
VALID_NIK = "3505014107900001"
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(MONDAY_9, tick=False) as traveller:
        yield traveller


@pytest.fixture
def location(unit_a):
    """Unit A serves citizens from 08:00 to 15:00 on weekdays."""
    unit_a.kind = "kecamatan"
    unit_a.work_start, unit_a.work_end = dt.time(8, 0), dt.time(15, 0)
    unit_a.save()
    return unit_a


@pytest.fixture
def ktp(location):
    qs = QueueServiceFactory(location=location, prefix="A", capacity_per_slot=2)
    StandardVersionFactory(
        service=qs.service, status="enacted", requirements=["Fotokopi KK", "Surat pengantar"]
    )
    return qs


@pytest.fixture
def kk(location):
    return QueueServiceFactory(location=location, prefix="B")


@pytest.fixture
def counter(location, ktp, kk):
    return CounterFactory(location=location, name="Loket 1", services=[ktp, kk])


@pytest.fixture
def other_front_desk(region):
    user = UserFactory(username="loket_lain")
    RoleAssignmentFactory(user=user, role=Role.FRONT_DESK, unit=LocationFactory(region=region))
    return user


def slot_of(hour: int, minute: int = 0, day: int = 23) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=WIB)


def booking_url(qs, hour, minute=0, day=23) -> str:
    return reverse("queueing:book_contact", args=[qs.pk, f"202611{day:02d}{hour:02d}{minute:02d}"])


def book(qs, hour=10, minute=0, day=23, **contact) -> Ticket:
    contact.setdefault("contact_name", "Warga")
    contact.setdefault("contact_phone", "081200000001")
    return services.booking_create(
        queue_service=qs, slot_start=slot_of(hour, minute, day), **contact
    )


# --- booking -----------------------------------------------------------------------------------


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


# --- kiosk -------------------------------------------------------------------------------------


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


# --- counter screen ----------------------------------------------------------------------------


def test_counter_pages_need_sign_in(client, counter):
    for url in (reverse("queueing:counter_picker"), reverse("queueing:counter", args=[counter.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/akun/" in response["Location"]


@pytest.mark.parametrize("persona", ["front_desk_a", "head_a", "unit_admin_a", "region_admin"])
def test_counter_screen_opens_for_the_locations_staff(client, request, counter, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("queueing:counter_picker")).status_code == 200
    assert client.get(reverse("queueing:counter", args=[counter.pk])).status_code == 200


@pytest.mark.parametrize("persona", ["citizen", "other_front_desk", "handler_b"])
def test_counter_screen_refuses_others(client, request, counter, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("queueing:counter", args=[counter.pk])).status_code == 403
    response = client.post(reverse("queueing:counter_action", args=[counter.pk, "panggil"]))
    assert response.status_code == 403


def test_counter_picker_lists_only_the_officers_counters(client, region, counter, front_desk_a):
    CounterFactory(location=LocationFactory(region=region), name="Loket Lain")
    client.force_login(front_desk_a)
    response = client.get(reverse("queueing:counter_picker"))
    assert [c.pk for c in response.context["counters"]] == [counter.pk]


def test_picker_refuses_a_user_with_no_counter(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("queueing:counter_picker")).status_code == 403


def test_counter_screen_shows_the_waiting_list_with_priority_marked(
    client, ktp, counter, front_desk_a
):
    services.ticket_walk_in(queue_service=ktp)
    services.ticket_walk_in(queue_service=ktp, priority="disabilitas")
    client.force_login(front_desk_a)
    response = client.get(reverse("queueing:counter", args=[counter.pk]))
    page = response.content.decode()
    assert [t.number for t in response.context["waiting"]] == ["A-002", "A-001"]
    assert "Penyandang disabilitas" in page and 'class="q-prio"' in page
    assert reverse("queueing:counter_waiting", args=[counter.pk]) in page


def test_counter_screen_has_a_bounded_number_of_queries(
    client, ktp, kk, counter, front_desk_a, django_assert_max_num_queries
):
    for n in range(15):
        services.ticket_walk_in(
            queue_service=ktp if n % 2 else kk, priority="hamil" if n % 5 == 0 else ""
        )
    services.counter_call_next(counter=counter, actor=front_desk_a)
    client.force_login(front_desk_a)
    client.get(reverse("queueing:counter", args=[counter.pk]))  # session and roles warmed up
    with django_assert_max_num_queries(13):
        response = client.get(reverse("queueing:counter", args=[counter.pk]))
    assert len(response.context["waiting"]) == 14
    with django_assert_max_num_queries(10):
        client.get(reverse("queueing:counter_waiting", args=[counter.pk]))


def _act(client, counter, action, **data):
    return client.post(reverse("queueing:counter_action", args=[counter.pk, action]), data)


def test_counter_actions_move_the_ticket_through_its_day(client, ktp, counter, front_desk_a):
    ticket = services.ticket_walk_in(queue_service=ktp)
    client.force_login(front_desk_a)
    assert _act(client, counter, "panggil").status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == S.CALLED and ticket.counter == counter
    _act(client, counter, "panggil-ulang", ticket=ticket.code)
    ticket.refresh_from_db()
    assert ticket.call_count == 2
    _act(client, counter, "mulai", ticket=ticket.code)
    assert Ticket.objects.get(pk=ticket.pk).status == S.SERVING
    response = _act(client, counter, "selesai", ticket=ticket.code)
    assert Ticket.objects.get(pk=ticket.pk).status == S.DONE
    page = client.get(response["Location"]).content.decode()
    assert f"{ticket.number} selesai dilayani" in page


def test_htmx_actions_answer_with_the_refreshed_panel(client, ktp, counter, front_desk_a):
    ticket = services.ticket_walk_in(queue_service=ktp)
    client.force_login(front_desk_a)
    response = client.post(
        reverse("queueing:counter_action", args=[counter.pk, "panggil"]), headers=HTMX
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.startswith('<div id="counter-main"') and f"Memanggil {ticket.number}" in page
    assert "<html" not in page


def test_calling_with_nobody_waiting_says_so(client, counter, front_desk_a):
    client.force_login(front_desk_a)
    response = _act(client, counter, "panggil")
    assert "Tidak ada warga yang menunggu" in client.get(response["Location"]).content.decode()


def test_no_show_is_refused_during_the_grace_period(
    client, ktp, counter, front_desk_a, monday_morning
):
    ticket = services.ticket_walk_in(queue_service=ktp)
    client.force_login(front_desk_a)
    _act(client, counter, "panggil")
    page = client.get(reverse("queueing:counter", args=[counter.pk])).content.decode()
    assert 'disabled id="no-show"' in page and "10 menit" in page
    response = client.post(
        reverse("queueing:counter_action", args=[counter.pk, "tidak-hadir"]),
        {"ticket": ticket.code},
        headers=HTMX,
    )
    assert "masa tunggu 10 menit" in response.content.decode()
    assert Ticket.objects.get(pk=ticket.pk).status == S.CALLED
    monday_morning.shift(10 * 60 + 1)
    _act(client, counter, "tidak-hadir", ticket=ticket.code)
    assert Ticket.objects.get(pk=ticket.pk).status == S.NO_SHOW


def test_an_action_on_a_ticket_no_longer_at_the_counter_changes_nothing(
    client, ktp, counter, front_desk_a
):
    ticket = services.ticket_walk_in(queue_service=ktp)
    client.force_login(front_desk_a)
    _act(client, counter, "panggil")
    response = client.post(
        reverse("queueing:counter_action", args=[counter.pk, "selesai"]),
        {"ticket": "ZZZZZZZZ"},
        headers=HTMX,
    )
    assert "sudah tidak aktif" in response.content.decode()
    assert Ticket.objects.get(pk=ticket.pk).status == S.CALLED


def test_transfer_sends_the_citizen_to_another_service(client, ktp, kk, counter, front_desk_a):
    ticket = services.ticket_walk_in(queue_service=ktp)
    client.force_login(front_desk_a)
    _act(client, counter, "panggil")
    _act(client, counter, "alihkan", ticket=ticket.code, to_queue_service=kk.pk, note="Perlu KK")
    assert Ticket.objects.get(pk=ticket.pk).status == S.TRANSFERRED
    new = Ticket.objects.get(transferred_from=ticket)
    assert new.queue_service == kk and new.status == S.WAITING


def test_transfer_without_a_target_shows_the_message(client, ktp, counter, front_desk_a):
    ticket = services.ticket_walk_in(queue_service=ktp)
    client.force_login(front_desk_a)
    _act(client, counter, "panggil")
    response = _act(client, counter, "alihkan", ticket=ticket.code)
    assert response.status_code == 400
    assert "Pilih layanan atau loket tujuan" in response.content.decode()
    assert Ticket.objects.get(pk=ticket.pk).status == S.CALLED


def test_officer_checks_in_a_booking_by_code(client, ktp, counter, front_desk_a):
    ticket = book(ktp, 9, 30)
    client.force_login(front_desk_a)
    response = client.post(
        reverse("queueing:counter_action", args=[counter.pk, "check-in"]),
        {"code": ticket.code},
        headers=HTMX,
    )
    assert "nomor A-001" in response.content.decode()
    assert Ticket.objects.get(pk=ticket.pk).status == S.WAITING


def test_officer_check_in_with_a_bad_code_shows_the_message(client, ktp, counter, front_desk_a):
    client.force_login(front_desk_a)
    response = _act(client, counter, "check-in", code="12")
    assert response.status_code == 400
    assert "8 huruf/angka" in response.content.decode()


def test_officer_closes_and_opens_the_counter(client, ktp, counter, front_desk_a):
    client.force_login(front_desk_a)
    _act(client, counter, "tutup")
    assert Counter.objects.get(pk=counter.pk).is_open is False
    services.ticket_walk_in(queue_service=ktp)
    page = client.get(_act(client, counter, "panggil")["Location"]).content.decode()
    assert "sedang tutup" in page
    _act(client, counter, "buka")
    assert Counter.objects.get(pk=counter.pk).is_open is True


def test_unknown_counter_action_is_not_found(client, counter, front_desk_a):
    client.force_login(front_desk_a)
    assert _act(client, counter, "hapus-semua").status_code == 404


# --- display board -----------------------------------------------------------------------------


def test_board_shows_called_tickets_and_their_counters(
    client, location, ktp, counter, front_desk_a
):
    second = CounterFactory(location=location, name="Loket 2", services=[ktp])
    first = services.ticket_walk_in(queue_service=ktp)
    later = services.ticket_walk_in(queue_service=ktp)
    services.ticket_walk_in(queue_service=ktp)
    services.counter_call_next(counter=counter, actor=front_desk_a)
    time_machine.travel(MONDAY_9 + dt.timedelta(minutes=1), tick=False).start()
    services.counter_call_next(counter=second, actor=front_desk_a)
    response = client.get(reverse("queueing:board", args=[location.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["latest"].pk == later.pk  # the latest call is highlighted
    assert [t.pk for t in response.context["others"]] == [first.pk]
    assert "Loket 2" in page and "Loket 1" in page and "1 orang menunggu" in page
    assert reverse("queueing:board_live", args=[location.pk]) in page and "board.js" in page


def test_board_chime_follows_the_setting_unless_the_address_says_otherwise(client, location, ktp):
    url = reverse("queueing:board", args=[location.pk])
    assert 'data-chime="1"' in client.get(url).content.decode()
    assert 'data-chime="0"' in client.get(url, {"bunyi": "0"}).content.decode()
    QueueSettings.objects.create(location=location, region=location.region, display_chime=False)
    assert 'data-chime="0"' in client.get(url).content.decode()
    assert 'data-chime="1"' in client.get(url, {"bunyi": "1"}).content.decode()


def test_reading_pages_never_save_queue_settings(client, location, ktp, counter, head_a):
    """A location without saved settings reads the defaults; only the settings form saves them."""
    ticket = book(ktp, 10)
    pages = [
        reverse("queueing:board", args=[location.pk]),
        reverse("queueing:kiosk", args=[location.pk]),
        reverse("queueing:book_slots", args=[ktp.pk]),
        reverse("queueing:ticket", args=[ticket.code]),
        reverse("queueing:config_location", args=[location.pk]),
        reverse("queueing:config_settings", args=[location.pk]),
        reverse("queueing:counter", args=[counter.pk]),
    ]
    client.force_login(head_a)
    for url in pages:
        assert client.get(url).status_code == 200, url
    assert not QueueSettings.objects.exists()


def test_board_live_partial_has_a_bounded_number_of_queries(
    client, location, ktp, kk, counter, front_desk_a, django_assert_max_num_queries
):
    for n in range(3):
        c = CounterFactory(location=location, name=f"Loket {n + 2}", services=[ktp, kk])
        services.ticket_walk_in(queue_service=ktp if n % 2 else kk)
        services.counter_call_next(counter=c, actor=front_desk_a)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("queueing:board_live", args=[location.pk]))
    assert len(response.context["called"]) == 3


# --- configuration pages -----------------------------------------------------------------------


def config_urls(location, qs, counter):
    return [
        reverse("queueing:config_list"),
        reverse("queueing:config_location", args=[location.pk]),
        reverse("queueing:config_settings", args=[location.pk]),
        reverse("queueing:config_service_add", args=[location.pk]),
        reverse("queueing:config_service_edit", args=[location.pk, qs.pk]),
        reverse("queueing:config_counter_add", args=[location.pk]),
        reverse("queueing:config_counter_edit", args=[location.pk, counter.pk]),
    ]


@pytest.mark.parametrize("persona", ["head_a", "unit_admin_a", "region_admin"])
def test_configuration_pages_open_for_the_locations_managers(
    client, request, location, ktp, counter, persona
):
    client.force_login(request.getfixturevalue(persona))
    for url in config_urls(location, ktp, counter):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["front_desk_a", "citizen", "other_front_desk", "handler_b"])
def test_configuration_pages_refuse_others(client, request, location, ktp, counter, persona):
    client.force_login(request.getfixturevalue(persona))
    for url in config_urls(location, ktp, counter):
        assert client.get(url).status_code == 403, url
    response = client.post(config_urls(location, ktp, counter)[2], {"slot_minutes": 15})
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action__startswith="queue.").exists()


def test_configuration_needs_sign_in(client, location, ktp, counter):
    for url in config_urls(location, ktp, counter):
        assert client.get(url).status_code == 302


SETTINGS_POST = {
    "is_enabled": "on",
    "slot_minutes": "15",
    "booking_horizon_days": "7",
    "no_show_grace_minutes": "5",
    "late_check_in_minutes": "20",
    "notify_when_ahead": "2",
}


def test_settings_form_saves_and_is_audited(client, location, ktp, head_a):
    client.force_login(head_a)
    response = client.post(reverse("queueing:config_settings", args=[location.pk]), SETTINGS_POST)
    assert response.status_code == 302
    conf = QueueSettings.objects.get(location=location)
    assert (conf.slot_minutes, conf.booking_horizon_days, conf.display_chime) == (15, 7, False)
    event = AuditEvent.objects.get(action="queue.settings.updated")
    assert event.after["slot_minutes"] == 15 and event.actor == head_a


def test_settings_form_with_a_bad_value_changes_nothing(client, location, ktp, head_a):
    client.force_login(head_a)
    response = client.post(
        reverse("queueing:config_settings", args=[location.pk]),
        {**SETTINGS_POST, "slot_minutes": "1"},
    )
    assert response.status_code == 200
    assert "Belum ada yang disimpan" in response.content.decode()
    assert not QueueSettings.objects.filter(location=location, slot_minutes=1).exists()
    assert not AuditEvent.objects.exists()


def test_adding_a_queued_service_with_a_taken_prefix_shows_the_message(
    client, location, ktp, unit_admin_a
):
    from tanggap.catalog.tests.factories import ServiceFactory

    service = ServiceFactory(unit=location, region=location.region)
    client.force_login(unit_admin_a)
    data = {
        "service": service.pk,
        "prefix": "a",
        "capacity_per_slot": 3,
        "default_service_minutes": 12,
        "allow_booking": "on",
        "order": 1,
    }
    url = reverse("queueing:config_service_add", args=[location.pk])
    response = client.post(url, data)
    assert "sudah dipakai" in response.content.decode()
    assert not QueueService.objects.filter(service=service).exists()
    response = client.post(url, {**data, "prefix": "kk"})
    assert response.status_code == 302
    created = QueueService.objects.get(service=service)
    assert created.prefix == "KK" and created.allow_walk_in is False


def test_counter_form_creates_a_counter_for_chosen_services(client, location, ktp, kk, head_a):
    client.force_login(head_a)
    response = client.post(
        reverse("queueing:config_counter_add", args=[location.pk]),
        {"name": "Loket Prioritas", "services": [kk.pk], "is_open": "on", "order": 3},
    )
    assert response.status_code == 302
    counter = Counter.objects.get(name="Loket Prioritas")
    assert list(counter.services.all()) == [kk] and counter.is_open
    assert AuditEvent.objects.filter(action="queue.counter.created").exists()


def test_counter_form_without_services_shows_the_message(client, location, ktp, head_a):
    client.force_login(head_a)
    response = client.post(
        reverse("queueing:config_counter_add", args=[location.pk]), {"name": "Loket 9", "order": 1}
    )
    assert response.status_code == 200
    assert not Counter.objects.filter(name="Loket 9").exists()


# --- content security policy -------------------------------------------------------------------


def test_pages_need_no_inline_script_style_or_handler(client, location, ktp, counter, head_a):
    """The CSP is 'self' only: scripts come from static files, no style= and no onclick=."""
    import re

    ticket = services.ticket_walk_in(queue_service=ktp)
    booked = book(ktp, 11)
    public = [
        reverse("queueing:locations"),
        reverse("queueing:book_slots", args=[ktp.pk]),
        booking_url(ktp, 10),
        reverse("queueing:ticket", args=[ticket.code]),
        reverse("queueing:ticket", args=[booked.code]),
        reverse("queueing:ticket_print", args=[ticket.code]) + "?otomatis=1&kembali=kiosk",
        reverse("queueing:kiosk", args=[location.pk]),
        reverse("queueing:kiosk_ticket", args=[location.pk, ticket.code]),
        reverse("queueing:board", args=[location.pk]),
    ]
    client.force_login(head_a)
    services.counter_call_next(counter=counter, actor=head_a)
    staff = [reverse("queueing:counter", args=[counter.pk]), *config_urls(location, ktp, counter)]
    for url in public + staff:
        page = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), url
        assert not re.search(r"\sstyle=", page), url
        assert not re.search(r"\son[a-z]+=", page), url
        assert "hx-on" not in page and "javascript:" not in page, url


@pytest.mark.django_db
def test_booking_form_posts_share_the_api_booking_limit(client, monkeypatch):
    from django.core.cache import cache

    from tanggap.queueing.api import throttles

    cache.clear()
    monkeypatch.setitem(throttles.RATES, "queue_booking", "1/minute")
    monkeypatch.setattr(
        throttles.api_settings,
        "DEFAULT_THROTTLE_RATES",
        {"anon": "1000/minute", "user": "1000/minute"},
    )
    url = "/antrean/tiket/TIDAKADA/batal/"
    first = client.post(url)
    second = client.post(url)
    assert first.status_code != 429
    assert second.status_code == 429
    assert "Terlalu banyak permintaan" in second.content.decode()
    cache.clear()
