"""Survey responses (SKM) and each unit's survey settings.

A response keeps where and what was served (unit, location, service) and the answers keyed by element,
but no link a member of staff could follow back to the citizen: the ticket or complaint it came from is
kept only as a keyed hash (`source_key`), unique, so one ticket or complaint gives at most one response.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveySettings(models.Model):
    """How a unit takes surveys."""

    unit = models.OneToOneField(
        "org.Unit", on_delete=models.CASCADE, related_name="survey_settings"
    )
    allow_without_ticket = models.BooleanField(
        _("terima survei tanpa tiket/laporan"),
        default=False,
        help_text=_("Jawaban tanpa tiket atau laporan ditandai dan dapat disaring di laporan."),
    )
    weighting = models.CharField(
        _("pembobotan"),
        max_length=8,
        choices=[("official", _("Resmi (0,111)")), ("exact", _("Tepat (1/9)"))],
        default="official",
    )

    class Meta:
        verbose_name = _("pengaturan survei")
        verbose_name_plural = _("pengaturan survei")

    def __str__(self) -> str:
        return str(self.unit)


class SurveyResponse(models.Model):
    """One filled questionnaire (anonymous to the staff who served the citizen)."""

    class Source(models.TextChoices):
        TICKET = "ticket", _("Tiket antrean")
        COMPLAINT = "complaint", _("Laporan pengaduan")
        NONE = "none", _("Tanpa tiket")

    class Channel(models.TextChoices):
        WEB = "web", _("Ponsel warga")
        KIOSK = "kiosk", _("Tablet di loket")

    class Sex(models.TextChoices):
        MALE = "L", _("Laki-laki")
        FEMALE = "P", _("Perempuan")

    class Education(models.TextChoices):
        NONE = "tidak_sekolah", _("Tidak sekolah")
        SD = "sd", _("SD")
        SMP = "smp", _("SMP")
        SMA = "sma", _("SMA/SMK")
        D = "diploma", _("D1–D3")
        S1 = "s1", _("D4/S1")
        S2 = "s2", _("S2 ke atas")

    class Occupation(models.TextChoices):
        PNS = "pns", _("PNS/TNI/Polri")
        PRIVATE = "swasta", _("Pegawai swasta")
        SELF = "wirausaha", _("Wirausaha")
        FARMER = "petani", _("Petani/nelayan")
        STUDENT = "pelajar", _("Pelajar/mahasiswa")
        HOME = "rumah_tangga", _("Mengurus rumah tangga")
        OTHER = "lainnya", _("Lainnya")

    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="survey_responses",
    )
    location = models.ForeignKey(
        "org.Unit",
        verbose_name=_("lokasi layanan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    service = models.ForeignKey(
        "catalog.Service",
        verbose_name=_("layanan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    instrument = models.CharField(max_length=40, default="permenpanrb-14-2017")
    answers = models.JSONField(_("jawaban"), help_text=_("Nilai 1–4 per unsur, dengan kunci unsur"))
    source = models.CharField(_("asal"), max_length=16, choices=Source.choices)
    source_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    channel = models.CharField(
        _("kanal"), max_length=8, choices=Channel.choices, default=Channel.WEB
    )
    is_flagged = models.BooleanField(_("ditandai (tanpa tiket)"), default=False)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    age = models.PositiveSmallIntegerField(_("usia"))
    education = models.CharField(_("pendidikan"), max_length=16, choices=Education.choices)
    occupation = models.CharField(_("pekerjaan"), max_length=16, choices=Occupation.choices)
    comment = models.TextField(_("saran/komentar"), blank=True)
    served_on = models.DateField(_("tanggal dilayani"), db_index=True)
    submitted_at = models.DateTimeField(_("diisi pada"), db_index=True)

    class Meta:
        verbose_name = _("jawaban survei")
        verbose_name_plural = _("jawaban survei")
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["unit", "served_on"], name="survey_unit_day")]

    def __str__(self) -> str:
        return f"{self.unit} {self.served_on}"
