"""Officials' ideas ("Blitar Cepat Tanggap"): submitted, supported and discussed by colleagues, and
decided by the region's innovation office (workflow: `tanggap.innovation.workflow.IDEA_MACHINE`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tanggap.innovation.models.common import WorkflowEvent


class Idea(models.Model):
    """An official's proposal for a change in how the region serves; accepted ideas become innovations."""

    class Status(models.TextChoices):
        DRAFT = "draf", _("Draf")
        SUBMITTED = "diajukan", _("Diajukan, menunggu telaah")
        REVISION = "perlu_revisi", _("Perlu revisi")
        ACCEPTED = "diterima", _("Diterima untuk uji coba")
        DECLINED = "ditolak", _("Ditolak")
        WITHDRAWN = "ditarik", _("Ditarik pengusul")

    OPEN = (Status.SUBMITTED, Status.REVISION)
    FINAL = (Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN)

    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("kode"), max_length=20)
    title = models.CharField(_("judul ide"), max_length=200)
    problem = models.TextField(_("masalah yang ingin diatasi"))
    proposal = models.TextField(_("perubahan yang diusulkan"))
    beneficiaries = models.TextField(_("siapa yang mendapat manfaat"))
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit terkait"),
        on_delete=models.PROTECT,
        related_name="innovation_ideas",
    )
    service = models.ForeignKey(
        "catalog.Service",
        verbose_name=_("layanan terkait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author = models.ForeignKey(
        "org.Official",
        verbose_name=_("pengusul"),
        on_delete=models.PROTECT,
        related_name="innovation_ideas",
    )
    coauthors = models.ManyToManyField(
        "org.Official", verbose_name=_("pengusul bersama"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    decision_note = models.TextField(_("catatan keputusan"), blank=True)
    support_count = models.PositiveIntegerField(_("dukungan"), default=0)
    comment_count = models.PositiveIntegerField(_("komentar"), default=0)
    # Stemmed Indonesian words of title, problem and proposal (tanggap.core.text), for "similar ideas".
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ide inovasi")
        verbose_name_plural = _("ide inovasi")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["region", "code"], name="uniq_idea_code_per_region")
        ]
        indexes = [models.Index(fields=["region", "status"], name="idea_region_status")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class IdeaSupport(models.Model):
    """A colleague's support for an idea (one per official)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    official = models.ForeignKey("org.Official", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dukungan ide")
        verbose_name_plural = _("dukungan ide")
        constraints = [
            models.UniqueConstraint(fields=["idea", "official"], name="uniq_idea_support")
        ]

    def __str__(self) -> str:
        return f"{self.official} → {self.idea.code}"


class IdeaComment(models.Model):
    """A colleague's comment on an idea."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_label = models.CharField(max_length=200)
    body = models.TextField(_("komentar"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("komentar ide")
        verbose_name_plural = _("komentar ide")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.author_label}: {self.body[:40]}"


class IdeaEvent(WorkflowEvent):
    """One move of an idea (submitted, sent back for revision, accepted, declined, withdrawn)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("riwayat ide")
        verbose_name_plural = _("riwayat ide")
