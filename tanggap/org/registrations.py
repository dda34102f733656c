"""What the organisation app adds to shared pages: its card on the staff dashboard."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tanggap.accounts.models import Role
from tanggap.accounts.permissions import holds_any_role
from tanggap.core.registry import WorkArea, work_areas

READERS = {Role.REGION_ADMIN, Role.EVALUATOR, Role.LEADER_VIEWER}


def register() -> None:
    work_areas.register(
        WorkArea(
            key="org.index",
            title=_("Organisasi"),
            description=_("Wilayah, unit, pegawai, riwayat jabatan, SK mutasi"),
            url_name="org:index",
            allow=lambda user: holds_any_role(user, READERS),
            order=20,
        )
    )
