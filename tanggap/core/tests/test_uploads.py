"""Uploads checked by content: the type from the first bytes, images re-encoded without metadata, very
large or over-the-limit files refused (PDFs: test_pdf_check.py)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tanggap.core import uploads
from tanggap.core.errors import DomainError
from tanggap.core.uploads import check_one, sniff

LIMIT = 5 * 1024 * 1024
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def _png(size=(32, 32)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 128, 0, 255)).save(out, "PNG")
    return out.getvalue()


def _jpeg_with_gps(size=(64, 48)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "KameraUji"  # Make
    exif[0x8825] = {1: "S", 2: (8.0, 5.0, 42.0), 3: "E", 4: (112.0, 10.0, 5.0)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_the_kind_is_read_from_the_first_bytes():
    assert sniff(_png()[:16]) == "png"
    assert sniff(_jpeg_with_gps()[:16]) == "jpeg"
    assert sniff(PDF[:16]) == "pdf"
    assert sniff(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "webp"
    assert sniff(b"GIF89a") is None and sniff(b"") is None


def test_a_photo_loses_its_gps_position_and_camera():
    original = _jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as image:
        assert image.getexif().get_ifd(0x8825)  # the test photo really carries a position
    checked = check_one(_upload("IMG_2041.jpg", original, "image/jpeg"), max_bytes=LIMIT)
    assert checked.content_type == "image/jpeg" and checked.extension == "jpg"
    assert checked.original_name == "IMG_2041.jpg"
    with Image.open(io.BytesIO(checked.data)) as image:
        exif = image.getexif()
        assert not exif.get_ifd(0x8825) and 0x010F not in exif
        assert "exif" not in image.info and image.size == (64, 48)
    assert b"KameraUji" not in checked.data


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("skrip.pdf", b"#!/bin/sh\necho hai\n"),
        ("foto.png", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
        ("rusak.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64),
        ("laporan.exe", _png()),
        ("foto.jpg", PDF),
        ("kosong.pdf", b""),
        ("terpotong.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n"),
    ],
)
def test_files_that_are_not_what_they_claim_or_not_accepted_are_refused(name, data):
    with pytest.raises(DomainError) as refusal:
        check_one(_upload(name, data), max_bytes=LIMIT)
    assert refusal.value.field == "files" and name in str(refusal.value)


def test_a_refusal_names_the_callers_field():
    with pytest.raises(DomainError) as refusal:
        check_one(_upload("foto.jpg", PDF), max_bytes=LIMIT, field="evidence_file")
    assert refusal.value.field == "evidence_file"


@pytest.mark.parametrize(
    ("name", "data", "content_type", "extension"),
    [
        ("surat.pdf", PDF, "application/pdf", "pdf"),
        ("tangkapan.png", _png(), "image/png", "png"),
        ("tanpa-ekstensi", _png(), "image/png", "png"),
        ("foto.JPEG", _jpeg_with_gps(), "image/jpeg", "jpg"),
    ],
)
def test_accepted_kinds_whatever_the_name_says(name, data, content_type, extension):
    checked = check_one(_upload(name, data), max_bytes=LIMIT)
    assert (checked.content_type, checked.extension) == (content_type, extension)


def test_a_name_without_a_usable_part_becomes_lampiran():
    assert check_one(_upload("...", _png()), max_bytes=LIMIT).original_name == "lampiran"


def test_webp_photos_are_re_encoded():
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (1, 2, 3)).save(out, "WEBP", exif=b"Exif\x00\x00II*\x00")
    checked = check_one(_upload("a.webp", out.getvalue()), max_bytes=LIMIT)
    assert checked.content_type == "image/webp"
    with Image.open(io.BytesIO(checked.data)) as image:
        assert not image.getexif()


def test_a_file_over_the_given_limit_is_refused():
    big = PDF.replace(b"trailer", b"%" + b"x" * 2000 + b"\ntrailer")
    with pytest.raises(DomainError) as refusal:
        check_one(_upload("besar.pdf", big), max_bytes=1000)
    assert "terlalu besar" in str(refusal.value)
    assert check_one(_upload("besar.pdf", big), max_bytes=10_000).content_type == "application/pdf"


def test_a_stream_without_a_size_is_cut_at_the_limit():
    stream = io.BytesIO(PDF.replace(b"trailer", b"%" + b"x" * 2000 + b"\ntrailer"))
    stream.name = "aliran.pdf"
    with pytest.raises(DomainError) as refusal:
        check_one(stream, max_bytes=1000)
    assert "terlalu besar" in str(refusal.value)


def test_a_decompression_bomb_is_refused_before_decoding(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_PIXELS", 500)
    with pytest.raises(DomainError) as refusal:
        check_one(_upload("bom.png", _png((40, 40))), max_bytes=LIMIT)
    assert "piksel" in str(refusal.value)


def test_a_very_large_photo_is_scaled_down():
    out = io.BytesIO()
    Image.new("RGB", (3000, 100), (9, 9, 9)).save(out, "JPEG")
    checked = check_one(_upload("lebar.jpg", out.getvalue()), max_bytes=LIMIT)
    with Image.open(io.BytesIO(checked.data)) as image:
        assert max(image.size) == uploads.MAX_SIDE == 2560
