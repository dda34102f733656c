"""Attendance: office locations, work schedules, the append-only check-in events, kiosk PINs and the
corrections of a day's record."""

from __future__ import annotations

import datetime

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
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    latitude = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6)
    radius_m = models.PositiveIntegerField(_("radius (m)"), default=100)
    # The ways a check-in is accepted here (a kiosk-only post office, a QR-only MPP hall ...).
    allow_qr = models.BooleanField(_("presensi dengan kode QR"), default=True)
    allow_geo = models.BooleanField(_("presensi dengan lokasi ponsel"), default=True)
    allow_kiosk = models.BooleanField(_("presensi di kios"), default=True)
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

    def allows(self, method: str) -> bool:
        """Whether a check-in by `method` (AttendanceEvent.Method) is accepted at this location."""
        return bool(getattr(self, f"allow_{method}", False))


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
