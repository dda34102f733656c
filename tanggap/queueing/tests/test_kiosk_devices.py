"""Walk-in tickets come only from a registered kiosk of the location (issue 9, defect 12): the API needs
`Authorization: Kiosk <token>`, the kiosk page a browser paired with the token; a kiosk of another
location, a revoked or unknown token and anonymous callers get 403 and no ticket; each kiosk has its own
rate limit. Unit admins register and revoke their own locations' kiosks; the token is shown once and
stored only as a hash. Booking online stays open to everyone."""

import datetime as dt
import hashlib
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.models import AuditEvent
from tanggap.queueing import services
from tanggap.queueing.api import throttles
from tanggap.queueing.api.kiosk_auth import COOKIE as KIOSK_COOKIE
from tanggap.queueing.models import KioskDevice, Ticket
from tanggap.queueing.tests.factories import (
    QueueServiceFactory,
    kiosk_with_token,
    open_as_kecamatan_office,
    slot_of,
)

MONDAY_9 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
API = "/api/queue"


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(MONDAY_9, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()  # throttle history lives in the cache
    yield
    cache.clear()


@pytest.fixture
def location(unit_a):
    return open_as_kecamatan_office(unit_a)


@pytest.fixture
def ktp(location):
    return QueueServiceFactory(location=location, prefix="A")


@pytest.fixture
def elsewhere(unit_b):
    """Another kecamatan office of the region, with its own queue."""
    place = open_as_kecamatan_office(unit_b)
    QueueServiceFactory(location=place, prefix="A")
    return place


@pytest.fixture
def admin_b(elsewhere):
    """The unit admin of the other office: must not see or revoke this office's kiosks."""
    user = UserFactory(username="admin_b")
    RoleAssignmentFactory(user=user, role=Role.UNIT_ADMIN, unit=elsewhere)
    return user


def walk_in_url(place) -> str:
    return f"{API}/locations/{place.pk}/tickets/"


def as_kiosk(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Kiosk {token}")
    return client


def pair(client, token: str):
    return client.post(reverse("queueing:kiosk_pair"), {"token": token})


# --- the API -------------------------------------------------------------------------------------


def test_an_anonymous_walk_in_is_refused_with_403_and_makes_no_ticket(location, ktp):
    response = APIClient().post(walk_in_url(location), {"service": ktp.pk}, format="json")
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "kiosk_required"
    assert "kiosk" in body["message"] and "Authorization: Kiosk" in body["message"]
    assert not Ticket.objects.exists()


def test_a_signed_in_officer_without_a_kiosk_token_cannot_mint_tickets_either(
    location, ktp, unit_admin_a
):
    client = APIClient()
    client.force_login(unit_admin_a)
    response = client.post(walk_in_url(location), {"service": ktp.pk}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "kiosk_required"
    assert not Ticket.objects.exists()


@pytest.mark.parametrize(
    "header",
    [
        "Kiosk tidak-ada-token-seperti-ini-0001",
        "Kiosk",
        "Kiosk dua kata",
        "Kiosk pendek",
        "kiosk tidak-ada-token-seperti-ini-0002",
    ],
)
def test_an_unknown_or_malformed_kiosk_token_is_refused(location, ktp, header):
    kiosk_with_token(location)  # a real kiosk exists; the header names none
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.post(walk_in_url(location), {"service": ktp.pk}, format="json")
    assert response.status_code == 403
    assert response.json() == {
        "code": "kiosk_invalid",
        "message": "Token kiosk tidak dikenal atau kiosknya sudah dicabut.",
    }
    assert not Ticket.objects.exists()


def test_a_revoked_kiosk_token_is_refused(location, ktp, unit_admin_a):
    device, token = kiosk_with_token(location)
    services.kiosk_device_revoke(actor=unit_admin_a, device=device)
    response = as_kiosk(token).post(walk_in_url(location), {"service": ktp.pk}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "kiosk_invalid"
    assert not Ticket.objects.exists()


def test_a_kiosk_of_another_location_cannot_mint_tickets_here(location, ktp, elsewhere):
    _device, token = kiosk_with_token(elsewhere, name="Kiosk Dinas B")
    response = as_kiosk(token).post(walk_in_url(location), {"service": ktp.pk}, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "kiosk_wrong_location"
    assert "Dinas B" in response.json()["message"]
    assert not Ticket.objects.exists()


def test_a_registered_kiosk_gets_a_ticket_that_records_it(location, ktp):
    device, token = kiosk_with_token(location, name="Kiosk pintu masuk")
    response = as_kiosk(token).post(
        walk_in_url(location), {"service": ktp.pk, "priority": "lansia"}, format="json"
    )
    assert response.status_code == 201
    ticket = Ticket.objects.get(code=response.json()["code"])
    assert (ticket.number, ticket.source, ticket.kiosk) == ("A-001", "walk_in", device)
    device.refresh_from_db()
    assert device.last_seen_at == MONDAY_9


def test_walk_ins_are_limited_per_kiosk_not_per_address(location, ktp, monkeypatch):
    monkeypatch.setitem(throttles.RATES, "queue_kiosk", "2/minute")
    _first, first_token = kiosk_with_token(location, name="Kiosk 1")
    _second, second_token = kiosk_with_token(location, name="Kiosk 2")
    first, second = as_kiosk(first_token), as_kiosk(second_token)
    answers = [
        first.post(walk_in_url(location), {"service": ktp.pk}, format="json").status_code
        for _ in range(3)
    ]
    assert answers == [201, 201, 429]
    # The second kiosk, at the same address, still has its own allowance.
    assert second.post(walk_in_url(location), {"service": ktp.pk}, format="json").status_code == 201
    assert Ticket.objects.count() == 3


def test_booking_online_stays_open_to_anyone(location, ktp):
    response = APIClient().post(
        f"{API}/bookings/",
        {
            "service": ktp.pk,
            "slot_start": slot_of(10).isoformat(),
            "contact_name": "Warga",
            "contact_phone": "081200000001",
        },
        format="json",
    )
    assert response.status_code == 201


def test_the_openapi_schema_documents_the_kiosk_credential_and_the_403(db):
    schema = APIClient().get("/api/schema/?format=json").json()
    walk_in = schema["paths"]["/api/queue/locations/{location_id}/tickets/"]["post"]
    assert walk_in["security"] == [{"kioskAuth": []}]
    assert {"201", "400", "403", "404", "429"} <= set(walk_in["responses"])
    scheme = schema["components"]["securitySchemes"]["kioskAuth"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "Authorization")


# --- the kiosk page ------------------------------------------------------------------------------


def test_an_unpaired_browser_cannot_take_a_walk_in_ticket_on_the_kiosk_page(client, location, ktp):
    response = client.post(
        reverse("queueing:kiosk_walk_in", args=[location.pk]), {"service": ktp.pk}
    )
    assert response.status_code == 403
    assert "hanya dapat diambil di kiosk resmi" in response.content.decode()
    assert not Ticket.objects.exists()


def test_pairing_keeps_the_token_in_a_signed_httponly_cookie_and_opens_the_kiosk(
    client, location, ktp
):
    device, token = kiosk_with_token(location, name="Kiosk pintu masuk")
    response = pair(client, token)
    assert response.status_code == 302
    assert response["Location"] == reverse("queueing:kiosk", args=[location.pk])
    cookie = response.cookies[KIOSK_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["path"] == reverse("queueing:locations")
    assert int(cookie["max-age"]) > 300 * 24 * 3600
    assert cookie.value != token  # signed
    page = client.get(response["Location"]).content.decode()
    assert f'name="service" value="{ktp.pk}"' in page and "Kiosk pintu masuk" in page
    assert AuditEvent.objects.filter(action="queue.kiosk.paired", target_id=str(device.pk)).exists()


def test_the_kiosk_page_issues_a_ticket_after_pairing_and_records_the_kiosk(client, location, ktp):
    device, token = kiosk_with_token(location)
    pair(client, token)
    response = client.post(
        reverse("queueing:kiosk_walk_in", args=[location.pk]), {"service": ktp.pk}
    )
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.kiosk == device and ticket.number == "A-001"
    assert response["Location"] == reverse("queueing:kiosk_ticket", args=[location.pk, ticket.code])


def test_pairing_with_a_wrong_token_sets_nothing(client, location, ktp):
    kiosk_with_token(location)
    response = pair(client, "token-yang-salah-sama-sekali-123")
    assert response.status_code == 400
    assert "tidak dikenal" in response.content.decode()
    assert KIOSK_COOKIE not in response.cookies


def test_a_forged_unsigned_cookie_does_not_pair_a_browser(client, location, ktp):
    _device, token = kiosk_with_token(location)
    client.cookies[KIOSK_COOKIE] = token  # the token without the server's signature
    response = client.post(
        reverse("queueing:kiosk_walk_in", args=[location.pk]), {"service": ktp.pk}
    )
    assert response.status_code == 403 and not Ticket.objects.exists()


def test_a_kiosk_paired_elsewhere_cannot_take_tickets_here(client, location, ktp, elsewhere):
    _device, token = kiosk_with_token(elsewhere, name="Kiosk Dinas B")
    pair(client, token)
    response = client.post(
        reverse("queueing:kiosk_walk_in", args=[location.pk]), {"service": ktp.pk}
    )
    assert response.status_code == 403 and "Dinas B" in response.content.decode()
    assert not Ticket.objects.exists()


def test_a_revoked_kiosk_says_so_and_issues_nothing(client, location, ktp, unit_admin_a):
    device, token = kiosk_with_token(location)
    pair(client, token)
    services.kiosk_device_revoke(actor=unit_admin_a, device=device)
    page = client.get(reverse("queueing:kiosk", args=[location.pk])).content.decode()
    assert "sudah dicabut" in page and 'name="service"' not in page
    response = client.post(
        reverse("queueing:kiosk_walk_in", args=[location.pk]), {"service": ktp.pk}
    )
    assert response.status_code == 403 and not Ticket.objects.exists()


def test_the_kiosk_page_is_limited_per_kiosk(client, location, ktp, monkeypatch):
    monkeypatch.setitem(throttles.RATES, "queue_kiosk", "1/minute")
    _device, token = kiosk_with_token(location)
    pair(client, token)
    url = reverse("queueing:kiosk_walk_in", args=[location.pk])
    assert client.post(url, {"service": ktp.pk}).status_code == 302
    assert client.post(url, {"service": ktp.pk}).status_code == 429
    assert Ticket.objects.count() == 1


def test_a_revoked_kiosk_issues_nothing_even_with_a_stale_object(location, ktp, unit_admin_a):
    device, _token = kiosk_with_token(location)
    stale = KioskDevice.objects.get(pk=device.pk)
    services.kiosk_device_revoke(actor=unit_admin_a, device=device)
    with pytest.raises(PermissionDenied):
        services.ticket_walk_in(queue_service=ktp, kiosk=stale)
    assert not Ticket.objects.exists()


# --- registering and revoking (the unit's staff page) ---------------------------------------------


def test_a_unit_admin_registers_a_kiosk_and_sees_its_token_once(client, location, unit_admin_a):
    client.force_login(unit_admin_a)
    url = reverse("queueing:config_kiosks", args=[location.pk])
    response = client.post(url, {"name": "Kiosk pintu masuk"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    device = KioskDevice.objects.get()
    page = response.content.decode()
    token = page.split('id="kiosk-token">')[1].split("<")[0]
    assert len(token) >= 40
    assert device.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert (device.location, device.created_by, device.is_active) == (location, unit_admin_a, True)
    pair_url = "http://testserver" + reverse("queueing:kiosk_pair") + "#" + token
    assert pair_url in page and '<svg role="img"' in page
    assert f"POST http://testserver/api/queue/locations/{location.pk}/tickets/" in page
    # The token is stored nowhere in clear, and the list never shows it again.
    stored = [str(value) for value in KioskDevice.objects.values_list().get()]
    assert token not in " ".join(stored)
    assert not any(token in str(row) for row in AuditEvent.objects.values_list("before", "after"))
    listing = client.get(url).content.decode()
    assert "Kiosk pintu masuk" in listing and token not in listing
    # The browser that opens the pairing link becomes the kiosk.
    kiosk = pair(client.__class__(), token)
    assert kiosk.status_code == 302


@pytest.mark.parametrize("who", ["front_desk_a", "citizen", "handler_b"])
def test_only_those_who_configure_the_queue_may_manage_its_kiosks(client, request, location, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        reverse("queueing:config_kiosks", args=[location.pk]), {"name": "Kiosk liar"}
    )
    assert response.status_code == 403
    assert not KioskDevice.objects.exists()


def test_another_units_admin_can_neither_see_nor_revoke_this_units_kiosks(
    client, location, elsewhere, admin_b
):
    device, _token = kiosk_with_token(location, name="Kiosk rahasia A")
    client.force_login(admin_b)
    listing = client.get(reverse("queueing:config_kiosks", args=[location.pk]))
    assert listing.status_code == 403 and "Kiosk rahasia A" not in listing.content.decode()
    refused = client.post(reverse("queueing:config_kiosk_revoke", args=[location.pk, device.pk]))
    assert refused.status_code == 403
    # Nor through their own location's address.
    hidden = client.post(reverse("queueing:config_kiosk_revoke", args=[elsewhere.pk, device.pk]))
    assert hidden.status_code == 404
    own = client.get(reverse("queueing:config_kiosks", args=[elsewhere.pk]))
    assert own.status_code == 200 and "Kiosk rahasia A" not in own.content.decode()
    device.refresh_from_db()
    assert device.is_active


def test_revoking_a_kiosk_stops_its_token_at_once(client, location, ktp, unit_admin_a):
    device, token = kiosk_with_token(location)
    client.force_login(unit_admin_a)
    response = client.post(reverse("queueing:config_kiosk_revoke", args=[location.pk, device.pk]))
    assert response.status_code == 302
    device.refresh_from_db()
    assert (device.is_active, device.revoked_by) == (False, unit_admin_a)
    assert device.revoked_at == MONDAY_9
    assert AuditEvent.objects.filter(action="queue.kiosk.revoked").count() == 1
    answer = as_kiosk(token).post(walk_in_url(location), {"service": ktp.pk}, format="json")
    assert answer.status_code == 403 and not Ticket.objects.exists()


def test_kiosk_names_are_unique_among_active_kiosks_of_a_location(location, unit_admin_a):
    first, _token = services.kiosk_device_register(
        actor=unit_admin_a, location=location, name="Kiosk 1"
    )
    with pytest.raises(DomainError) as refused:
        services.kiosk_device_register(actor=unit_admin_a, location=location, name=" kiosk  1 ")
    assert refused.value.field == "name"
    services.kiosk_device_revoke(actor=unit_admin_a, device=first)
    again, _token = services.kiosk_device_register(
        actor=unit_admin_a, location=location, name="Kiosk 1"
    )
    assert again.pk != first.pk and again.is_active


def test_registering_with_a_blank_name_shows_the_error_and_saves_nothing(
    client, location, unit_admin_a
):
    client.force_login(unit_admin_a)
    response = client.post(reverse("queueing:config_kiosks", args=[location.pk]), {"name": "  "})
    assert response.status_code == 400 and not KioskDevice.objects.exists()


def test_the_kiosk_list_reads_in_a_fixed_number_of_queries(
    client, location, ktp, unit_admin_a, django_assert_max_num_queries
):
    for n in range(6):
        device, _token = kiosk_with_token(location, name=f"Kiosk {n}", created_by=unit_admin_a)
        services.ticket_walk_in(queue_service=ktp, kiosk=device)
    client.force_login(unit_admin_a)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("queueing:config_kiosks", args=[location.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("<tr>") == 7  # the header and six kiosks
