"""Helpers shared by the workflow tests: a verifier persona, filing, and bringing a report to a status
through the real services."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

from PIL import Image

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.complaints.models import Complaint, TeamMember
from tanggap.complaints.services import (
    complaint_answer,
    complaint_archive,
    complaint_assign,
    complaint_close,
    complaint_file,
    complaint_merge,
    complaint_request_info,
    complaint_transfer_out,
    complaint_verify_dispatch,
)

WIB = ZoneInfo("Asia/Jakarta")
S = Complaint.Status


def wib(*args) -> dt.datetime:
    """An aware moment in WIB: wib(2026, 11, 20, 10) is Friday 20 November 2026, 10:00 WIB."""
    return dt.datetime(*args, tzinfo=WIB)


def make_verifier(region, username: str = "verifikator"):
    """The verifier persona: a COMPLAINT_VERIFIER (admin instansi) of the region."""
    user = UserFactory(username=username, full_name="Verifikator Uji", email=f"{username}@uji.id")
    RoleAssignmentFactory(user=user, role=Role.COMPLAINT_VERIFIER, region=region, unit=None)
    return user


def join_team(unit, user, role=TeamMember.Role.MEMBER) -> TeamMember:
    return TeamMember.objects.create(unit=unit, user=user, role=role)


def file_report(region, *, now=None, **kwargs) -> Complaint:
    data = {
        "region": region,
        "report_type": "pengaduan",
        "title": "Jalan berlubang di depan SD",
        "description": "Lubang besar di jalan desa membahayakan anak-anak yang berangkat sekolah.",
        "reporter_name": "Siti Pelapor",
        "reporter_email": "siti@contoh.id",
        "now": now,
    }
    data.update(kwargs)
    complaint, _secret = complaint_file(**data)
    return complaint


def bring_to(variant: str, *, region, verifier, unit, handler, other=None, now=None) -> Complaint:
    """A report in `variant` (a status, or "menunggu_pelapor@<status before the pause>"), reached
    through the services: NEW → DISPATCHED → IN_PROGRESS → ANSWERED → CLOSED, and the side exits."""
    status, _sep, paused_from = variant.partition("@")
    if status == S.NEEDS_INFO and paused_from and paused_from != S.NEW:
        complaint = bring_to(
            paused_from, region=region, verifier=verifier, unit=unit, handler=handler, now=now
        )
        return complaint_request_info(
            actor=handler, complaint=complaint, question="Di RT/RW berapa tepatnya lubang itu?"
        )
    complaint = file_report(region, now=now)
    if status == S.NEW:
        return complaint
    if status == S.TRANSFERRED:
        return complaint_transfer_out(
            actor=verifier, complaint=complaint, destination="Kantor Pertanahan (BPN)"
        )
    if status == S.ARCHIVED:
        return complaint_archive(actor=verifier, complaint=complaint, reason="Terlalu umum")
    if status == S.MERGED:
        into = other or file_report(region, now=now)
        return complaint_merge(actor=verifier, complaint=complaint, into=into)
    if status == S.NEEDS_INFO:
        return complaint_request_info(
            actor=verifier, complaint=complaint, question="Di RT/RW berapa tepatnya lubang itu?"
        )
    complaint = complaint_verify_dispatch(actor=verifier, complaint=complaint, unit=unit, now=now)
    if status == S.DISPATCHED:
        return complaint
    complaint = complaint_assign(actor=verifier, complaint=complaint, assignee=handler, now=now)
    if status == S.IN_PROGRESS:
        return complaint
    complaint = complaint_answer(
        actor=handler,
        complaint=complaint,
        message="Jalan sudah ditambal oleh tim UPT jalan pada hari ini.",
        now=now,
    )
    if status == S.ANSWERED:
        return complaint
    assert status == S.CLOSED, variant
    return complaint_close(complaint=complaint, by_reporter=True, now=now)


def jpeg_with_gps(size=(64, 48)) -> bytes:
    """A small JPEG carrying EXIF with a GPS position and a camera make (personal data to strip)."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "KameraUji"  # Make
    gps = {1: "S", 2: (8.0, 5.0, 42.0), 3: "E", 4: (112.0, 10.0, 5.0)}
    exif[0x8825] = gps  # GPSInfo
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def png_bytes(size=(32, 32)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 128, 0, 255)).save(out, "PNG")
    return out.getvalue()


def pdf_bytes(extra: bytes = b"") -> bytes:
    """A minimal one-page PDF."""
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
        + extra
        + b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )
