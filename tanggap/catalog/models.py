"""Services a region offers and their standards (14 components, PermenPANRB 15/2014), versioned."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ServiceCategory(models.Model):
    """A theme that groups services in the catalogue (Administrasi Kependudukan, Perizinan, ...)."""

    region = models.ForeignKey(
        "org.Region", on_delete=models.CASCADE, related_name="service_categories"
    )
    slug = models.SlugField(_("slug"), max_length=80)
    name = models.CharField(_("nama"), max_length=120)
    name_en = models.CharField(_("nama (Inggris)"), max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kategori layanan")
        verbose_name_plural = _("kategori layanan")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "slug"], name="uniq_category_slug_per_region")
        ]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """A public service a unit provides, offered at one or more service locations."""

    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="services")
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit penyelenggara"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    category = models.ForeignKey(
        ServiceCategory,
        verbose_name=_("kategori"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
    )
    slug = models.SlugField(_("slug"), max_length=120)
    code = models.CharField(
        _("kode layanan"), max_length=40, help_text=_("Kode unik di wilayah, mis. DUK-KTP-BARU")
    )
    name = models.CharField(_("nama layanan"), max_length=200)
    name_en = models.CharField(_("nama (Inggris)"), max_length=200, blank=True)
    description = models.TextField(_("uraian singkat"), blank=True)
    # Population documents are free by law (UU 24/2013 Pasal 79A): a cost above zero is refused.
    is_adminduk = models.BooleanField(_("layanan administrasi kependudukan"), default=False)
    is_online = models.BooleanField(_("dapat diajukan daring"), default=False)
    locations = models.ManyToManyField(
        "org.Unit", verbose_name=_("lokasi layanan"), blank=True, related_name="offered_services"
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    archived_reason = models.CharField(_("alasan arsip"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "slug"], name="uniq_service_slug_per_region"),
            models.UniqueConstraint(fields=["region", "code"], name="uniq_service_code_per_region"),
        ]

    def __str__(self) -> str:
        return self.name


class StandardVersion(models.Model):
    """One version of a service's standard; enacted by the unit head's decree, never edited after."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Konsep")
        ENACTED = "enacted", _("Berlaku")
        SUPERSEDED = "superseded", _("Tidak berlaku (digantikan)")

    class DurationUnit(models.TextChoices):
        MINUTES = "minutes", _("menit")
        HOURS = "hours", _("jam")
        WORKING_HOURS = "working_hours", _("jam kerja")
        WORKING_DAYS = "working_days", _("hari kerja")
        DAYS = "days", _("hari kalender")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="standards")
    version = models.PositiveIntegerField(_("versi"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("berdasarkan versi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # --- The six public components (service delivery) ---
    requirements = models.JSONField(
        _("persyaratan"), default=list, blank=True, help_text=_("Satu butir per baris")
    )
    procedure = models.JSONField(_("sistem, mekanisme, dan prosedur"), default=list, blank=True)
    duration_value = models.PositiveIntegerField(_("jangka waktu"), default=0)
    duration_unit = models.CharField(
        _("satuan jangka waktu"),
        max_length=16,
        choices=DurationUnit.choices,
        default=DurationUnit.WORKING_DAYS,
    )
    duration_note = models.CharField(_("keterangan jangka waktu"), max_length=300, blank=True)
    cost = models.DecimalField(_("biaya/tarif (Rp)"), max_digits=14, decimal_places=2, default=0)
    cost_note = models.CharField(_("keterangan biaya"), max_length=300, blank=True)
    product = models.TextField(_("produk pelayanan"), blank=True)
    complaint_handling = models.TextField(_("penanganan pengaduan, saran, dan masukan"), blank=True)
    # --- The eight internal-management components ---
    legal_basis = models.JSONField(_("dasar hukum"), default=list, blank=True)
    facilities = models.TextField(_("sarana, prasarana, dan/atau fasilitas"), blank=True)
    staff_competence = models.TextField(_("kompetensi pelaksana"), blank=True)
    internal_supervision = models.TextField(_("pengawasan internal"), blank=True)
    staff_count = models.TextField(_("jumlah pelaksana"), blank=True)
    service_guarantee = models.TextField(_("jaminan pelayanan"), blank=True)
    security_guarantee = models.TextField(
        _("jaminan keamanan dan keselamatan pelayanan"), blank=True
    )
    performance_evaluation = models.TextField(_("evaluasi kinerja pelaksana"), blank=True)
    # --- Enactment ---
    decree_number = models.CharField(_("nomor keputusan"), max_length=120, blank=True)
    decree_date = models.DateField(_("tanggal keputusan"), null=True, blank=True)
    enacted_at = models.DateTimeField(_("ditetapkan pada"), null=True, blank=True)
    enacted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("standar pelayanan")
        verbose_name_plural = _("standar pelayanan")
        ordering = ["service", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["service", "version"], name="uniq_standard_version"),
            models.UniqueConstraint(
                fields=["service"],
                condition=Q(status="enacted"),
                name="one_enacted_standard_per_service",
            ),
            models.UniqueConstraint(
                fields=["service"],
                condition=Q(status="draft"),
                name="one_draft_standard_per_service",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} v{self.version}"

    @property
    def is_free(self) -> bool:
        return self.cost == 0


class StandardStatusChange(models.Model):
    """One move of a standard through its workflow (draft → enacted → superseded): who, when, why."""

    standard = models.ForeignKey(
        StandardVersion, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(
        _("dari status"), max_length=16, choices=StandardVersion.Status.choices, blank=True
    )
    to_status = models.CharField(
        _("ke status"), max_length=16, choices=StandardVersion.Status.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("nama pelaku"), max_length=200, blank=True)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    changed_at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("perubahan status standar")
        verbose_name_plural = _("perubahan status standar")
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.standard}: {self.from_status or '-'} → {self.to_status}"
