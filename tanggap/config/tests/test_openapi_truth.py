"""The OpenAPI schema says what the API answers (issue 9, defect 16).

Each response below comes from the demo through the Django client and is validated against the schema
with Schemathesis' own response check, the one `make fuzz` applies to every operation: fields that can be
empty are declared nullable, list actions that are not paginated are documented as arrays, nested objects
have their real types, local times match their pattern, and the import's 400 answers are documented.
"""

from __future__ import annotations

import json

import pytest
import requests
import schemathesis
import urllib3
from django.test import Client
from drf_spectacular.generators import SchemaGenerator

from tanggap.core.openapi import LOCAL_TIME_PATTERN

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("openapi-truth")]


@pytest.fixture(scope="module")
def spec() -> dict:
    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True)))


@pytest.fixture(scope="module")
def api_schema(spec):
    return schemathesis.openapi.from_dict(spec)


@pytest.fixture
def staff(demo_output) -> Client:
    from tanggap.accounts.models import User

    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="admin.blitar"))
    return client


def conforms(api_schema, method: str, template: str, response) -> None:
    """Raise (with Schemathesis' explanation) unless the response matches the operation's schema."""
    raw = urllib3.HTTPResponse(
        body=b"", headers={"Content-Type": response["Content-Type"]}, status=response.status_code
    )
    wrapped = requests.Response()
    wrapped.status_code = response.status_code
    wrapped._content = response.content
    wrapped.raw = raw
    wrapped.headers = requests.structures.CaseInsensitiveDict(
        {"Content-Type": response["Content-Type"]}
    )
    wrapped.request = requests.Request(
        method, f"http://testserver{response.request['PATH_INFO']}"
    ).prepare()
    wrapped.url = wrapped.request.url
    wrapped.encoding = "utf-8"
    api_schema[template][method].validate_response(wrapped)


def test_the_check_itself_catches_an_untrue_answer(api_schema, staff):
    """The helper is no rubber stamp: an answer with a field of the wrong type fails it."""
    from tanggap.org.models import Region

    region = Region.objects.get(slug="kab-blitar")
    response = staff.get(f"/api/org/regions/{region.slug}/")
    assert response.status_code == 200
    conforms(api_schema, "GET", "/api/org/regions/{slug}/", response)
    body = response.json()
    body["work_start"] = 8
    response.content = json.dumps(body).encode()
    with pytest.raises(Exception, match="work_start|is not of type"):
        conforms(api_schema, "GET", "/api/org/regions/{slug}/", response)


def test_staff_complaints_with_empty_category_unit_and_place_conform(api_schema, staff):
    from tanggap.complaints.models import Complaint

    empty = Complaint.objects.filter(region__slug="kab-blitar", category__isnull=True).first()
    assert empty is not None, "the demo has reports not yet categorised"
    listing = staff.get("/api/complaints/", {"limit": 200})
    assert listing.status_code == 200
    assert any(row["category"] is None for row in listing.json()["results"])
    conforms(api_schema, "GET", "/api/complaints/", listing)
    detail = staff.get(f"/api/complaints/{empty.tracking_code}/")
    assert detail.status_code == 200
    assert detail.json()["category"] is None and detail.json()["merged_into"] is None
    conforms(api_schema, "GET", "/api/complaints/{code}/", detail)


def test_categories_without_a_default_unit_conform(api_schema, client, demo_output):
    from tanggap.complaints.models import ComplaintCategory

    assert ComplaintCategory.objects.filter(region__slug="kab-blitar", default_unit=None).exists()
    response = client.get("/api/complaints/categories/", {"region": "kab-blitar"})
    assert response.status_code == 200
    conforms(api_schema, "GET", "/api/complaints/categories/", response)


def test_decree_entries_name_the_official_by_integer_id(api_schema, spec, staff):
    from tanggap.org.models import RotationDecree

    official = spec["components"]["schemas"]["Entry"]["properties"]["official"]
    ref = official.get("$ref") or official["allOf"][0]["$ref"]
    assert spec["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"]["id"]["type"] == (
        "integer"
    )
    decree = RotationDecree.objects.filter(region__slug="kab-blitar", entries__isnull=False).first()
    response = staff.get(f"/api/org/decrees/{decree.pk}/")
    assert response.status_code == 200
    assert isinstance(response.json()["entries"][0]["official"]["id"], int)
    conforms(api_schema, "GET", "/api/org/decrees/{id}/", response)


def test_positions_without_a_decree_conform(api_schema, staff):
    from tanggap.org.models import PositionAssignment

    position = PositionAssignment.objects.filter(
        official__region__slug="kab-blitar", decree=None
    ).first()
    response = staff.get(f"/api/org/officials/{position.official_id}/")
    assert response.status_code == 200
    assert any(p["decree"] is None for p in response.json()["positions"])
    conforms(api_schema, "GET", "/api/org/officials/{id}/", response)


def test_local_times_are_documented_as_what_is_sent(api_schema, spec, staff):
    assert '"format": "time"' not in json.dumps(spec)
    work_start = spec["components"]["schemas"]["Region"]["properties"]["work_start"]
    assert work_start["pattern"] == LOCAL_TIME_PATTERN
    response = staff.get("/api/org/units/", {"region": "kab-blitar"})
    assert response.status_code == 200
    conforms(api_schema, "GET", "/api/org/units/", response)


def test_standard_versions_are_a_plain_list_as_documented(api_schema, client, demo_output):
    from tanggap.catalog.models import Service

    service = Service.objects.filter(region__slug="kab-blitar", standards__isnull=False).first()
    response = client.get(f"/api/catalog/services/{service.pk}/versions/")
    assert response.status_code == 200
    assert isinstance(response.json(), list)
    conforms(api_schema, "GET", "/api/catalog/services/{id}/versions/", response)


def test_import_refusals_conform(api_schema, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    missing = staff.post("/api/catalog/import/", {})
    assert missing.status_code == 400
    assert missing.json()["code"] == "invalid"
    conforms(api_schema, "POST", "/api/catalog/import/", missing)
    rows = SimpleUploadedFile("standar.csv", b"code,name,unit\nBARU-1,,unit-yang-tidak-ada\n")
    refused = staff.post("/api/catalog/import/", {"region": "kab-blitar", "file": rows})
    assert refused.status_code == 400
    assert refused.json()["code"] == "import_invalid" and refused.json()["errors"]
    conforms(api_schema, "POST", "/api/catalog/import/", refused)


# --- attendance and performance (issue 11) ---------------------------------------------------------


def _blitar_official_with_account():
    from tanggap.org.models import Official

    return (
        Official.objects.filter(region__slug="kab-blitar", user__isnull=False, status="active")
        .select_related("user", "unit")
        .order_by("pk")
        .first()
    )


def test_attendance_answers_conform(api_schema, staff):
    from tanggap.attendance.models import LeaveRequest

    for path in (
        "/api/attendance/check-ins/",
        "/api/attendance/leave-requests/",
        "/api/attendance/leave-types/",
    ):
        response = staff.get(path)
        assert response.status_code == 200, path
        conforms(api_schema, "GET", path, response)
    events = staff.get("/api/attendance/check-ins/").json()["results"]
    assert events and any(row["distance_m"] is None for row in events)
    decided = LeaveRequest.objects.filter(
        official__region__slug="kab-blitar", decided_at__isnull=False
    ).first()
    pending = LeaveRequest.objects.filter(official__region__slug="kab-blitar").first()
    for leave in (decided, pending):
        response = staff.get(f"/api/attendance/leave-requests/{leave.pk}/")
        assert response.status_code == 200
        conforms(api_schema, "GET", "/api/attendance/leave-requests/{leave_id}/", response)
    missing = staff.get("/api/attendance/leave-requests/999999999/")
    assert missing.status_code == 404
    conforms(api_schema, "GET", "/api/attendance/leave-requests/{leave_id}/", missing)
    # The region admin is no official: checking in is refused as documented.
    refused = staff.post(
        "/api/attendance/check-ins/", {"token": "x"}, content_type="application/json"
    )
    assert refused.status_code == 403
    conforms(api_schema, "POST", "/api/attendance/check-ins/", refused)


def test_an_officials_own_check_in_and_balance_conform(api_schema, demo_output):
    from django.utils import timezone

    from tanggap.attendance.qrtoken import qr_token
    from tanggap.attendance.selectors import checkin_locations

    official = _blitar_official_with_account()
    client = Client(raise_request_exception=False)
    client.force_login(official.user)
    balance = client.get("/api/attendance/leave-balance/")
    assert balance.status_code == 200
    conforms(api_schema, "GET", "/api/attendance/leave-balance/", balance)
    place = checkin_locations(official).first()
    body = {"kind": "out", "method": "qr", "token": qr_token(place, timezone.now())}
    done = client.post("/api/attendance/check-ins/", body, content_type="application/json")
    assert done.status_code == 201, done.content
    conforms(api_schema, "POST", "/api/attendance/check-ins/", done)
    again = client.post("/api/attendance/check-ins/", body, content_type="application/json")
    assert again.status_code == 400 and again.json()["code"] == "qr_replayed"
    conforms(api_schema, "POST", "/api/attendance/check-ins/", again)
    bad = client.post(
        "/api/attendance/check-ins/",
        {"method": "geo", "latitude": 91},
        content_type="application/json",
    )
    assert bad.status_code == 400
    conforms(api_schema, "POST", "/api/attendance/check-ins/", bad)


def test_performance_answers_conform(api_schema, staff):
    from tanggap.performance.models import PerformanceAgreement, Skp

    for path in ("/api/performance/agreements/", "/api/performance/skp/"):
        response = staff.get(path, {"limit": 200})
        assert response.status_code == 200, path
        conforms(api_schema, "GET", path, response)
    agreement = PerformanceAgreement.objects.filter(
        unit__region__slug="kab-blitar", indicators__realisations__isnull=False
    ).first()
    response = staff.get(f"/api/performance/agreements/{agreement.pk}/")
    assert response.status_code == 200 and response.json()["indicators"]
    conforms(api_schema, "GET", "/api/performance/agreements/{agreement_id}/", response)
    rated = Skp.objects.filter(official__region__slug="kab-blitar").exclude(predikat="").first()
    unrated = Skp.objects.filter(official__region__slug="kab-blitar", predikat="").first()
    for skp in (rated, unrated):
        if skp is None:
            continue
        response = staff.get(f"/api/performance/skp/{skp.pk}/")
        assert response.status_code == 200
        conforms(api_schema, "GET", "/api/performance/skp/{skp_id}/", response)
    unit = (rated or unrated).official.unit
    distribution = staff.get(
        f"/api/performance/units/{unit.pk}/predikat/",
        {"year": (rated or unrated).year, "unit_rating": "istimewa"},
    )
    assert distribution.status_code == 200
    conforms(api_schema, "GET", "/api/performance/units/{unit_id}/predikat/", distribution)
    bad = staff.get(f"/api/performance/units/{unit.pk}/predikat/", {"year": "x"})
    assert bad.status_code == 400
    conforms(api_schema, "GET", "/api/performance/units/{unit_id}/predikat/", bad)


def test_a_units_predikat_and_its_stored_rating_conform(api_schema, spec, staff):
    from django.utils import timezone

    from tanggap.performance.models import UnitPerformanceRating

    year = timezone.localdate().year
    stored = UnitPerformanceRating.objects.filter(
        unit__region__slug="kab-blitar", year=year
    ).first()
    assert stored is not None  # the demo records each agreement unit's rating
    template = "/api/performance/units/{unit_id}/predikat/"
    enum = spec["components"]["schemas"]["UnitRatingSourceEnum"]["enum"]
    assert set(enum) == {"ditetapkan", "dipilih", "bawaan"}
    path = f"/api/performance/units/{stored.unit_id}/predikat/"
    for params, source in (
        ({"year": year}, "ditetapkan"),
        ({"year": year, "unit_rating": "baik"}, "dipilih"),
    ):
        response = staff.get(path, params)
        assert response.status_code == 200, response.content
        assert response.json()["unit_rating_source"] == source
        conforms(api_schema, "GET", template, response)
    rating = "/api/performance/units/{unit_id}/rating/"
    url = f"/api/performance/units/{stored.unit_id}/rating/"
    body = {"year": year, "rating": stored.rating, "basis": stored.basis}
    changed = staff.post(url, body, content_type="application/json")
    assert changed.status_code == 200
    conforms(api_schema, "POST", rating, changed)
    created = staff.post(url, {**body, "year": year + 1}, content_type="application/json")
    assert created.status_code == 201
    conforms(api_schema, "POST", rating, created)
    bad = staff.post(url, {**body, "basis": ""}, content_type="application/json")
    assert bad.status_code == 400
    conforms(api_schema, "POST", rating, bad)
