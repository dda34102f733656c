"""The public queue API: locations and slots, then the citizen's journey (book, check in, be called,
served; walk-ins; reschedule and cancel by code)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tanggap.queueing import services
from tanggap.queueing.api import throttles
from tanggap.queueing.models import Ticket, TicketEvent
from tanggap.queueing.services import numbering
from tanggap.queueing.tests.factories import (
    LocationFactory,
    QueueServiceFactory,
    QueueSettingsFactory,
    slot_of,
)

WIB = ZoneInfo("Asia/Jakarta")
VALID_NIK = "3505014107900001"
S = Ticket.Status
API = "/api/queue"


def test_locations_list_each_open_location_with_its_queued_services(
    api, region, location, ktp, kk, django_assert_max_num_queries
):
    QueueServiceFactory(location=location, prefix="C", is_active=False)
    closed = LocationFactory(region=region, name="Kantor Tutup")
    QueueServiceFactory(location=closed, prefix="A")
    QueueSettingsFactory(location=closed, is_enabled=False)
    with django_assert_max_num_queries(3):
        response = api.get(f"{API}/locations/")
    assert response.status_code == 200
    assert [row["name"] for row in response.json()] == ["Kantor Kecamatan Uji"]
    row = response.json()[0]
    assert row["id"] == location.pk
    assert row["services"] == [
        {
            "id": ktp.pk,
            "name": ktp.service.name,
            "prefix": "A",
            "bookable": True,
            "walk_in": True,
            "capacity_per_slot": 2,
        },
        {
            "id": kk.pk,
            "name": kk.service.name,
            "prefix": "B",
            "bookable": True,
            "walk_in": True,
            "capacity_per_slot": 2,
        },
    ]
    assert api.get(f"{API}/locations/?region=tidak-ada").json() == []


def test_slots_list_the_days_future_slots_with_places_left(api, location, ktp):
    services.booking_create(
        queue_service=ktp,
        slot_start=dt.datetime(2026, 11, 24, 8, 0, tzinfo=WIB),
        contact_name="A",
        contact_phone="081200000001",
    )
    response = api.get(f"{API}/locations/{location.pk}/slots/?service={ktp.pk}&date=2026-11-24")
    assert response.status_code == 200
    body = response.json()
    assert body["service"] == {"id": ktp.pk, "name": ktp.service.name}
    assert body["slot_minutes"] == 30
    slots = body["slots"]
    assert len(slots) == 14  # 08:00-15:00 in 30-minute slots
    assert slots[0] == {
        "start": "2026-11-24T08:00:00+07:00",
        "end": "2026-11-24T08:30:00+07:00",
        "capacity": 2,
        "booked": 1,
        "free": 1,
    }
    # Today only the slots still ahead (it is 09:00).
    today = api.get(f"{API}/locations/{location.pk}/slots/?service={ktp.pk}&date=2026-11-23")
    assert today.json()["slots"][0]["start"] == "2026-11-23T09:30:00+07:00"


@pytest.mark.parametrize("day", ["2026-11-22", "2026-12-25", "2026-12-31", "2026-11-01"])
def test_a_day_off_a_past_day_or_a_day_beyond_the_horizon_has_no_slots(api, location, ktp, day):
    response = api.get(f"{API}/locations/{location.pk}/slots/?service={ktp.pk}&date={day}")
    assert response.status_code == 200
    assert response.json()["slots"] == []


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("date=2026-11-24", "service wajib"),
        ("service={ktp}", "date wajib"),
        ("service=abc&date=2026-11-24", "angka"),
        ("service={ktp}&date=24-11-2026", "YYYY-MM-DD"),
        ("service={ktp}&date=2026-13-01", "YYYY-MM-DD"),
        ("service=99999999999999999999&date=2026-11-24", "service"),
        ("service={other}&date=2026-11-24", "tidak ada di lokasi ini"),
    ],
)
def test_bad_slot_queries_answer_400_with_an_indonesian_message(
    api, region, location, ktp, query, words
):
    other = QueueServiceFactory(location=LocationFactory(region=region), prefix="Z")
    url = f"{API}/locations/{location.pk}/slots/?" + query.format(ktp=ktp.pk, other=other.pk)
    response = api.get(url)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] and words in body["message"] + str(body.get("errors", ""))


def test_slots_of_a_service_not_bookable_online_are_refused(api, location):
    kiosk_only = QueueServiceFactory(location=location, prefix="K", allow_booking=False)
    response = api.get(
        f"{API}/locations/{location.pk}/slots/?service={kiosk_only.pk}&date=2026-11-24"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "booking_closed"


# --- the citizen's journey ---------------------------------------------------------------------------


def test_book_check_in_call_start_finish_end_to_end(api, location, ktp, counter, officer, as_user):
    booked = api.post(
        f"{API}/bookings/",
        {
            "service": ktp.pk,
            "slot_start": slot_of(10).isoformat(),
            "contact_name": "Warga Uji",
            "contact_phone": "0812 3456 7890",
            "nik": VALID_NIK,
            "priority": "",
        },
        format="json",
    )
    assert booked.status_code == 201, booked.json()
    body = booked.json()
    code = body["code"]
    assert len(code) == 8 and body["status"] == "booked" and body["number"] == ""
    assert body["slot_start"] == "2026-11-23T10:00:00+07:00"
    assert body["nik"] == "3505**********01"
    assert body["contact_phone"] == "0812****7890"
    assert body["ticket_url"].endswith(f"/antrean/tiket/{code}/")
    assert VALID_NIK not in booked.content.decode() and "34567890" not in booked.content.decode()

    status = api.get(f"{API}/tickets/{code.lower()}/").json()
    assert (status["status"], status["position"], status["counter"]) == ("booked", None, None)

    checked = api.post(f"{API}/tickets/{code}/check-in/", {}, format="json")
    assert checked.status_code == 200
    assert checked.json()["number"] == "A-001"
    assert checked.json()["status"] == "waiting" and checked.json()["position"] == 1

    staff = as_user(officer)
    called = staff.post(f"{API}/counters/{counter.pk}/call-next/")
    assert called.status_code == 200
    assert called.json()["ticket"]["code"] == code
    assert called.json()["ticket"]["status"] == "called"
    assert called.json()["waiting_count"] == 0
    seen = api.get(f"{API}/tickets/{code}/").json()
    assert (seen["status"], seen["counter"], seen["position"]) == ("called", "Loket 1", None)

    started = staff.post(f"{API}/tickets/{code}/start/")
    assert started.status_code == 200 and started.json()["status"] == "serving"
    finished = staff.post(f"{API}/tickets/{code}/finish/", {"note": "KTP dicetak"}, format="json")
    assert finished.status_code == 200 and finished.json()["status"] == "done"
    assert list(
        TicketEvent.objects.filter(ticket__code=code).values_list("action", "actor__username")
    ) == [
        ("booked", None),
        ("checked_in", None),
        ("called", "petugas_loket"),
        ("serving", "petugas_loket"),
        ("done", "petugas_loket"),
    ]


def test_walk_in_answers_201_with_code_number_and_place(kiosk_api, api, location, ktp, counter):
    first = kiosk_api.post(
        f"{API}/locations/{location.pk}/tickets/", {"service": ktp.pk}, format="json"
    )
    second = kiosk_api.post(
        f"{API}/locations/{location.pk}/tickets/",
        {"service": ktp.pk, "priority": "lansia", "contact_phone": "081234567890"},
        format="json",
    )
    assert first.status_code == 201 and second.status_code == 201
    body = first.json()
    assert set(body) >= {
        "code",
        "number",
        "status",
        "position",
        "people_ahead",
        "estimated_wait_minutes",
        "counter",
        "service",
        "location",
        "ticket_url",
    }
    assert (body["number"], body["status"], body["position"], body["counter"]) == (
        "A-001",
        "waiting",
        1,
        None,
    )
    assert body["location"] == {"id": location.pk, "name": "Kantor Kecamatan Uji"}
    # The elderly visitor goes first; the first walk-in now has one person ahead.
    assert second.json()["number"] == "A-002" and second.json()["position"] == 1
    again = api.get(f"{API}/tickets/{body['code']}/").json()
    assert (again["position"], again["people_ahead"]) == (2, 1)
    assert again["estimated_wait_minutes"] == 10  # one ahead x the default 10 minutes, one counter
    assert Ticket.objects.get(code=second.json()["code"]).contact_phone == "6281234567890"


def test_walk_in_draws_a_new_code_when_the_random_one_is_taken(
    kiosk_api, location, ktp, monkeypatch
):
    taken = services.ticket_walk_in(queue_service=ktp).code
    draws = iter([taken, "NEWCODE2"])
    monkeypatch.setattr(numbering, "new_code", lambda: next(draws))
    response = kiosk_api.post(
        f"{API}/locations/{location.pk}/tickets/", {"service": ktp.pk}, format="json"
    )
    assert response.status_code == 201
    assert (response.json()["code"], response.json()["number"]) == ("NEWCODE2", "A-002")


def test_citizen_reschedules_then_cancels_by_code(api, ktp):
    code = services.booking_create(
        queue_service=ktp,
        slot_start=dt.datetime(2026, 11, 24, 10, 0, tzinfo=WIB),
        contact_name="A",
        contact_phone="081200000009",
    ).code
    moved = api.post(
        f"{API}/tickets/{code}/reschedule/", {"slot_start": slot_of(13, day=24).isoformat()}
    )
    assert moved.status_code == 200
    assert moved.json()["slot_start"] == "2026-11-24T13:00:00+07:00"
    cancelled = api.post(f"{API}/tickets/{code}/cancel/", {"note": "berhalangan"}, format="json")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    again = api.post(f"{API}/tickets/{code}/cancel/", format="json")
    assert again.status_code == 409 and again.json()["code"] == "invalid_transition"


@pytest.mark.parametrize(
    "moment", ["2026-11-24T12:99:00Z", "2026-13-01T10:00:00+07:00", "2026-11-24T25:00:00+07:00"]
)
def test_an_impossible_slot_time_is_400_and_moves_nothing(api, ktp, moment):
    """Well formed but impossible (minute 99, month 13, hour 25): a clear 400, never a 500."""
    ticket = services.booking_create(
        queue_service=ktp, slot_start=slot_of(10, day=24), contact_name="A", nik=VALID_NIK
    )
    response = api.post(
        f"{API}/tickets/{ticket.code}/reschedule/", {"slot_start": moment}, format="json"
    )
    assert response.status_code == 400
    assert "slot_start" in response.json()["errors"]
    ticket.refresh_from_db()
    assert ticket.slot_start == slot_of(10, day=24)


def test_a_signed_in_citizen_can_cancel_their_booking_by_code(ktp, citizen, as_user):
    code = services.booking_create(
        queue_service=ktp, slot_start=slot_of(10, day=24), contact_name="A", nik=VALID_NIK
    ).code
    response = as_user(citizen).post(f"{API}/tickets/{code}/cancel/", format="json")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"


def test_check_in_on_the_wrong_day_is_400(api, ktp):
    code = services.booking_create(
        queue_service=ktp, slot_start=slot_of(10, day=24), contact_name="A", nik=VALID_NIK
    ).code
    response = api.post(f"{API}/tickets/{code}/check-in/", format="json")
    assert response.status_code == 400 and response.json()["code"] == "wrong_day"
    assert Ticket.objects.get(code=code).status == S.BOOKED


def test_booking_rate_is_limited_per_client(api, ktp, monkeypatch):
    monkeypatch.setitem(throttles.RATES, "queue_booking", "2/minute")
    answers = [
        api.post(
            f"{API}/bookings/",
            {
                "service": ktp.pk,
                "slot_start": slot_of(10 + i, day=24).isoformat(),
                "contact_name": "A",
                "contact_phone": f"08120000000{i}",
            },
            format="json",
        )
        for i in range(3)
    ]
    assert [a.status_code for a in answers] == [201, 201, 429]
    assert answers[2].json()["code"] == "throttled"
    assert Ticket.objects.count() == 2
    # Reading a ticket's status is another, looser limit.
    assert api.get(f"{API}/tickets/{answers[0].json()['code']}/").status_code == 200
