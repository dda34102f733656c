"""Registry writes: dates and stage rules, the stage machine, evidence levels and indicators, evidence
files checked like complaint attachments (a disguised file stores nothing), replications, events."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tanggap.core.errors import DomainError, InvalidTransition, PermissionDenied
from tanggap.core.models import AuditEvent
from tanggap.innovation.models import Evidence, Indicator, Innovation, InnovationEvent, Replication
from tanggap.innovation.services.evidence import (
    evidence_add_file,
    evidence_add_link,
    evidence_remove,
)
from tanggap.innovation.services.registry import (
    innovation_advance_stage,
    innovation_register,
    innovation_update,
    replication_record,
)
from tanggap.innovation.tests.factories import InnovationFactory, scheme_2023

pytestmark = pytest.mark.django_db

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "KameraUji"
    exif[0x8825] = {1: "S", 2: (8.0, 5.0, 42.0), 3: "E", 4: (112.0, 10.0, 5.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def _fields(**over):
    data = {
        "name": "Antrean Daring Dukcapil",
        "form": Innovation.Form.PELAYANAN_PUBLIK,
        "kind": Innovation.Kind.DIGITAL,
        "initiator": Innovation.Initiator.PERANGKAT_DAERAH,
        "affair": Innovation.Affair.ADMINDUK,
        "initiated_on": dt.date(2025, 1, 10),
        "problem": "Warga antre berjam-jam di kantor kependudukan.",
        "approach": "Pendaftaran antrean melalui ponsel dengan tiket QR.",
        "benefits": "Waktu tunggu berkurang dan warga cukup datang sekali.",
    }
    data.update(over)
    return data


def _sid(scheme=None):
    return (scheme or scheme_2023()).indicators.filter(aspect=Indicator.Aspect.SID).first()


def _spd(scheme=None):
    return (scheme or scheme_2023()).indicators.filter(aspect=Indicator.Aspect.SPD).first()


def test_owner_registers_with_a_code_an_event_an_audit_row_and_search_words(head_a, unit_a):
    innovation = innovation_register(actor=head_a, unit=unit_a, **_fields())
    assert innovation.code == "INO-2025-0001"
    assert innovation.region_id == unit_a.region_id
    assert innovation.stage == Innovation.Stage.INISIATIF
    assert "antre" in innovation.search_text
    assert InnovationEvent.objects.filter(innovation=innovation, action="register").count() == 1
    assert AuditEvent.objects.filter(action="innovation.registered").count() == 1
    second = innovation_register(actor=head_a, unit=unit_a, **_fields(name="Kedua"))
    assert second.code == "INO-2025-0002"


def test_another_units_head_cannot_register_for_unit_a(unit_b, head_a):
    with pytest.raises(PermissionDenied):
        innovation_register(actor=head_a, unit=unit_b, **_fields())
    assert not Innovation.objects.exists()


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"stage": "uji_coba", "trial_on": dt.date(2024, 12, 1)}, "trial_on"),
        (
            {
                "stage": "penerapan",
                "trial_on": dt.date(2025, 3, 1),
                "implemented_on": dt.date(2025, 2, 1),
            },
            "implemented_on",
        ),
        ({"stage": "uji_coba"}, "trial_on"),
        ({"stage": "penerapan", "trial_on": dt.date(2025, 3, 1)}, "implemented_on"),
        ({"trial_on": dt.date(2025, 3, 1)}, "stage"),
        ({"implemented_on": dt.date(2025, 3, 1)}, "trial_on"),
    ],
)
def test_dates_out_of_order_or_inconsistent_with_the_stage_are_refused(head_a, unit_a, over, field):
    with pytest.raises(DomainError) as caught:
        innovation_register(actor=head_a, unit=unit_a, **_fields(**over))
    assert caught.value.field == field
    assert not Innovation.objects.exists()


def test_the_office_registers_at_implementation_with_both_dates(office, unit_a):
    innovation = innovation_register(
        actor=office,
        unit=unit_a,
        **_fields(
            stage="penerapan", trial_on=dt.date(2025, 2, 1), implemented_on=dt.date(2025, 5, 1)
        ),
    )
    assert innovation.stage == Innovation.Stage.PENERAPAN


def test_stage_machine_needs_the_dates_and_follows_the_order(head_a, unit_a):
    innovation = innovation_register(actor=head_a, unit=unit_a, **_fields())
    with pytest.raises(InvalidTransition):
        innovation_advance_stage(actor=head_a, innovation=innovation, action="implement")
    with pytest.raises(DomainError) as caught:
        innovation_advance_stage(actor=head_a, innovation=innovation, action="start_trial")
    assert caught.value.field == "trial_on"
    with pytest.raises(DomainError):
        innovation_advance_stage(
            actor=head_a, innovation=innovation, action="start_trial", on=dt.date(2024, 1, 1)
        )
    innovation.refresh_from_db()
    assert innovation.stage == Innovation.Stage.INISIATIF and innovation.trial_on is None
    innovation_advance_stage(
        actor=head_a, innovation=innovation, action="start_trial", on=dt.date(2025, 3, 1)
    )
    innovation_advance_stage(
        actor=head_a, innovation=innovation, action="implement", on=dt.date(2025, 6, 1)
    )
    innovation.refresh_from_db()
    assert innovation.stage == Innovation.Stage.PENERAPAN
    moves = list(
        InnovationEvent.objects.filter(innovation=innovation).values_list("action", "to_status")
    )
    assert ("start_trial", "uji_coba") in moves and ("implement", "penerapan") in moves


def test_a_colleague_without_a_role_cannot_move_the_stage(official_a, unit_a):
    innovation = InnovationFactory(
        unit=unit_a, stage="inisiatif", trial_on=None, implemented_on=None
    )
    with pytest.raises(InvalidTransition):
        innovation_advance_stage(
            actor=official_a.user,
            innovation=innovation,
            action="start_trial",
            on=dt.date(2025, 1, 1),
        )


def test_update_checks_dates_and_refreshes_search_words(head_a, unit_a):
    innovation = InnovationFactory(unit=unit_a)
    with pytest.raises(DomainError):
        innovation_update(actor=head_a, innovation=innovation, implemented_on=dt.date(2020, 1, 1))
    innovation_update(actor=head_a, innovation=innovation, name="Posyandu Digital Terpadu")
    innovation.refresh_from_db()
    assert innovation.name == "Posyandu Digital Terpadu" and "posyandu" in innovation.search_text


def test_evidence_level_must_be_an_option_of_the_indicator(head_a, unit_a):
    innovation = InnovationFactory(unit=unit_a)
    indicator = _sid()
    for bad in (0, len(indicator.levels) + 1, "x"):
        with pytest.raises(DomainError) as caught:
            evidence_add_link(
                actor=head_a,
                innovation=innovation,
                indicator=indicator,
                level=bad,
                link="https://contoh.go.id/sk",
            )
        assert caught.value.field == "level"
    item = evidence_add_link(
        actor=head_a,
        innovation=innovation,
        indicator=indicator,
        level=len(indicator.levels),
        link="https://contoh.go.id/sk",
    )
    assert item.status == Evidence.Status.PENDING and item.medium == Evidence.Medium.LINK
    assert Evidence.objects.count() == 1


def test_innovation_evidence_only_on_sid_indicators(head_a, unit_a):
    innovation = InnovationFactory(unit=unit_a)
    with pytest.raises(DomainError) as caught:
        evidence_add_link(
            actor=head_a,
            innovation=innovation,
            indicator=_spd(),
            level=1,
            link="https://contoh.go.id/sk",
        )
    assert caught.value.field == "indicator"
    assert not Evidence.objects.exists()


@pytest.mark.parametrize(
    "name,data",
    [
        ("foto.jpg", PDF),
        ("program.exe", b"MZ\x90\x00" + b"\x00" * 200),
        ("surat.pdf", b"MZ\x90\x00" + b"\x00" * 200),
    ],
)
def test_a_disguised_or_forbidden_file_is_refused_and_nothing_is_stored(head_a, unit_a, name, data):
    innovation = InnovationFactory(unit=unit_a)
    before = _stored_files()
    with pytest.raises(DomainError) as caught:
        evidence_add_file(
            actor=head_a,
            innovation=innovation,
            indicator=_sid(),
            level=1,
            uploaded_file=SimpleUploadedFile(name, data),
        )
    assert caught.value.field == "file" and str(caught.value.message)
    assert not Evidence.objects.exists()
    assert _stored_files() == before


def _stored_files() -> set[str]:
    try:
        _dirs, files = default_storage.listdir("innovation/evidence")
    except (FileNotFoundError, OSError):
        return set()
    return set(files)


def test_a_file_over_the_schemes_limit_is_refused(head_a, unit_a):
    scheme = scheme_2023()
    scheme.file_max_bytes = 100
    scheme.save()
    with pytest.raises(DomainError):
        evidence_add_file(
            actor=head_a,
            innovation=InnovationFactory(unit=unit_a),
            indicator=_sid(scheme),
            level=1,
            uploaded_file=SimpleUploadedFile("bukti.pdf", PDF + b" " * 200),
        )
    assert not Evidence.objects.exists()


def test_a_type_the_scheme_does_not_list_is_refused(head_a, unit_a):
    scheme = scheme_2023()
    scheme.file_types = {"application/pdf": ["pdf"]}
    scheme.save()
    with pytest.raises(DomainError) as caught:
        evidence_add_file(
            actor=head_a,
            innovation=InnovationFactory(unit=unit_a),
            indicator=_sid(scheme),
            level=1,
            uploaded_file=SimpleUploadedFile("foto.jpg", _jpeg_with_gps()),
        )
    assert "pdf" in str(caught.value.message)
    assert not Evidence.objects.exists()


def test_a_photo_is_stored_without_its_gps_position(head_a, unit_a):
    item = evidence_add_file(
        actor=head_a,
        innovation=InnovationFactory(unit=unit_a),
        indicator=_sid(),
        level=1,
        uploaded_file=SimpleUploadedFile("kegiatan.jpg", _jpeg_with_gps()),
    )
    assert item.medium == Evidence.Medium.PHOTO and item.content_type == "image/jpeg"
    data = item.file.open("rb").read()
    assert b"KameraUji" not in data
    with Image.open(io.BytesIO(data)) as img:
        assert not img.getexif()
    assert item.file.name.startswith("innovation/evidence/") and "kegiatan" not in item.file.name


def test_evidence_is_removed_only_while_pending(head_a, unit_a):
    innovation = InnovationFactory(unit=unit_a)
    item = evidence_add_link(
        actor=head_a, innovation=innovation, indicator=_sid(), level=1, link="https://a.go.id/x"
    )
    Evidence.objects.filter(pk=item.pk).update(status=Evidence.Status.VALID)
    item.refresh_from_db()
    with pytest.raises(DomainError):
        evidence_remove(actor=head_a, evidence=item)
    Evidence.objects.filter(pk=item.pk).update(status=Evidence.Status.PENDING)
    item.refresh_from_db()
    evidence_remove(actor=head_a, evidence=item)
    assert not Evidence.objects.exists()
    assert AuditEvent.objects.filter(action="innovation.evidence_removed").count() == 1


def test_replication_names_a_unit_or_an_outside_institution(head_a, unit_a, unit_b):
    innovation = InnovationFactory(unit=unit_a)
    with pytest.raises(DomainError):
        replication_record(actor=head_a, innovation=innovation, replicated_on=dt.date(2025, 1, 1))
    with pytest.raises(DomainError):
        replication_record(
            actor=head_a,
            innovation=innovation,
            replicated_on=dt.date(2025, 1, 1),
            unit=unit_b,
            other_institution="Kota Lain",
        )
    replication_record(
        actor=head_a, innovation=innovation, replicated_on=dt.date(2025, 1, 1), unit=unit_b
    )
    replication_record(
        actor=head_a,
        innovation=innovation,
        replicated_on=dt.date(2025, 2, 1),
        other_institution="Pemkab Tetangga",
    )
    assert Replication.objects.filter(innovation=innovation).count() == 2
    assert InnovationEvent.objects.filter(innovation=innovation, action="replication").count() == 2


def test_the_showcase_photo_must_be_an_image_and_loses_its_metadata(head_a, unit_a):
    from tanggap.innovation.services.registry import innovation_set_photo

    innovation = InnovationFactory(unit=unit_a)
    with pytest.raises(DomainError) as caught:
        innovation_set_photo(
            actor=head_a,
            innovation=innovation,
            uploaded_file=SimpleUploadedFile("foto.pdf", PDF),
        )
    assert caught.value.field == "photo"
    innovation.refresh_from_db()
    assert not innovation.photo
    innovation_set_photo(
        actor=head_a,
        innovation=innovation,
        uploaded_file=SimpleUploadedFile("foto.jpg", _jpeg_with_gps()),
    )
    innovation.refresh_from_db()
    assert innovation.photo and b"KameraUji" not in innovation.photo.open("rb").read()
