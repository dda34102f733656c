"""Uploaded files checked by their content: images re-encoded, PDFs cleaned, any other kind refused.

- The type is read from the file's first bytes (JPEG, PNG, WebP or PDF), never from its name; a name whose
  extension contradicts the content (a ".jpg" that is a PDF) is refused as a disguised file.
- Images are decoded and written again with Pillow: EXIF (a phone photo's GPS position, camera serial,
  time), XMP and text chunks are dropped; orientation is applied first; very large photos are scaled down.
- PDFs are parsed with pikepdf in a child process (pdf_check.py): JavaScript, launch actions, embedded
  files and other active content are removed and the file is stored as written again; locked (password)
  and damaged PDFs are refused.
- The size limit is the caller's (each domain has its own setting); nothing here stores anything, so a
  refused upload leaves nothing behind.
"""

from __future__ import annotations

import io
import os
import struct
from dataclasses import dataclass

from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from tanggap.core.errors import DomainError
from tanggap.core.pdf_check import pdf_check

__all__ = ["ALLOWED", "MAX_PIXELS", "MAX_SIDE", "CheckedFile", "check_one", "sniff"]

ALLOWED = {
    # kind: (content type, stored extension, extensions a name may carry)
    "jpeg": ("image/jpeg", "jpg", {"jpg", "jpeg", "jpe", "jfif"}),
    "png": ("image/png", "png", {"png"}),
    "webp": ("image/webp", "webp", {"webp"}),
    "pdf": ("application/pdf", "pdf", {"pdf"}),
}
PILLOW_FORMAT = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding
MAX_SIDE = 2560  # larger photos are scaled down: enough to read a document, far smaller to store


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed every check, with the bytes to store."""

    original_name: str
    content_type: str
    extension: str
    data: bytes


def sniff(head: bytes) -> str | None:
    """The kind of file from its first bytes, or None when it is none of the accepted kinds."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"%PDF-"):
        return "pdf"
    return None


def _human(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def _read(uploaded_file, name: str, limit: int, field: str) -> bytes:
    size = getattr(uploaded_file, "size", None)
    too_big = _("Berkas %(name)s terlalu besar (paling besar %(max)s).")
    if size is not None and size > limit:
        raise DomainError(too_big % {"name": name, "max": _human(limit)}, field=field)
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)
    if len(data) > limit:
        raise DomainError(too_big % {"name": name, "max": _human(limit)}, field=field)
    if not data:
        raise DomainError(_("Berkas %(name)s kosong.") % {"name": name}, field=field)
    return data


def _reencode(data: bytes, kind: str, name: str, field: str) -> bytes:
    """Decode the image and write its pixels again, without any metadata."""
    broken = DomainError(
        _("Gambar %(name)s rusak atau tidak dapat dibaca.") % {"name": name}, field=field
    )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format != PILLOW_FORMAT[kind]:
                raise broken
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise DomainError(
                    _("Gambar %(name)s terlalu besar ukurannya (piksel).") % {"name": name},
                    field=field,
                )
            probe.verify()
        with Image.open(io.BytesIO(data)) as img:
            img.seek(0)  # the first frame of an animation
            img.load()
            try:
                image = ImageOps.exif_transpose(img)
            except (struct.error, ValueError, KeyError, TypeError, OSError):
                image = img.copy()  # unreadable metadata: keep the pixels as they are
            image.info = {}
            if max(image.size) > MAX_SIDE:
                image.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            if kind == "jpeg":
                if image.mode not in ("RGB", "L"):
                    image = image.convert("RGB")
                image.save(out, "JPEG", quality=85, optimize=True)
            elif kind == "png":
                if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
                    image = image.convert("RGBA")
                image.save(out, "PNG", optimize=True)
            else:
                if image.mode not in ("RGB", "RGBA"):
                    image = image.convert("RGBA" if "A" in image.mode else "RGB")
                image.save(out, "WEBP", quality=85)
            return out.getvalue()
    except DomainError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        struct.error,
        Image.DecompressionBombError,
    ):
        raise broken from None


def check_one(uploaded_file, *, max_bytes: int, field: str = "files") -> CheckedFile:
    """Check one upload by its content and return the bytes to store (images re-encoded, PDFs
    cleaned). A file over `max_bytes` is refused; every refusal is a DomainError on `field`."""
    raw_name = os.path.basename(getattr(uploaded_file, "name", "") or "")
    name = get_valid_filename(raw_name)[:200] if raw_name.strip(". ") else "lampiran"
    data = _read(uploaded_file, name, max_bytes, field)
    kind = sniff(data[:16])
    if kind is None:
        raise DomainError(
            _("Jenis berkas %(name)s tidak diterima. Kirim foto (JPEG, PNG, WebP) atau PDF.")
            % {"name": name},
            field=field,
        )
    content_type, extension, name_extensions = ALLOWED[kind]
    _stem, dot, ext = name.rpartition(".")
    if dot and ext.lower() not in name_extensions:
        raise DomainError(
            _("Isi berkas %(name)s tidak sesuai dengan nama/ekstensinya.") % {"name": name},
            field=field,
        )
    if kind == "pdf":
        data = pdf_check(data, name, field=field)
    else:
        data = _reencode(data, kind, name, field)
    return CheckedFile(
        original_name=name, content_type=content_type, extension=extension, data=data
    )
