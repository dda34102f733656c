"""The attendance pages: Kerja Saya with its check-in by typed code or position, the office QR screen,
the leave request form and the superior's approvals, each for who may and who may not open them."""

from __future__ import annotations

import datetime as dt
import math
import re
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tanggap.attendance.geofence import EARTH_RADIUS_M
from tanggap.attendance.models import AttendanceEvent, LeaveLedgerEntry, LeaveRequest
from tanggap.attendance.qrtoken import qr_code, qr_token
from tanggap.attendance.services.leave import leave_request_create
from tanggap.attendance.tests.factories import leave_type, official_with_account
from tanggap.org.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
# A Monday in January 2026: the leave of 2-3 February is two working days of the same year.
MONDAY_9 = dt.datetime(2026, 1, 26, 9, 0, tzinfo=JAKARTA)
S = LeaveRequest.Status


@pytest.fixture(autouse=True)
def _monday():
    with time_machine.travel(MONDAY_9, tick=False) as traveller:
        yield traveller


def signed_in(client, official):
    client.force_login(official.user)
    return client


def body(response) -> str:
    return response.content.decode()


# --- Kerja Saya ------------------------------------------------------------------------------------


def test_kerja_saya_shows_the_day_the_balance_and_that_offline_is_not_accepted(client, staff):
    response = signed_in(client, staff).get(reverse("attendance:mine"))
    assert response.status_code == 200
    html = body(response)
    assert "Belum ada presensi hari ini." in html
    assert "luring (offline) tidak diterima" in html
    assert 'src="/static/attendance/checkin.js"' in html
    assert "<script>" not in html  # no inline script under the CSP
    # A GET only reads: the year's grant is shown as computed, not written.
    assert not LeaveLedgerEntry.objects.exists()
    assert "belum dibukukan" in html


def test_the_camera_button_starts_hidden_in_a_wrapper_that_no_button_style_shows(client, staff):
    """`.btn` sets its display, which overrides a `hidden` attribute on the button itself: the button
    sits in a hidden span that the script shows only where the browser has a BarcodeDetector."""
    html = body(signed_in(client, staff).get(reverse("attendance:mine")))
    wrapper = re.search(r'<span id="scan-wrap" hidden>(.*?)</span>', html, re.S)
    assert wrapper is not None and 'id="scan-start"' in wrapper.group(1)
    assert html.count('id="scan-start"') == 1


def test_an_account_without_an_official_gets_an_explanation(client, citizen):
    client.force_login(citizen)
    for name in ("attendance:mine", "attendance:leave_request"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "belum terhubung dengan data pegawai" in body(response)
    response = client.post(reverse("attendance:checkin"), {"kind": "in", "code": "ABCDEF"})
    assert "belum terhubung dengan data pegawai" in body(response)
    assert not AttendanceEvent.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, office):
    for url in (
        reverse("attendance:mine"),
        reverse("attendance:leave_request"),
        reverse("attendance:approvals"),
        reverse("attendance:qr_screen", args=[office.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


def test_a_typed_code_checks_in_and_the_same_code_again_is_refused(client, staff, office):
    code = qr_code(office, timezone.now())
    client = signed_in(client, staff)
    response = client.post(
        reverse("attendance:checkin"), {"kind": "in", "method": "qr", "code": code.lower()}
    )
    assert response.status_code == 302
    event = AttendanceEvent.objects.get(official=staff)
    assert (event.kind, event.method, event.location) == ("in", "qr", office)
    page = body(client.get(reverse("attendance:mine")))
    assert "Presensi masuk tercatat pukul 09.00 di Kantor Dinas A." in page
    assert re.search(r'value="out"[^>]*checked', page)  # next: pulang

    again = client.post(reverse("attendance:checkin"), {"kind": "in", "method": "qr", "code": code})
    assert again.status_code == 400
    assert "Kode QR ini sudah Anda pakai" in body(again)
    assert AttendanceEvent.objects.filter(official=staff).count() == 1


def test_a_wrong_or_missing_code_is_refused_with_a_message(client, staff, office):
    client = signed_in(client, staff)
    wrong = client.post(reverse("attendance:checkin"), {"kind": "in", "code": "ZZZZZZ"})
    assert "Kode QR tidak dikenali" in body(wrong)
    empty = client.post(reverse("attendance:checkin"), {"kind": "in", "code": " "})
    assert "Ketik kode yang tampil di layar kantor." in body(empty)
    assert not AttendanceEvent.objects.exists()


def test_a_scanned_token_checks_in(client, staff, office):
    token = qr_token(office, timezone.now())
    response = signed_in(client, staff).post(
        reverse("attendance:checkin"), {"kind": "in", "method": "qr", "code": token}
    )
    assert response.status_code == 302
    assert AttendanceEvent.objects.filter(official=staff, method="qr").count() == 1


def _north(office, metres) -> float:
    return float(office.latitude) + math.degrees(metres / EARTH_RADIUS_M)


def test_a_position_outside_the_fence_is_refused_with_the_distance(client, staff, office):
    position = {"latitude": _north(office, 1500), "longitude": float(office.longitude)}
    response = signed_in(client, staff).post(
        reverse("attendance:checkin"), {"kind": "in", "method": "geo", "accuracy": 10, **position}
    )
    assert response.status_code == 400
    assert "Anda berada 1500 m dari Kantor Dinas A" in body(response)
    assert not AttendanceEvent.objects.exists()


def test_a_position_inside_the_fence_checks_in_at_the_nearest_office(client, staff, office):
    position = {"latitude": _north(office, 30), "longitude": float(office.longitude)}
    response = signed_in(client, staff).post(
        reverse("attendance:checkin"), {"kind": "in", "method": "geo", "accuracy": 10, **position}
    )
    assert response.status_code == 302
    event = AttendanceEvent.objects.get(official=staff)
    assert (event.method, event.location, round(event.distance_m)) == ("geo", office, 30)


def test_a_position_button_without_a_position_says_so(client, staff, office):
    response = signed_in(client, staff).post(
        reverse("attendance:checkin"), {"kind": "in", "method": "geo"}
    )
    assert response.status_code == 400
    assert "Lokasi ponsel belum diterima" in body(response)


def test_kerja_saya_queries_do_not_grow_with_the_records(
    client, staff, office, django_assert_max_num_queries
):
    client = signed_in(client, staff)
    client.get(reverse("attendance:mine"))  # opens the year
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("attendance:mine"))
    for day in (2, 9, 16):
        leave_request_create(
            actor=staff.user,
            official=staff,
            leave_type=leave_type("izin"),
            start=dt.date(2026, 3, day),
            end=dt.date(2026, 3, day),
        )
    for window in range(3):
        AttendanceEvent.objects.create(
            official=staff,
            kind="in",
            method="qr",
            location=office,
            recorded_at=timezone.now() - dt.timedelta(minutes=window),
            qr_window=window,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = body(client.get(reverse("attendance:mine")))
    assert html.count("Kantor Dinas A") >= 3 and html.count("Izin") >= 3


# --- the office QR screen --------------------------------------------------------------------------


def test_the_qr_screen_shows_the_code_and_polls_for_the_next(client, office, unit_admin_a):
    client.force_login(unit_admin_a)
    response = client.get(reverse("attendance:qr_screen", args=[office.pk]))
    assert response.status_code == 200
    html = body(response)
    assert qr_code(office, timezone.now()) in html
    assert "<svg" in html and 'hx-trigger="every 30s"' in html
    live = client.get(reverse("attendance:qr_live", args=[office.pk]))
    assert live.status_code == 200 and live["Cache-Control"] == "no-store"
    assert qr_code(office, timezone.now()) in body(live)


def test_the_qr_screen_is_refused_to_officials_and_other_units(client, office, staff, handler_b):
    signed_in(client, staff)
    assert client.get(reverse("attendance:qr_screen", args=[office.pk])).status_code == 403
    assert client.get(reverse("attendance:qr_live", args=[office.pk])).status_code == 403
    client.force_login(handler_b)
    assert client.get(reverse("attendance:qr_screen", args=[office.pk])).status_code == 403
    assert client.get(reverse("attendance:qr_screen", args=[99999])).status_code == 404


# --- leave -----------------------------------------------------------------------------------------


def ask(client, code="cuti_tahunan", start="2026-02-02", end="2026-02-03", **extra):
    data = {
        "leave_type": leave_type(code).pk,
        "start": start,
        "end": end,
        "reason": "Urusan keluarga",
    }
    return client.post(reverse("attendance:leave_request"), {**data, **extra})


def test_leave_request_then_the_superiors_approval_shows_in_the_balance(client, staff, head):
    signed_in(client, staff)
    assert client.get(reverse("attendance:leave_request")).status_code == 200
    response = ask(client)
    assert response.status_code == 302
    request = LeaveRequest.objects.get(official=staff)
    assert (request.status, request.working_days) == (S.PENDING, 2)
    page = body(client.get(reverse("attendance:mine")))
    assert "Menunggu persetujuan" in page
    assert "<strong>10</strong>" in page  # 12 granted, 2 held back

    signed_in(client, head)
    listing = body(client.get(reverse("attendance:approvals")))
    assert staff.name in listing
    decided = client.post(reverse("attendance:decide", args=[request.pk]), {"decision": "approve"})
    assert decided.status_code == 302
    request.refresh_from_db()
    assert request.status == S.APPROVED

    signed_in(client, staff)
    page = body(client.get(reverse("attendance:mine")))
    assert "Disetujui" in page
    assert "<li><strong>10</strong> saldo" in " ".join(page.split())


def test_a_refused_leave_request_shows_the_services_message_and_changes_nothing(client, staff):
    signed_in(client, staff)
    sick = ask(client, "sakit")
    assert sick.status_code == 400
    assert "memerlukan dokumen pendukung" in body(sick)
    backwards = ask(client, start="2026-02-06", end="2026-02-02")
    assert "tidak boleh sebelum tanggal mulai" in body(backwards)
    too_many = ask(client, start="2026-02-02", end="2026-04-30")
    assert "Sisa cuti tahunan 2026 tinggal 12 hari kerja" in body(too_many)
    assert not LeaveRequest.objects.exists()


def test_a_sick_leave_with_its_document_is_filed(client, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    note = SimpleUploadedFile("surat.pdf", b"%PDF-1.4 surat dokter", content_type="application/pdf")
    response = ask(signed_in(client, staff), "sakit", document=note)
    assert response.status_code == 302
    assert LeaveRequest.objects.get(official=staff).document.name.endswith(".pdf")


def test_a_rejection_needs_its_reason(client, staff, head):
    signed_in(client, staff)
    ask(client)
    request = LeaveRequest.objects.get()
    signed_in(client, head)
    url = reverse("attendance:decide", args=[request.pk])
    response = client.post(url, {"decision": "reject", "note": ""}, follow=True)
    assert "Tuliskan alasan penolakan." in body(response)
    request.refresh_from_db()
    assert request.status == S.PENDING
    client.post(url, {"decision": "reject", "note": "Sedang ada audit"})
    request.refresh_from_db()
    assert (request.status, request.decision_note) == (S.REJECTED, "Sedang ada audit")
    assert not LeaveLedgerEntry.objects.filter(kind="taken").exists()


def test_approvals_are_refused_to_who_heads_no_unit_and_foreign_requests_are_hidden(
    client, staff, head, unit_a, region
):
    signed_in(client, staff)
    ask(client)
    request = LeaveRequest.objects.get()
    assert client.get(reverse("attendance:approvals")).status_code == 403
    assert (
        client.post(
            reverse("attendance:decide", args=[request.pk]), {"decision": "approve"}
        ).status_code
        == 403
    )
    other_unit = UnitFactory(region=region)
    other_head = official_with_account(other_unit, "kepala_lain")
    other_unit.head = other_head
    other_unit.save(update_fields=["head"])
    signed_in(client, other_head)
    assert staff.name not in body(client.get(reverse("attendance:approvals")))
    assert (
        client.post(
            reverse("attendance:decide", args=[request.pk]), {"decision": "approve"}
        ).status_code
        == 404
    )
    request.refresh_from_db()
    assert request.status == S.PENDING


def test_the_approvals_list_queries_do_not_grow(
    client, head, unit_a, django_assert_max_num_queries
):
    def file_one(n):
        official = official_with_account(unit_a, f"staf_{n}")
        leave_request_create(
            actor=official.user,
            official=official,
            leave_type=leave_type("izin"),
            start=dt.date(2026, 3, 2),
            end=dt.date(2026, 3, 2),
        )

    file_one(0)
    signed_in(client, head)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("attendance:approvals"))
    for n in range(1, 6):
        file_one(n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = body(client.get(reverse("attendance:approvals")))
    assert html.count("Setujui") == 6


# --- the dashboard card ----------------------------------------------------------------------------


def test_officials_see_the_kerja_saya_card(client, staff, handler_a):
    signed_in(client, staff)
    assert reverse("attendance:mine") in body(client.get(reverse("core:dashboard")))
    client.force_login(handler_a)
    assert reverse("attendance:mine") not in body(client.get(reverse("core:dashboard")))


def test_the_pages_speak_english_too(client, staff, office):
    from django.conf import settings

    client = signed_in(client, staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = body(client.get(reverse("attendance:mine")))
    assert "Offline check-ins are not accepted." in html
    assert "Request leave" in html
    code = qr_code(office, timezone.now())
    client.post(reverse("attendance:checkin"), {"kind": "in", "method": "qr", "code": code})
    assert "Check-in recorded at 09:00 at Kantor Dinas A." in body(
        client.get(reverse("attendance:mine"))
    )


def test_kerja_saya_shows_todays_schedule_from_the_units_work_schedule(client, staff, _monday):
    from tanggap.attendance.models import WorkSchedule

    page = body(signed_in(client, staff).get(reverse("attendance:mine")))
    region = staff.region
    start = (staff.unit.work_start or region.work_start).strftime("%H.%M")
    assert f"Jadwal hari ini: masuk {start}" in page
    WorkSchedule.objects.create(
        unit=staff.unit,
        kind=WorkSchedule.Kind.FLEXIBLE,
        start=dt.time(7, 0),
        end=dt.time(15, 30),
        flexible_minutes=60,
    )
    page = body(client.get(reverse("attendance:mine")))
    assert "Jadwal hari ini: masuk 07.00, pulang 15.30" in page
    assert "masuk fleksibel 60 menit" in page and "Jam masuk fleksibel" in page
    _monday.move_to(MONDAY_9 - dt.timedelta(days=1))  # Sunday
    assert "Hari ini bukan hari kerja Anda." in body(client.get(reverse("attendance:mine")))
