"""What every innovation workflow records for each move: who, what, from which status to which."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkflowEvent(models.Model):
    """One move in a workflow's transition table (or a note that keeps the status), as it happened."""

    action = models.CharField(_("tindakan"), max_length=32)
    from_status = models.CharField(max_length=24, blank=True)
    to_status = models.CharField(max_length=24, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    at = models.DateTimeField(_("waktu"), db_index=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.from_status}→{self.to_status}"


def region_code(prefix: str, year: int, number: int) -> str:
    """A readable record code, e.g. IDE-2026-0042."""
    return f"{prefix}-{year}-{number:04d}"
