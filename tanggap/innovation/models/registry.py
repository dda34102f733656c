"""The year's index scheme as data, the registry of innovations, their evidence, the assessment against
the five criteria (workflow: `tanggap.innovation.workflow.ASSESSMENT_MACHINE`), replications and index
snapshots."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tanggap.innovation.criteria import AssessmentStatus, EvidenceStatus
from tanggap.innovation.models.choices import Affair, Form, Initiator, Kind, Stage
from tanggap.innovation.models.common import WorkflowEvent
from tanggap.innovation.scheme import BAND_FLOORS_2023, Band, Scheme, scheme_from_data


class IndexScheme(models.Model):
    """A year's Indeks Inovasi Daerah scheme: its indicators, innovation-count steps, bands and the
    evidence file rules. A change in the national rules is a new scheme (data), never new code."""

    year = models.PositiveSmallIntegerField(_("tahun"), unique=True)
    name = models.CharField(_("nama"), max_length=200)
    # [[min count, "score"], ...], ascending.
    count_steps = models.JSONField(_("skor jumlah inovasi"), default=list)
    # [["lowest index", "band"], ...], highest first.
    band_floors = models.JSONField(_("batas predikat"), default=list)
    # {"content type": ["ext", ...]} and a size limit for evidence files.
    file_types = models.JSONField(_("jenis berkas bukti"), default=dict)
    file_max_bytes = models.PositiveIntegerField(_("ukuran berkas maks. (bita)"), default=5242880)
    source_note = models.TextField(_("sumber"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("skema indeks inovasi")
        verbose_name_plural = _("skema indeks inovasi")
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.name

    def to_scheme(self, indicators=None) -> Scheme:
        """The pure `Scheme` the index functions compute with."""
        rows = indicators if indicators is not None else list(self.indicators.all())
        scheme = scheme_from_data(
            year=self.year,
            indicators=[
                {
                    "code": i.code,
                    "name": i.name,
                    "aspect": i.aspect,
                    "max_score": str(i.max_score),
                    "levels": [str(level["share"]) for level in i.levels],
                }
                for i in rows
            ],
            count_steps=[(int(c), str(s)) for c, s in self.count_steps],
        )
        if self.band_floors:
            floors = tuple((Decimal(str(f)), Band(b)) for f, b in self.band_floors)
        else:
            floors = BAND_FLOORS_2023
        return Scheme(
            year=scheme.year,
            indicators=scheme.indicators,
            count_steps=scheme.count_steps,
            band_floors=floors,
        )


class Indicator(models.Model):
    """One indicator of a scheme, with the evidence options (levels) and the share each earns."""

    class Aspect(models.TextChoices):
        SPD = "spd", _("Satuan pemerintah daerah")
        SID = "sid", _("Satuan inovasi daerah")

    scheme = models.ForeignKey(IndexScheme, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("nama"), max_length=200)
    aspect = models.CharField(_("aspek"), max_length=3, choices=Aspect.choices)
    max_score = models.DecimalField(_("skor maksimum"), max_digits=7, decimal_places=3)
    # [{"label": "what the evidence shows", "share": "0.25"}, ...]: option k earns share × maximum.
    levels = models.JSONField(_("pilihan bukti"), default=list)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    guidance = models.TextField(_("petunjuk bukti dukung"), blank=True)

    class Meta:
        verbose_name = _("indikator indeks")
        verbose_name_plural = _("indikator indeks")
        ordering = ["scheme", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="uniq_indicator_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Innovation(models.Model):
    """A registered regional innovation, owned by a unit."""

    Form = Form
    Kind = Kind
    Initiator = Initiator
    Stage = Stage
    Affair = Affair

    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit pemilik"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("kode"), max_length=20)
    name = models.CharField(_("nama inovasi"), max_length=200)
    form = models.CharField(_("bentuk"), max_length=20, choices=Form.choices)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    initiator = models.CharField(_("inisiator"), max_length=20, choices=Initiator.choices)
    affair = models.CharField(_("urusan pemerintahan"), max_length=24, choices=Affair.choices)
    stage = models.CharField(
        _("tahapan"), max_length=12, choices=Stage.choices, default=Stage.INISIATIF
    )
    initiated_on = models.DateField(_("tanggal inisiatif"))
    trial_on = models.DateField(_("tanggal uji coba"), null=True, blank=True)
    implemented_on = models.DateField(_("tanggal penerapan"), null=True, blank=True)
    problem = models.TextField(_("permasalahan"))
    approach = models.TextField(_("rancang bangun / pendekatan"))
    benefits = models.TextField(_("manfaat"))
    results = models.TextField(_("hasil yang dicapai"), blank=True)
    budget = models.DecimalField(
        _("anggaran (Rp)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    owners = models.ManyToManyField(
        "org.Official", verbose_name=_("penanggung jawab"), blank=True, related_name="+"
    )
    idea = models.OneToOneField(
        "innovation.Idea",
        verbose_name=_("berasal dari ide"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="innovation",
    )
    photo = models.ImageField(
        _("foto utama"), upload_to="innovation/photos/%Y/", blank=True, max_length=200
    )
    is_public = models.BooleanField(_("tampil di etalase publik"), default=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    search_text = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("inovasi daerah")
        verbose_name_plural = _("inovasi daerah")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "code"], name="uniq_innovation_code_per_region"
            )
        ]
        indexes = [
            models.Index(fields=["region", "stage"], name="innovation_region_stage"),
            models.Index(fields=["unit"], name="innovation_unit"),
        ]

    def __str__(self) -> str:
        return self.name


class InnovationEvent(WorkflowEvent):
    """A move of an innovation: registered, stage advanced, details changed, archived."""

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("riwayat inovasi")
        verbose_name_plural = _("riwayat inovasi")


class Evidence(models.Model):
    """One piece of bukti dukung for an indicator: a file, a link or a photo, with the level (option)
    it claims and the verifier's verdict. `innovation` is empty for the region's own (SPD) evidence."""

    class Medium(models.TextChoices):
        FILE = "file", _("Berkas")
        LINK = "link", _("Tautan")
        PHOTO = "photo", _("Foto")

    Status = EvidenceStatus

    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="evidence")
    innovation = models.ForeignKey(
        Innovation, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    level = models.PositiveSmallIntegerField(_("pilihan bukti"))
    medium = models.CharField(_("bentuk"), max_length=8, choices=Medium.choices)
    file = models.FileField(_("berkas"), upload_to="innovation/evidence/%Y/%m/", blank=True)
    link = models.URLField(_("tautan"), max_length=500, blank=True)
    original_name = models.CharField(_("nama berkas"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    description = models.CharField(_("keterangan"), max_length=300, blank=True)
    status = models.CharField(
        _("validasi"), max_length=12, choices=EvidenceStatus.choices, default=EvidenceStatus.PENDING
    )
    reason = models.TextField(_("alasan tidak valid"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    validated_at = models.DateTimeField(_("divalidasi"), null=True, blank=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["indicator__order", "uploaded_at", "id"]
        indexes = [models.Index(fields=["region", "innovation"], name="evidence_region_innov")]

    def __str__(self) -> str:
        return self.original_name or self.link or self.description


class Assessment(models.Model):
    """The innovation office's assessment of one innovation for one year against the five criteria."""

    class Status(models.TextChoices):
        IN_PROGRESS = "dinilai", _("Sedang dinilai")
        DONE = "selesai", _("Selesai")

    Result = AssessmentStatus

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="assessments")
    scheme = models.ForeignKey(IndexScheme, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.IN_PROGRESS
    )
    # {criterion: true/false/null}, {criterion: "note"}
    criteria = models.JSONField(_("kriteria"), default=dict)
    criteria_notes = models.JSONField(_("catatan kriteria"), default=dict)
    result = models.CharField(
        _("hasil"),
        max_length=16,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.BELUM_LENGKAP,
    )
    note = models.TextField(_("catatan penilai"), blank=True)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(_("mulai dinilai"))
    finished_at = models.DateTimeField(_("selesai dinilai"), null=True, blank=True)

    class Meta:
        verbose_name = _("penilaian inovasi")
        verbose_name_plural = _("penilaian inovasi")
        ordering = ["-scheme__year", "innovation__name"]
        constraints = [
            models.UniqueConstraint(fields=["innovation", "scheme"], name="uniq_assessment_year")
        ]

    def __str__(self) -> str:
        return f"{self.innovation} ({self.scheme.year})"

    @property
    def qualifies(self) -> bool:
        return self.status == self.Status.DONE and self.result == AssessmentStatus.MEMENUHI


class AssessmentEvent(WorkflowEvent):
    """A move of an assessment: started, a criterion or evidence decided, finished, reopened."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("riwayat penilaian")
        verbose_name_plural = _("riwayat penilaian")


class Replication(models.Model):
    """Another unit or region put an innovation to work (recorded by the owner or from a request)."""

    innovation = models.ForeignKey(
        Innovation, on_delete=models.CASCADE, related_name="replications"
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit yang mereplikasi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    other_institution = models.CharField(
        _("instansi lain (di luar platform)"), max_length=200, blank=True
    )
    replicated_on = models.DateField(_("tanggal replikasi"))
    note = models.TextField(_("keterangan"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("replikasi inovasi")
        verbose_name_plural = _("replikasi inovasi")
        ordering = ["-replicated_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False) | ~models.Q(other_institution=""),
                name="replication_names_who",
            )
        ]

    def __str__(self) -> str:
        return f"{self.innovation} → {self.unit or self.other_institution}"


class IndexSnapshot(models.Model):
    """The region's index as computed at a moment (kept so its trend can be shown)."""

    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+")
    scheme = models.ForeignKey(IndexScheme, on_delete=models.PROTECT, related_name="+")
    index = models.DecimalField(_("indeks"), max_digits=6, decimal_places=2)
    band = models.CharField(_("predikat"), max_length=24, choices=Band.choices)
    innovations = models.PositiveIntegerField(_("inovasi dihitung"))
    computed_at = models.DateTimeField(_("dihitung"), db_index=True)
    reason = models.CharField(_("sebab"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("potret indeks inovasi")
        verbose_name_plural = _("potret indeks inovasi")
        ordering = ["-computed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.scheme.year}: {self.index}"
