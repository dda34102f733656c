"""Registry pages, the public showcase and the export: visibility (another region sees nothing, a
citizen only the showcase), no private field in public, export content, query counts."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.innovation.models import Evidence, Indicator, Innovation
from tanggap.innovation.tests.factories import EvidenceFactory, InnovationFactory, scheme_2023
from tanggap.org.tests.factories import OfficialFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_admin(other_region):
    user = UserFactory(username="admin_lain")
    RoleAssignmentFactory(user=user, role=Role.REGION_ADMIN, region=other_region)
    return user


def _sid():
    return scheme_2023().indicators.filter(aspect=Indicator.Aspect.SID).first()


def test_region_staff_see_their_registry_and_another_region_sees_nothing(
    client, office, unit_a, other_admin
):
    mine = InnovationFactory(unit=unit_a, name="Sapa Warga Uji")
    client.force_login(office)
    page = client.get(reverse("innovation:registry"))
    assert page.status_code == 200 and "Sapa Warga Uji" in page.content.decode()
    client.force_login(other_admin)
    page = client.get(reverse("innovation:registry"))
    assert page.status_code == 200 and "Sapa Warga Uji" not in page.content.decode()
    detail = reverse("innovation:innovation_detail", args=[mine.pk])
    assert client.get(detail).status_code == 404
    assert client.get(reverse("innovation:evidence_add", args=[mine.pk])).status_code == 404
    response = client.post(reverse("innovation:innovation_edit", args=[mine.pk]), {"name": "x"})
    assert response.status_code == 404
    mine.refresh_from_db()
    assert mine.name == "Sapa Warga Uji"


def test_a_citizen_sees_only_the_showcase(client, citizen, unit_a):
    innovation = InnovationFactory(unit=unit_a)
    client.force_login(citizen)
    assert client.get(reverse("innovation:registry")).status_code == 403
    assert (
        client.get(reverse("innovation:innovation_detail", args=[innovation.pk])).status_code == 403
    )
    assert client.get(reverse("innovation:registry_export")).status_code == 403
    assert client.get(reverse("innovation:showcase")).status_code == 200
    assert (
        client.get(reverse("innovation:showcase_detail", args=[innovation.pk])).status_code == 200
    )


def test_a_colleague_reads_but_cannot_edit(client, official_a, unit_a):
    innovation = InnovationFactory(unit=unit_a)
    client.force_login(official_a.user)
    assert (
        client.get(reverse("innovation:innovation_detail", args=[innovation.pk])).status_code == 200
    )
    assert (
        client.get(reverse("innovation:innovation_edit", args=[innovation.pk])).status_code == 403
    )
    assert client.get(reverse("innovation:innovation_create")).status_code == 403


def test_owner_registers_through_the_page_and_bad_dates_change_nothing(client, head_a, unit_a):
    client.force_login(head_a)
    data = {
        "unit": unit_a.pk,
        "name": "Layanan Jemput Bola",
        "form": "pelayanan_publik",
        "kind": "non_digital",
        "initiator": "asn",
        "affair": "adminduk",
        "stage": "uji_coba",
        "initiated_on": "2025-02-01",
        "trial_on": "2025-01-01",
        "problem": "Warga lansia sulit datang.",
        "approach": "Petugas datang ke desa.",
        "benefits": "Lansia terlayani di rumah.",
        "is_public": "on",
    }
    response = client.post(reverse("innovation:innovation_create"), data)
    assert response.status_code == 400
    assert "sebelum tanggal inisiatif" in response.content.decode()
    assert not Innovation.objects.exists()
    data["trial_on"] = "2025-03-01"
    response = client.post(reverse("innovation:innovation_create"), data)
    created = Innovation.objects.get()
    assert response.status_code == 302 and created.stage == "uji_coba"
    body = client.get(reverse("innovation:innovation_detail", args=[created.pk])).content.decode()
    assert "· Didaftarkan" in body and "· register" not in body  # the history in words


def test_a_disguised_file_on_the_evidence_page_gets_a_message_and_stores_nothing(
    client, head_a, unit_a
):
    innovation = InnovationFactory(unit=unit_a)
    client.force_login(head_a)
    url = reverse("innovation:evidence_add", args=[innovation.pk])
    response = client.post(
        url,
        {
            "indicator": _sid().pk,
            "level": 1,
            "file": SimpleUploadedFile("foto.jpg", b"%PDF-1.4 bukan foto"),
        },
    )
    assert response.status_code == 400
    assert "tidak sesuai" in response.content.decode()
    assert not Evidence.objects.exists()
    spd = scheme_2023().indicators.filter(aspect=Indicator.Aspect.SPD).first()
    response = client.post(url, {"indicator": spd.pk, "level": 1, "link": "https://a.go.id/x"})
    assert response.status_code == 400 and not Evidence.objects.exists()
    response = client.post(url, {"indicator": _sid().pk, "level": 1, "link": "https://a.go.id/x"})
    assert response.status_code == 302 and Evidence.objects.count() == 1


def test_detail_lists_missing_indicators_and_the_stage_button(client, head_a, unit_a):
    innovation = InnovationFactory(
        unit=unit_a, stage="inisiatif", trial_on=None, implemented_on=None
    )
    EvidenceFactory(innovation=innovation, indicator=_sid())
    client.force_login(head_a)
    body = client.get(
        reverse("innovation:innovation_detail", args=[innovation.pk])
    ).content.decode()
    assert "Belum ada bukti" in body and "Mulai uji coba" in body
    # One block per indicator: the list's flex row must not scatter code, name and evidence apart.
    assert (
        body.count("<li><div>\n    <strong>")
        == Indicator.objects.filter(scheme=scheme_2023(), aspect=Indicator.Aspect.SID).count()
    )
    response = client.post(
        reverse("innovation:innovation_detail", args=[innovation.pk]),
        {"action": "start_trial", "on": "2023-02-01"},
    )
    assert response.status_code == 302
    innovation.refresh_from_db()
    assert innovation.stage == "uji_coba"


def test_showcase_shows_only_public_active_innovations_and_no_private_fields(client, unit_a):
    owner = OfficialFactory(unit=unit_a, name="Pegawai Rahasia")
    shown = InnovationFactory(
        unit=unit_a,
        name="Inovasi Terbuka",
        budget=Decimal(12345678),
        stage="uji_coba",
        implemented_on=None,
    )
    shown.owners.add(owner)
    EvidenceFactory(innovation=shown, indicator=_sid(), link="https://rahasia.example/bukti")
    InnovationFactory(unit=unit_a, name="Inovasi Tertutup", is_public=False)
    InnovationFactory(unit=unit_a, name="Inovasi Arsip", is_active=False)
    body = client.get(reverse("innovation:showcase")).content.decode()
    assert "Inovasi Terbuka" in body
    assert "Inovasi Tertutup" not in body and "Inovasi Arsip" not in body
    detail = client.get(reverse("innovation:showcase_detail", args=[shown.pk])).content.decode()
    for private in ("Pegawai Rahasia", "rahasia.example", "12345678", owner.nip):
        assert private not in detail
    hidden = Innovation.objects.get(name="Inovasi Tertutup")
    assert client.get(reverse("innovation:showcase_detail", args=[hidden.pk])).status_code == 404


def test_showcase_budget_is_public_only_when_implemented(client, unit_a):
    done = InnovationFactory(unit=unit_a, budget=Decimal(7654321))
    body = client.get(reverse("innovation:showcase_detail", args=[done.pk])).content.decode()
    assert "7654321" in body


def test_showcase_filters_by_region_and_affair(client, unit_a, other_region):
    InnovationFactory(unit=unit_a, name="Kesehatan Uji", affair="kesehatan")
    InnovationFactory(unit=UnitFactory(region=other_region), name="Lain Uji", affair="kesehatan")
    body = client.get(
        reverse("innovation:showcase"), {"daerah": unit_a.region_id, "urusan": "kesehatan"}
    ).content.decode()
    assert "Kesehatan Uji" in body and "Lain Uji" not in body
    assert client.get(reverse("innovation:showcase"), {"daerah": "x"}).status_code == 400


def test_export_csv_and_xlsx_hold_the_visible_registry(client, office, unit_a, other_region):
    InnovationFactory(unit=unit_a, name="Ekspor Satu", code="INO-2025-0001")
    InnovationFactory(unit=UnitFactory(region=other_region), name="Bukan Milik")
    client.force_login(office)
    response = client.get(reverse("innovation:registry_export"), {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Kode" and rows[1][:2] == ["INO-2025-0001", "Ekspor Satu"]
    assert len(rows) == 2
    response = client.get(reverse("innovation:registry_export"), {"format": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[1]
    assert sheet.cell(2, 2).value == "Ekspor Satu" and sheet.max_row == 2
    assert client.get(reverse("innovation:registry_export"), {"format": "pdf"}).status_code == 400


def test_list_pages_keep_their_query_count(client, office, unit_a, django_assert_max_num_queries):
    for n in range(15):
        InnovationFactory(unit=unit_a, name=f"Inovasi {n}")
    client.force_login(office)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("innovation:registry")).status_code == 200
    client.logout()
    with django_assert_max_num_queries(6):
        assert client.get(reverse("innovation:showcase")).status_code == 200


def test_replication_page_records_an_outside_institution(client, head_a, unit_a):
    innovation = InnovationFactory(unit=unit_a)
    client.force_login(head_a)
    url = reverse("innovation:replication_add", args=[innovation.pk])
    assert client.post(url, {"replicated_on": "2025-01-05"}).status_code == 400
    response = client.post(
        url, {"replicated_on": "2025-01-05", "other_institution": "Pemkot Tetangga"}
    )
    assert response.status_code == 302 and innovation.replications.count() == 1
    assert dt.date(2025, 1, 5) == innovation.replications.get().replicated_on


def test_the_showcase_serves_a_public_photo_and_hides_a_private_ones(client, head_a, unit_a):
    from tanggap.innovation.services.registry import innovation_set_photo

    from .test_registry_services import _jpeg_with_gps

    shown = InnovationFactory(unit=unit_a)
    hidden = InnovationFactory(unit=unit_a, is_public=False)
    for innovation in (shown, hidden):
        innovation_set_photo(
            actor=head_a,
            innovation=innovation,
            uploaded_file=SimpleUploadedFile("foto.jpg", _jpeg_with_gps()),
        )
    response = client.get(reverse("innovation:showcase_photo", args=[shown.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert client.get(reverse("innovation:showcase_photo", args=[hidden.pk])).status_code == 404
