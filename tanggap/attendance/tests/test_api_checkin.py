"""The check-in API: QR token or typed code, the geofence, refusals that record nothing, the replay of a
QR refused, and the listing scoped to who asks."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from tanggap.attendance.models import AttendanceEvent
from tanggap.attendance.qrtoken import qr_code, qr_token
from tanggap.attendance.tests.factories import OfficeLocationFactory, official_with_account

pytestmark = pytest.mark.django_db
URL = "/api/attendance/check-ins/"


def client_of(official_or_user) -> Client:
    user = getattr(official_or_user, "user", official_or_user)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def post(client, **body):
    return client.post(URL, body, content_type="application/json")


def test_a_scanned_qr_checks_the_official_in_at_the_servers_time(staff, office):
    before = timezone.now()
    response = post(client_of(staff), method="qr", token=qr_token(office, timezone.now()))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "in" and body["method"] == "qr"
    assert body["location"] == {"id": office.pk, "name": office.name}
    assert body["distance_m"] is None
    event = AttendanceEvent.objects.get()
    assert event.official == staff and event.recorded_at >= before and event.pk == body["id"]


def test_a_typed_code_and_a_check_out(staff, office):
    response = post(client_of(staff), kind="out", method="qr", code=qr_code(office, timezone.now()))
    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "out"


def test_the_same_qr_twice_is_refused_as_a_replay(staff, office):
    token = qr_token(office, timezone.now())
    client = client_of(staff)
    assert post(client, method="qr", token=token).status_code == 201
    again = post(client, method="qr", token=token, kind="out")
    assert again.status_code == 400
    assert again.json()["code"] == "qr_replayed"
    assert "sudah Anda pakai" in again.json()["message"]
    assert AttendanceEvent.objects.count() == 1


def test_inside_the_fence_by_position(staff, office):
    response = post(
        client_of(staff), method="geo", latitude=-8.0981, longitude=112.165, accuracy_m=10
    )
    assert response.status_code == 201, response.content
    assert response.json()["method"] == "geo"
    assert response.json()["distance_m"] < 1


def test_outside_the_fence_is_refused_in_indonesian(staff, office):
    response = post(
        client_of(staff),
        method="geo",
        location=office.pk,
        latitude=-8.2,
        longitude=112.165,
        accuracy_m=10,
    )
    assert response.status_code == 400
    assert response.json()["code"] == "outside_geofence"
    assert "presensi hanya dalam radius" in response.json()["message"]
    assert not AttendanceEvent.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"method": "qr"},
        {"method": "qr", "token": "bukan-token"},
        {"method": "qr", "token": "x" * 501},
        {"method": "qr", "token": "ab\x00cd"},
        {"method": "geo"},
        {"method": "geo", "latitude": "NaN", "longitude": 112.1, "accuracy_m": 5},
        {"method": "geo", "latitude": 1e308, "longitude": 112.1, "accuracy_m": 5},
        {"method": "geo", "latitude": -8.1, "longitude": 112.1, "accuracy_m": -1},
        {"method": "kiosk", "token": "x"},
        {"kind": "lunch", "token": "x"},
        {"method": "qr", "code": "ABCDEF", "location": 2**40},
        {"method": "qr", "code": "ABCDEF", "location": "satu"},
        {
            "method": "geo",
            "location": 999999,
            "latitude": -8.1,
            "longitude": 112.1,
            "accuracy_m": 5,
        },
    ],
)
def test_bad_input_is_a_400_and_records_nothing(staff, office, body):
    response = post(client_of(staff), **body)
    assert response.status_code == 400, response.content
    assert response.json()["code"] and response.json()["message"]
    assert not AttendanceEvent.objects.exists()


def test_a_location_of_another_region_is_unknown(staff, office, other_region):
    from tanggap.org.tests.factories import UnitFactory

    foreign = OfficeLocationFactory(unit=UnitFactory(region=other_region))
    response = post(client_of(staff), method="qr", token=qr_token(foreign, timezone.now()))
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_location"


def test_an_account_of_no_official_and_anonymous_callers_are_refused(region_admin, office):
    assert post(client_of(region_admin), method="qr", token="x").status_code == 403
    assert post(Client(), method="qr", token="x").status_code in (401, 403)
    assert Client().get(URL).status_code in (401, 403)
    assert not AttendanceEvent.objects.exists()


@pytest.fixture
def events(unit_b, head, staff, office):
    other = official_with_account(unit_b, "staf_b")
    now = timezone.now()
    for official in (head, staff, other):
        AttendanceEvent.objects.create(
            official=official, kind="in", method="kiosk", recorded_at=now, location=office
        )
    return {"head": head, "staff": staff, "other": other}


def listed(user) -> set[int]:
    response = client_of(user).get(URL, {"limit": 200})
    assert response.status_code == 200
    return {row["official"]["id"] for row in response.json()["results"]}


def test_the_listing_follows_the_scope(events, region_admin, handler_b):
    ids = {name: official.pk for name, official in events.items()}
    assert listed(events["staff"].user) == {ids["staff"]}
    assert listed(events["head"].user) == {ids["head"], ids["staff"]}
    assert listed(events["other"].user) == {ids["other"]}
    assert listed(region_admin) == set(ids.values())
    assert listed(handler_b) == set()


def test_the_listing_filters_by_day_and_official_within_scope(events):
    client = client_of(events["head"])
    today = timezone.localdate().isoformat()
    only = client.get(URL, {"official": events["staff"].pk, "date": today}).json()
    assert [row["official"]["id"] for row in only["results"]] == [events["staff"].pk]
    assert client.get(URL, {"official": events["other"].pk}).json()["count"] == 0
    assert client.get(URL, {"date": "2001-01-01"}).json()["count"] == 0
    for bad in ({"date": "kemarin"}, {"official": "x"}, {"official": 2**40}, {"limit": "-1"}):
        assert client.get(URL, bad).status_code == 400


def test_the_listing_takes_few_queries(events, region_admin, office, django_assert_max_num_queries):
    for _ in range(20):
        AttendanceEvent.objects.create(
            official=events["staff"],
            kind="out",
            method="kiosk",
            recorded_at=timezone.now(),
            location=office,
        )
    client = client_of(region_admin)
    with django_assert_max_num_queries(8):
        assert client.get(URL).status_code == 200
