"""The front desk's counter screen: who may open it, the waiting list, every action, htmx panels."""

import pytest
from django.urls import reverse

from tanggap.queueing import services
from tanggap.queueing.models import Counter, Ticket
from tanggap.queueing.tests.factories import CounterFactory, LocationFactory, book

S = Ticket.Status
HTMX = {"HX-Request": "true"}


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
