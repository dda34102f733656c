"""What complaints add to shared pages: their cards on the staff dashboard."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tanggap.accounts.permissions import is_staff_member
from tanggap.core.registry import WorkArea, work_areas


def register() -> None:
    work_areas.register(
        WorkArea(
            key="complaints.staff",
            title=_("Kelola pengaduan"),
            description=_("Verifikasi, tindak lanjut, jawaban, dan tenggat"),
            url_name="complaints:staff_home",
            allow=is_staff_member,
            order=50,
        )
    )
    work_areas.register(
        WorkArea(
            key="complaints.dashboard",
            title=_("Dasbor pengaduan"),
            description=_("Kepatuhan tenggat, kinerja unit dan petugas, akurasi penerusan"),
            url_name="complaints:dashboard_index",
            allow=is_staff_member,
            order=51,
        )
    )
