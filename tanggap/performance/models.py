"""A unit's yearly performance agreement (perjanjian kinerja): its indicators with baseline and targets,
and the realisation recorded each quarter with evidence; each official's SKP cascading from it."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tanggap.performance.achievement import Direction, achievement_percent, target_not_rising
from tanggap.performance.skp import Predikat, Rating, UnitRating

# Figures of an indicator: up to 14 digits before the decimal point and 4 after.
FIGURE = {"max_digits": 18, "decimal_places": 4}
QUARTERS = (1, 2, 3, 4)


class PerformanceAgreement(models.Model):
    """A unit's performance agreement for one year: drafted by its head, then signed."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SIGNED = "signed", _("Ditandatangani")

    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="performance_agreements",
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    signed_at = models.DateTimeField(_("ditandatangani pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("perjanjian kinerja")
        verbose_name_plural = _("perjanjian kinerja")
        ordering = ["-year", "unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="uniq_agreement_unit_year"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.year}"

    @property
    def region_id(self) -> int:
        """The unit's region (what the audit trail and the selectors scope by)."""
        return self.unit.region_id


class Indicator(models.Model):
    """One performance indicator of an agreement: baseline, yearly and quarterly targets."""

    agreement = models.ForeignKey(
        PerformanceAgreement, on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indikator"), max_length=300)
    measure = models.CharField(_("satuan"), max_length=60)
    direction = models.CharField(
        _("arah"), max_length=16, choices=Direction.choices, default=Direction.HIGHER_IS_BETTER
    )
    baseline = models.DecimalField(
        _("baseline (realisasi tahun lalu)"), null=True, blank=True, **FIGURE
    )
    target_year = models.DecimalField(_("target tahunan"), **FIGURE)
    target_q1 = models.DecimalField(_("target triwulan I"), null=True, blank=True, **FIGURE)
    target_q2 = models.DecimalField(_("target triwulan II"), null=True, blank=True, **FIGURE)
    target_q3 = models.DecimalField(_("target triwulan III"), null=True, blank=True, **FIGURE)
    target_q4 = models.DecimalField(_("target triwulan IV"), null=True, blank=True, **FIGURE)
    plan_goal_code = models.CharField(_("kode sasaran RPJMD/Renstra"), max_length=60, blank=True)
    plan_goal = models.CharField(_("sasaran RPJMD/Renstra"), max_length=300, blank=True)
    evidence_required = models.BooleanField(_("wajib bukti dukung"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("indikator kinerja")
        ordering = ["agreement_id", "position", "id"]

    def __str__(self) -> str:
        return self.name

    def quarter_target(self, quarter: int) -> Decimal | None:
        """The target of quarter 1–4 (None when the agreement sets only a yearly target)."""
        return getattr(self, f"target_q{quarter}")

    @property
    def target_not_rising(self) -> bool:
        """The yearly target does not improve on the baseline, last year's realisation (seed 003)."""
        return target_not_rising(
            target=self.target_year, last_realisation=self.baseline, direction=self.direction
        )


class Realisation(models.Model):
    """What an indicator reached in one quarter, with its evidence (a checked file or a link)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="realisations")
    quarter = models.PositiveSmallIntegerField(
        _("triwulan"), choices=[(q, str(q)) for q in QUARTERS]
    )
    value = models.DecimalField(_("realisasi"), **FIGURE)
    evidence_file = models.FileField(_("berkas bukti"), upload_to="performance/%Y/", blank=True)
    evidence_name = models.CharField(_("nama berkas bukti"), max_length=200, blank=True)
    evidence_url = models.URLField(_("tautan bukti"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("dicatat pada"))

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["indicator_id", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "quarter"], name="uniq_realisation_indicator_quarter"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="realisation_quarter_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · TW{self.quarter}"

    @property
    def achievement(self) -> Decimal | None:
        """Achievement against the quarter's target, in percent (None without a quarterly target)."""
        target = self.indicator.quarter_target(self.quarter)
        if target is None:
            return None
        return achievement_percent(
            target=target, realisation=self.value, direction=self.indicator.direction
        )


class UnitPerformanceRating(models.Model):
    """A unit's own performance rating of a year (Istimewa … Sangat Kurang), as decided by the region
    on the evaluation of its performance: it sets the rules of the unit's predikat distribution and the
    unit head's results rating follows it (DOMAIN.md §5)."""

    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="performance_ratings",
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    rating = models.CharField(_("predikat kinerja unit"), max_length=16, choices=UnitRating.choices)
    # The decree or evaluation the rating comes from (required by the service).
    basis = models.TextField(_("dasar penetapan"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("ditetapkan pada"))

    class Meta:
        verbose_name = _("predikat kinerja unit")
        verbose_name_plural = _("predikat kinerja unit")
        ordering = ["-year", "unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="uniq_unit_rating_unit_year"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.year} · {self.get_rating_display()}"


# --- the official's SKP (sasaran kinerja pegawai) ------------------------------------------------------


class Skp(models.Model):
    """An official's yearly SKP: results with targets, quarterly reviews by the direct superior, and
    the year-end ratings that give the predikat (DOMAIN.md §5)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        AGREED = "agreed", _("Disepakati")
        CLOSED = "closed", _("Dinilai")

    official = models.ForeignKey(
        "org.Official", verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="skps"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    # The direct superior when the SKP was made (the appraising official of the year).
    superior = models.ForeignKey(
        "org.Official",
        verbose_name=_("atasan langsung"),
        on_delete=models.PROTECT,
        related_name="skps_appraised",
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    hasil_kerja_rating = models.CharField(
        _("penilaian hasil kerja"), max_length=8, choices=Rating.choices, blank=True
    )
    perilaku_rating = models.CharField(
        _("penilaian perilaku kerja"), max_length=8, choices=Rating.choices, blank=True
    )
    predikat = models.CharField(_("predikat"), max_length=16, choices=Predikat.choices, blank=True)
    rated_at = models.DateTimeField(_("dinilai pada"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        ordering = ["-year", "official_id"]
        constraints = [
            models.UniqueConstraint(fields=["official", "year"], name="uniq_skp_official_year"),
        ]

    def __str__(self) -> str:
        return f"SKP {self.official} · {self.year}"

    @property
    def region_id(self) -> int:
        return self.official.region_id


class AutoSource(models.TextChoices):
    """Where a result's realisation can come from instead of being typed (see sources.py)."""

    MANUAL = "", _("Diisi manual")
    TICKETS_SERVED = "tickets_served", _("Jumlah tiket antrean yang dilayani")
    COMPLAINTS_ON_TIME_SHARE = (
        "complaints_on_time_share",
        _("Persentase pengaduan dijawab tepat waktu"),
    )
    UNIT_IKM = "unit_ikm", _("IKM unit")


class SkpResult(models.Model):
    """One result (hasil kerja) of an SKP with its target; it cascades from an indicator of the unit's
    agreement, or from a result of the superior's SKP, or from neither (a result of the official's own)."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="results")
    text = models.CharField(_("hasil kerja"), max_length=300)
    target = models.DecimalField(_("target"), **FIGURE)
    measure = models.CharField(_("satuan"), max_length=60)
    direction = models.CharField(
        _("arah"), max_length=16, choices=Direction.choices, default=Direction.HIGHER_IS_BETTER
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indikator perjanjian kinerja"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="skp_results",
    )
    parent_result = models.ForeignKey(
        "self",
        verbose_name=_("hasil kerja atasan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cascaded_results",
    )
    source = models.CharField(
        _("sumber realisasi"), max_length=32, choices=AutoSource.choices, blank=True
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("hasil kerja SKP")
        verbose_name_plural = _("hasil kerja SKP")
        ordering = ["skp_id", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(indicator__isnull=True) | Q(parent_result__isnull=True),
                name="skp_result_one_cascade",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class SkpQuarterReview(models.Model):
    """The superior's review of an SKP for one quarter: the realisation of each result, written feedback
    on the results and on each of the seven BerAKHLAK behaviours."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="reviews")
    quarter = models.PositiveSmallIntegerField(
        _("triwulan"), choices=[(q, str(q)) for q in QUARTERS]
    )
    results_feedback = models.TextField(_("umpan balik hasil kerja"), blank=True)
    # {"berorientasi_pelayanan": "…", …}: keys from Behaviour, checked by the service.
    behaviour_feedback = models.JSONField(_("umpan balik perilaku kerja"), default=dict)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("ditinjau pada"))

    class Meta:
        verbose_name = _("tinjauan triwulan SKP")
        verbose_name_plural = _("tinjauan triwulan SKP")
        ordering = ["skp_id", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["skp", "quarter"], name="uniq_skp_review_quarter"),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="skp_review_quarter_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skp} · TW{self.quarter}"


class SkpResultRealisation(models.Model):
    """What one result reached by the end of a reviewed quarter."""

    review = models.ForeignKey(
        SkpQuarterReview, on_delete=models.CASCADE, related_name="realisations"
    )
    result = models.ForeignKey(SkpResult, on_delete=models.CASCADE, related_name="realisations")
    value = models.DecimalField(_("realisasi"), **FIGURE)

    class Meta:
        verbose_name = _("realisasi hasil kerja")
        verbose_name_plural = _("realisasi hasil kerja")
        ordering = ["review_id", "result_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "result"], name="uniq_skp_realisation_review_result"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.result} · {self.value}"


class SkpAutoFigure(models.Model):
    """What the platform gives an automatic result by the end of a quarter (year to date), with where it
    comes from: refreshed nightly while the quarter runs; the quarterly review takes it as the result's
    realisation instead of a typed figure (services/autofill.py)."""

    result = models.ForeignKey(SkpResult, on_delete=models.CASCADE, related_name="auto_figures")
    quarter = models.PositiveSmallIntegerField(
        _("triwulan"), choices=[(q, str(q)) for q in QUARTERS]
    )
    source = models.CharField(_("sumber realisasi"), max_length=32, choices=AutoSource.choices)
    # None when the records give nothing to report (no complaint decided, too few survey responses).
    value = models.DecimalField(_("realisasi"), null=True, blank=True, **FIGURE)
    # The counts behind the value: {"served": 41, "scope": "official", "start": …, "end": …}.
    figures = models.JSONField(_("rincian sumber"), default=dict)
    # When the figure last changed (a refresh that finds the same figure leaves the row alone).
    computed_at = models.DateTimeField(_("dihitung pada"))

    class Meta:
        verbose_name = _("realisasi otomatis hasil kerja")
        verbose_name_plural = _("realisasi otomatis hasil kerja")
        ordering = ["result_id", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["result", "quarter"], name="uniq_skp_auto_result_quarter"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="skp_auto_quarter_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.result} · TW{self.quarter} · {self.value}"
