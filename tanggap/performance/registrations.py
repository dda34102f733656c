"""What performance adds to shared pages: the "SKP" card on the staff dashboard for officials."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tanggap.attendance.permissions import official_of
from tanggap.core.registry import WorkArea, work_areas


def _is_official(user) -> bool:
    return official_of(user) is not None


def register_skp() -> None:
    work_areas.register(
        WorkArea(
            key="performance.skp",
            title=_("SKP"),
            description=_("Sasaran kinerja pegawai: hasil kerja, tinjauan triwulan, dan predikat"),
            url_name="performance:skp_list",
            allow=_is_official,
            order=12,
        )
    )


def register() -> None:
    register_skp()
