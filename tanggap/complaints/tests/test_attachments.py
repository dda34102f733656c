"""Attachments: stored under random names, the complaint limits, nothing stored on refusal (the content
checks themselves are tested with tanggap.core.uploads)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tanggap.complaints.models import Attachment
from tanggap.complaints.services import attachment_add, complaint_answer, complaint_reporter_reply
from tanggap.complaints.tests.factories import (
    S,
    bring_to,
    file_report,
    join_team,
    jpeg_with_gps,
    make_verifier,
    pdf_bytes,
    png_bytes,
)
from tanggap.core.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    # These tests look at the files on disk, so they use the file-system storage production uses.
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


def _stored_files(root):
    return [p for p in root.rglob("*") if p.is_file()]


def _upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_a_photo_is_stored_under_a_random_name_with_its_gps_position_removed(region, media):
    original = jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as image:
        assert image.getexif().get_ifd(0x8825)  # the test photo really carries a position
    attachment = attachment_add(
        complaint=file_report(region),
        uploaded_file=_upload("IMG_2041.jpg", original, "image/jpeg"),
        by_reporter=True,
    )
    assert attachment.content_type == "image/jpeg" and attachment.original_name == "IMG_2041.jpg"
    assert "IMG_2041" not in attachment.file.name and attachment.file.name.endswith(".jpg")
    stored = attachment.file.read()
    assert attachment.size == len(stored)
    with Image.open(io.BytesIO(stored)) as image:
        exif = image.getexif()
        assert not exif.get_ifd(0x8825) and 0x010F not in exif
        assert "exif" not in image.info and image.size == (64, 48)
    assert b"KameraUji" not in stored
    assert len(_stored_files(media)) == 1


def test_a_jpg_that_is_really_a_pdf_is_refused_by_its_content(region, media):
    complaint = file_report(region)
    with pytest.raises(DomainError) as refusal:
        attachment_add(
            complaint=complaint,
            uploaded_file=_upload("foto.jpg", pdf_bytes(), "image/jpeg"),
            by_reporter=True,
        )
    assert refusal.value.field == "files" and "foto.jpg" in str(refusal.value)
    assert not Attachment.objects.exists() and _stored_files(media) == []


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("surat.pdf", pdf_bytes(), "application/pdf"),
        ("tangkapan.png", png_bytes(), "image/png"),
        ("tanpa-ekstensi", png_bytes(), "image/png"),
    ],
)
def test_pdfs_and_pngs_are_accepted_by_content(region, name, data, content_type):
    attachment = attachment_add(
        complaint=file_report(region), uploaded_file=_upload(name, data), by_reporter=False
    )
    assert attachment.content_type == content_type and not attachment.by_reporter


def test_a_file_over_the_size_limit_is_refused(region, media, settings):
    settings.COMPLAINT_ATTACHMENT_MAX_BYTES = 1000
    big = pdf_bytes(b"%" + b"x" * 2000 + b"\n")
    with pytest.raises(DomainError) as refusal:
        attachment_add(
            complaint=file_report(region), uploaded_file=_upload("besar.pdf", big), by_reporter=True
        )
    assert "terlalu besar" in str(refusal.value)
    assert _stored_files(media) == []


def test_a_stream_without_a_size_is_cut_at_the_limit(region, settings):
    settings.COMPLAINT_ATTACHMENT_MAX_BYTES = 1000
    stream = io.BytesIO(pdf_bytes(b"%" + b"x" * 2000 + b"\n"))
    stream.name = "aliran.pdf"
    with pytest.raises(DomainError):
        attachment_add(complaint=file_report(region), uploaded_file=stream, by_reporter=True)


def test_the_sixth_file_on_one_step_is_refused(region, media):
    complaint = file_report(region)
    for n in range(5):
        attachment_add(
            complaint=complaint, uploaded_file=_upload(f"{n}.png", png_bytes()), by_reporter=True
        )
    with pytest.raises(DomainError) as refusal:
        attachment_add(
            complaint=complaint, uploaded_file=_upload("6.png", png_bytes()), by_reporter=True
        )
    assert "5" in str(refusal.value)
    assert complaint.attachments.count() == 5 and len(_stored_files(media)) == 5


def test_an_answer_with_a_bad_file_is_refused_whole(region, unit_a, handler_a, media):
    join_team(unit_a, handler_a)
    complaint = bring_to(
        S.IN_PROGRESS,
        region=region,
        verifier=make_verifier(region),
        unit=unit_a,
        handler=handler_a,
    )
    files = [_upload("ok.png", png_bytes()), _upload("palsu.jpg", pdf_bytes())]
    with pytest.raises(DomainError):
        complaint_answer(
            actor=handler_a, complaint=complaint, message="Jawaban lengkap terlampir.", files=files
        )
    complaint.refresh_from_db()
    assert complaint.status == S.IN_PROGRESS and complaint.answered_at is None
    assert _stored_files(media) == []
    answered = complaint_answer(
        actor=handler_a,
        complaint=complaint,
        message="Jawaban lengkap terlampir.",
        files=[_upload("berita-acara.pdf", pdf_bytes())],
    )
    attachment = answered.attachments.get()
    assert attachment.event.action == "answered" and not attachment.by_reporter


def test_too_many_files_on_a_reply_are_refused_before_anything_is_stored(region, media):
    complaint = file_report(region)
    files = [_upload(f"{n}.png", png_bytes()) for n in range(6)]
    with pytest.raises(DomainError):
        complaint_reporter_reply(complaint=complaint, message="Foto-foto lokasi.", files=files)
    assert not complaint.events.filter(action="reporter_message").exists()
    assert _stored_files(media) == []


def test_an_attachment_for_another_reports_step_is_refused(region):
    first, second = file_report(region), file_report(region)
    with pytest.raises(DomainError):
        attachment_add(
            complaint=first,
            uploaded_file=_upload("a.png", png_bytes()),
            by_reporter=True,
            event=second.events.get(),
        )
