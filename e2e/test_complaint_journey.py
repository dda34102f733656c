"""Complaint journeys on a 360 px phone against the demo data.

(a) A new citizen, without an account, files a report with a photo, keeps the tracking code and the
secret, opens the report on another phone with them, reads the handler's answer (the handler works in a
second browser), rates it and reopens it.
(b) A verifier signs in, verifies and dispatches a new report to Dukcapil; the unit head assigns it to the
unit's complaint handler, who answers with an attachment and closes it.
"""

from __future__ import annotations

import io
import re
from urllib.parse import quote, urlencode

import pytest

from e2e.conftest import ARTIFACTS, PASSWORD, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

REGION = "kab-blitar"
UNIT = "Dinas Kependudukan dan Pencatatan Sipil"
HEAD, HANDLER = "kadis.dukcapil", "pengaduan.dukcapil"
PHONE = {"viewport": {"width": 360, "height": 780}, "locale": "id-ID"}


def worklist_url(path: str, username: str, complaint, *, verify: bool) -> str:
    """The page of a worklist that shows `complaint`: the lists put the nearest deadline first, so a
    report filed now may be on a later page when the demo holds many waiting reports."""
    from tanggap.accounts.models import User
    from tanggap.complaints import selectors
    from tanggap.complaints.views.worklists import PAGE_SIZE

    user = User.objects.get(username=username)
    reports = (selectors.verifier_worklist if verify else selectors.unit_worklist)(user=user)
    ids = list(reports.values_list("pk", flat=True))
    return f"{path}?{urlencode({'page': ids.index(complaint.pk) // PAGE_SIZE + 1})}"


def full_name(username: str) -> str:
    from tanggap.accounts.models import User

    user = User.objects.get(username=username)
    return user.get_full_name() or user.username


def verifier_username() -> str:
    """A demo verifier (admin instansi) of Kabupaten Blitar when the demo has one, else the system
    administrator, who may verify everywhere."""
    from tanggap.accounts.models import Role, RoleAssignment

    found = (
        RoleAssignment.objects.filter(role=Role.COMPLAINT_VERIFIER, region__slug=REGION)
        .select_related("user")
        .first()
    )
    return found.user.username if found else "sysadmin"


def photo_file(tmp_path):
    """A phone photo (JPEG) to attach."""
    from PIL import Image

    path = tmp_path / "jalan-berlubang.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (120, 110, 100)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"complaint-{name}.png"), full_page=True)


def test_citizen_files_tracks_rates_and_reopens_a_report(page, browser, tmp_path):
    base = page.base_url

    # 1. The landing page: what can be reported, the deadlines, where to start.
    page.goto(f"{base}/pengaduan/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.get_by_text("paling lambat 3 hari kerja").is_visible()
    shot(page, "1-landing")
    page.get_by_role("link", name="Buat laporan").click()
    page.get_by_role("link", name="Kabupaten Blitar").click()
    page.wait_for_url(re.compile(rf"/pengaduan/lapor/\?wilayah={REGION}$"))

    # 2. The form, on the phone: what happened, where (the desa list follows the kecamatan), a photo.
    page.get_by_label("Judul singkat").fill("Jalan berlubang di depan SDN Gogodeso 1")
    page.get_by_label("Apa yang terjadi?").fill(
        "Sudah dua minggu ada lubang besar di jalan depan sekolah; dua siswa jatuh dari sepeda."
    )
    page.get_by_label("Kecamatan (opsional)").select_option(label="Kanigoro")
    desa = page.get_by_label("Desa/kelurahan (opsional)")
    page.wait_for_function(
        "() => document.querySelectorAll('#id_desa option').length === 7"
        " && !document.querySelector('#id_desa optgroup')"
    )
    desa.select_option(label="Gogodeso")
    page.get_by_label("Foto atau dokumen (opsional)").set_input_files(str(photo_file(tmp_path)))
    page.get_by_label("Nama (opsional)").fill("Rina Wulandari")
    page.get_by_label("Nomor HP/WhatsApp (opsional)").fill("0812 3300 4455")
    assert page.get_by_label("Publik — laporan tampil").is_checked()
    shot(page, "2-form")

    # A bad phone number is refused with a message, nothing is filed, and the choices are kept.
    page.get_by_label("Nomor HP/WhatsApp (opsional)").fill("12")
    page.get_by_role("button", name="Kirim laporan").click()
    assert page.locator(".field.has-error").count() >= 1
    assert page.get_by_label("Desa/kelurahan (opsional)").input_value() != ""
    page.get_by_label("Nomor HP/WhatsApp (opsional)").fill("0812 3300 4455")
    page.get_by_label("Foto atau dokumen (opsional)").set_input_files(str(photo_file(tmp_path)))
    page.get_by_role("button", name="Kirim laporan").click()

    # 3. The confirmation: the tracking code and, once, the secret.
    page.wait_for_url(re.compile(r"/pengaduan/lapor/terkirim/LPR-[A-Z0-9]{8}/$"))
    code = page.locator("#tracking-code").inner_text().strip()
    secret = page.locator("#secret-code").inner_text().strip()
    assert re.fullmatch(r"LPR-[A-Z0-9]{8}", code) and re.fullmatch(r"[A-Z0-9]{10}", secret)
    assert page.get_by_role("button", name="Cetak atau simpan sebagai PDF").is_visible()
    shot(page, "3-filed")
    page.reload()
    assert page.locator("#secret-code").count() == 0  # shown once only

    # 4. On another phone: code + secret open the reporter's page.
    other = browser.new_context(**PHONE).new_page()
    other.goto(f"{base}/pengaduan/lacak/{code}/")
    other.wait_for_url(re.compile(r"/pengaduan/lacak/\?kode="))
    other.get_by_label("Kode rahasia").fill("SALAH12345")
    other.get_by_role("button", name="Buka laporan").click()
    assert other.get_by_text("Kode lacak atau kode rahasia salah").is_visible()
    other.get_by_label("Kode rahasia").fill(secret.lower())
    other.get_by_role("button", name="Buka laporan").click()
    other.wait_for_url(re.compile(rf"/pengaduan/lacak/{code}/$"))
    assert other.get_by_text("Menunggu verifikasi").first.is_visible()
    assert other.locator(".cp-files img").count() == 1
    shot(other, "4-tracked")

    # 5. Staff side: verified and assigned (through the services), then the handler answers in the
    # browser (a second context).
    from tanggap.accounts.models import User
    from tanggap.complaints import services
    from tanggap.complaints.models import Complaint
    from tanggap.org.models import Unit

    complaint = Complaint.objects.get(tracking_code=code)
    assert complaint.attachments.count() == 1 and complaint.desa.name == "Gogodeso"
    dukcapil = Unit.objects.get(region__slug=REGION, slug="dukcapil")
    staff_user = User.objects.get(username="sysadmin")
    services.complaint_verify_dispatch(actor=staff_user, complaint=complaint, unit=dukcapil)
    services.complaint_assign(
        actor=staff_user, complaint=complaint, assignee=User.objects.get(username=HANDLER)
    )
    handler = browser.new_context(viewport={"width": 1024, "height": 800}, locale="id-ID")
    desk = handler.new_page()
    sign_in(desk, base, HANDLER, PASSWORD, f"/pengaduan/kelola/{code}/")
    desk.wait_for_url(re.compile(rf"/pengaduan/kelola/{code}/$"))
    assert desk.get_by_text("Rina Wulandari").is_visible()  # not anonymous: the unit sees the name
    # The form says the answer will be public; its preview shows the public text and names the
    # reporter's name it found (masked); sending it unchanged is refused until the officer confirms.
    answer_form = desk.locator("#aksi-jawab")
    assert answer_form.get_by_text("Jawaban ini akan tampil di halaman publik laporan").is_visible()
    desk.get_by_label("Jawaban untuk pelapor").fill(
        "Ibu Rina, lubang sudah ditambal oleh UPT Jalan pada hari ini. Terima kasih."
    )
    answer_form.get_by_role("button", name="Pratinjau tampilan publik").click()
    answer_form.get_by_text("Teks ini memuat data pribadi:").wait_for()
    assert answer_form.get_by_text("nama pelapor R***").is_visible()
    assert answer_form.locator(".cp-preview .cp-message").inner_text().startswith("Ibu Rina,")
    shot(desk, "5a-answer-preview")
    desk.get_by_role("button", name="Kirim jawaban").click()
    desk.locator("#aksi-jawab .errors").wait_for()
    complaint.refresh_from_db()
    assert complaint.status == "diproses"
    desk.get_by_label("Jawaban untuk pelapor").fill(
        "Lubang sudah ditambal oleh UPT Jalan pada hari ini. Terima kasih atas laporannya."
    )
    desk.get_by_role("button", name="Kirim jawaban").click()
    desk.get_by_text("Jawaban dikirim ke pelapor.").wait_for()
    handler.close()

    # 6. The citizen reads the answer, rates it 4 of 5, and then reopens it with a reason.
    other.reload()
    assert other.get_by_text("Lubang sudah ditambal oleh UPT Jalan").first.is_visible()
    shot(other, "5-answered")
    other.get_by_label("4 bintang — puas").check()
    other.get_by_label("Komentar (opsional)").fill("Cepat ditangani.")
    other.get_by_role("button", name="Kirim penilaian").click()
    other.get_by_text("Terima kasih atas penilaian Anda.").wait_for()
    assert other.get_by_text("Penilaian Anda: 4 dari 5.").is_visible()
    other.get_by_label("Mengapa laporan perlu dibuka kembali?").fill(
        "Setelah hujan semalam tambalannya lepas dan lubangnya muncul lagi."
    )
    other.get_by_role("button", name="Buka kembali laporan").click()
    other.get_by_text("Laporan dibuka kembali").first.wait_for()
    assert other.locator(".cp-meta .cp-status").inner_text().strip() == "Sedang ditindaklanjuti"
    shot(other, "6-reopened")
    complaint.refresh_from_db()
    assert complaint.status == "diproses" and complaint.rating == 4 and complaint.reopen_count == 1

    # 7. The public page shows the report without the reporter's name or phone.
    other.goto(f"{base}/pengaduan/publik/{code}/")
    text = other.locator("main").inner_text()
    assert "Jalan berlubang di depan SDN Gogodeso 1" in text
    assert "Rina" not in text and "3300" not in text
    other.context.close()


def test_verifier_dispatches_and_the_unit_answers_and_closes(page, browser, tmp_path):
    from tanggap.complaints import services
    from tanggap.org.models import Region

    base = page.base_url
    region = Region.objects.get(slug=REGION)
    complaint, _secret = services.complaint_file(
        region=region,
        report_type="pengaduan",
        title="Antrean KTP-el di Dukcapil tidak dilayani setelah pukul 12",
        description="Kemarin loket KTP-el tutup pukul 12 padahal jam layanan sampai 15.30.",
        reporter_name="Bagus Santoso",
    )
    code = complaint.tracking_code

    # 1. The verifier's worklist on the phone: the new report with its deadline state.
    verifier = verifier_username()
    verify_list = worklist_url("/pengaduan/kelola/verifikasi/", verifier, complaint, verify=True)
    sign_in(page, base, verifier, PASSWORD, quote(verify_list))
    page.wait_for_url(re.compile(r"/pengaduan/kelola/verifikasi/\?page=\d+$"))
    row = page.locator("tr", has_text=code)
    assert "Verifikasi: Sesuai jadwal" in row.inner_text()
    shot(page, "b1-verify-list")
    row.get_by_role("link", name=complaint.title).click()
    page.wait_for_url(re.compile(rf"/pengaduan/kelola/{code}/$"))

    # 2. Verify and dispatch to Dukcapil.
    page.get_by_label("Teruskan ke unit").select_option(label=UNIT)
    shot(page, "b2-verify")
    page.get_by_role("button", name="Verifikasi dan teruskan").click()
    page.get_by_text(f"Laporan diverifikasi dan diteruskan ke {UNIT}.").first.wait_for()
    assert page.locator(".cp-meta .cp-status").inner_text().strip() == "Diteruskan ke unit"
    page.context.clear_cookies()

    # 3. The unit head assigns it to the unit's complaint handler.
    head = browser.new_context(**PHONE).new_page()
    sign_in(
        head,
        base,
        HEAD,
        PASSWORD,
        quote(worklist_url("/pengaduan/kelola/unit/", HEAD, complaint, verify=False)),
    )
    head.wait_for_url(re.compile(r"/pengaduan/kelola/unit/\?page=\d+$"))
    head.get_by_role("link", name=complaint.title).click()
    head.wait_for_url(re.compile(rf"/pengaduan/kelola/{code}/$"))
    head.get_by_role("combobox", name="Petugas", exact=True).select_option(label=full_name(HANDLER))
    head.get_by_role("button", name="Tugaskan").click()
    head.get_by_text("Laporan ditugaskan kepada").wait_for()
    head.context.close()

    # 4. The handler answers with an attachment, then closes the report.
    handler = browser.new_context(**PHONE).new_page()
    sign_in(
        handler,
        base,
        HANDLER,
        PASSWORD,
        quote(worklist_url("/pengaduan/kelola/unit/", HANDLER, complaint, verify=False)),
    )
    row = handler.locator("tr", has_text=code)
    assert "Sedang ditindaklanjuti" in row.inner_text()
    shot(handler, "b3-unit-list")
    row.get_by_role("link", name=complaint.title).click()
    handler.get_by_label("Jawaban untuk pelapor").fill(
        "Mulai hari ini loket KTP-el melayani sampai 15.30; petugas yang menutup lebih awal sudah "
        "diberi pembinaan."
    )
    handler.get_by_label("Lampiran (opsional)").set_input_files(str(photo_file(tmp_path)))
    handler.get_by_role("button", name="Kirim jawaban").click()
    handler.get_by_text("Jawaban dikirim ke pelapor.").wait_for()
    shot(handler, "b4-answered")
    handler.get_by_role("button", name="Tutup laporan").click()
    handler.get_by_text("Laporan ditutup.").wait_for()
    assert handler.locator(".cp-meta .cp-status").inner_text().strip() == "Selesai"
    shot(handler, "b5-closed")
    handler.context.close()

    complaint.refresh_from_db()
    assert complaint.status == "selesai"
    assert complaint.unit.slug == "dukcapil" and complaint.assignee.username == HANDLER
    assert complaint.attachments.filter(by_reporter=False).count() == 1
