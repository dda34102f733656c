"""Leave and the recap: leave types, the region's leave policy and yearly rules, requests, the leave ledger,
and the recap's deduction policy."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LeaveType(models.Model):
    """A kind of leave or permit, configured: whether it draws on the annual balance, needs a document."""

    class Code(models.TextChoices):
        ANNUAL = "cuti_tahunan", _("Cuti tahunan")
        SICK = "sakit", _("Cuti sakit")
        IMPORTANT = "alasan_penting", _("Cuti karena alasan penting")
        LONG = "besar", _("Cuti besar")
        MATERNITY = "melahirkan", _("Cuti melahirkan")
        PERMIT = "izin", _("Izin")
        OFFICIAL_TRIP = "dinas_luar", _("Dinas luar")
        STUDY = "tugas_belajar", _("Tugas belajar")

    code = models.CharField(_("kode"), max_length=32, choices=Code.choices, unique=True)
    uses_annual_balance = models.BooleanField(_("memakai saldo cuti tahunan"), default=False)
    requires_document = models.BooleanField(_("wajib dokumen"), default=False)
    max_working_days = models.PositiveSmallIntegerField(
        _("paling lama (hari kerja)"), null=True, blank=True
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("jenis cuti")
        verbose_name_plural = _("jenis cuti")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(self.get_code_display())


class LeavePolicy(models.Model):
    """A region's annual-leave rules (defaults from PP 11/2017 as DOMAIN.md §8 states them)."""

    region = models.OneToOneField("org.Region", on_delete=models.CASCADE, related_name="+")
    annual_days = models.PositiveSmallIntegerField(_("hak cuti tahunan (hari kerja)"), default=12)
    balance_cap_days = models.PositiveSmallIntegerField(
        _("saldo paling banyak dengan sisa tahun lalu"), default=18
    )
    long_unused_cap_days = models.PositiveSmallIntegerField(
        _("saldo paling banyak bila 2 tahun tidak dipakai"), default=24
    )
    min_service_months = models.PositiveSmallIntegerField(
        _("masa kerja minimal (bulan)"), default=12
    )

    class Meta:
        verbose_name = _("aturan cuti")
        verbose_name_plural = _("aturan cuti")

    def __str__(self) -> str:
        return f"{self.region_id} · {self.annual_days}"


class LeaveYearRule(models.Model):
    """Whether the year's cuti bersama reduce the annual entitlement (the rule changes by year)."""

    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    cuti_bersama_reduces_annual = models.BooleanField(
        _("cuti bersama mengurangi hak cuti tahunan"), default=False
    )

    class Meta:
        verbose_name = _("aturan cuti per tahun")
        verbose_name_plural = _("aturan cuti per tahun")
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="uniq_leave_year_rule")
        ]

    def __str__(self) -> str:
        return f"{self.region_id} · {self.year}"


class LeaveRequest(models.Model):
    """An official's request for leave or a permit, decided by the direct superior."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu persetujuan")
        APPROVED = "approved", _("Disetujui")
        REJECTED = "rejected", _("Ditolak")
        CANCELLED = "cancelled", _("Dibatalkan")

    official = models.ForeignKey(
        "org.Official", on_delete=models.PROTECT, related_name="leave_requests"
    )
    leave_type = models.ForeignKey(LeaveType, on_delete=models.PROTECT, related_name="+")
    start = models.DateField(_("mulai"))
    end = models.DateField(_("sampai"))
    working_days = models.PositiveSmallIntegerField(_("hari kerja"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    reason = models.TextField(_("alasan"), blank=True)
    document = models.FileField(_("dokumen"), upload_to="attendance/leave/%Y/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("catatan keputusan"), blank=True)

    class Meta:
        verbose_name = _("permohonan cuti")
        verbose_name_plural = _("permohonan cuti")
        ordering = ["-start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="leave_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.official_id} {self.leave_type_id} {self.start}–{self.end}"


class LeaveLedgerEntry(models.Model):
    """One signed movement of working days of leave: a grant, a carry-over, a leave taken or cancelled."""

    class Kind(models.TextChoices):
        GRANT = "grant", _("Hak tahunan")
        CARRY_OVER = "carry_over", _("Sisa tahun lalu")
        TAKEN = "taken", _("Diambil")
        CANCELLED = "cancelled", _("Dibatalkan")

    official = models.ForeignKey(
        "org.Official", on_delete=models.PROTECT, related_name="leave_ledger"
    )
    leave_type = models.ForeignKey(LeaveType, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    days = models.SmallIntegerField(_("hari kerja"))
    request = models.ForeignKey(
        LeaveRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="ledger"
    )
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("buku cuti")
        verbose_name_plural = _("buku cuti")
        ordering = ["year", "id"]
        indexes = [models.Index(fields=["official", "year"])]
        constraints = [
            models.UniqueConstraint(
                fields=["official", "year", "kind"],
                condition=Q(kind__in=["grant", "carry_over"]),
                name="one_grant_and_carry_over_per_year",
            ),
            models.UniqueConstraint(
                fields=["request", "kind"],
                condition=Q(request__isnull=False),
                name="one_ledger_row_per_request_and_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.official_id} {self.year} {self.kind} {self.days:+d}"


class RecapPolicy(models.Model):
    """A region's rules for the monthly attendance recap (DOMAIN.md §8 leaves the deductions to each
    region's own regulation): the width of the late/early bands (TL1-TL4, PSW1-PSW4) and the allowance
    (TPP) deduction per occurrence of each category, in percent. The defaults are common practice in
    regional regulations, to be set by the region."""

    region = models.OneToOneField("org.Region", on_delete=models.CASCADE, related_name="+")
    band_minutes = models.PositiveSmallIntegerField(
        _("lebar rentang terlambat/pulang cepat (menit)"), default=30
    )
    band1_percent = models.DecimalField(
        _("potongan TL1/PSW1 (%)"), max_digits=5, decimal_places=2, default=Decimal("0.50")
    )
    band2_percent = models.DecimalField(
        _("potongan TL2/PSW2 (%)"), max_digits=5, decimal_places=2, default=Decimal("1.00")
    )
    band3_percent = models.DecimalField(
        _("potongan TL3/PSW3 (%)"), max_digits=5, decimal_places=2, default=Decimal("1.25")
    )
    band4_percent = models.DecimalField(
        _("potongan TL4/PSW4 (%)"), max_digits=5, decimal_places=2, default=Decimal("1.50")
    )
    absent_percent = models.DecimalField(
        _("potongan tanpa keterangan per hari (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("3.00"),
    )
    cap_percent = models.DecimalField(
        _("potongan paling banyak sebulan (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("100.00"),
    )

    class Meta:
        verbose_name = _("aturan rekap presensi")
        verbose_name_plural = _("aturan rekap presensi")
        constraints = [
            models.CheckConstraint(condition=Q(band_minutes__gt=0), name="recap_band_positive")
        ]

    def __str__(self) -> str:
        return f"{self.region_id} · {self.band_minutes}"

    def band_percents(self) -> tuple[Decimal, Decimal, Decimal, Decimal]:
        return (self.band1_percent, self.band2_percent, self.band3_percent, self.band4_percent)
