"""Queues at service locations: which services a location queues, its counters and entrance kiosks,
tickets and their events.

A location is an org.Unit that serves the public (kecamatan office, Dukcapil, an MPP booth, the mobile
unit). Every state change of a ticket is a TicketEvent row: the audit trail and the source of every metric.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class QueueSettings(models.Model):
    """How a location runs its queue: booking slots, horizon, no-show grace, notifications."""

    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+")
    location = models.OneToOneField(
        "org.Unit",
        verbose_name=_("lokasi"),
        on_delete=models.CASCADE,
        related_name="queue_settings",
    )
    is_enabled = models.BooleanField(_("antrean aktif"), default=True)
    slot_minutes = models.PositiveSmallIntegerField(_("panjang slot (menit)"), default=30)
    booking_horizon_days = models.PositiveSmallIntegerField(
        _("pemesanan paling jauh (hari)"), default=14
    )
    no_show_grace_minutes = models.PositiveSmallIntegerField(
        _("batas tunggu sebelum dilewati (menit)"), default=10
    )
    notify_when_ahead = models.PositiveSmallIntegerField(
        _("beri tahu saat antrean di depan tinggal"), default=3
    )
    late_check_in_minutes = models.PositiveSmallIntegerField(
        _("toleransi terlambat check-in (menit)"), default=30
    )
    display_chime = models.BooleanField(_("bunyi panggilan di layar"), default=True)

    class Meta:
        verbose_name = _("pengaturan antrean")
        verbose_name_plural = _("pengaturan antrean")

    def __str__(self) -> str:
        return str(self.location)


class QueueService(models.Model):
    """A service queued at a location, with its ticket prefix and booking capacity."""

    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+")
    location = models.ForeignKey(
        "org.Unit",
        verbose_name=_("lokasi"),
        on_delete=models.CASCADE,
        related_name="queue_services",
    )
    service = models.ForeignKey(
        "catalog.Service", verbose_name=_("layanan"), on_delete=models.CASCADE, related_name="+"
    )
    prefix = models.CharField(_("awalan nomor"), max_length=3)
    capacity_per_slot = models.PositiveSmallIntegerField(_("kuota per slot"), default=4)
    default_service_minutes = models.PositiveSmallIntegerField(
        _("perkiraan lama layanan (menit)"), default=10
    )
    allow_booking = models.BooleanField(_("bisa dipesan daring"), default=True)
    allow_walk_in = models.BooleanField(_("bisa ambil di tempat"), default=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("layanan antrean")
        verbose_name_plural = _("layanan antrean")
        ordering = ["location", "order", "prefix"]
        constraints = [
            models.UniqueConstraint(fields=["location", "service"], name="uniq_queue_service"),
            models.UniqueConstraint(fields=["location", "prefix"], name="uniq_queue_prefix"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix} · {self.service}"


class Counter(models.Model):
    """A counter (loket) at a location and the queued services it handles."""

    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+")
    location = models.ForeignKey(
        "org.Unit", verbose_name=_("lokasi"), on_delete=models.CASCADE, related_name="counters"
    )
    name = models.CharField(_("nama loket"), max_length=60)
    services = models.ManyToManyField(
        QueueService, verbose_name=_("layanan yang dilayani"), related_name="counters"
    )
    is_open = models.BooleanField(_("buka"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("loket")
        verbose_name_plural = _("loket")
        ordering = ["location", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["location", "name"], name="uniq_counter_name")
        ]

    def __str__(self) -> str:
        return self.name


class DailySequence(models.Model):
    """The last ticket number issued for a prefix at a location on one local day (row-locked)."""

    location = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    prefix = models.CharField(max_length=3)
    day = models.DateField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["location", "prefix", "day"], name="uniq_daily_sequence"
            )
        ]

    def __str__(self) -> str:
        return f"{self.prefix} {self.day}: {self.last_number}"


class KioskDevice(models.Model):
    """A kiosk at a location's entrance (a tablet or a ticket machine): the only issuer of walk-in tickets.

    Its secret token is shown once when it is registered and stored only as a SHA-256 hash (256 random
    bits: a plain hash suffices). A revoked kiosk stays on record for the tickets it issued.
    """

    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+")
    location = models.ForeignKey(
        "org.Unit",
        verbose_name=_("lokasi"),
        on_delete=models.CASCADE,
        related_name="kiosk_devices",
    )
    name = models.CharField(_("nama kiosk"), max_length=60)
    token_hash = models.CharField(max_length=64, unique=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("didaftarkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("didaftarkan"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicabut oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)

    class Meta:
        verbose_name = _("kiosk")
        verbose_name_plural = _("kiosk")
        ordering = ["location", "-is_active", "name"]
        constraints = [
            # Two active kiosks of one location never share a name (revoked ones keep theirs).
            models.UniqueConstraint(
                fields=["location", "name"],
                condition=models.Q(is_active=True),
                name="uniq_active_kiosk_name",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Ticket(models.Model):
    """One citizen's place in a queue: booked online or taken at the kiosk, then called and served."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Dipesan")
        WAITING = "waiting", _("Menunggu")
        CALLED = "called", _("Dipanggil")
        SERVING = "serving", _("Sedang dilayani")
        DONE = "done", _("Selesai")
        NO_SHOW = "no_show", _("Tidak hadir")
        CANCELLED = "cancelled", _("Dibatalkan")
        TRANSFERRED = "transferred", _("Dialihkan")

    class Source(models.TextChoices):
        BOOKING = "booking", _("Pesan daring")
        WALK_IN = "walk_in", _("Ambil di tempat")
        TRANSFER = "transfer", _("Pengalihan")

    class Priority(models.TextChoices):
        NONE = "", _("Tidak")
        ELDERLY = "lansia", _("Lanjut usia")
        DISABLED = "disabilitas", _("Penyandang disabilitas")
        PREGNANT = "hamil", _("Ibu hamil")
        CHILDREN = "anak", _("Membawa anak kecil")

    ACTIVE = (Status.BOOKED, Status.WAITING, Status.CALLED, Status.SERVING)
    IN_QUEUE = (Status.WAITING, Status.CALLED, Status.SERVING)

    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+")
    location = models.ForeignKey(
        "org.Unit", verbose_name=_("lokasi"), on_delete=models.PROTECT, related_name="tickets"
    )
    queue_service = models.ForeignKey(
        QueueService, verbose_name=_("layanan"), on_delete=models.PROTECT, related_name="tickets"
    )
    code = models.CharField(_("kode tiket"), max_length=16, unique=True)
    number = models.CharField(_("nomor antrean"), max_length=12, blank=True)
    sequence = models.PositiveIntegerField(null=True, blank=True)
    service_day = models.DateField(_("tanggal layanan"), db_index=True)
    slot_start = models.DateTimeField(_("jadwal slot"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    source = models.CharField(_("asal"), max_length=16, choices=Source.choices)
    priority = models.CharField(
        _("prioritas (kelompok rentan)"), max_length=16, choices=Priority.choices, blank=True
    )
    contact_name = models.CharField(_("nama"), max_length=120, blank=True)
    contact_phone = models.CharField(_("nomor HP/WhatsApp"), max_length=20, blank=True)
    contact_email = models.EmailField(_("surel"), blank=True)
    # NIK is never stored in clear: a keyed hash for the one-booking rule and a masked form to show.
    nik_hash = models.CharField(max_length=64, blank=True, db_index=True)
    nik_masked = models.CharField(_("NIK"), max_length=16, blank=True)
    counter = models.ForeignKey(
        Counter,
        verbose_name=_("loket"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Only this counter may call the ticket (a transfer to a named counter).
    reserved_counter = models.ForeignKey(
        Counter, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The fair calling order after priority: a booking's slot time if it checked in on time, else the
    # arrival time; a transfer keeps its original key.
    queue_key = models.DateTimeField(null=True, blank=True)
    # The kiosk that issued a walk-in ticket (none for bookings, transfers and older tickets).
    kiosk = models.ForeignKey(
        KioskDevice,
        verbose_name=_("kiosk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    transferred_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="transfers"
    )
    call_count = models.PositiveSmallIntegerField(default=0)
    booked_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    called_at = models.DateTimeField(null=True, blank=True)
    serving_started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tiket antrean")
        verbose_name_plural = _("tiket antrean")
        ordering = ["service_day", "checked_in_at", "id"]
        indexes = [
            models.Index(
                fields=["location", "service_day", "status"], name="ticket_loc_day_status"
            ),
            models.Index(fields=["queue_service", "status"], name="ticket_qs_status"),
            models.Index(fields=["status", "queue_key"], name="ticket_status_key"),
        ]

    def __str__(self) -> str:
        return self.number or self.code

    @property
    def is_priority(self) -> bool:
        return bool(self.priority)


class TicketEvent(models.Model):
    """One state change of a ticket: who, at which counter, when. The source of every queue metric."""

    class Action(models.TextChoices):
        BOOKED = "booked", _("Dipesan")
        RESCHEDULED = "rescheduled", _("Dijadwal ulang")
        CHECKED_IN = "checked_in", _("Check-in")
        ISSUED = "issued", _("Ambil nomor di tempat")
        CALLED = "called", _("Dipanggil")
        RECALLED = "recalled", _("Dipanggil ulang")
        SERVING = "serving", _("Mulai dilayani")
        DONE = "done", _("Selesai")
        NO_SHOW = "no_show", _("Tidak hadir")
        CANCELLED = "cancelled", _("Dibatalkan")
        TRANSFERRED = "transferred", _("Dialihkan")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=16, choices=Action.choices)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    counter = models.ForeignKey(
        Counter, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(db_index=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("riwayat tiket")
        verbose_name_plural = _("riwayat tiket")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.ticket} {self.from_status}→{self.to_status}"
