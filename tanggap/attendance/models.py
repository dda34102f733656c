"""Attendance (presensi) and leave (cuti) of the region's officials (DOMAIN.md §8).

Attendance events are append-only rows stamped with the server's time; leave balances are a ledger of
signed working days (grants, carry-over, taken, cancelled), never a number overwritten.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OfficeLocation(models.Model):
    """A place where officials check in: a unit's office, an MPP, a kecamatan office, with its geofence."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("nama"), max_length=200)
    latitude = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6)
    radius_m = models.PositiveIntegerField(_("radius (m)"), default=100)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lokasi presensi")
        verbose_name_plural = _("lokasi presensi")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(radius_m__gt=0), name="office_radius_positive")
        ]

    def __str__(self) -> str:
        return self.name


class WorkSchedule(models.Model):
    """A unit's working schedule for its staff: the week, the hours and a flexible arrival window."""

    class Kind(models.TextChoices):
        FIVE_DAY = "five_day", _("Lima hari kerja")
        SIX_DAY = "six_day", _("Enam hari kerja")
        SHIFT = "shift", _("Sif")
        FLEXIBLE = "flexible", _("Jam masuk fleksibel")

    unit = models.OneToOneField(
        "org.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices, default=Kind.FIVE_DAY)
    start = models.TimeField(_("jam masuk"), default=datetime.time(7, 30))
    end = models.TimeField(_("jam pulang"), default=datetime.time(16, 0))
    flexible_minutes = models.PositiveSmallIntegerField(
        _("rentang masuk fleksibel (menit)"), default=0
    )

    class Meta:
        verbose_name = _("jadwal kerja")
        verbose_name_plural = _("jadwal kerja")

    def __str__(self) -> str:
        return f"{self.unit_id} · {self.get_kind_display()}"


class AttendanceEvent(models.Model):
    """One check-in or check-out, append-only: the server's time, how, where, and how precise."""

    class Kind(models.TextChoices):
        IN = "in", _("Masuk")
        OUT = "out", _("Pulang")

    class Method(models.TextChoices):
        QR = "qr", _("Kode QR")
        GEO = "geo", _("Lokasi (geofence)")
        KIOSK = "kiosk", _("Kios")

    official = models.ForeignKey(
        "org.Official", on_delete=models.PROTECT, related_name="attendance_events"
    )
    kind = models.CharField(_("jenis"), max_length=8, choices=Kind.choices)
    recorded_at = models.DateTimeField(_("waktu server"), db_index=True)
    method = models.CharField(_("cara"), max_length=8, choices=Method.choices)
    location = models.ForeignKey(
        OfficeLocation, on_delete=models.PROTECT, related_name="events", verbose_name=_("lokasi")
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    accuracy_m = models.FloatField(_("akurasi (m)"), null=True, blank=True)
    distance_m = models.FloatField(_("jarak (m)"), null=True, blank=True)
    # The QR token's 30-second window: a token is accepted at most once per official.
    qr_window = models.BigIntegerField(null=True, blank=True)
    device_hint = models.CharField(_("perangkat"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("presensi")
        verbose_name_plural = _("presensi")
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["official", "recorded_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["official", "location", "qr_window"],
                condition=Q(qr_window__isnull=False),
                name="qr_token_once_per_official",
            )
        ]

    def __str__(self) -> str:
        return f"{self.official_id} {self.kind} {self.recorded_at:%Y-%m-%d %H:%M}"


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


class KioskPin(models.Model):
    """An official's PIN for the office kiosk tablet (NIP + PIN), kept only as a password hash, with the
    count of wrong PINs in a row and the lockout they led to."""

    official = models.OneToOneField(
        "org.Official", on_delete=models.CASCADE, related_name="kiosk_pin"
    )
    pin_hash = models.CharField(max_length=128)
    failed_count = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("PIN kios")
        verbose_name_plural = _("PIN kios")

    def __str__(self) -> str:
        return f"{self.official_id}"


class DayCorrection(models.Model):
    """A correction to one official's day, with its reason: the events stay as they were recorded and
    the day's status is derived from them and the day's corrections (the latest of each kind wins)."""

    class Kind(models.TextChoices):
        PRESENT = "hadir", _("Hadir (mesin/ponsel rusak, lupa presensi)")
        OFFICIAL_TRIP = "dinas_luar", _("Dinas luar")
        TIMES = "jam", _("Ubah jam masuk/pulang")
        CANCEL_EVENT = "batal", _("Batalkan presensi yang salah tercatat")

    official = models.ForeignKey(
        "org.Official", on_delete=models.PROTECT, related_name="day_corrections"
    )
    date = models.DateField(_("tanggal"))
    kind = models.CharField(_("koreksi"), max_length=16, choices=Kind.choices)
    check_in = models.TimeField(_("jam masuk"), null=True, blank=True)
    check_out = models.TimeField(_("jam pulang"), null=True, blank=True)
    event = models.ForeignKey(
        AttendanceEvent,
        verbose_name=_("presensi yang dibatalkan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cancellations",
    )
    reason = models.TextField(_("alasan"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("koreksi presensi")
        verbose_name_plural = _("koreksi presensi")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["official", "date"])]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="day_correction_has_reason"),
            models.UniqueConstraint(
                fields=["event"],
                condition=Q(event__isnull=False),
                name="an_event_is_cancelled_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.official_id} {self.date} {self.kind}"
