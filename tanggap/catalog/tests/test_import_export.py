"""Import and export of standards: round trips in every format, all-or-nothing imports with row-level
errors in Indonesian, enactment only on request, the staff page and the management command."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tanggap.catalog import importexport, selectors
from tanggap.catalog.models import Service, ServiceCategory, StandardVersion
from tanggap.catalog.tests.factories import ServiceCategoryFactory, enacted_service
from tanggap.core.errors import DomainError
from tanggap.core.models import AuditEvent
from tanggap.org.tests.factories import UnitFactory

FORMATS = ["csv", "xlsx", "json"]
# Columns that describe one region's history rather than the standard itself.
HISTORY = {"version", "status", "decree_number", "decree_date", "enact"}


@pytest.fixture
def catalogue(region, unit_a, unit_b):
    """Two services with every kind of value: lists, multi-line text, a cost with cents, a category,
    locations, and a line that looks like a spreadsheet formula."""
    category = ServiceCategoryFactory(
        region=region, slug="adminduk", name="Administrasi Kependudukan"
    )
    kec = UnitFactory(
        region=region, slug="kec-kanigoro", name="Kecamatan Kanigoro", kind="kecamatan"
    )
    ktp = enacted_service(
        unit=unit_a,
        code="DUK-KTP",
        name="KTP-el Baru",
        name_en="New e-ID card",
        category=category,
        is_adminduk=True,
        standard={
            "requirements": ["Fotokopi KK", "Surat keterangan hilang, bila hilang"],
            "legal_basis": ["UU 24/2013", "Perpres 96/2018"],
            "facilities": "Ruang tunggu\nKursi roda",
            "duration_note": "Bila blangko tersedia",
        },
    )
    ktp.locations.set([unit_a, kec])
    enacted_service(
        unit=unit_b,
        code="IZN-REK",
        name="Izin Reklame",
        is_online=True,
        standard={"cost": "2500.50", "procedure": ["=1+1 bukan rumus", "Bayar retribusi"]},
    )
    return region


def _db_state():
    return (
        list(
            Service.objects.values_list(
                "code", "name", "is_active", "unit_id", "category_id"
            ).order_by("code")
        ),
        list(
            StandardVersion.objects.values_list(
                "service__code", "version", "status", "requirements"
            ).order_by("pk")
        ),
        AuditEvent.objects.count(),
        ServiceCategory.objects.count(),
    )


def _export(region, fmt) -> bytes:
    return importexport.export_standards(
        selectors.services_for_export(region=region), fmt, region=region
    )


def _records(region):
    return [
        {k: v for k, v in r.items() if k not in HISTORY}
        for r in importexport.export_records(selectors.services_for_export(region=region))
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_exporting_then_importing_into_the_same_region_changes_nothing(catalogue, system, fmt):
    data = _export(catalogue, fmt)
    before = _db_state()

    report = importexport.standards_import(
        actor=system, region=catalogue, rows=importexport.read_rows(data, fmt)
    )

    assert report.ok, report.errors
    assert (report.rows, report.unchanged, report.drafts_created, report.services_updated) == (
        2,
        2,
        0,
        0,
    )
    # Only the import's own audit row is added.
    assert _db_state()[:2] == before[:2]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_region_export_loads_into_another_region_with_the_same_units(
    catalogue, other_region, system, fmt
):
    for slug in ("dinas-a", "dinas-b", "kec-kanigoro"):
        UnitFactory(region=other_region, slug=slug)
    data = _export(catalogue, fmt)

    report = importexport.standards_import(
        actor=system, region=other_region, rows=importexport.read_rows(data, fmt)
    )

    assert report.ok, report.errors
    assert (report.services_created, report.drafts_created) == (2, 2)
    assert _records(other_region) == _records(catalogue)
    assert ServiceCategory.objects.get(region=other_region).name == "Administrasi Kependudukan"
    assert not StandardVersion.objects.filter(
        service__region=other_region, status="enacted"
    ).exists()


def test_the_csv_has_one_row_per_service_with_list_fields_on_separate_lines(catalogue):
    text = _export(catalogue, "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["code"] for r in rows] == ["DUK-KTP", "IZN-REK"]
    assert rows[0]["requirements"] == "Fotokopi KK\nSurat keterangan hilang, bila hilang"
    assert rows[0]["locations"] == "dinas-a\nkec-kanigoro"
    assert (rows[0]["is_adminduk"], rows[1]["cost"]) == ("ya", "2500.5")
    assert set(importexport.COLUMNS) == set(rows[0])


def test_xlsx_keeps_formula_like_text_as_text(catalogue):
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(_export(catalogue, "xlsx"))).active
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=3, column=header.index("procedure") + 1)
    assert cell.data_type == "s"
    assert cell.value.startswith("=1+1 bukan rumus")


def test_json_export_names_its_format_and_region(catalogue):
    data = json.loads(_export(catalogue, "json"))
    assert (data["format"], data["region"]) == ("tanggap.standards/1", "kab-uji")
    assert data["services"][0]["requirements"] == [
        "Fotokopi KK",
        "Surat keterangan hilang, bila hilang",
    ]


def test_export_of_a_unit_holds_only_that_units_services(catalogue, unit_a):
    qs = selectors.services_for_export(unit=unit_a)
    assert [r["code"] for r in importexport.export_records(qs)] == ["DUK-KTP"]


def test_a_changed_row_becomes_a_new_draft_and_the_enacted_version_is_kept(catalogue, system):
    rows = importexport.read_rows(_export(catalogue, "json"), "json")
    rows[0][1]["requirements"] = ["Kartu Keluarga asli"]

    report = importexport.standards_import(actor=system, region=catalogue, rows=rows)

    assert report.ok and report.drafts_created == 1
    ktp = Service.objects.get(code="DUK-KTP")
    assert ktp.standards.get(status="enacted").requirements == [
        "Fotokopi KK",
        "Surat keterangan hilang, bila hilang",
    ]
    assert ktp.standards.get(status="draft").requirements == ["Kartu Keluarga asli"]


def test_a_row_enacts_only_with_the_enact_column_and_a_decree(catalogue, system, unit_a):
    rows = [
        (
            2,
            {
                "code": "BARU",
                "name": "Baru",
                "unit": "dinas-a",
                "procedure": "a",
                "product": "b",
                "complaint_handling": "c",
                "decree_number": "400/1/2025",
                "decree_date": "02/01/2025",
            },
        ),
        (
            3,
            {
                "code": "BARU2",
                "name": "Baru 2",
                "unit": "dinas-a",
                "procedure": "a",
                "product": "b",
                "complaint_handling": "c",
                "decree_number": "400/2/2025",
                "decree_date": "2025-01-02",
                "enact": "ya",
            },
        ),
    ]
    report = importexport.standards_import(actor=system, region=catalogue, rows=rows)

    assert report.ok and report.enacted == 1
    assert Service.objects.get(code="BARU").standards.get().status == "draft"
    enacted = Service.objects.get(code="BARU2").standards.get()
    assert (enacted.status, enacted.decree_number) == ("enacted", "400/2/2025")


def test_a_bad_row_cancels_the_whole_import_and_reports_each_error_in_indonesian(catalogue, system):
    before = _db_state()
    rows = [
        (2, {"code": "OK-1", "name": "Benar", "unit": "dinas-a"}),
        (3, {"code": "DUK-KTP", "cost": "10000"}),
        (4, {"code": "X", "name": "Unit salah", "unit": "tidak-ada"}),
        (5, {"code": "Y", "name": "Y", "unit": "dinas-a", "duration_unit": "minggu"}),
        (6, {"code": "OK-1", "name": "Dobel", "unit": "dinas-a"}),
        (7, {"code": "", "name": "Tanpa kode"}),
        (8, {"code": "Z", "name": "Z", "unit": "dinas-a", "enact": "ya"}),
        (9, {"code": "W", "name": "W", "unit": "dinas-a", "is_online": "mungkin"}),
    ]

    report = importexport.standards_import(actor=system, region=catalogue, rows=rows)

    assert not report.ok and not report.saved
    assert [e.row for e in report.errors] == [3, 4, 5, 6, 7, 8, 9]
    messages = [str(e) for e in report.errors]
    assert "Baris 3 (kode DUK-KTP)" in messages[0] and "UU 24/2013 Pasal 79A" in messages[0]
    assert "Unit 'tidak-ada' tidak ada di wilayah ini." in messages[1]
    assert "Satuan jangka waktu 'minggu' tidak dikenal" in messages[2]
    assert "sudah muncul di baris 2" in messages[3]
    assert "wajib diisi" in messages[4]
    assert "nomor dan tanggal keputusan" in messages[5]
    assert "'ya' atau 'tidak'" in messages[6]
    assert _db_state() == before


def test_a_dry_run_reports_but_saves_nothing(catalogue, system):
    before = _db_state()
    rows = [(2, {"code": "OK-1", "name": "Benar", "unit": "dinas-a"})]
    report = importexport.standards_import(actor=system, region=catalogue, rows=rows, dry_run=True)
    assert report.ok and report.services_created == 1 and not report.saved
    assert _db_state() == before


def test_a_unit_admin_cannot_import_into_another_unit(catalogue, unit_admin_a):
    rows = [(2, {"code": "B-1", "name": "Di unit B", "unit": "dinas-b"})]
    report = importexport.standards_import(actor=unit_admin_a, region=catalogue, rows=rows)
    assert not report.ok
    assert "tidak berwenang" in report.errors[0].message
    assert not Service.objects.filter(code="B-1").exists()


def test_a_new_category_needs_a_region_admin(catalogue, unit_admin_a, region_admin):
    rows = [
        (
            2,
            {
                "code": "K-1",
                "name": "K",
                "unit": "dinas-a",
                "category": "baru",
                "category_name": "Kategori Baru",
            },
        )
    ]
    assert not importexport.standards_import(actor=unit_admin_a, region=catalogue, rows=rows).ok
    assert importexport.standards_import(actor=region_admin, region=catalogue, rows=rows).ok
    assert ServiceCategory.objects.get(slug="baru").name == "Kategori Baru"


@pytest.mark.parametrize(
    ("data", "fmt", "message"),
    [
        (b"code,warna\nA,merah\n", "csv", "Kolom tidak dikenal: warna"),
        (b"name\nTanpa kode\n", "csv", "Kolom 'code'"),
        (b"", "csv", "Berkas kosong"),
        (b"code\n", "csv", "tidak berisi baris data"),
        (b"PK\x03\x04 rusak", "xlsx", "XLSX tidak dapat dibaca"),
        (b"{not json", "json", "JSON tidak valid"),
        (b'{"services": 5}', "json", "daftar 'services'"),
        (b"[1, 2]", "json", "bukan objek JSON"),
        (b"code\nA\n", "pdf", "Format 'pdf' tidak dikenal"),
    ],
)
def test_unreadable_files_are_refused_with_a_clear_message(data, fmt, message):
    with pytest.raises(DomainError) as exc:
        importexport.read_rows(data, fmt)
    assert message in str(exc.value.message)


def test_csv_with_semicolons_and_windows_encoding_is_read():
    data = "code;name;cost\r\nA-1;Légalisir;Rp 10.000\r\n".encode("cp1252")
    [(number, row)] = importexport.read_rows(data, "csv")
    assert number == 2 and row == {"code": "A-1", "name": "Légalisir", "cost": "Rp 10.000"}


# --- the staff page and the command ----------------------------------------------------------------


def _upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_the_import_page_saves_a_good_file(client, unit_admin_a, catalogue):
    client.force_login(unit_admin_a)
    content = b"code,name,unit,procedure\nBARU-1,Layanan Baru,dinas-a,Datang\n"
    response = client.post(
        reverse("catalog:import"), {"region": catalogue.pk, "file": _upload("standar.csv", content)}
    )
    assert response.status_code == 200
    assert "Impor berhasil" in response.content.decode()
    assert Service.objects.get(code="BARU-1").standards.get().procedure == ["Datang"]


def test_the_import_page_shows_row_errors_and_saves_nothing(client, unit_admin_a, catalogue):
    client.force_login(unit_admin_a)
    before = _db_state()
    content = b"code,name,unit,cost\nBARU-1,Layanan Baru,dinas-a,0\nDUK-KTP,,,5000\n"
    response = client.post(
        reverse("catalog:import"), {"region": catalogue.pk, "file": _upload("standar.csv", content)}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "tidak ada yang disimpan" in html and "Baris 3 (kode DUK-KTP)" in html
    assert _db_state() == before


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"region": "abc"},
        {"region": "REGION", "file": ("standar.exe", b"MZ")},
        {"region": "REGION", "file": ("standar.csv", b"warna\nmerah\n")},
    ],
)
def test_the_import_page_refuses_bad_uploads_without_a_500(client, unit_admin_a, catalogue, data):
    client.force_login(unit_admin_a)
    before = _db_state()
    payload = {}
    for key, value in data.items():
        payload[key] = (
            catalogue.pk
            if value == "REGION"
            else (_upload(*value) if isinstance(value, tuple) else value)
        )
    response = client.post(reverse("catalog:import"), payload)
    assert response.status_code == 200
    assert (
        'class="errors"' in response.content.decode()
        or 'class="errorlist"' in response.content.decode()
    )
    assert _db_state() == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_export_page_downloads_a_file(client, region_admin, catalogue, fmt):
    client.force_login(region_admin)
    response = client.get(reverse("catalog:export"), {"region": catalogue.pk, "format": fmt})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'attachment; filename="standar-pelayanan-kab-uji-'
    )
    assert importexport.read_rows(response.content, fmt)[0][1]["code"] == "DUK-KTP"


def test_the_export_page_refuses_a_region_the_user_cannot_read(
    client, unit_admin_a, catalogue, other_region
):
    client.force_login(unit_admin_a)
    response = client.get(reverse("catalog:export"), {"region": other_region.pk, "format": "csv"})
    assert response.status_code == 200  # not among the choices: the form says so
    assert 'class="errorlist"' in response.content.decode()


def test_the_management_command_imports_a_file(tmp_path, catalogue):
    path = tmp_path / "standar.json"
    path.write_text(json.dumps([{"code": "CMD-1", "name": "Dari berkas", "unit": "dinas-a"}]))
    out = io.StringIO()
    call_command("import_standards", "kab-uji", str(path), stdout=out)
    assert "services_created=1" in out.getvalue()
    assert Service.objects.filter(code="CMD-1").exists()


def test_the_management_command_fails_loudly_and_saves_nothing(tmp_path, catalogue):
    path = tmp_path / "standar.csv"
    path.write_text("code,name,unit\nCMD-1,Benar,dinas-a\nCMD-2,Salah,tidak-ada\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_standards", "kab-uji", str(path), stderr=err)
    assert "Baris 3" in err.getvalue()
    assert not Service.objects.filter(code="CMD-1").exists()
    with pytest.raises(CommandError):
        call_command("import_standards", "tidak-ada", str(path))
