"""A unit's yearly performance agreement (perjanjian kinerja): its indicators with baseline and targets,
and the realisation recorded each quarter with evidence."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tanggap.performance.achievement import Direction, achievement_percent, target_not_rising

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
