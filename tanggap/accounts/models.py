"""User accounts and the roles that scope what each user may see and do."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: staff of a region, or a citizen who chose to have an account."""

    full_name = models.CharField(_("nama lengkap"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("bahasa"),
        max_length=5,
        choices=[("id", "Bahasa Indonesia"), ("en", "English")],
        default="id",
    )

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name()

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    """Roles a user can hold; each assignment is scoped to a region and, for unit roles, a unit."""

    FRONT_DESK = "front_desk", _("Petugas loket")
    COMPLAINT_HANDLER = "complaint_handler", _("Petugas pengaduan")
    UNIT_HEAD = "unit_head", _("Kepala unit")
    UNIT_ADMIN = "unit_admin", _("Admin unit")
    REGION_ADMIN = "region_admin", _("Admin daerah")
    COMPLAINT_VERIFIER = "complaint_verifier", _("Verifikator pengaduan (admin instansi)")
    EVALUATOR = "evaluator", _("Evaluator")
    LEADER_VIEWER = "leader_viewer", _("Pimpinan (lihat)")
    INNOVATION_OFFICER = "innovation_officer", _("Pengelola inovasi daerah (Bappeda/BRIDA)")
    SYSADMIN = "sysadmin", _("Admin sistem")


# Roles that act on one unit (and the units under it); the others act on the whole region.
UNIT_ROLES = frozenset({Role.FRONT_DESK, Role.COMPLAINT_HANDLER, Role.UNIT_HEAD, Role.UNIT_ADMIN})
REGION_ROLES = frozenset(
    {
        Role.REGION_ADMIN,
        Role.COMPLAINT_VERIFIER,
        Role.EVALUATOR,
        Role.LEADER_VIEWER,
        Role.INNOVATION_OFFICER,
    }
)


class RoleAssignment(models.Model):
    """A user holds a role in a region (region roles) or in a unit of that region (unit roles)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("peran"), max_length=32, choices=Role.choices)
    region = models.ForeignKey(
        "org.Region",
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("penugasan peran")
        verbose_name_plural = _("penugasan peran")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "region", "unit"], name="uniq_role_assignment"
            ),
            models.CheckConstraint(
                condition=Q(role="sysadmin") | Q(region__isnull=False),
                name="role_needs_region_unless_sysadmin",
            ),
        ]

    def __str__(self) -> str:
        scope = self.unit or self.region or _("semua wilayah")
        return f"{self.user} · {self.get_role_display()} · {scope}"
