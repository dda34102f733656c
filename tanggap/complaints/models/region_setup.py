"""What a region and its units set up for reports: topics, routing rules, deadline policies, and each
unit's responsive team."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tanggap.complaints.models.choices import ComplaintType, DeadlineUnit


class ComplaintCategory(models.Model):
    """A topic citizens report about (jalan rusak, adminduk, kesehatan, ...), with its default unit."""

    region = models.ForeignKey(
        "org.Region", on_delete=models.CASCADE, related_name="complaint_categories"
    )
    slug = models.SlugField(_("slug"), max_length=80)
    name = models.CharField(_("nama"), max_length=120)
    name_en = models.CharField(_("nama (Inggris)"), max_length=120, blank=True)
    default_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit bawaan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kategori pengaduan")
        verbose_name_plural = _("kategori pengaduan")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "slug"], name="uniq_complaint_category_slug")
        ]

    def __str__(self) -> str:
        return self.name


class RoutingRule(models.Model):
    """Category × kecamatan → unit: the explicit routing a region sets (blank category or area = any)."""

    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(
        ComplaintCategory, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    area = models.ForeignKey(
        "org.Area",
        verbose_name=_("kecamatan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit tujuan"), on_delete=models.CASCADE, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("aturan penerusan")
        verbose_name_plural = _("aturan penerusan")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.category or '*'} × {self.area or '*'} → {self.unit}"


# The most working hours a working day can hold (a day has 24 hours): the bound that makes a rule
# between working days and working hours hold whatever the unit's opening hours.
_MAX_HOURS_PER_WORKING_DAY = 24


def resolve_before_response(
    response_value: int, response_unit: str, resolve_value: int, resolve_unit: str
) -> bool:
    """Whether the resolve target of a policy can fall before its first-response target on some
    report, whatever the calendar (weekends, holidays, cuti bersama, the unit's opening hours).

    Both clocks start at the same moment (the dispatch). The rule, documented in docs/architecture.md:
    - the same unit: the resolve target must be at least the response target;
    - response in clock hours, resolve in working hours: an hour of working time never ends sooner
      than a clock hour, so at least as many working hours;
    - response in clock hours, resolve in working days: a working day after a moment is at least 24
      clock hours later, so at least one working day per 24 hours (rounded up);
    - response in working days, resolve in working hours: a working day holds at most 24 working
      hours, so at least 24 working hours per working day;
    - response in working days or hours, resolve in clock hours: refused. Over a weekend with a
      holiday, or the Lebaran leave, N working days can last longer than any number of clock hours,
      so no clock-hour target is safe;
    - response in working hours, resolve in working days: refused, since a working day may be short
      (a unit's opening hours), so no number of days is safe without its calendar.
    """
    W_DAYS, W_HOURS, CLOCK = (u.value for u in DeadlineUnit)
    if response_unit == resolve_unit:
        return resolve_value < response_value
    if response_unit == CLOCK and resolve_unit == W_HOURS:
        return resolve_value < response_value
    if response_unit == CLOCK and resolve_unit == W_DAYS:
        return resolve_value * 24 < response_value
    if response_unit == W_DAYS and resolve_unit == W_HOURS:
        return resolve_value < response_value * _MAX_HOURS_PER_WORKING_DAY
    return True


class SlaPolicy(models.Model):
    """Deadline targets for reports of a category and type (blank = any); the most specific one applies."""

    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("nama"), max_length=120)
    category = models.ForeignKey(
        ComplaintCategory, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    report_type = models.CharField(
        _("jenis laporan"), max_length=16, choices=ComplaintType.choices, blank=True
    )
    verify_value = models.PositiveIntegerField(_("verifikasi dalam"), default=3)
    verify_unit = models.CharField(
        max_length=16, choices=DeadlineUnit.choices, default=DeadlineUnit.WORKING_DAYS
    )
    response_value = models.PositiveIntegerField(_("tanggapan pertama dalam"), default=72)
    response_unit = models.CharField(
        max_length=16, choices=DeadlineUnit.choices, default=DeadlineUnit.CLOCK_HOURS
    )
    resolve_value = models.PositiveIntegerField(_("selesai ditangani dalam"), default=5)
    resolve_unit = models.CharField(
        max_length=16, choices=DeadlineUnit.choices, default=DeadlineUnit.WORKING_DAYS
    )
    reporter_response_days = models.PositiveSmallIntegerField(
        _("batas tanggapan pelapor (hari)"), default=10
    )
    warn_before_hours = models.PositiveSmallIntegerField(
        _("peringatan sebelum tenggat (jam)"), default=24
    )
    inspectorate_after_hours = models.PositiveSmallIntegerField(
        _("eskalasi ke inspektorat setelah lewat (jam)"), default=48
    )

    class Meta:
        verbose_name = _("kebijakan tenggat")
        verbose_name_plural = _("kebijakan tenggat")
        ordering = ["region", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Refuse a policy whose resolve target can end before its first-response target."""
        super().clean()
        if resolve_before_response(
            self.response_value, self.response_unit, self.resolve_value, self.resolve_unit
        ):
            raise ValidationError({"resolve_value": deadline_order_message(self)})


def deadline_order_message(policy: SlaPolicy) -> str:
    """Why the policy's targets contradict each other, and what to do, in the active language."""
    units = dict(DeadlineUnit.choices)
    return str(
        _(
            "Tenggat penyelesaian (%(resolve)s %(resolve_unit)s) dapat berakhir sebelum tenggat "
            "tanggapan pertama (%(response)s %(response_unit)s). Gunakan satuan yang sama dengan "
            "nilai paling sedikit sama dengan tenggat tanggapan, atau hitung tanggapan dalam jam "
            "dan penyelesaian dalam hari kerja (paling sedikit 1 hari kerja untuk setiap 24 jam). "
            "Tenggat penyelesaian dalam jam biasa tidak dapat mengikuti tanggapan dalam hari atau "
            "jam kerja, karena akhir pekan dan libur panjang membuat hari kerja lebih lama."
        )
    ) % {
        "resolve": policy.resolve_value,
        "resolve_unit": units.get(policy.resolve_unit, policy.resolve_unit),
        "response": policy.response_value,
        "response_unit": units.get(policy.response_unit, policy.response_unit),
    }


class TeamMember(models.Model):
    """A member of a unit's responsive team (tim responsif) that handles its reports."""

    class Role(models.TextChoices):
        COORDINATOR = "koordinator", _("Koordinator")
        MEMBER = "anggota", _("Anggota")

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="team_members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_memberships"
    )
    role = models.CharField(_("peran"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("anggota tim responsif")
        verbose_name_plural = _("anggota tim responsif")
        constraints = [models.UniqueConstraint(fields=["unit", "user"], name="uniq_team_member")]

    def __str__(self) -> str:
        return f"{self.user} · {self.unit}"
