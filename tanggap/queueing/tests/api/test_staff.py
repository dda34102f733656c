"""The front desk's queue API: sign-in and location rights, call-next, recall, no-show, transfer, the
counter screen and the board, and the OpenAPI schema."""

from zoneinfo import ZoneInfo

from tanggap.queueing import services
from tanggap.queueing.models import Ticket, TicketEvent
from tanggap.queueing.tests.factories import (
    CounterFactory,
    LocationFactory,
)

WIB = ZoneInfo("Asia/Jakarta")
VALID_NIK = "3505014107900001"
S = Ticket.Status
API = "/api/queue"


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
    location, ktp, counter, officer, stranger, citizen, as_user
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


def test_call_next_with_nobody_waiting_answers_200_with_a_null_ticket(
    location, counter, officer, as_user
):
    response = as_user(officer).post(f"{API}/counters/{counter.pk}/call-next/")
    assert response.status_code == 200
    assert response.json() == {"ticket": None, "waiting_count": 0}


def test_call_next_while_busy_is_400_counter_busy(location, ktp, counter, officer, as_user):
    services.ticket_walk_in(queue_service=ktp)
    services.ticket_walk_in(queue_service=ktp)
    staff = as_user(officer)
    assert staff.post(f"{API}/counters/{counter.pk}/call-next/").json()["waiting_count"] == 1
    busy = staff.post(f"{API}/counters/{counter.pk}/call-next/")
    assert busy.status_code == 400 and busy.json()["code"] == "counter_busy"


def test_recall_then_no_show_after_the_grace_period(
    location, ktp, counter, officer, monday_morning, as_user
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


def test_transfer_to_another_service_and_counter(location, ktp, kk, counter, officer, as_user):
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


def test_illegal_officer_moves_answer_409(location, ktp, counter, officer, as_user):
    code = services.ticket_walk_in(queue_service=ktp).code
    response = as_user(officer).post(f"{API}/tickets/{code}/finish/")
    assert response.status_code == 409 and response.json()["code"] == "invalid_transition"


def test_counter_screen_and_display_board(
    api, location, ktp, kk, counter, officer, django_assert_max_num_queries, as_user
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
