"""The queue REST API end to end: book, check in, be called, served; walk-ins; staff rights; bad input."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from rest_framework.test import APIClient

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.queueing import services
from tanggap.queueing.api import throttles
from tanggap.queueing.models import Ticket, TicketEvent
from tanggap.queueing.services import numbering
from tanggap.queueing.tests.factories import (
    CounterFactory,
    LocationFactory,
    QueueServiceFactory,
    QueueSettingsFactory,
)

WIB = ZoneInfo("Asia/Jakarta")
MONDAY_9 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=WIB)
VALID_NIK = "3505014107900001"
S = Ticket.Status
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
def api():
    return APIClient()


@pytest.fixture
def location(region):
    return LocationFactory(region=region, name="Kantor Kecamatan Uji")


@pytest.fixture
def ktp(location):
    return QueueServiceFactory(location=location, prefix="A", capacity_per_slot=2)


@pytest.fixture
def kk(location):
    return QueueServiceFactory(location=location, prefix="B")


@pytest.fixture
def counter(location, ktp, kk):
    return CounterFactory(location=location, name="Loket 1", services=[ktp, kk])


@pytest.fixture
def officer(location):
    user = UserFactory(username="petugas_loket")
    RoleAssignmentFactory(user=user, role=Role.FRONT_DESK, unit=location)
    return user


@pytest.fixture
def stranger(region):
    """A front-desk officer of another location, who must be refused here."""
    user = UserFactory(username="petugas_lain")
    RoleAssignmentFactory(user=user, role=Role.FRONT_DESK, unit=LocationFactory(region=region))
    return user


def as_user(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def slot(hour: int, minute: int = 0, day: int = 23) -> str:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=WIB).isoformat()


# --- reads -----------------------------------------------------------------------------------------


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


def test_book_check_in_call_start_finish_end_to_end(api, location, ktp, counter, officer):
    booked = api.post(
        f"{API}/bookings/",
        {
            "service": ktp.pk,
            "slot_start": slot(10),
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


def test_walk_in_answers_201_with_code_number_and_place(api, location, ktp, counter):
    first = api.post(f"{API}/locations/{location.pk}/tickets/", {"service": ktp.pk}, format="json")
    second = api.post(
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


def test_walk_in_draws_a_new_code_when_the_random_one_is_taken(api, location, ktp, monkeypatch):
    taken = services.ticket_walk_in(queue_service=ktp).code
    draws = iter([taken, "NEWCODE2"])
    monkeypatch.setattr(numbering, "new_code", lambda: next(draws))
    response = api.post(
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
    moved = api.post(f"{API}/tickets/{code}/reschedule/", {"slot_start": slot(13, day=24)})
    assert moved.status_code == 200
    assert moved.json()["slot_start"] == "2026-11-24T13:00:00+07:00"
    cancelled = api.post(f"{API}/tickets/{code}/cancel/", {"note": "berhalangan"}, format="json")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    again = api.post(f"{API}/tickets/{code}/cancel/", format="json")
    assert again.status_code == 409 and again.json()["code"] == "invalid_transition"


def test_a_signed_in_citizen_can_cancel_their_booking_by_code(ktp, citizen):
    code = services.booking_create(
        queue_service=ktp, slot_start=slot_dt(24, 10), contact_name="A", nik=VALID_NIK
    ).code
    response = as_user(citizen).post(f"{API}/tickets/{code}/cancel/", format="json")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"


def slot_dt(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, 0, tzinfo=WIB)


def test_check_in_on_the_wrong_day_is_400(api, ktp):
    code = services.booking_create(
        queue_service=ktp, slot_start=slot_dt(24, 10), contact_name="A", nik=VALID_NIK
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
                "slot_start": slot(10 + i, day=24),
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


# --- bad input ---------------------------------------------------------------------------------------


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


def test_malformed_json_and_bad_walk_in_bodies_answer_400(api, location, ktp):
    url = f"{API}/locations/{location.pk}/tickets/"
    broken = api.generic("POST", url, "{service: ", content_type="application/json")
    assert broken.status_code == 400 and broken.json()["code"] == "parse_error"
    for body in ({}, {"service": "satu"}, {"service": -1}, {"service": ktp.pk, "priority": "x"}):
        response = api.post(url, body, format="json")
        assert response.status_code == 400 and response.json()["message"], body
    assert not Ticket.objects.exists()


def test_unknown_codes_and_ids_answer_404_json(api, location, ktp, officer):
    staff = as_user(officer)
    for response in (
        api.get(f"{API}/tickets/NOPE2345/"),
        api.get(f"{API}/tickets/{'X' * 300}/"),
        api.get(f"{API}/tickets/AB%00CD/"),
        api.post(f"{API}/tickets/AB%00CD/cancel/", format="json"),
        api.post(f"{API}/tickets/NOPE2345/check-in/", format="json"),
        api.post(f"{API}/tickets/NOPE2345/cancel/", format="json"),
        api.get(f"{API}/locations/999999/slots/?service={ktp.pk}&date=2026-11-24"),
        api.post(f"{API}/locations/999999/tickets/", {"service": ktp.pk}, format="json"),
        api.get(f"{API}/locations/99999999999999999999/board/"),
        api.get(f"{API}/locations/abc/slots/"),
        api.get(f"{API}/tidak-ada/"),
        staff.post(f"{API}/counters/999999/call-next/"),
        staff.get(f"{API}/counters/99999999999999999999/"),
        staff.post(f"{API}/tickets/NOPE2345/start/"),
    ):
        assert response.status_code == 404, response.content
        assert response.json()["code"] == "not_found" and response.json()["message"]


# --- staff -------------------------------------------------------------------------------------------


def test_staff_endpoints_answer_401_to_anonymous_callers(api, location, ktp, counter):
    code = services.ticket_walk_in(queue_service=ktp).code
    for response in (
        api.post(f"{API}/counters/{counter.pk}/call-next/"),
        api.get(f"{API}/counters/{counter.pk}/"),
        api.post(f"{API}/tickets/{code}/start/"),
        api.post(f"{API}/tickets/{code}/transfer/", {"service": ktp.pk}, format="json"),
    ):
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"
    assert Ticket.objects.get(code=code).status == S.WAITING


def test_staff_endpoints_refuse_officers_of_another_location_and_citizens(
    location, ktp, counter, officer, stranger, citizen
):
    code = services.ticket_walk_in(queue_service=ktp).code
    services.counter_call_next(counter=counter, actor=officer)
    for user in (stranger, citizen):
        client = as_user(user)
        for response in (
            client.post(f"{API}/counters/{counter.pk}/call-next/"),
            client.get(f"{API}/counters/{counter.pk}/"),
            client.post(f"{API}/tickets/{code}/recall/"),
            client.post(f"{API}/tickets/{code}/start/"),
            client.post(f"{API}/tickets/{code}/no-show/"),
        ):
            assert response.status_code == 403
            assert response.json()["code"] == "permission_denied"
    assert Ticket.objects.get(code=code).status == S.CALLED
    assert not TicketEvent.objects.filter(actor__in=[stranger, citizen]).exists()


def test_call_next_with_nobody_waiting_answers_200_with_a_null_ticket(location, counter, officer):
    response = as_user(officer).post(f"{API}/counters/{counter.pk}/call-next/")
    assert response.status_code == 200
    assert response.json() == {"ticket": None, "waiting_count": 0}


def test_call_next_while_busy_is_400_counter_busy(location, ktp, counter, officer):
    services.ticket_walk_in(queue_service=ktp)
    services.ticket_walk_in(queue_service=ktp)
    staff = as_user(officer)
    assert staff.post(f"{API}/counters/{counter.pk}/call-next/").json()["waiting_count"] == 1
    busy = staff.post(f"{API}/counters/{counter.pk}/call-next/")
    assert busy.status_code == 400 and busy.json()["code"] == "counter_busy"


def test_recall_then_no_show_after_the_grace_period(
    location, ktp, counter, officer, monday_morning
):
    code = services.ticket_walk_in(queue_service=ktp).code
    staff = as_user(officer)
    staff.post(f"{API}/counters/{counter.pk}/call-next/")
    early = staff.post(f"{API}/tickets/{code}/no-show/")
    assert early.status_code == 400 and early.json()["code"] == "grace_period"
    recalled = staff.post(f"{API}/tickets/{code}/recall/")
    assert recalled.status_code == 200 and recalled.json()["call_count"] == 2
    monday_morning.shift(11 * 60)
    skipped = staff.post(f"{API}/tickets/{code}/no-show/")
    assert skipped.status_code == 200 and skipped.json()["status"] == "no_show"


def test_transfer_to_another_service_and_counter(location, ktp, kk, counter, officer):
    other = CounterFactory(location=location, name="Loket 2", services=[kk])
    code = services.ticket_walk_in(queue_service=ktp).code
    staff = as_user(officer)
    staff.post(f"{API}/counters/{counter.pk}/call-next/")
    nowhere = staff.post(f"{API}/tickets/{code}/transfer/", {}, format="json")
    assert nowhere.status_code == 400
    foreign = CounterFactory(location=LocationFactory(region=location.region), name="Luar")
    wrong = staff.post(f"{API}/tickets/{code}/transfer/", {"counter": foreign.pk}, format="json")
    assert wrong.status_code == 400 and wrong.json()["code"] == "invalid_transfer"
    moved = staff.post(
        f"{API}/tickets/{code}/transfer/", {"service": kk.pk, "counter": other.pk}, format="json"
    )
    assert moved.status_code == 200, moved.json()
    new = moved.json()
    assert (new["number"], new["status"], new["service"]["id"]) == ("B-001", "waiting", kk.pk)
    assert Ticket.objects.get(code=code).status == S.TRANSFERRED
    assert Ticket.objects.get(code=new["code"]).reserved_counter == other
    assert staff.post(f"{API}/counters/{counter.pk}/call-next/").json()["ticket"] is None
    assert (
        staff.post(f"{API}/counters/{other.pk}/call-next/").json()["ticket"]["code"] == new["code"]
    )


def test_illegal_officer_moves_answer_409(location, ktp, counter, officer):
    code = services.ticket_walk_in(queue_service=ktp).code
    response = as_user(officer).post(f"{API}/tickets/{code}/finish/")
    assert response.status_code == 409 and response.json()["code"] == "invalid_transition"


def test_counter_screen_and_display_board(
    api, location, ktp, kk, counter, officer, django_assert_max_num_queries
):
    first = services.ticket_walk_in(queue_service=ktp)
    services.ticket_walk_in(queue_service=kk)
    services.ticket_walk_in(queue_service=ktp, priority="hamil")
    staff = as_user(officer)
    called = staff.post(f"{API}/counters/{counter.pk}/call-next/").json()["ticket"]
    assert called["number"] == "A-002"  # the pregnant visitor first
    with django_assert_max_num_queries(12):
        screen = staff.get(f"{API}/counters/{counter.pk}/")
    body = screen.json()
    assert body["counter"]["name"] == "Loket 1"
    assert {s["id"] for s in body["counter"]["services"]} == {ktp.pk, kk.pk}
    assert body["current"]["number"] == "A-002"
    assert [t["number"] for t in body["waiting"]] == [first.number, "B-001"]
    assert body["waiting_count"] == 2
    board = api.get(f"{API}/locations/{location.pk}/board/").json()
    assert board["called"] == [
        {
            "number": "A-002",
            "status": "called",
            "counter": "Loket 1",
            "service": ktp.service.name,
            "called_at": "2026-11-23T09:00:00+07:00",
            "call_count": 1,
        }
    ]
    assert board["waiting_count"] == 2 and board["chime"] is True


def test_every_queue_endpoint_is_in_the_openapi_schema(api, db):
    schema = api.get("/api/schema/?format=json").json()
    paths = schema["paths"]
    for path, method in (
        ("/api/queue/locations/", "get"),
        ("/api/queue/locations/{location_id}/slots/", "get"),
        ("/api/queue/locations/{location_id}/tickets/", "post"),
        ("/api/queue/locations/{location_id}/board/", "get"),
        ("/api/queue/bookings/", "post"),
        ("/api/queue/tickets/{code}/", "get"),
        ("/api/queue/tickets/{code}/check-in/", "post"),
        ("/api/queue/tickets/{code}/cancel/", "post"),
        ("/api/queue/tickets/{code}/reschedule/", "post"),
        ("/api/queue/tickets/{code}/recall/", "post"),
        ("/api/queue/tickets/{code}/start/", "post"),
        ("/api/queue/tickets/{code}/finish/", "post"),
        ("/api/queue/tickets/{code}/no-show/", "post"),
        ("/api/queue/tickets/{code}/transfer/", "post"),
        ("/api/queue/counters/{counter_id}/", "get"),
        ("/api/queue/counters/{counter_id}/call-next/", "post"),
    ):
        assert method in paths[path], path
    walk_in = paths["/api/queue/locations/{location_id}/tickets/"]["post"]
    assert set(walk_in["responses"]) >= {"201", "400", "404"}
    slots = paths["/api/queue/locations/{location_id}/slots/"]["get"]
    assert {p["name"] for p in slots["parameters"]} == {"location_id", "service", "date"}
    status = schema["components"]["schemas"]["TicketStatus"]["properties"]
    assert {"number", "status", "position", "estimated_wait_minutes", "counter"} <= set(status)
