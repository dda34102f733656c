"""The fixed choices of reports: their kinds, channels, deadline units and maladministration tags."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeadlineUnit(models.TextChoices):
    """How a deadline target is counted."""

    WORKING_DAYS = "working_days", _("hari kerja")
    WORKING_HOURS = "working_hours", _("jam kerja")
    CLOCK_HOURS = "clock_hours", _("jam (24 jam sehari)")


class ComplaintType(models.TextChoices):
    """The three kinds of report SP4N-LAPOR! takes."""

    COMPLAINT = "pengaduan", _("Pengaduan")
    ASPIRATION = "aspirasi", _("Aspirasi")
    INFORMATION = "informasi", _("Permintaan informasi")


class Channel(models.TextChoices):
    """Where a report came from."""

    WEB = "web", _("Situs web")
    PHONE = "telepon", _("Telepon")
    WHATSAPP = "whatsapp", _("WhatsApp")
    SMS = "sms", _("SMS")
    LETTER = "surat", _("Surat")
    COUNTER = "loket", _("Datang langsung")
    MEDIA = "media", _("Pemantauan media/media sosial")
    OPEN311 = "open311", _("Aplikasi pihak ketiga (Open311)")
    API = "api", _("API")


class Maladministration(models.TextChoices):
    """Ombudsman RI's ten maladministration categories, used as a tag."""

    NONE = "", _("—")
    DELAY = "penundaan_berlarut", _("Penundaan berlarut")
    PROCEDURE = "penyimpangan_prosedur", _("Penyimpangan prosedur")
    NO_SERVICE = "tidak_memberikan_pelayanan", _("Tidak memberikan pelayanan")
    ABUSE = "penyalahgunaan_wewenang", _("Penyalahgunaan wewenang")
    EXTORTION = "permintaan_imbalan", _("Permintaan imbalan (pungli)")
    INCOMPETENT = "tidak_kompeten", _("Tidak kompeten")
    DISCRIMINATION = "diskriminasi", _("Diskriminasi")
    IMPROPER = "tidak_patut", _("Tidak patut")
    PARTIAL = "berpihak", _("Berpihak")
    CONFLICT = "konflik_kepentingan", _("Konflik kepentingan")
