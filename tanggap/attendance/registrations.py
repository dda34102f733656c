"""What attendance adds to shared pages: the "Kerja Saya" card on the staff dashboard for officials, and
the monthly recap card for region admins and unit heads and admins."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tanggap.attendance.permissions import may_open_recap, official_of
from tanggap.core.registry import WorkArea, work_areas


def _is_official(user) -> bool:
    return official_of(user) is not None


def register() -> None:
    work_areas.register(
        WorkArea(
            key="attendance.mine",
            title=_("Kerja Saya"),
            description=_("Presensi hari ini, saldo cuti, dan permohonan cuti"),
            url_name="attendance:mine",
            allow=_is_official,
            order=10,
        )
    )
    work_areas.register(
        WorkArea(
            key="attendance.recap",
            title=_("Rekap presensi"),
            description=_("Rekap bulanan per pegawai dan unit, unduh CSV/XLSX untuk TPP"),
            url_name="attendance:recap",
            allow=may_open_recap,
            order=11,
        )
    )
    work_areas.register(
        WorkArea(
            key="attendance.corrections",
            title=_("Koreksi presensi"),
            description=_("Koreksi hari kerja pegawai dengan alasan, tercatat di jejak audit"),
            url_name="attendance:corrections",
            allow=may_open_recap,
            order=12,
        )
    )
