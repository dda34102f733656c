"""The kiosk tablet (NIP + PIN) and the official's own PIN: who may run the kiosk, the PIN kept only as
a hash, lockout after wrong PINs, and one same answer for an unknown NIP and a wrong PIN."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
import time_machine
from django.contrib.auth.hashers import check_password
from django.urls import reverse

from tanggap.attendance.models import AttendanceEvent, KioskPin
from tanggap.attendance.services.kiosk import (
    KIOSK_LOCKOUT,
    KIOSK_MAX_FAILURES,
    kiosk_check_in,
    kiosk_pin_set,
    refused_message,
)
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.models import AuditEvent

pytestmark = pytest.mark.django_db
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
MONDAY_7 = dt.datetime(2026, 1, 26, 7, 20, tzinfo=JAKARTA)
PIN = "480172"
PIN_URL = reverse("attendance:pin")


@pytest.fixture(autouse=True)
def _monday():
    with time_machine.travel(MONDAY_7, tick=False) as traveller:
        yield traveller


@pytest.fixture
def with_pin(staff):
    kiosk_pin_set(actor=staff.user, official=staff, pin=PIN, pin_again=PIN)
    return staff


def kiosk_url(office):
    return reverse("attendance:kiosk", args=[office.pk])


def _post(client, office, nip, pin, kind="in"):
    return client.post(kiosk_url(office), {"nip": nip, "pin": pin, "kind": kind})


# --- the PIN ----------------------------------------------------------------------------------------


def test_the_official_sets_a_pin_kept_only_as_a_hash(client, staff):
    client.force_login(staff.user)
    assert "Anda belum mengatur PIN" in client.get(PIN_URL).content.decode()
    response = client.post(PIN_URL, {"pin": PIN, "pin_again": PIN})
    assert response.status_code == 302
    record = KioskPin.objects.get(official=staff)
    assert PIN not in record.pin_hash and check_password(PIN, record.pin_hash)
    assert AuditEvent.objects.filter(action="attendance.kiosk_pin_set").count() == 1
    assert "PIN sudah diatur" in client.get(PIN_URL).content.decode()


@pytest.mark.parametrize(
    ("pin", "again", "message"),
    [
        ("12345", "12345", "PIN harus 6 angka"),
        ("12a456", "12a456", "PIN harus 6 angka"),
        ("480172", "480173", "Kedua PIN tidak sama"),
        ("111111", "111111", "terlalu mudah ditebak"),
        ("123456", "123456", "terlalu mudah ditebak"),
    ],
)
def test_a_bad_pin_is_refused_with_a_message_and_nothing_is_stored(
    client, staff, pin, again, message
):
    client.force_login(staff.user)
    response = client.post(PIN_URL, {"pin": pin, "pin_again": again})
    assert response.status_code == 400
    assert message in response.content.decode() or "6 karakter" in response.content.decode()
    assert not KioskPin.objects.exists()


def test_nobody_sets_anothers_pin(staff, head):
    with pytest.raises(PermissionDenied):
        kiosk_pin_set(actor=head.user, official=staff, pin=PIN, pin_again=PIN)


def test_changing_the_pin_lifts_a_lockout(with_pin, office, unit_admin_a):
    for _ in range(KIOSK_MAX_FAILURES):
        with pytest.raises(DomainError):
            kiosk_check_in(
                actor=unit_admin_a, location=office, nip=with_pin.nip, pin="000001", kind="in"
            )
    assert KioskPin.objects.get(official=with_pin).locked_until is not None
    kiosk_pin_set(actor=with_pin.user, official=with_pin, pin="705813", pin_again="705813")
    event = kiosk_check_in(
        actor=unit_admin_a, location=office, nip=with_pin.nip, pin="705813", kind="in"
    )
    assert event.method == AttendanceEvent.Method.KIOSK


# --- the kiosk ---------------------------------------------------------------------------------------


def test_the_kiosk_checks_in_by_nip_and_pin_at_the_servers_time(
    client, with_pin, office, unit_admin_a
):
    client.force_login(unit_admin_a)
    page = client.get(kiosk_url(office)).content.decode()
    assert 'name="kind" value="in"' in page and 'name="kind" value="out"' in page
    response = _post(client, office, with_pin.nip, PIN)
    assert response.status_code == 302
    event = AttendanceEvent.objects.get(official=with_pin)
    assert (event.kind, event.method, event.location_id) == ("in", "kiosk", office.pk)
    assert event.recorded_at == MONDAY_7
    assert event.recorded_by == unit_admin_a
    followed = client.get(response["Location"]).content.decode()
    assert "presensi masuk tercatat" in followed
    assert AuditEvent.objects.filter(action="attendance.kiosk_check_in").count() == 1


def test_the_qr_screen_links_the_kiosk_for_who_runs_it(client, office, unit_admin_a):
    client.force_login(unit_admin_a)
    html = client.get(reverse("attendance:qr_screen", args=[office.pk])).content.decode()
    assert kiosk_url(office) in html


@pytest.mark.parametrize("who", ["staff", "handler_b", "citizen", "leader"])
def test_the_kiosk_is_refused_to_who_does_not_manage_the_unit(
    client, request, with_pin, office, who
):
    client.force_login(
        getattr(request.getfixturevalue(who), "user", None) or request.getfixturevalue(who)
    )
    assert client.get(kiosk_url(office)).status_code == 403
    assert _post(client, office, with_pin.nip, PIN).status_code == 403
    assert not AttendanceEvent.objects.exists()


@pytest.mark.parametrize("who", ["region_admin", "unit_admin_a"])
def test_the_region_admin_and_the_unit_admin_run_the_kiosk(client, request, office, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(kiosk_url(office)).status_code == 200


def test_an_unknown_nip_and_a_wrong_pin_get_the_same_answer(
    client, with_pin, office, unit_admin_a, unit_a
):
    from tanggap.attendance.tests.factories import official_with_account

    no_pin = official_with_account(unit_a, "tanpa_pin")
    client.force_login(unit_admin_a)
    answers = []
    for nip, pin in (("199001012020011999", PIN), (with_pin.nip, "975310"), (no_pin.nip, PIN)):
        response = _post(client, office, nip, pin)
        assert response.status_code == 400
        html = response.content.decode()
        answers.append(
            re.sub(r'(value=|CSRFToken": )"[A-Za-z0-9]{64}"', "", html).replace(nip, "NIP")
        )
        assert PIN not in html and "975310" not in html
    assert str(refused_message()) in answers[0]
    assert answers[0] == answers[1] == answers[2]
    assert not AttendanceEvent.objects.exists()
    audits = AuditEvent.objects.filter(action="attendance.kiosk_refused")
    assert sorted(a.after["reason"] for a in audits) == ["no_pin", "unknown_nip", "wrong_pin"]
    # The audit keeps a masked NIP only.
    assert all("199001012020011999" not in str(a.after) for a in audits)


def test_five_wrong_pins_lock_the_pin_for_fifteen_minutes_even_for_the_right_pin(
    with_pin, office, unit_admin_a, _monday
):
    def attempt(pin):
        return kiosk_check_in(
            actor=unit_admin_a, location=office, nip=with_pin.nip, pin=pin, kind="in"
        )

    for number in range(KIOSK_MAX_FAILURES):
        with pytest.raises(DomainError) as refused:
            attempt("975310")
        assert refused.value.message == refused_message()
        record = KioskPin.objects.get(official=with_pin)
        assert (record.locked_until is None) is (number < KIOSK_MAX_FAILURES - 1)
    assert record.locked_until == MONDAY_7 + KIOSK_LOCKOUT
    with pytest.raises(DomainError) as refused:
        attempt(PIN)
    assert refused.value.message == refused_message()  # locked: the same answer
    _monday.shift(KIOSK_LOCKOUT - dt.timedelta(seconds=1))
    with pytest.raises(DomainError):
        attempt(PIN)
    _monday.shift(dt.timedelta(seconds=1))
    assert attempt(PIN).kind == "in"
    assert KioskPin.objects.get(official=with_pin).failed_count == 0
    assert AttendanceEvent.objects.count() == 1
    reasons = list(
        AuditEvent.objects.filter(action="attendance.kiosk_refused").values_list(
            "after__reason", flat=True
        )
    )
    assert reasons.count("locked") == 2 and reasons.count("locked_now") == 1


def test_a_right_pin_resets_the_count_of_wrong_ones(with_pin, office, unit_admin_a):
    for _ in range(KIOSK_MAX_FAILURES - 1):
        with pytest.raises(DomainError):
            kiosk_check_in(
                actor=unit_admin_a, location=office, nip=with_pin.nip, pin="975310", kind="in"
            )
    kiosk_check_in(actor=unit_admin_a, location=office, nip=with_pin.nip, pin=PIN, kind="in")
    assert KioskPin.objects.get(official=with_pin).failed_count == 0


def test_an_official_of_another_region_is_unknown_to_the_kiosk(
    with_pin, other_region, unit_admin_a
):
    from tanggap.attendance.tests.factories import OfficeLocationFactory
    from tanggap.org.tests.factories import UnitFactory

    elsewhere = OfficeLocationFactory(unit=UnitFactory(region=other_region))
    with pytest.raises(PermissionDenied):
        kiosk_check_in(actor=unit_admin_a, location=elsewhere, nip=with_pin.nip, pin=PIN, kind="in")


def test_bad_kiosk_input_gets_a_message(client, with_pin, office, unit_admin_a):
    client.force_login(unit_admin_a)
    response = client.post(kiosk_url(office), {"nip": with_pin.nip, "pin": PIN, "kind": "later"})
    assert response.status_code == 400
    response = client.post(kiosk_url(office), {"nip": "", "pin": "", "kind": "in"})
    assert response.status_code == 400
    assert not AttendanceEvent.objects.exists()


def test_the_kiosk_and_pin_pages_speak_english_too(client, staff, office, unit_admin_a):
    client.cookies["django_language"] = "en"
    client.force_login(unit_admin_a)
    assert (
        "Attendance kiosk"
        in client.get(kiosk_url(office), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    client.force_login(staff.user)
    assert "Attendance kiosk PIN" in client.get(PIN_URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
