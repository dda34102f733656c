"""Models every domain shares: the append-only audit trail and the outbox of background work."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet):
    """Audit rows are append-only: bulk updates and deletes are refused."""

    def update(self, **kwargs):  # type: ignore[override]
        raise PermissionError("The audit trail is append-only.")

    def delete(self):  # type: ignore[override]
        raise PermissionError("The audit trail is append-only.")


class AuditEvent(models.Model):
    """One thing a person (or the system) did to one record: who, what, before/after, when."""

    occurred_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelaku"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("nama pelaku"), max_length=200, blank=True)
    action = models.CharField(_("tindakan"), max_length=100, db_index=True)
    target_type = models.CharField(_("jenis objek"), max_length=100)
    target_id = models.CharField(_("ID objek"), max_length=64)
    target_repr = models.CharField(_("objek"), max_length=300, blank=True)
    region_id = models.BigIntegerField(_("ID wilayah"), null=True, blank=True, db_index=True)
    before = models.JSONField(_("sebelum"), null=True, blank=True)
    after = models.JSONField(_("sesudah"), null=True, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    request_id = models.CharField(_("ID permintaan"), max_length=64, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("jejak audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        # Integrity guard, not business logic: an existing audit row is never rewritten.
        if self.pk is not None:
            raise PermissionError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit trail is append-only.")


class OutboxMessage(models.Model):
    """Background work that must not be lost (a notification): written in the transaction of the change
    that calls for it, so it exists exactly when that change was saved, and kept until it has run.

    `task` names a Huey task by its dotted path and `args` are its arguments; tanggap.core.services.outbox
    runs it and marks the row sent in one transaction, so it runs once however often it is dispatched."""

    task = models.CharField(_("tugas"), max_length=200)
    args = models.JSONField(_("argumen"), default=list)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"))
    attempts = models.PositiveIntegerField(_("percobaan"), default=0)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)

    class Meta:
        verbose_name = _("pesan kotak keluar")
        verbose_name_plural = _("kotak keluar")
        ordering = ["created_at", "id"]
        indexes = [
            # The sweep's question: which unsent rows are due? (only unsent rows are indexed)
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(sent_at__isnull=True),
                name="core_outbox_pending_idx",
            ),
            models.Index(fields=["sent_at"], name="core_outbox_sent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.task}{tuple(self.args)}"
