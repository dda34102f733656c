"""Test data for complaints: factories for the rows (a report, its category, team members, policies) and
helpers that take a report through the real services (file it, bring it to a status), shared by the
complaints tests and by other apps' tests (surveys).

Factories write rows directly (for figures and lists that need many reports in given states); the
helpers go through the services (for anything whose steps and deadlines matter).
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
from zoneinfo import ZoneInfo

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.complaints import services
from tanggap.complaints.models import (
    Complaint,
    ComplaintCategory,
    ComplaintType,
    SlaPolicy,
    TeamMember,
)
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
from tanggap.org.tests.factories import RegionFactory, UnitFactory

WIB = ZoneInfo("Asia/Jakarta")
S = Complaint.Status
H = dt.timedelta(hours=1)


def wib(*args) -> dt.datetime:
    """An aware moment in WIB: wib(2026, 11, 20, 10) is Friday 20 November 2026, 10:00 WIB."""
    return dt.datetime(*args, tzinfo=WIB)


# --- rows ---------------------------------------------------------------------------------------


class ComplaintCategoryFactory(DjangoModelFactory):
    class Meta:
        model = ComplaintCategory

    region = factory.SubFactory(RegionFactory)
    slug = factory.Sequence(lambda n: f"topik-{n}")
    name = factory.Sequence(lambda n: f"Topik uji {n}")


class SlaPolicyFactory(DjangoModelFactory):
    class Meta:
        model = SlaPolicy

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Kebijakan uji {n}")


class ComplaintFactory(DjangoModelFactory):
    """A report row as it is stored (no timeline): for figures, lists and classifiers. Reports whose steps
    matter are filed and moved through the services (file_report, bring_to)."""

    class Meta:
        model = Complaint

    region = factory.SubFactory(RegionFactory)
    tracking_code = factory.Sequence(lambda n: f"LPR-F{n:07d}")
    secret_hash = "x"
    report_type = ComplaintType.COMPLAINT
    title = "Laporan uji"
    description = "Uraian laporan uji yang cukup panjang."
    status = S.NEW
    created_at = factory.LazyFunction(timezone.now)


class TeamMemberFactory(DjangoModelFactory):
    class Meta:
        model = TeamMember

    unit = factory.SubFactory(UnitFactory)
    user = factory.SubFactory(UserFactory)
    role = TeamMember.Role.MEMBER


def dispatched_report(region, unit, n, *, created, **fields) -> Complaint:
    """A report row dispatched an hour after filing, with 3/5-day and 72-hour targets from there."""
    dispatched = created + H
    data = {
        "region": region,
        "unit": unit,
        "tracking_code": f"LPR-P{n:07d}",
        "status": S.IN_PROGRESS,
        "created_at": created,
        "verify_due_at": created + 72 * H,
        "verified_at": dispatched,
        "dispatched_at": dispatched,
        "response_due_at": dispatched + 120 * H,
        "resolve_due_at": dispatched + 72 * H,
    }
    data.update(fields)
    return ComplaintFactory(**data)


# --- people -------------------------------------------------------------------------------------


def make_verifier(region, username: str = "verifikator"):
    """The verifier persona: a COMPLAINT_VERIFIER (admin instansi) of the region."""
    user = UserFactory(username=username, full_name="Verifikator Uji", email=f"{username}@uji.id")
    RoleAssignmentFactory(user=user, role=Role.COMPLAINT_VERIFIER, region=region, unit=None)
    return user


def join_team(unit, user, role=TeamMember.Role.MEMBER) -> TeamMember:
    return TeamMemberFactory(unit=unit, user=user, role=role)


# --- through the services -----------------------------------------------------------------------


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


# Every status a report can be in, a paused report by where it was paused ("menunggu_pelapor@<status>").
VARIANTS = [
    S.NEW,
    f"{S.NEEDS_INFO}@{S.NEW}",
    f"{S.NEEDS_INFO}@{S.DISPATCHED}",
    f"{S.NEEDS_INFO}@{S.IN_PROGRESS}",
    S.DISPATCHED,
    S.IN_PROGRESS,
    S.ANSWERED,
    S.CLOSED,
    S.TRANSFERRED,
    S.MERGED,
    S.ARCHIVED,
]


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


class World:
    """The people and units of a workflow test: unit A with its handler (a team member), its head and a
    second team member holding the handler role; unit B; the region's verifier."""

    def __init__(self, region, unit_a, unit_b, handler_a, head_a):
        self.region, self.unit_a, self.unit_b = region, unit_a, unit_b
        self.verifier = make_verifier(region)
        self.handler = handler_a
        self.head = head_a
        join_team(unit_a, handler_a)
        self.member2 = UserFactory(username="anggota2", full_name="Anggota Dua")
        RoleAssignmentFactory(user=self.member2, role=Role.COMPLAINT_HANDLER, unit=unit_a)
        join_team(unit_a, self.member2)

    def bring(self, variant: str) -> Complaint:
        """A report of unit A in `variant`, assigned to the handler once it is in progress."""
        return bring_to(
            variant,
            region=self.region,
            verifier=self.verifier,
            unit=self.unit_a,
            handler=self.handler,
        )


# --- the pages --------------------------------------------------------------------------------

MONDAY_MORNING = wib(2026, 11, 23, 9, 0)


def form_data(**changes) -> dict:
    data = {
        "report_type": "pengaduan",
        "title": "Jalan berlubang di depan SD",
        "description": "Lubang besar di jalan desa membahayakan anak-anak yang berangkat sekolah.",
        "reporter_name": "Siti Pelapor",
        "reporter_phone": "0812 3456 7890",
        "reporter_email": "siti@contoh.id",
        "privacy": "publik",
        "website": "",
    }
    data.update(changes)
    return data


def photo(name="lubang.jpg", content=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content or jpeg_with_gps(), content_type=content_type)


def secret_from(page: str) -> str:
    return re.search(r'id="secret-code">([A-Z0-9]+)<', page).group(1)


def file_via_page(client, **changes) -> tuple[Complaint, str]:
    """File through the page; returns the report and the secret shown on the confirmation."""
    response = client.post(reverse("complaints:file"), form_data(**changes))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"]).content.decode()
    complaint = Complaint.objects.latest("id")
    return complaint, secret_from(page)


def dispatched(region, verifier, unit, **kwargs) -> Complaint:
    complaint = file_report(region, **kwargs)
    return services.complaint_verify_dispatch(actor=verifier, complaint=complaint, unit=unit)


# --- routing history ----------------------------------------------------------------------------

ROUTING_START = wib(2026, 3, 2, 9, 0)
# Synthetic reports: each unit has its own words; every report also has common words and, sometimes,
# a stray word of another unit or the wrong category, as real citizens write.
TOPICS = {
    "pupr": "jalan rusak berlubang aspal jembatan retak longsor drainase gorong tanggul",
    "dukcapil": "ktp kartu keluarga akta kelahiran blanko cetak nik ganda kependudukan",
    "dinkes": "puskesmas dokter obat bidan rawat pasien imunisasi perawat ambulans",
    "dlh": "sampah bau menumpuk limbah sungai tercemar dibakar tps pabrik",
    "pdam": "air keruh mati pipa bocor tagihan meteran pelanggan sambungan",
}
WEIGHTS = {"pupr": 0.36, "dukcapil": 0.22, "dinkes": 0.16, "dlh": 0.14, "pdam": 0.12}
COMMON = "warga desa sudah lama minggu belum ada tindak lanjut kami dusun segera rt rw depan rumah"


def routing_units(region, prefix: str = "") -> dict:
    """One unit per topic of TOPICS."""
    return {
        key: UnitFactory(region=region, slug=f"{prefix}{key}", name=f"Unit {key}") for key in TOPICS
    }


def routing_categories(region, units, prefix: str = "", name: str = "Kategori {key}") -> dict:
    """One category per topic, whose default unit is the topic's unit."""
    return {
        key: ComplaintCategoryFactory(
            region=region, slug=f"{prefix}{key}", name=name.format(key=key), default_unit=units[key]
        )
        for key in TOPICS
    }


def synthetic_text(rng: random.Random, key: str) -> tuple[str, str]:
    own = TOPICS[key].split()
    words = rng.sample(own, 3) + rng.sample(COMMON.split(), 5)
    if rng.random() < 0.25:  # a stray word from another unit's topic
        other = rng.choice([k for k in TOPICS if k != key])
        words.append(rng.choice(TOPICS[other].split()))
    rng.shuffle(words)
    title = " ".join(rng.sample(own, 2)).capitalize()
    return title, "Mohon dibantu, " + " ".join(words) + "."


def make_history(region, units, categories, kecamatan, *, n=260, seed=7, start=ROUTING_START):
    """`n` closed reports dispatched once to the unit their topic belongs to (oldest first)."""
    rng = random.Random(seed)  # noqa: S311 - test data
    keys = list(WEIGHTS)
    rows = []
    for i in range(n):
        key = rng.choices(keys, weights=[WEIGHTS[k] for k in keys])[0]
        title, description = synthetic_text(rng, key)
        roll = rng.random()
        category = (
            categories[key]
            if roll < 0.6
            else (None if roll < 0.8 else categories[rng.choice(keys)])
        )
        created = start + dt.timedelta(hours=7 * i)
        rows.append(
            ComplaintFactory.build(
                region=region,
                tracking_code=f"LPR-T{seed:02d}{i:05d}",
                title=title,
                description=description,
                category=category,
                kecamatan=rng.choice(kecamatan),
                unit=units[key],
                status=S.CLOSED,
                dispatched_at=created + dt.timedelta(hours=5),
                closed_at=created + dt.timedelta(days=3),
                created_at=created,
            )
        )
    return Complaint.objects.bulk_create(rows)


# --- files --------------------------------------------------------------------------------------


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
