"""Queue configuration pages, and what every queue page keeps to: no inline script or style, the
API's booking limit on form posts."""

import re

import pytest
from django.urls import reverse

from tanggap.core.models import AuditEvent
from tanggap.queueing import services
from tanggap.queueing.models import Counter, QueueService, QueueSettings
from tanggap.queueing.tests.factories import book


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

    ticket = services.ticket_walk_in(queue_service=ktp)
    booked = book(ktp, 11)
    public = [
        reverse("queueing:locations"),
        reverse("queueing:book_slots", args=[ktp.pk]),
        reverse("queueing:book_contact", args=[ktp.pk, "202611231000"]),
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
