"""What a region and its units set up for reports: topics, routing rules, deadline policies, and each
unit's responsive team."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tanggap.complaints.models.choices import ComplaintType, DeadlineUnit


class ComplaintCategory(models.Model):
    """A topic citizens report about (jalan rusak, adminduk, kesehatan, ...), with its default unit."""

    region = models.ForeignKey(
        "org.Region", on_delete=models.CASCADE, related_name="complaint_categories"
    )
    slug = models.SlugField(_("slug"), max_length=80)
    name = models.CharField(_("nama"), max_length=120)
    name_en = models.CharField(_("nama (Inggris)"), max_length=120, blank=True)
    default_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit bawaan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kategori pengaduan")
        verbose_name_plural = _("kategori pengaduan")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "slug"], name="uniq_complaint_category_slug")
        ]

    def __str__(self) -> str:
        return self.name


class RoutingRule(models.Model):
    """Category × kecamatan → unit: the explicit routing a region sets (blank category or area = any)."""

    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(
        ComplaintCategory, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    area = models.ForeignKey(
        "org.Area",
        verbose_name=_("kecamatan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit tujuan"), on_delete=models.CASCADE, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("aturan penerusan")
        verbose_name_plural = _("aturan penerusan")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.category or '*'} × {self.area or '*'} → {self.unit}"


class SlaPolicy(models.Model):
    """Deadline targets for reports of a category and type (blank = any); the most specific one applies."""

    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("nama"), max_length=120)
    category = models.ForeignKey(
        ComplaintCategory, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    report_type = models.CharField(
        _("jenis laporan"), max_length=16, choices=ComplaintType.choices, blank=True
    )
    verify_value = models.PositiveIntegerField(_("verifikasi dalam"), default=3)
    verify_unit = models.CharField(
        max_length=16, choices=DeadlineUnit.choices, default=DeadlineUnit.WORKING_DAYS
    )
    response_value = models.PositiveIntegerField(_("tanggapan pertama dalam"), default=5)
    response_unit = models.CharField(
        max_length=16, choices=DeadlineUnit.choices, default=DeadlineUnit.WORKING_DAYS
    )
    resolve_value = models.PositiveIntegerField(_("selesai ditangani dalam"), default=72)
    resolve_unit = models.CharField(
        max_length=16, choices=DeadlineUnit.choices, default=DeadlineUnit.CLOCK_HOURS
    )
    reporter_response_days = models.PositiveSmallIntegerField(
        _("batas tanggapan pelapor (hari)"), default=10
    )
    warn_before_hours = models.PositiveSmallIntegerField(
        _("peringatan sebelum tenggat (jam)"), default=24
    )
    inspectorate_after_hours = models.PositiveSmallIntegerField(
        _("eskalasi ke inspektorat setelah lewat (jam)"), default=48
    )

    class Meta:
        verbose_name = _("kebijakan tenggat")
        verbose_name_plural = _("kebijakan tenggat")
        ordering = ["region", "name"]

    def __str__(self) -> str:
        return self.name


class TeamMember(models.Model):
    """A member of a unit's responsive team (tim responsif) that handles its reports."""

    class Role(models.TextChoices):
        COORDINATOR = "koordinator", _("Koordinator")
        MEMBER = "anggota", _("Anggota")

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="team_members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_memberships"
    )
    role = models.CharField(_("peran"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("anggota tim responsif")
        verbose_name_plural = _("anggota tim responsif")
        constraints = [models.UniqueConstraint(fields=["unit", "user"], name="uniq_team_member")]

    def __str__(self) -> str:
        return f"{self.user} · {self.unit}"
