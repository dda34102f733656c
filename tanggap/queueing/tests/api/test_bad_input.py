"""Bad input to the queue API: 400 with an Indonesian message and nothing booked; unknown codes and ids
404 JSON; the booking rate limit."""

from zoneinfo import ZoneInfo

import pytest

from tanggap.queueing.models import Ticket

WIB = ZoneInfo("Asia/Jakarta")
VALID_NIK = "3505014107900001"
S = Ticket.Status
API = "/api/queue"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"slot_start": "2026-11-24T10:00:00"}, "invalid"),  # no zone
        ({"slot_start": "besok pagi"}, "invalid"),
        ({"slot_start": "2026-11-24T10:10:00+07:00"}, "invalid_slot"),
        ({"slot_start": "2026-11-23T08:00:00+07:00"}, "slot_past"),
        ({"slot_start": "2027-01-04T10:00:00+07:00"}, "slot_too_far"),
        ({"nik": "3505019913900001"}, "nik_birth"),
        ({"nik": "12345"}, "nik_format"),
        ({"contact_phone": "nomor saya"}, "phone_format"),
        ({"contact_email": "bukan-surel"}, "invalid"),
        ({"contact_name": ""}, "invalid"),
        ({"priority": "vip"}, "invalid"),
        ({"service": "abc"}, "invalid"),
        ({"service": 987654}, "unknown_service"),
        ({"nik": "", "contact_phone": ""}, "contact_required"),
    ],
)
def test_bad_booking_input_answers_400_and_books_nothing(api, ktp, change, code):
    data = {
        "service": ktp.pk,
        "slot_start": "2026-11-24T10:00:00+07:00",
        "contact_name": "Warga",
        "nik": VALID_NIK,
        **change,
    }
    response = api.post(f"{API}/bookings/", data, format="json")
    assert response.status_code == 400, response.json()
    body = response.json()
    assert body["code"] == code and body["message"]
    assert not Ticket.objects.exists()


def test_naive_slot_time_is_refused_with_a_message_about_the_zone(api, ktp):
    response = api.post(
        f"{API}/bookings/",
        {
            "service": ktp.pk,
            "slot_start": "2026-11-24T10:00",
            "contact_name": "A",
            "nik": VALID_NIK,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "zona waktu" in response.json()["message"]


def test_malformed_json_and_bad_walk_in_bodies_answer_400(kiosk_api, location, ktp):
    url = f"{API}/locations/{location.pk}/tickets/"
    broken = kiosk_api.generic("POST", url, "{service: ", content_type="application/json")
    assert broken.status_code == 400 and broken.json()["code"] == "parse_error"
    for body in ({}, {"service": "satu"}, {"service": -1}, {"service": ktp.pk, "priority": "x"}):
        response = kiosk_api.post(url, body, format="json")
        assert response.status_code == 400 and response.json()["message"], body
    assert not Ticket.objects.exists()


def test_unknown_codes_and_ids_answer_404_json(api, location, ktp, officer, as_user):
    staff = as_user(officer)
    for response in (
        api.get(f"{API}/tickets/NOPE2345/"),
        api.get(f"{API}/tickets/{'X' * 300}/"),
        api.post(f"{API}/tickets/NOPE2345/check-in/", format="json"),
        api.post(f"{API}/tickets/NOPE2345/cancel/", format="json"),
        api.get(f"{API}/locations/999999/slots/?service={ktp.pk}&date=2026-11-24"),
        api.get(f"{API}/locations/99999999999999999999/board/"),
        api.get(f"{API}/locations/abc/slots/"),
        api.get(f"{API}/tidak-ada/"),
        staff.post(f"{API}/counters/999999/call-next/"),
        staff.get(f"{API}/counters/99999999999999999999/"),
        staff.post(f"{API}/tickets/NOPE2345/start/"),
    ):
        assert response.status_code == 404, response.content
        assert response.json()["code"] == "not_found" and response.json()["message"]
    # A NUL never reaches a view (PostgreSQL would refuse it): 400 before the look-up.
    for response in (
        api.get(f"{API}/tickets/AB%00CD/"),
        api.post(f"{API}/tickets/AB%00CD/cancel/", format="json"),
    ):
        assert response.status_code == 400, response.content
        assert response.json()["code"] == "bad_input"
