"""Inovasi daerah test data: the seeded 2023 scheme, innovations, evidence, ideas, rounds with a rubric,
proposals, jurors and reviews. Every factory builds a consistent record (the same region throughout)."""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal

import factory
from django.apps import apps as django_apps
from django.utils import timezone
from factory.django import DjangoModelFactory

from tanggap.accounts.tests.factories import UserFactory
from tanggap.innovation.models import (
    Article,
    Assessment,
    Category,
    Evidence,
    Idea,
    IndexScheme,
    Innovation,
    Juror,
    Proposal,
    Review,
    Round,
    RoundStage,
    RubricItem,
)
from tanggap.org.tests.factories import OfficialFactory, RegionFactory, UnitFactory


def scheme_2023() -> IndexScheme:
    """The IID 2023 scheme the data migration seeds (36 indicators). A transactional test flushes the
    migration's rows; the scheme is then seeded again, by the migration's own function."""
    if not IndexScheme.objects.filter(year=2023).exists():
        migration = importlib.import_module("tanggap.innovation.migrations.0002_seed_iid_2023")
        migration.seed(django_apps, None)
    return IndexScheme.objects.prefetch_related("indicators").get(year=2023)


class InnovationFactory(DjangoModelFactory):
    class Meta:
        model = Innovation

    unit = factory.SubFactory(UnitFactory)
    region = factory.LazyAttribute(lambda o: o.unit.region)
    code = factory.Sequence(lambda n: f"INO-2026-{n:04d}")
    name = factory.Sequence(lambda n: f"Inovasi Uji {n}")
    form = Innovation.Form.PELAYANAN_PUBLIK
    kind = Innovation.Kind.DIGITAL
    initiator = Innovation.Initiator.PERANGKAT_DAERAH
    affair = Innovation.Affair.ADMINDUK
    stage = Innovation.Stage.PENERAPAN
    initiated_on = dt.date(2023, 1, 10)
    trial_on = dt.date(2023, 6, 1)
    implemented_on = dt.date(2024, 1, 2)
    problem = "Warga harus datang berkali-kali ke kantor untuk mengurus dokumen."
    approach = "Layanan daring dengan antrean QR dan pemeriksaan berkas di muka."
    benefits = "Waktu tunggu turun dan warga cukup datang sekali."


class EvidenceFactory(DjangoModelFactory):
    """A link evidence at the top level of an indicator (pass `indicator=`)."""

    class Meta:
        model = Evidence

    innovation = factory.SubFactory(InnovationFactory)
    region = factory.LazyAttribute(lambda o: o.innovation.region if o.innovation else None)
    level = 1
    medium = Evidence.Medium.LINK
    link = "https://inovasi.example.go.id/bukti"
    description = "Bukti uji"


class AssessmentFactory(DjangoModelFactory):
    class Meta:
        model = Assessment

    innovation = factory.SubFactory(InnovationFactory)
    scheme = factory.LazyFunction(scheme_2023)
    started_at = factory.LazyFunction(timezone.now)


class IdeaFactory(DjangoModelFactory):
    class Meta:
        model = Idea

    author = factory.SubFactory(OfficialFactory)
    unit = factory.LazyAttribute(lambda o: o.author.unit)
    region = factory.LazyAttribute(lambda o: o.author.region)
    code = factory.Sequence(lambda n: f"IDE-2026-{n:04d}")
    title = factory.Sequence(lambda n: f"Ide uji {n}")
    problem = "Antrean panjang di loket kecamatan setiap Senin."
    proposal = "Pendaftaran antrean lewat ponsel dengan tiket QR."
    beneficiaries = "Warga yang mengurus dokumen kependudukan."
    status = Idea.Status.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


class RoundFactory(DjangoModelFactory):
    class Meta:
        model = Round

    organiser = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Lomba Inovasi Uji {n}")
    year = 2026
    style = Round.Style.KOVABLIK
    status = Round.Status.OPEN
    min_years_implemented = 1
    max_proposals_per_unit = 2
    reviews_per_proposal = 2
    blind = True
    top_n = 3
    opens_on = dt.date(2026, 3, 1)
    closes_on = dt.date(2026, 12, 31)


def round_with_rubric(**kwargs) -> Round:
    """A round with one category, three stages and a three-item rubric (weights 40/35/25, 0–100)."""
    round_ = RoundFactory(**kwargs)
    Category.objects.create(round=round_, code="umum", name="Kategori umum")
    for order, (kind, name) in enumerate(
        [
            (RoundStage.Kind.ADMIN, "Seleksi administrasi"),
            (RoundStage.Kind.PRESENTATION, "Presentasi dan wawancara"),
            (RoundStage.Kind.TOP, "Penetapan Top N"),
        ],
        start=1,
    ):
        RoundStage.objects.create(
            round=round_,
            order=order,
            kind=kind,
            name=name,
            starts_on=dt.date(2026, 3, 1),
            ends_on=dt.date(2026, 12, 31),
        )
    for order, (code, name, weight) in enumerate(
        [
            ("kebaruan", "Kebaruan", "40"),
            ("manfaat", "Manfaat", "35"),
            ("replikasi", "Replikasi", "25"),
        ]
    ):
        RubricItem.objects.create(
            round=round_, code=code, name=name, weight=Decimal(weight), order=order
        )
    return round_


class ProposalFactory(DjangoModelFactory):
    class Meta:
        model = Proposal

    round = factory.SubFactory(RoundFactory)
    category = factory.LazyAttribute(lambda o: o.round.categories.first())
    innovation = factory.SubFactory(InnovationFactory)
    unit = factory.LazyAttribute(lambda o: o.innovation.unit)
    region = factory.LazyAttribute(lambda o: o.innovation.region)
    code = factory.Sequence(lambda n: f"P-{n:04d}")
    title = factory.LazyAttribute(lambda o: o.innovation.name)
    summary = "Ringkasan proposal uji."
    status = Proposal.Status.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


class JurorFactory(DjangoModelFactory):
    class Meta:
        model = Juror

    round = factory.SubFactory(RoundFactory)
    user = factory.SubFactory(UserFactory)


class ReviewFactory(DjangoModelFactory):
    class Meta:
        model = Review

    proposal = factory.SubFactory(ProposalFactory)
    round = factory.LazyAttribute(lambda o: o.proposal.round)
    juror = factory.SubFactory(JurorFactory, round=factory.SelfAttribute("..round"))
    assigned_at = factory.LazyFunction(timezone.now)


class ArticleFactory(DjangoModelFactory):
    class Meta:
        model = Article

    unit = factory.SubFactory(UnitFactory)
    region = factory.LazyAttribute(lambda o: o.unit.region)
    title = factory.Sequence(lambda n: f"Praktik baik uji {n}")
    summary = "Ringkasan praktik baik."
    body = "Cerita lengkap tentang perbaikan pelayanan."
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


def small_scheme(year: int = 2099) -> IndexScheme:
    """A hand-checkable scheme: SPD S1 (max 10, levels ½ and 1), S2 (max 6); SID I1 (max 20, levels ¼
    and 1), I2 (max 4); count steps 1 → 2 and 5 → 4. Maximum score 10 + 6 + 20 + 4 + 4 = 44."""
    from tanggap.innovation.models import Indicator

    scheme = IndexScheme.objects.create(
        year=year, name=f"Skema uji {year}", count_steps=[[1, "2"], [5, "4"]]
    )
    for order, (code, aspect, maximum, shares) in enumerate(
        [
            ("S1", "spd", "10", ["0.5", "1"]),
            ("S2", "spd", "6", ["1"]),
            ("I1", "sid", "20", ["0.25", "1"]),
            ("I2", "sid", "4", ["1"]),
        ]
    ):
        Indicator.objects.create(
            scheme=scheme,
            code=code,
            name=f"Indikator {code}",
            aspect=aspect,
            max_score=Decimal(maximum),
            levels=[{"label": f"Pilihan {n + 1}", "share": s} for n, s in enumerate(shares)],
            order=order,
        )
    return scheme
