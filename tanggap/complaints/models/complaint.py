"""A report and everything that happens to it: its steps (the timeline and audit trail), its files, and
the deadline notices sent about it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tanggap.complaints.models.choices import Channel, ComplaintType, Maladministration
from tanggap.complaints.models.event_texts import event_text
from tanggap.complaints.models.region_setup import ComplaintCategory, SlaPolicy


class Complaint(models.Model):
    """One report: what happened, where, who may see it, where it is in the workflow, and its deadlines."""

    class Status(models.TextChoices):
        NEW = "baru", _("Menunggu verifikasi")
        NEEDS_INFO = "menunggu_pelapor", _("Menunggu keterangan pelapor")
        DISPATCHED = "diteruskan", _("Diteruskan ke unit")
        IN_PROGRESS = "diproses", _("Sedang ditindaklanjuti")
        ANSWERED = "ditanggapi", _("Sudah ditanggapi")
        CLOSED = "selesai", _("Selesai")
        TRANSFERRED = "dialihkan", _("Bukan kewenangan (dialihkan)")
        MERGED = "digabung", _("Digabung (duplikat)")
        ARCHIVED = "diarsipkan", _("Diarsipkan")

    OPEN = (Status.NEW, Status.NEEDS_INFO, Status.DISPATCHED, Status.IN_PROGRESS)
    FINAL = (Status.CLOSED, Status.TRANSFERRED, Status.MERGED, Status.ARCHIVED)

    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="complaints")
    tracking_code = models.CharField(_("kode lacak"), max_length=16, unique=True)
    # The reporter's secret to follow the report, kept only as a hash.
    secret_hash = models.CharField(max_length=128)
    report_type = models.CharField(_("jenis laporan"), max_length=16, choices=ComplaintType.choices)
    channel = models.CharField(
        _("kanal"), max_length=16, choices=Channel.choices, default=Channel.WEB
    )
    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("uraian"))
    category = models.ForeignKey(
        ComplaintCategory,
        verbose_name=_("kategori"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    service = models.ForeignKey(
        "catalog.Service",
        verbose_name=_("layanan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    maladministration = models.CharField(
        _("dugaan maladministrasi"), max_length=32, choices=Maladministration.choices, blank=True
    )
    kecamatan = models.ForeignKey(
        "org.Area",
        verbose_name=_("kecamatan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    desa = models.ForeignKey(
        "org.Area",
        verbose_name=_("desa/kelurahan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("alamat/lokasi"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("lintang"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("bujur"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    source_url = models.URLField(
        _("tautan sumber (berita/media sosial)"), blank=True, max_length=500
    )
    # Privacy (SP4N-LAPOR!): rahasia = not shown publicly; anonim = identity hidden from the handling unit.
    is_confidential = models.BooleanField(_("rahasia"), default=False)
    is_anonymous = models.BooleanField(_("anonim"), default=False)
    reporter_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    reporter_name = models.CharField(_("nama pelapor"), max_length=120, blank=True)
    reporter_phone = models.CharField(_("nomor HP pelapor"), max_length=20, blank=True)
    reporter_email = models.EmailField(_("surel pelapor"), blank=True)
    external_id = models.CharField(_("ID di aplikasi asal"), max_length=100, blank=True)
    open311_client = models.ForeignKey(
        "complaints.Open311Client",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Workflow.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    status_before_pause = models.CharField(max_length=20, blank=True)
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit penanggung jawab"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("petugas"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("digabung ke"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    suggested_unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    suggestion_confidence = models.FloatField(null=True, blank=True)
    closing_reason = models.CharField(_("alasan"), max_length=300, blank=True)
    # Deadlines (stored once, moved only by pauses) and when each target was met.
    sla_policy = models.ForeignKey(
        SlaPolicy, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verify_due_at = models.DateTimeField(_("tenggat verifikasi"), null=True, blank=True)
    response_due_at = models.DateTimeField(_("tenggat tanggapan"), null=True, blank=True)
    resolve_due_at = models.DateTimeField(_("tenggat penyelesaian"), null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    first_response_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_seconds = models.PositiveIntegerField(default=0)
    # The reporter's verdict.
    rating = models.PositiveSmallIntegerField(_("penilaian"), null=True, blank=True)
    rating_comment = models.TextField(_("komentar penilaian"), blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(_("dilaporkan pada"), db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("laporan")
        verbose_name_plural = _("laporan")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["region", "status", "created_at"], name="complaint_region_status"),
            models.Index(fields=["unit", "status"], name="complaint_unit_status"),
            models.Index(fields=["status", "verify_due_at"], name="complaint_verify_due"),
            models.Index(fields=["status", "resolve_due_at"], name="complaint_resolve_due"),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.title}"


class ComplaintEvent(models.Model):
    """One step in a report's life: a status move, a message, a question or an answer."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Publik")
        REPORTER = "reporter", _("Pelapor dan petugas")
        INTERNAL = "internal", _("Internal petugas")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("tindakan"), max_length=32)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    by_reporter = models.BooleanField(default=False)
    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What the system says about the step: a code of event_texts.EVENT_TEXTS and its parameters,
    # turned into a sentence in the reader's language when shown (never stored as a sentence).
    text_code = models.CharField(max_length=40, blank=True)
    params = models.JSONField(default=dict, blank=True)
    # What a person wrote (an answer, a note, a question, a reason), as written.
    message = models.TextField(_("pesan"), blank=True)
    visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("riwayat laporan")
        verbose_name_plural = _("riwayat laporan")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint.tracking_code} {self.action}"

    @property
    def text(self) -> str:
        """What the step says, in the active language: its coded sentence, then the free text."""
        return event_text(code=self.text_code, params=self.params, message=self.message)


class Attachment(models.Model):
    """A photo or document attached to a report or to one of its steps (checked, re-encoded, stored)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    event = models.ForeignKey(
        ComplaintEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments"
    )
    file = models.FileField(_("berkas"), upload_to="complaints/%Y/%m/")
    original_name = models.CharField(_("nama berkas"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    by_reporter = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class Escalation(models.Model):
    """A deadline warning or escalation that was sent: one row per report, target and level, never twice."""

    class Target(models.TextChoices):
        VERIFY = "verify", _("Verifikasi")
        RESPONSE = "response", _("Tanggapan pertama")
        RESOLVE = "resolve", _("Penyelesaian")

    class Level(models.TextChoices):
        WARNING = "warning", _("Peringatan ke petugas")
        BREACH = "breach", _("Lewat tenggat: ke kepala unit")
        INSPECTORATE = "inspectorate", _("Eskalasi ke inspektorat")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="escalations")
    target = models.CharField(max_length=16, choices=Target.choices)
    level = models.CharField(max_length=16, choices=Level.choices)
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField()
    recipients = models.TextField(blank=True)

    class Meta:
        verbose_name = _("eskalasi")
        verbose_name_plural = _("eskalasi")
        constraints = [
            models.UniqueConstraint(fields=["complaint", "target", "level"], name="uniq_escalation")
        ]

    def __str__(self) -> str:
        return f"{self.complaint.tracking_code} {self.target} {self.level}"
