"""The P2B library (Pusat Pembelajaran Bersama): best-practice articles by units, linked to innovations,
and "replicate this" requests tracked to a recorded replication (workflow: `REPLICATION_MACHINE`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tanggap.innovation.models.common import WorkflowEvent
from tanggap.innovation.models.registry import Innovation, Replication


class Article(models.Model):
    """A best-practice article written by a unit."""

    class Status(models.TextChoices):
        DRAFT = "draf", _("Draf")
        PUBLISHED = "terbit", _("Terbit")
        ARCHIVED = "diarsipkan", _("Diarsipkan")

    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit penulis"), on_delete=models.PROTECT, related_name="+"
    )
    innovation = models.ForeignKey(
        Innovation,
        verbose_name=_("inovasi terkait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    title = models.CharField(_("judul"), max_length=200)
    summary = models.CharField(_("ringkasan"), max_length=400)
    body = models.TextField(_("isi"))
    lessons = models.TextField(_("pelajaran dan kiat replikasi"), blank=True)
    tags = models.CharField(_("kata kunci"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Stemmed Indonesian words (title weighted), searched by `tanggap.innovation.search`.
    search_text = models.TextField(blank=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("terbit pada"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("artikel praktik baik")
        verbose_name_plural = _("artikel praktik baik")
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title


class ReplicationRequest(models.Model):
    """One unit asks another to help it replicate an innovation."""

    class Status(models.TextChoices):
        REQUESTED = "diajukan", _("Diajukan")
        ACCEPTED = "diterima", _("Diterima, pendampingan berjalan")
        DECLINED = "ditolak", _("Ditolak")
        REPLICATED = "direplikasi", _("Sudah direplikasi")
        CANCELLED = "dibatalkan", _("Dibatalkan")

    innovation = models.ForeignKey(
        Innovation, on_delete=models.CASCADE, related_name="replication_requests"
    )
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requesting_unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit peminta"), on_delete=models.PROTECT, related_name="+"
    )
    message = models.TextField(_("pesan"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED
    )
    replication = models.OneToOneField(
        Replication, null=True, blank=True, on_delete=models.SET_NULL, related_name="request"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("permintaan replikasi")
        verbose_name_plural = _("permintaan replikasi")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.requesting_unit} → {self.innovation}"


class ReplicationRequestEvent(WorkflowEvent):
    request = models.ForeignKey(ReplicationRequest, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("riwayat permintaan replikasi")
        verbose_name_plural = _("riwayat permintaan replikasi")
