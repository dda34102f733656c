"""Checking in: the rotating QR (expiry, replay, the typed code) and the geofence; refusals write nothing."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from django.utils import timezone, translation

from tanggap.attendance.geofence import EARTH_RADIUS_M
from tanggap.attendance.models import AttendanceEvent
from tanggap.attendance.qrtoken import qr_code, qr_token, window_of
from tanggap.attendance.services.checkin import check_in
from tanggap.attendance.tests.factories import OfficeLocationFactory
from tanggap.core.errors import DomainError, PermissionDenied

pytestmark = pytest.mark.django_db

# 07:30:05 WIB, five seconds into a 30-second window.
SHOWN = dt.datetime(2026, 3, 2, 0, 30, 5, tzinfo=dt.UTC)
M = AttendanceEvent.Method


def qr(staff, token, now, **kwargs):
    return check_in(actor=staff.user, official=staff, method=M.QR, token=token, now=now, **kwargs)


def refused(code, call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code
    return caught.value


def test_a_fresh_qr_checks_the_official_in_at_the_servers_time(staff, office):
    event = qr(staff, qr_token(office, SHOWN), SHOWN + dt.timedelta(seconds=3))
    assert (event.location, event.method, event.kind) == (office, M.QR, "in")
    assert event.recorded_at == SHOWN + dt.timedelta(seconds=3)
    assert event.qr_window == window_of(SHOWN)


def test_the_server_clock_is_used_when_no_time_is_given(staff, office):
    token = qr_token(office, timezone.now())
    event = qr(staff, token, None)
    assert abs(event.recorded_at - timezone.now()) < dt.timedelta(minutes=1)


def test_the_token_of_the_previous_window_is_still_accepted(staff, office):
    assert qr(staff, qr_token(office, SHOWN), SHOWN + dt.timedelta(seconds=30)).pk


def test_a_token_two_windows_old_is_refused_as_expired(staff, office):
    token = qr_token(office, SHOWN)
    refused("qr_expired", qr, staff, token, SHOWN + dt.timedelta(seconds=60))
    assert not AttendanceEvent.objects.exists()


def test_a_photo_of_the_qr_stops_working_within_a_minute(staff, office):
    # SHOWN is 5 s into its window: the token lives at most 55 s more.
    token = qr_token(office, SHOWN)
    refused("qr_expired", qr, staff, token, SHOWN + dt.timedelta(seconds=55))


def test_a_token_from_the_future_is_refused(staff, office):
    refused("qr_expired", qr, staff, qr_token(office, SHOWN + dt.timedelta(minutes=5)), SHOWN)


def test_a_token_is_accepted_once_per_official(staff, office, unit_a):
    token = qr_token(office, SHOWN)
    qr(staff, token, SHOWN)
    error = refused("qr_replayed", qr, staff, token, SHOWN + dt.timedelta(seconds=10))
    assert "sudah Anda pakai" in str(error.message)
    assert AttendanceEvent.objects.count() == 1


def test_another_official_may_use_the_same_token(staff, head, office):
    token = qr_token(office, SHOWN)
    qr(staff, token, SHOWN)
    assert qr(head, token, SHOWN).pk


def test_a_tampered_token_is_refused(staff, office):
    token = qr_token(office, SHOWN)
    refused("qr_invalid", qr, staff, token[:-2] + "xx", SHOWN)
    refused("qr_invalid", qr, staff, "", SHOWN)


def test_the_six_character_code_can_be_typed(staff, office):
    code = qr_code(office, SHOWN)
    assert len(code) == 6
    event = qr(staff, f" {code.lower()[:3]} {code.lower()[3:]} ", SHOWN + dt.timedelta(seconds=20))
    assert event.location == office
    refused("qr_replayed", qr, staff, code, SHOWN + dt.timedelta(seconds=25))


def test_an_old_typed_code_is_refused_as_expired(staff, office):
    refused("qr_expired", qr, staff, qr_code(office, SHOWN), SHOWN + dt.timedelta(minutes=2))


def test_a_token_of_an_inactive_or_foreign_location_is_refused(staff, office, other_region):
    office.is_active = False
    office.save()
    refused("unknown_location", qr, staff, qr_token(office, SHOWN), SHOWN)
    foreign = OfficeLocationFactory(unit__region=other_region)
    refused("unknown_location", qr, staff, qr_token(foreign, SHOWN), SHOWN)
    assert not AttendanceEvent.objects.exists()


def test_nobody_checks_in_for_another_official_by_phone(staff, head, office):
    with pytest.raises(PermissionDenied):
        check_in(actor=head.user, official=staff, method=M.QR, token=qr_token(office, SHOWN))


def north_of(office, metres):
    return float(office.latitude) + math.degrees(metres / EARTH_RADIUS_M), office.longitude


def geo(staff, office, metres, accuracy):
    lat, lon = north_of(office, metres)
    return check_in(
        actor=staff.user,
        official=staff,
        method=M.GEO,
        location=office,
        latitude=lat,
        longitude=lon,
        accuracy_m=accuracy,
        device_hint="Android Chrome",
        now=SHOWN,
    )


def test_a_position_inside_the_fence_checks_in_with_its_distance(staff, office):
    event = geo(staff, office, 40, 15)
    assert event.distance_m == pytest.approx(40, abs=0.1)
    assert event.accuracy_m == 15 and event.device_hint == "Android Chrome"


def test_a_position_outside_the_fence_is_refused_with_the_distance_in_the_message(staff, office):
    error = refused("outside_geofence", geo, staff, office, 250, 10)
    assert "250 m" in str(error.message) and "100 m" in str(error.message)
    with translation.override("en"):
        error = refused("outside_geofence", geo, staff, office, 250, 10)
        assert str(error.message).startswith("You are 250 m from Kantor Dinas A")
    assert not AttendanceEvent.objects.exists()


def test_an_accuracy_circle_reaching_outside_is_refused(staff, office):
    refused("outside_geofence", geo, staff, office, 80, 25)


def test_no_location_or_no_position_is_refused(staff, office):
    with pytest.raises(DomainError) as caught:
        check_in(actor=staff.user, official=staff, method=M.GEO, latitude=0, longitude=0)
    assert caught.value.code == "unknown_location"
    with pytest.raises(DomainError) as caught:
        check_in(actor=staff.user, official=staff, method=M.GEO, location=office)
    assert caught.value.code == "no_position"


def test_the_kiosk_is_run_by_who_manages_the_unit(staff, office, unit_admin_a, handler_a):
    event = check_in(actor=unit_admin_a, official=staff, method=M.KIOSK, location=office)
    assert event.recorded_by == unit_admin_a
    with pytest.raises(PermissionDenied):
        check_in(actor=handler_a, official=staff, method=M.KIOSK, location=office)


def test_an_unknown_method_or_kind_is_refused(staff, office):
    refused("bad_method", check_in, actor=staff.user, official=staff, method="sms")
    refused("bad_kind", check_in, actor=staff.user, official=staff, method=M.QR, kind="lunch")


def test_a_typed_code_finds_its_location_among_the_regions(staff, office, unit_b):
    mpp = OfficeLocationFactory(unit=unit_b, name="MPP Uji")
    event = qr(staff, qr_code(mpp, SHOWN), SHOWN)
    assert event.location == mpp
    # Narrowed to another location, the same code is not recognised.
    refused("qr_invalid", qr, staff, qr_code(mpp, SHOWN), SHOWN, location=office)
