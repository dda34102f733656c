"""The catalogue API: public reads, staff writes, import/export, JSON errors, and the OpenAPI schema."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from tanggap.catalog.models import Service, StandardVersion


@pytest.fixture
def api():
    return APIClient()


def _as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_public_list_has_each_service_with_its_standard_in_force(api, ktp, izin, drafted):
    response = api.get("/api/catalog/services/", {"region": "kab-uji"})
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 2
    first = body["results"][1]
    assert (first["code"], first["region"], first["unit"]["slug"]) == (
        "DUK-KTP",
        "kab-uji",
        "dinas-a",
    )
    assert first["standard"]["requirements"] == [
        "Fotokopi Kartu Keluarga",
        "Surat pengantar tidak diperlukan",
    ]
    assert first["standard"]["status"] == "enacted"
    assert first["url"].endswith("/layanan/kab-uji/ktp-el-baru/")


def test_the_public_list_searches(api, ktp, izin):
    body = api.get("/api/catalog/services/", {"region": "kab-uji", "q": "ktp"}).json()
    assert [s["code"] for s in body["results"]] == ["DUK-KTP"]


def test_bad_filters_answer_400_json(api):
    response = api.get("/api/catalog/services/", {"region": "<bad slug>"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_the_public_list_uses_a_fixed_number_of_queries(api, unit_a, django_assert_max_num_queries):
    from tanggap.catalog.tests.factories import enacted_service

    for i in range(30):
        enacted_service(unit=unit_a, name=f"Layanan {i}")
    with django_assert_max_num_queries(5):
        assert api.get("/api/catalog/services/").status_code == 200


def test_detail_hides_unpublished_services_from_the_public_but_not_from_their_managers(
    api, ktp, drafted, unit_admin_a, handler_b
):
    assert api.get(f"/api/catalog/services/{ktp.pk}/").status_code == 200
    assert api.get(f"/api/catalog/services/{drafted.pk}/").status_code == 404
    assert _as(handler_b).get(f"/api/catalog/services/{drafted.pk}/").status_code == 404
    staff = _as(unit_admin_a).get(f"/api/catalog/services/{drafted.pk}/")
    assert staff.status_code == 200 and staff.json()["standard"] is None
    assert api.get("/api/catalog/services/abc/").status_code == 404


def test_versions_show_drafts_only_to_staff(api, ktp, unit_admin_a):
    StandardVersion.objects.create(service=ktp, version=2)
    assert [v["version"] for v in api.get(f"/api/catalog/services/{ktp.pk}/versions/").json()] == [
        1
    ]
    staff = _as(unit_admin_a).get(f"/api/catalog/services/{ktp.pk}/versions/").json()
    assert [(v["version"], v["status"]) for v in staff] == [(2, "draft"), (1, "enacted")]


def test_anonymous_writes_are_refused(api, unit_a):
    response = api.post("/api/catalog/services/", {"unit": unit_a.pk, "code": "X", "name": "X"})
    assert response.status_code == 403
    assert "code" in response.json() and "message" in response.json()
    assert not Service.objects.filter(code="X").exists()


def test_staff_create_update_draft_and_enact_through_the_api(unit_admin_a, head_a, unit_a):
    client = _as(unit_admin_a)
    created = client.post(
        "/api/catalog/services/",
        {"unit": unit_a.pk, "code": "API-1", "name": "Layanan API"},
        format="json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]

    patched = client.patch(f"/api/catalog/services/{pk}/", {"description": "Uraian"}, format="json")
    assert patched.status_code == 200 and patched.json()["description"] == "Uraian"

    draft = client.patch(
        f"/api/catalog/services/{pk}/draft/",
        {
            "requirements": ["KTP-el"],
            "procedure": "Datang\nDilayani",
            "product": "Surat",
            "complaint_handling": "LAPOR!",
            "cost": "0",
        },
        format="json",
    )
    assert draft.status_code == 200
    assert draft.json()["procedure"] == ["Datang", "Dilayani"]

    enacted = _as(head_a).post(
        f"/api/catalog/services/{pk}/enact/",
        {"decree_number": "400/3/2025", "decree_date": "2025-02-01"},
        format="json",
    )
    assert enacted.status_code == 200 and enacted.json()["status"] == "enacted"

    again = client.patch(f"/api/catalog/services/{pk}/draft/", {"product": "Lain"}, format="json")
    assert again.status_code == 404 and again.json()["code"] == "no_draft"

    new = client.post(f"/api/catalog/services/{pk}/new-version/")
    assert new.status_code == 201 and new.json()["version"] == 2
    dup = client.post(f"/api/catalog/services/{pk}/new-version/")
    assert dup.status_code == 400 and dup.json()["code"] == "draft_exists"


def test_domain_errors_are_json_with_code_and_message(unit_admin_a, ktp):
    client = _as(unit_admin_a)
    client.post(f"/api/catalog/services/{ktp.pk}/new-version/")
    response = client.patch(
        f"/api/catalog/services/{ktp.pk}/draft/", {"cost": "5000"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "adminduk_must_be_free" and "UU 24/2013" in body["message"]
    assert body["field"] == "cost"


@pytest.mark.parametrize(
    "payload",
    [
        {"decree_number": "", "decree_date": "2025-01-01"},
        {"decree_number": "1", "decree_date": "kemarin"},
        {},
        {"decree_number": "1", "decree_date": "2999-01-01"},
    ],
)
def test_bad_enact_input_answers_400_and_changes_nothing(head_a, unit_admin_a, ktp, payload):
    _as(unit_admin_a).post(f"/api/catalog/services/{ktp.pk}/new-version/")
    response = _as(head_a).post(f"/api/catalog/services/{ktp.pk}/enact/", payload, format="json")
    assert response.status_code == 400
    assert {"code", "message"} <= set(response.json())
    assert ktp.standards.get(status="enacted").version == 1


def test_archiving_through_the_api_needs_a_reason(unit_admin_a, ktp):
    client = _as(unit_admin_a)
    assert (
        client.post(f"/api/catalog/services/{ktp.pk}/archive/", {}, format="json").status_code
        == 400
    )
    response = client.post(
        f"/api/catalog/services/{ktp.pk}/archive/", {"reason": "Ditutup"}, format="json"
    )
    assert response.status_code == 200 and response.json()["is_active"] is False


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_export_answers_the_asked_format(region_admin, ktp, fmt):
    response = _as(region_admin).get("/api/catalog/export/", {"region": "kab-uji", "format": fmt})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    if fmt == "json":
        assert json.loads(response.content)["services"][0]["code"] == "DUK-KTP"


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"region": "kab-uji", "format": "pdf"}, 400),
        ({"format": "csv"}, 400),
        ({"region": "tidak-ada", "format": "csv"}, 404),
        ({"unit": "abc", "format": "csv"}, 404),
    ],
)
def test_bad_export_requests_answer_json_errors(region_admin, params, status):
    response = _as(region_admin).get("/api/catalog/export/", params)
    assert response.status_code == status
    assert "code" in response.json()


def test_export_of_another_unit_is_refused(handler_b, unit_a, ktp):
    response = _as(handler_b).get("/api/catalog/export/", {"unit": unit_a.pk, "format": "csv"})
    assert response.status_code == 403


def test_import_through_the_api_reports_rows_and_is_all_or_nothing(unit_admin_a, ktp):
    client = _as(unit_admin_a)
    bad = SimpleUploadedFile("s.csv", b"code,name,unit,cost\nN-1,Baru,dinas-a,0\nDUK-KTP,,,9000\n")
    response = client.post(
        "/api/catalog/import/", {"region": "kab-uji", "file": bad}, format="multipart"
    )
    body = response.json()
    assert response.status_code == 400
    assert body["code"] == "import_invalid" and body["errors"][0]["row"] == 3
    assert not Service.objects.filter(code="N-1").exists()

    good = SimpleUploadedFile("s.csv", b"code,name,unit\nN-1,Baru,dinas-a\n")
    response = client.post(
        "/api/catalog/import/", {"region": "kab-uji", "file": good}, format="multipart"
    )
    assert response.status_code == 200 and response.json()["services_created"] == 1


def test_import_into_a_region_without_rights_is_refused(handler_b, region):
    upload = SimpleUploadedFile("s.csv", b"code,name,unit\nN-1,Baru,dinas-b\n")
    response = _as(handler_b).post(
        "/api/catalog/import/", {"region": "kab-uji", "file": upload}, format="multipart"
    )
    assert response.status_code == 403


def test_the_catalogue_is_in_the_openapi_schema(api):
    response = api.get("/api/schema/", {"format": "json"})
    paths = json.loads(response.content)["paths"]
    for path in (
        "/api/catalog/services/",
        "/api/catalog/services/{id}/",
        "/api/catalog/services/{id}/versions/",
        "/api/catalog/services/{id}/draft/",
        "/api/catalog/services/{id}/new-version/",
        "/api/catalog/services/{id}/enact/",
        "/api/catalog/services/{id}/archive/",
        "/api/catalog/import/",
        "/api/catalog/export/",
    ):
        assert path in paths
