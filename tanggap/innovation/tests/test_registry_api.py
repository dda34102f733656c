"""The registry API: a round trip (register, read, change, add evidence as a link and as a file), 400s
with clear messages, JSON 404s, scoping, and the endpoints in the OpenAPI schema."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from rest_framework.test import APIClient

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.innovation.models import Evidence, Indicator, Innovation
from tanggap.innovation.tests.factories import InnovationFactory, scheme_2023

pytestmark = pytest.mark.django_db
BASE = "/api/innovation/innovations/"


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 120, 0)).save(out, "PNG")
    return out.getvalue()


BODY = {
    "name": "Sistem Rujukan Terpadu",
    "form": "pelayanan_publik",
    "kind": "digital",
    "initiator": "perangkat_daerah",
    "affair": "kesehatan",
    "initiated_on": "2025-01-02",
    "problem": "Rujukan pasien lambat.",
    "approach": "Rujukan daring antar-puskesmas.",
    "benefits": "Pasien dirujuk dalam hitungan menit.",
}


def test_round_trip_register_read_change_and_add_evidence(head_a, unit_a):
    api = _api(head_a)
    created = api.post(BASE, {**BODY, "unit": unit_a.pk}, format="json")
    assert created.status_code == 201, created.content
    innovation_id = created.json()["id"]
    assert created.json()["code"] == "INO-2025-0001"
    listed = api.get(BASE, {"q": "rujukan"})
    assert [r["id"] for r in listed.json()["results"]] == [innovation_id]
    changed = api.patch(f"{BASE}{innovation_id}/", {"benefits": "Lebih cepat."}, format="json")
    assert changed.status_code == 200 and changed.json()["benefits"] == "Lebih cepat."
    sid = scheme_2023().indicators.filter(aspect=Indicator.Aspect.SID).first()
    link = api.post(
        f"{BASE}{innovation_id}/evidence/",
        {"indicator": sid.pk, "level": 1, "link": "https://dinkes.example.go.id/sk"},
        format="json",
    )
    assert link.status_code == 201 and link.json()["medium"] == "link"
    photo = api.post(
        f"{BASE}{innovation_id}/evidence/",
        {"indicator": sid.pk, "level": 1, "file": SimpleUploadedFile("foto.png", _png())},
        format="multipart",
    )
    assert photo.status_code == 201 and photo.json()["content_type"] == "image/png"
    assert len(api.get(f"{BASE}{innovation_id}/evidence/").json()) == 2


def test_bad_input_answers_400_with_a_message_and_changes_nothing(head_a, unit_a):
    api = _api(head_a)
    bad_dates = api.post(BASE, {**BODY, "unit": unit_a.pk, "stage": "uji_coba"}, format="json")
    assert bad_dates.status_code == 400 and bad_dates.json()["field"] == "trial_on"
    unknown_choice = api.post(BASE, {**BODY, "unit": unit_a.pk, "form": "x"}, format="json")
    assert unknown_choice.status_code == 400 and unknown_choice.json()["message"]
    assert api.get(BASE, {"stage": "x"}).status_code == 400
    assert not Innovation.objects.exists()
    innovation = InnovationFactory(unit=unit_a)
    url = f"{BASE}{innovation.pk}/evidence/"
    spd = scheme_2023().indicators.filter(aspect=Indicator.Aspect.SPD).first()
    refused = api.post(
        url, {"indicator": spd.pk, "level": 1, "link": "https://a.go.id"}, format="json"
    )
    assert refused.status_code == 400 and refused.json()["field"] == "indicator"
    exe = api.post(
        url,
        {
            "indicator": scheme_2023().indicators.filter(aspect="sid").first().pk,
            "level": 1,
            "file": SimpleUploadedFile("alat.exe", b"MZ\x90\x00" + b"\x00" * 64),
        },
        format="multipart",
    )
    assert exe.status_code == 400 and "tidak diterima" in exe.json()["message"]
    neither = api.post(url, {"indicator": spd.pk, "level": 1}, format="json")
    assert neither.status_code == 400
    assert not Evidence.objects.exists()


def test_unknown_or_other_region_ids_answer_json_404(unit_a, other_region):
    innovation = InnovationFactory(unit=unit_a)
    outsider = UserFactory(username="admin_lain")
    RoleAssignmentFactory(user=outsider, role=Role.REGION_ADMIN, region=other_region)
    api = _api(outsider)
    for url in (f"{BASE}{innovation.pk}/", f"{BASE}{innovation.pk}/evidence/", f"{BASE}999999/"):
        response = api.get(url)
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert api.get(BASE).json()["results"] == []
    assert api.patch(f"{BASE}{innovation.pk}/", {"name": "x"}, format="json").status_code == 404


def test_a_reader_cannot_change_and_a_citizen_is_refused(official_a, citizen, unit_a):
    innovation = InnovationFactory(unit=unit_a)
    reader = _api(official_a.user)
    assert reader.get(f"{BASE}{innovation.pk}/").status_code == 200
    assert reader.patch(f"{BASE}{innovation.pk}/", {"name": "x"}, format="json").status_code == 403
    assert _api(citizen).get(BASE).status_code == 403
    assert _api().get(BASE).status_code in {401, 403}


def test_registry_endpoints_are_in_the_openapi_schema(client):
    schema = client.get("/api/schema/", {"format": "json"})
    paths = schema.json()["paths"]
    assert "/api/innovation/innovations/" in paths
    assert "patch" in paths["/api/innovation/innovations/{innovation_id}/"]
    assert "post" in paths["/api/innovation/innovations/{innovation_id}/evidence/"]
