"""What outside the workflow keeps about reports: third-party apps that file through Open311, and the
trained model that suggests a unit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Open311Client(models.Model):
    """A third-party app allowed to post reports through Open311 with its own API key (stored hashed)."""

    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("nama aplikasi"), max_length=120)
    key_prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=128)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("klien Open311")
        verbose_name_plural = _("klien Open311")

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"


class RoutingModel(models.Model):
    """A trained unit-suggestion classifier for a region, with its held-out evaluation."""

    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+")
    trained_at = models.DateTimeField()
    sample_count = models.PositiveIntegerField()
    accuracy = models.FloatField(_("akurasi (data uji)"))
    top3_accuracy = models.FloatField(_("akurasi 3 teratas (data uji)"))
    metrics = models.JSONField(default=dict, blank=True)
    model_file = models.FileField(upload_to="routing/")
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("model penerusan")
        verbose_name_plural = _("model penerusan")
        ordering = ["-trained_at"]

    def __str__(self) -> str:
        return f"{self.region} {self.trained_at:%Y-%m-%d} ({self.accuracy:.0%})"
