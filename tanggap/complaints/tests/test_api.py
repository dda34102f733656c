"""The complaints REST API end to end: file (JSON and multipart), track, every staff move, the reporter's
reply, rating and reopening; and every refusal: wrong secret, other units, wrong roles, wrong states,
bad input and files, rate limits, anonymous reporters' identity."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image
from rest_framework.test import APIClient

from tanggap.complaints.models import (
    Attachment,
    Channel,
    Complaint,
    ComplaintCategory,
    ComplaintEvent,
)
from tanggap.complaints.services import complaint_file
from tanggap.org.tests.factories import AreaFactory

WIB = ZoneInfo("Asia/Jakarta")
MONDAY_10 = dt.datetime(2026, 11, 23, 10, 0, tzinfo=WIB)
API = "/api/complaints"
S = Complaint.Status


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(MONDAY_10, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


def as_user(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def category(region, unit_a):
    return ComplaintCategory.objects.create(
        region=region, slug="jalan-rusak", name="Jalan rusak", default_unit=unit_a
    )


def report_data(region, /, **extra):
    data = {
        "region": region.slug,
        "report_type": "pengaduan",
        "title": "Jalan berlubang di depan SD",
        "description": "Lubang besar di jalan desa membahayakan anak-anak yang berangkat sekolah.",
    }
    data.update(extra)
    return data


def png(name="foto.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def filed(region, **kwargs):
    data = {
        "region": region,
        "report_type": "pengaduan",
        "title": "Lampu jalan mati",
        "description": "Lampu jalan di perempatan pasar mati sejak seminggu, gelap dan rawan.",
    }
    data.update(kwargs)
    return complaint_file(**data)


def error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) >= {"code", "message"} and body["message"]
    if code is not None:
        assert body["code"] == code
    return body


# --- filing and tracking ----------------------------------------------------------------------------------


def test_anyone_files_a_report_as_json_and_gets_the_code_and_secret_once(api, region, category):
    kecamatan = AreaFactory(region=region, kind="kecamatan", code="35.05.01", name="Wlingi")
    desa = AreaFactory(
        region=region, kind="desa", code="35.05.01.2001", name="Beru", parent=kecamatan
    )
    response = api.post(
        f"{API}/",
        report_data(
            region,
            category="jalan-rusak",
            desa=desa.code,
            latitude="-8.09831234",
            longitude="112.1681",
            reporter_phone="0812 3456 7890",
        ),
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"tracking_code", "secret", "status", "verify_due_at"}
    complaint = Complaint.objects.get()
    assert body["tracking_code"] == complaint.tracking_code and body["status"] == "baru"
    assert body["secret"] not in complaint.secret_hash
    assert body["verify_due_at"] == "2026-11-26T10:00:00+07:00"
    assert complaint.channel == Channel.API and complaint.category == category
    assert (complaint.kecamatan, complaint.desa) == (kecamatan, desa)
    assert str(complaint.latitude) == "-8.098312"  # rounded to the stored six decimals


def test_a_multipart_filing_stores_its_photos(api, region):
    response = api.post(
        f"{API}/",
        {**report_data(region), "files": [png("a.png"), png("b.png")]},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    complaint = Complaint.objects.get()
    assert complaint.attachments.count() == 2
    assert set(complaint.attachments.values_list("by_reporter", flat=True)) == {True}


def test_a_disguised_file_files_nothing_and_stores_nothing(api, region):
    fake = SimpleUploadedFile("foto.jpg", b"%PDF-1.4 bukan foto", content_type="image/jpeg")
    response = api.post(f"{API}/", {**report_data(region), "files": [fake]}, format="multipart")
    error(response, 400)
    assert not Complaint.objects.exists() and not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "abc"}, "title"),
        ({"description": "x" * 4001}, "description"),
        ({"report_type": "keluhan"}, "report_type"),
        ({"region": "kab-entah"}, "region"),
        ({"category": "tidak-ada"}, "category"),
        ({"kecamatan": "99.99"}, "kecamatan"),
        ({"latitude": "-8.1"}, "longitude"),
        ({"latitude": "-91", "longitude": "112"}, "latitude"),
        ({"reporter_email": "bukan-surel"}, "reporter_email"),
        ({"reporter_phone": "nomor"}, "reporter_phone"),
    ],
)
def test_bad_filings_are_refused_with_a_json_error_and_change_nothing(
    api, region, category, change, field
):
    body = error(api.post(f"{API}/", report_data(region, **change), format="json"), 400)
    assert field in (body.get("field"), *(body.get("errors") or {}))
    assert not Complaint.objects.exists()


def test_only_staff_of_the_region_record_other_channels(api, region, region_admin, citizen):
    data = report_data(region, channel="telepon", reporter_name="Pak Darto")
    error(api.post(f"{API}/", data, format="json"), 403, "permission_denied")
    error(as_user(citizen).post(f"{API}/", data, format="json"), 403)
    response = as_user(region_admin).post(f"{API}/", data, format="json")
    assert response.status_code == 201, response.content
    complaint = Complaint.objects.get()
    assert complaint.channel == "telepon" and complaint.reporter_user is None
    assert complaint.events.get().actor == region_admin
    body = error(api.post(f"{API}/", report_data(region, channel="open311"), format="json"), 400)
    assert "channel" in body["errors"]


def test_a_signed_in_citizens_report_is_linked_to_their_account(region, citizen):
    response = as_user(citizen).post(f"{API}/", report_data(region), format="json")
    assert response.status_code == 201
    assert Complaint.objects.get().reporter_user == citizen


def test_filing_is_rate_limited(api, region, monkeypatch):
    from tanggap.complaints.api import throttles

    monkeypatch.setitem(throttles.RATES, "complaints_filing", "2/minute")
    codes = [api.post(f"{API}/", report_data(region), format="json").status_code for _ in range(3)]
    assert codes == [201, 201, 429]
    assert error(api.post(f"{API}/", report_data(region), format="json"), 429)
    assert Complaint.objects.count() == 2


def test_tracking_needs_the_code_and_its_secret_and_shows_no_internal_note(api, region, unit_a):
    complaint, secret = filed(region)
    ComplaintEvent.objects.create(
        complaint=complaint,
        action="note",
        message="Catatan rahasia petugas",
        visibility=ComplaintEvent.Visibility.INTERNAL,
        at=MONDAY_10,
    )
    for code, wrong in ((complaint.tracking_code, "SALAH12345"), ("LPR-TIDAKADA", secret)):
        body = error(api.post(f"{API}/track/", {"tracking_code": code, "secret": wrong}), 404)
        assert body["code"] == "not_found"
    response = api.post(
        f"{API}/track/", {"tracking_code": complaint.tracking_code.lower(), "secret": secret}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["tracking_code"] == complaint.tracking_code and body["status"] == "baru"
    assert [e["action"] for e in body["timeline"]] == ["filed"]
    assert "Catatan rahasia petugas" not in response.content.decode()
    assert {d["target"]: d["state"] for d in body["deadlines"]}["verify"] == "on_track"


def test_categories_of_a_region(api, region, category, unit_a):
    ComplaintCategory.objects.create(region=region, slug="lama", name="Lama", is_active=False)
    response = api.get(f"{API}/categories/", {"region": region.slug})
    assert response.json() == [
        {"slug": "jalan-rusak", "name": "Jalan rusak", "name_en": "", "default_unit": "Dinas A"}
    ]
    error(api.get(f"{API}/categories/", {"region": "kab-entah"}), 400)
    error(api.get(f"{API}/categories/"), 400)


# --- the whole workflow -----------------------------------------------------------------------------------


def test_a_report_goes_from_filing_to_closing_and_reopening_through_the_api(
    api, region, category, unit_a, region_admin, head_a, handler_a, monday_morning
):
    filed_body = api.post(f"{API}/", report_data(region), format="json").json()
    code, secret = filed_body["tracking_code"], filed_body["secret"]
    admin, head, handler = as_user(region_admin), as_user(head_a), as_user(handler_a)

    response = admin.post(
        f"{API}/{code}/verify-dispatch/",
        {"unit": unit_a.pk, "category": "jalan-rusak", "note": "Mohon segera"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "diteruskan" and body["unit"] == "Dinas A"
    assert body["resolve_due_at"] is not None

    response = head.post(f"{API}/{code}/assign/", {"assignee": handler_a.pk})
    assert response.status_code == 200, response.content
    assert response.json()["assignee"]["id"] == handler_a.pk
    assert response.json()["status"] == "diproses"

    response = handler.post(
        f"{API}/{code}/request-info/", {"question": "Di RT berapa tepatnya lubang itu?"}
    )
    assert response.json()["status"] == "menunggu_pelapor"
    tracked = api.post(f"{API}/track/", {"tracking_code": code, "secret": secret}).json()
    assert tracked["timeline"][-1]["message"] == "Di RT berapa tepatnya lubang itu?"
    monday_morning.shift(dt.timedelta(hours=2))
    response = api.post(
        f"{API}/{code}/reply/",
        {"secret": secret, "message": "RT 03 RW 01, depan SDN 1.", "files": [png()]},
        format="multipart",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "diproses"
    assert response.json()["timeline"][-1]["attachments"][0]["content_type"] == "image/png"

    response = handler.post(
        f"{API}/{code}/note/", {"message": "Tim survei berangkat besok.", "visibility": "public"}
    )
    assert response.status_code == 200, response.content
    response = handler.post(
        f"{API}/{code}/answer/",
        {"message": "Lubang sudah ditambal pada hari ini.", "files": [png("hasil.png")]},
        format="multipart",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "ditanggapi"

    response = api.post(f"{API}/{code}/rate/", {"secret": secret, "rating": 4, "comment": "Cepat"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "selesai" and response.json()["rating"] == 4

    response = api.post(
        f"{API}/{code}/reopen/", {"secret": secret, "reason": "Tambalan sudah rusak lagi."}
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "diproses" and response.json()["reopen_count"] == 1

    handler.post(f"{API}/{code}/answer/", {"message": "Ditambal ulang dengan aspal panas."})
    response = handler.post(f"{API}/{code}/close/")
    assert response.status_code == 200, response.content
    detail = response.json()
    assert detail["status"] == "selesai"
    actions = [event["action"] for event in detail["timeline"]]
    assert actions[0] == "filed" and "note" in actions  # staff see internal notes too
    assert {e["visibility"] for e in detail["timeline"]} >= {"public", "internal"}


def test_the_verifier_can_transfer_merge_archive_and_the_unit_hand_on(
    region, unit_a, unit_b, region_admin, head_a
):
    admin = as_user(region_admin)
    first, _ = filed(region)
    second, _ = filed(region)
    third, _ = filed(region)
    fourth, _ = filed(region)

    response = admin.post(
        f"{API}/{first.tracking_code}/transfer-out/", {"destination": "Polres Blitar"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "dialihkan"

    response = admin.post(f"{API}/{second.tracking_code}/merge/", {"into": third.tracking_code})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "digabung"
    assert response.json()["merged_into"] == third.tracking_code

    response = admin.post(
        f"{API}/{fourth.tracking_code}/archive/", {"reason": "Laporan terlalu umum"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "diarsipkan"

    response = admin.post(f"{API}/{third.tracking_code}/verify-dispatch/", {"unit": unit_a.pk})
    assert response.status_code == 200, response.content
    response = as_user(head_a).post(
        f"{API}/{third.tracking_code}/redispatch/", {"unit": unit_b.pk, "note": "Wewenang B"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["unit"] == "Dinas B"


# --- refusals ---------------------------------------------------------------------------------------------


def test_staff_endpoints_need_a_signed_in_user(api, region):
    complaint, _ = filed(region)
    error(api.get(f"{API}/"), 401)
    error(api.get(f"{API}/{complaint.tracking_code}/"), 401)
    error(api.post(f"{API}/{complaint.tracking_code}/archive/", {"reason": "Spam saja"}), 401)
    assert Complaint.objects.get().status == S.NEW


def test_a_handler_of_another_unit_sees_nothing_and_moves_nothing(
    region, unit_a, region_admin, handler_b
):
    complaint, _ = filed(region)
    as_user(region_admin).post(
        f"{API}/{complaint.tracking_code}/verify-dispatch/", {"unit": unit_a.pk}
    )
    other = as_user(handler_b)
    assert other.get(f"{API}/").json()["results"] == []
    error(other.get(f"{API}/{complaint.tracking_code}/"), 404, "not_found")
    error(other.post(f"{API}/{complaint.tracking_code}/answer/", {"message": "Sudah beres."}), 404)
    assert Complaint.objects.get().status == S.DISPATCHED


def test_wrong_roles_get_403_and_wrong_states_409(region, unit_a, region_admin, handler_a):
    complaint, _ = filed(region)
    code = complaint.tracking_code
    handler = as_user(handler_a)
    error(as_user(region_admin).post(f"{API}/{code}/close/"), 409, "invalid_transition")
    as_user(region_admin).post(f"{API}/{code}/verify-dispatch/", {"unit": unit_a.pk})
    error(handler.post(f"{API}/{code}/archive/", {"reason": "Tidak relevan"}), 403)
    error(handler.post(f"{API}/{code}/verify-dispatch/", {"unit": unit_a.pk}), 403)
    error(as_user(region_admin).post(f"{API}/{code}/assign/", {"assignee": 999999}), 400)
    body = error(as_user(region_admin).post(f"{API}/{code}/verify-dispatch/", {}), 400)
    assert "unit" in body["errors"]
    error(as_user(region_admin).post(f"{API}/{code}/merge/", {"into": "LPR-TIDAKADA"}), 404)
    assert Complaint.objects.get().status == S.DISPATCHED


def test_the_reporter_cannot_rate_or_reopen_before_an_answer(api, region):
    complaint, secret = filed(region)
    code = complaint.tracking_code
    error(api.post(f"{API}/{code}/rate/", {"secret": secret, "rating": 5}), 409)
    error(api.post(f"{API}/{code}/rate/", {"secret": secret, "rating": 6}), 400)
    error(api.post(f"{API}/{code}/reopen/", {"secret": secret, "reason": "Belum beres"}), 409)
    error(api.post(f"{API}/{code}/reply/", {"secret": "SALAH12345", "message": "Halo?"}), 404)
    assert Complaint.objects.get().rating is None


def test_an_anonymous_reporter_is_hidden_from_the_unit_but_not_from_the_verifier(
    region, unit_a, region_admin, head_a
):
    complaint, _ = filed(
        region, is_anonymous=True, reporter_name="Bambang Sutejo", reporter_email="b@example.com"
    )
    code = complaint.tracking_code
    response = as_user(region_admin).post(f"{API}/{code}/verify-dispatch/", {"unit": unit_a.pk})
    assert response.json()["reporter"]["name"] == "Bambang Sutejo"
    unit_view = as_user(head_a).get(f"{API}/{code}/")
    assert unit_view.status_code == 200
    assert unit_view.json()["reporter"] is None
    assert "Bambang" not in unit_view.content.decode()
    assert "Bambang" not in as_user(head_a).get(f"{API}/").content.decode()


def test_the_staff_list_filters_and_costs_a_fixed_number_of_queries(
    region, unit_a, region_admin, handler_a
):
    admin = as_user(region_admin)

    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert admin.get(f"{API}/", {"limit": 50}).status_code == 200
        return len(ctx.captured_queries)

    first, _ = filed(region)
    admin.post(f"{API}/{first.tracking_code}/verify-dispatch/", {"unit": unit_a.pk})
    as_user(region_admin).post(f"{API}/{first.tracking_code}/assign/", {"assignee": handler_a.pk})
    few = queries_for_list()
    for _ in range(4):
        filed(region, title="Sampah menumpuk di pasar")
    assert queries_for_list() == few <= 8
    assert admin.get(f"{API}/").json()["count"] == 5
    listed = admin.get(f"{API}/", {"status": "diproses"}).json()["results"]
    assert [row["tracking_code"] for row in listed] == [first.tracking_code]
    assert admin.get(f"{API}/", {"unit": unit_a.pk}).json()["count"] == 1
    assert admin.get(f"{API}/", {"q": "sampah"}).json()["count"] == 4
    error(admin.get(f"{API}/", {"status": "entah"}), 400)


def test_unknown_api_paths_answer_json_404(api):
    error(api.get(f"{API}/LPR-X/entah/"), 404, "not_found")


def test_every_complaint_endpoint_is_in_the_openapi_schema(api, db):
    schema = api.get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    expected = {
        "/api/complaints/": {"get", "post"},
        "/api/complaints/categories/": {"get"},
        "/api/complaints/track/": {"post"},
        "/api/complaints/{code}/": {"get"},
    }
    for action in (
        "verify-dispatch", "request-info", "transfer-out", "merge", "archive", "redispatch",
        "assign", "take", "note", "answer", "close", "reply", "rate", "reopen",
    ):  # fmt: skip
        expected[f"/api/complaints/{{code}}/{action}/"] = {"post"}
    for path, methods in expected.items():
        assert methods <= set(paths[path]), path
    filing = paths["/api/complaints/"]["post"]
    assert "multipart/form-data" in filing["requestBody"]["content"]
    assert set(filing["responses"]) >= {"201", "400", "429"}
