"""The leave API: types, the own balance and ledger, filing (JSON or multipart with a document), the
superior's decision and a cancellation, scoping (404 beyond it) and bad input that changes nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tanggap.attendance.models import LeaveLedgerEntry, LeaveRequest
from tanggap.attendance.tests.factories import leave_type, official_with_account

pytestmark = pytest.mark.django_db
URL = "/api/attendance/leave-requests/"


def client_of(official_or_user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(getattr(official_or_user, "user", official_or_user))
    return client


def file(client, code="cuti_tahunan", start="2027-02-01", end="2027-02-03", **extra):
    body = {"leave_type": leave_type(code).pk, "start": start, "end": end, **extra}
    return client.post(URL, body, content_type="application/json")


def test_leave_types_are_listed(staff):
    leave_type("cuti_tahunan")
    response = client_of(staff).get("/api/attendance/leave-types/")
    assert response.status_code == 200
    assert "cuti_tahunan" in {row["code"] for row in response.json()}


def test_the_balance_is_the_officials_own_with_its_ledger(staff):
    file(client_of(staff))
    response = client_of(staff).get("/api/attendance/leave-balance/", {"year": 2027})
    assert response.status_code == 200
    body = response.json()
    assert body["year"] == 2027 and body["pending"] == 3
    assert body["balance"] == sum(row["days"] for row in body["ledger"]) > 0
    assert body["available"] == body["balance"] - 3
    for bad in ({"year": "x"}, {"year": 99999}, {"year": 1999}):
        assert client_of(staff).get("/api/attendance/leave-balance/", bad).status_code == 400


def test_file_decide_and_cancel(staff, head):
    created = file(client_of(staff), reason="Acara keluarga")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "pending" and body["working_days"] == 3
    assert body["official"]["id"] == staff.pk and "nip" not in body["official"]
    decided = client_of(head).post(
        f"{URL}{body['id']}/decide/", {"approve": True}, content_type="application/json"
    )
    assert decided.status_code == 200, decided.content
    assert decided.json()["status"] == "approved"
    cancelled = client_of(staff).post(
        f"{URL}{body['id']}/cancel/", {"note": "Batal"}, content_type="application/json"
    )
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    kinds = list(
        LeaveLedgerEntry.objects.filter(request_id=body["id"]).values_list("kind", flat=True)
    )
    assert sorted(kinds) == ["cancelled", "taken"]


def test_a_rejection_needs_a_reason_and_only_the_superior_decides(staff, head):
    leave_id = file(client_of(staff)).json()["id"]
    url = f"{URL}{leave_id}/decide/"
    no_reason = client_of(head).post(url, {"approve": False}, content_type="application/json")
    assert no_reason.status_code == 400 and no_reason.json()["code"] == "reason_required"
    own = client_of(staff).post(url, {"approve": True}, content_type="application/json")
    assert own.status_code in (403, 409)  # the transition table refuses a move nobody may make
    assert LeaveRequest.objects.get(pk=leave_id).status == "pending"
    done = client_of(head).post(
        url, {"approve": False, "note": "Tenaga kurang"}, content_type="application/json"
    )
    assert done.json()["status"] == "rejected"
    again = client_of(head).post(url, {"approve": True}, content_type="application/json")
    assert again.status_code == 409


def test_a_sick_leave_takes_its_doctors_note_as_multipart(staff):
    sick = leave_type("sakit")
    client = client_of(staff)
    body = {"leave_type": sick.pk, "start": "2027-02-01", "end": "2027-02-02"}
    missing = client.post(URL, body)
    assert missing.status_code == 400 and missing.json()["code"] == "document_required"
    wrong = client.post(URL, {**body, "document": SimpleUploadedFile("a.exe", b"MZ")})
    assert wrong.status_code == 400
    note = SimpleUploadedFile("surat.pdf", b"%PDF-1.4 surat dokter", content_type="application/pdf")
    created = client.post(URL, {**body, "document": note})
    assert created.status_code == 201, created.content
    assert created.json()["has_document"] is True
    assert LeaveRequest.objects.count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"leave_type": "x", "start": "2027-02-01", "end": "2027-02-02"},
        {"leave_type": 2**70, "start": "2027-02-01", "end": "2027-02-02"},
        {"leave_type": 999999, "start": "2027-02-01", "end": "2027-02-02"},
        {"start": "2027-02-05", "end": "2027-02-01"},
        {"start": "2027-13-01", "end": "2027-02-01"},
        {"start": "2027-02-01", "end": "2027-02-02", "reason": "a\x00b"},
        {"start": "2027-02-01", "end": "2027-12-31"},
    ],
)
def test_bad_requests_are_400_and_file_nothing(staff, body):
    full = (
        {"leave_type": leave_type("cuti_tahunan").pk, **body} if "leave_type" not in body else body
    )
    response = client_of(staff).post(URL, full, content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()["message"]
    assert not LeaveRequest.objects.exists()


@pytest.fixture
def requests_by(unit_b, head, staff):
    other = official_with_account(unit_b, "staf_b")
    ids = {}
    for name, official in (("head", head), ("staff", staff), ("other", other)):
        ids[name] = file(client_of(official)).json()["id"]
    return ids


def listed(user) -> set[int]:
    response = client_of(user).get(URL, {"limit": 200})
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


def test_the_scoping_matrix(requests_by, staff, head, region_admin, handler_b):
    ids = requests_by
    assert listed(staff) == {ids["staff"]}
    assert listed(head) == {ids["head"], ids["staff"]}
    assert listed(region_admin) == set(ids.values())
    assert listed(handler_b) == set()
    assert client_of(staff).get(f"{URL}{ids['other']}/").status_code == 404
    assert client_of(head).get(f"{URL}{ids['staff']}/").status_code == 200
    assert client_of(staff).get(f"{URL}{2**70}/").status_code == 404
    refused = client_of(staff).post(
        f"{URL}{ids['other']}/cancel/", {}, content_type="application/json"
    )
    assert refused.status_code == 404
    assert LeaveRequest.objects.get(pk=ids["other"]).status == "pending"
    assert Client().get(URL).status_code in (401, 403)


def test_the_list_takes_few_queries(requests_by, region_admin, django_assert_max_num_queries):
    client = client_of(region_admin)
    with django_assert_max_num_queries(8):
        assert client.get(URL).status_code == 200
