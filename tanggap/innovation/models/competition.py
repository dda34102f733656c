"""Innovation competitions (KIPP/KOVABLIK style): a round with categories, eligibility rules, a weighted
rubric and stages as data; proposals built from registered innovations; jurors, their conflicts, review
assignments and scores. Workflows: `PROPOSAL_MACHINE`, `REVIEW_MACHINE` and `ROUND_MACHINE` in
`tanggap.innovation.workflow`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tanggap.innovation.models.choices import Stage
from tanggap.innovation.models.common import WorkflowEvent
from tanggap.innovation.models.registry import Innovation


class Round(models.Model):
    """One competition round, organised by a region (a kabupaten/kota, or a province for all its regions)."""

    class Style(models.TextChoices):
        KIPP = "kipp", _("Gaya KIPP (seleksi administrasi → evaluasi proposal → panel → Top N)")
        KOVABLIK = (
            "kovablik",
            _("Gaya KOVABLIK (seleksi administrasi → presentasi/wawancara → Top N)"),
        )
        LOCAL = "lokal", _("Lomba daerah")

    class Status(models.TextChoices):
        DRAFT = "draf", _("Disiapkan")
        OPEN = "dibuka", _("Pendaftaran proposal dibuka")
        SCREENING = "seleksi_adm", _("Seleksi administrasi")
        REVIEW = "penjurian", _("Penilaian juri")
        PUBLISHED = "diumumkan", _("Hasil diumumkan")
        CLOSED = "ditutup", _("Ditutup")

    class TieRule(models.TextChoices):
        CRITERION = "criterion", _("Skor kriteria berbobot tertinggi, lalu kriteria berikutnya")
        EARLIEST = "earliest", _("Proposal yang lebih dahulu diajukan")

    organiser = models.ForeignKey(
        "org.Region", verbose_name=_("penyelenggara"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("nama lomba"), max_length=200)
    year = models.PositiveSmallIntegerField(_("tahun"))
    style = models.CharField(_("gaya"), max_length=10, choices=Style.choices)
    description = models.TextField(_("keterangan"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Eligibility rules (data, per round).
    min_stage = models.CharField(
        _("tahapan minimal"), max_length=12, choices=Stage.choices, default=Stage.PENERAPAN
    )
    min_years_implemented = models.PositiveSmallIntegerField(
        _("lama penerapan minimal (tahun)"), default=1
    )
    max_proposals_per_unit = models.PositiveSmallIntegerField(
        _("proposal maks. per instansi"), default=10
    )
    require_qualified = models.BooleanField(_("hanya inovasi yang memenuhi kategori"), default=True)
    # Jury rules.
    reviews_per_proposal = models.PositiveSmallIntegerField(_("penilaian per proposal"), default=3)
    max_load = models.PositiveSmallIntegerField(_("beban maks. per juri"), null=True, blank=True)
    blind = models.BooleanField(_("penilaian buta (unit pengusul disembunyikan)"), default=True)
    tie_rule = models.CharField(
        _("aturan seri"), max_length=12, choices=TieRule.choices, default=TieRule.CRITERION
    )
    outlier_gap = models.DecimalField(
        _("selisih pencilan (poin dari rata-rata juri lain)"),
        max_digits=6,
        decimal_places=2,
        default=20,
    )
    top_n = models.PositiveSmallIntegerField(_("jumlah Top N"), default=10)
    opens_on = models.DateField(_("pendaftaran dibuka"))
    closes_on = models.DateField(_("pendaftaran ditutup"))
    published_at = models.DateTimeField(_("diumumkan pada"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lomba inovasi")
        verbose_name_plural = _("lomba inovasi")
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_published(self) -> bool:
        return self.status in (self.Status.PUBLISHED, self.Status.CLOSED)


class RoundStage(models.Model):
    """A stage of a round, in order, with its dates and (for scored stages) the pass mark."""

    class Kind(models.TextChoices):
        ADMIN = "administrasi", _("Seleksi administrasi")
        PROPOSAL = "proposal", _("Evaluasi proposal")
        PRESENTATION = "presentasi", _("Presentasi, wawancara, dan kunjungan lapangan")
        TOP = "top_n", _("Penetapan Top N")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="stages")
    order = models.PositiveSmallIntegerField(_("urutan"))
    kind = models.CharField(_("jenis"), max_length=14, choices=Kind.choices)
    name = models.CharField(_("nama tahap"), max_length=120)
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"))
    pass_score = models.DecimalField(
        _("nilai lolos"), max_digits=6, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("tahap lomba")
        verbose_name_plural = _("tahap lomba")
        ordering = ["round", "order"]
        constraints = [
            models.UniqueConstraint(fields=["round", "order"], name="uniq_round_stage_order")
        ]

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    """A competition category (e.g. pelayanan publik, tata kelola, kelompok kecamatan)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="categories")
    code = models.SlugField(_("kode"), max_length=40)
    name = models.CharField(_("nama kategori"), max_length=200)
    forms = models.JSONField(_("bentuk inovasi yang boleh"), default=list, blank=True)

    class Meta:
        verbose_name = _("kategori lomba")
        verbose_name_plural = _("kategori lomba")
        ordering = ["round", "name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "code"], name="uniq_round_category")
        ]

    def __str__(self) -> str:
        return self.name


class RubricItem(models.Model):
    """One criterion of the round's weighted rubric, with its score range."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="rubric")
    code = models.SlugField(_("kode"), max_length=40)
    name = models.CharField(_("kriteria"), max_length=200)
    guidance = models.TextField(_("panduan penilaian"), blank=True)
    weight = models.DecimalField(_("bobot (%)"), max_digits=6, decimal_places=2)
    min_score = models.DecimalField(_("nilai terendah"), max_digits=6, decimal_places=2, default=0)
    max_score = models.DecimalField(
        _("nilai tertinggi"), max_digits=6, decimal_places=2, default=100
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kriteria penilaian")
        verbose_name_plural = _("kriteria penilaian")
        ordering = ["round", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "code"], name="uniq_round_rubric_code")
        ]

    def __str__(self) -> str:
        return self.name


class Proposal(models.Model):
    """A unit's entry in a round, built from one of its registered innovations."""

    class Status(models.TextChoices):
        DRAFT = "draf", _("Draf")
        SUBMITTED = "diajukan", _("Diajukan")
        ADMIN_FAILED = "tidak_lolos_adm", _("Tidak lolos seleksi administrasi")
        IN_REVIEW = "dinilai", _("Dinilai juri")
        WINNER = "top_n", _("Masuk Top N")
        NOT_SELECTED = "tidak_terpilih", _("Tidak masuk Top N")
        WITHDRAWN = "ditarik", _("Ditarik")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="proposals")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="proposals")
    innovation = models.ForeignKey(Innovation, on_delete=models.PROTECT, related_name="proposals")
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("instansi pengusul"), on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("nomor proposal"), max_length=20)
    title = models.CharField(_("judul proposal"), max_length=200)
    summary = models.TextField(_("ringkasan"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    admin_note = models.TextField(_("catatan seleksi administrasi"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    # Written when the results are published.
    final_score = models.DecimalField(
        _("nilai akhir"), max_digits=7, decimal_places=3, null=True, blank=True
    )
    rank = models.PositiveIntegerField(_("peringkat"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("proposal lomba")
        verbose_name_plural = _("proposal lomba")
        ordering = ["round", "code"]
        constraints = [
            models.UniqueConstraint(fields=["round", "code"], name="uniq_proposal_code"),
            models.UniqueConstraint(
                fields=["round", "innovation"],
                condition=~models.Q(status="ditarik"),
                name="uniq_live_proposal_per_innovation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class ProposalEvent(WorkflowEvent):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("riwayat proposal")
        verbose_name_plural = _("riwayat proposal")


class Juror(models.Model):
    """A member of a round's jury (an account; an official of some region, or an outside expert)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="jurors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    official = models.ForeignKey(
        "org.Official", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expertise = models.CharField(_("keahlian"), max_length=200, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("juri")
        verbose_name_plural = _("juri")
        ordering = ["round", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="uniq_round_juror")]

    def __str__(self) -> str:
        return str(self.user)


class Conflict(models.Model):
    """A juror may not review a proposal: from the organisation chart, or declared by the juror."""

    class Source(models.TextChoices):
        ORG_CHART = "struktur", _("Struktur organisasi")
        DECLARED = "dinyatakan", _("Dinyatakan juri")
        ORGANISER = "penyelenggara", _("Ditetapkan penyelenggara")

    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="conflicts")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="conflicts")
    source = models.CharField(_("sumber"), max_length=16, choices=Source.choices)
    reason = models.CharField(_("alasan"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("konflik kepentingan")
        verbose_name_plural = _("konflik kepentingan")
        constraints = [
            models.UniqueConstraint(fields=["juror", "proposal"], name="uniq_conflict_pair")
        ]

    def __str__(self) -> str:
        return f"{self.juror} × {self.proposal.code}"


class Review(models.Model):
    """One juror's review of one proposal: assigned, then scored per rubric item and submitted."""

    class Status(models.TextChoices):
        ASSIGNED = "ditugaskan", _("Ditugaskan")
        SUBMITTED = "dikirim", _("Nilai dikirim")
        WITHDRAWN = "dibatalkan", _("Dibatalkan")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reviews")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reviews")
    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="reviews")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ASSIGNED
    )
    comment = models.TextField(_("komentar umum"), blank=True)
    total = models.DecimalField(
        _("nilai berbobot"), max_digits=7, decimal_places=3, null=True, blank=True
    )
    assigned_at = models.DateTimeField(_("ditugaskan pada"))
    submitted_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("penilaian juri")
        verbose_name_plural = _("penilaian juri")
        ordering = ["proposal", "juror"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "juror"], name="uniq_review_pair")
        ]

    def __str__(self) -> str:
        return f"{self.proposal.code} · {self.juror}"


class ReviewEvent(WorkflowEvent):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("riwayat penilaian juri")
        verbose_name_plural = _("riwayat penilaian juri")


class Score(models.Model):
    """A juror's score on one rubric item, with a comment."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(RubricItem, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("nilai"), max_digits=6, decimal_places=2)
    comment = models.TextField(_("komentar"), blank=True)

    class Meta:
        verbose_name = _("nilai kriteria")
        verbose_name_plural = _("nilai kriteria")
        constraints = [models.UniqueConstraint(fields=["review", "item"], name="uniq_score_item")]

    def __str__(self) -> str:
        return f"{self.item.code}: {self.value}"
