"""What surveys add to shared pages: the IKM card on the staff dashboard."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tanggap.accounts.permissions import is_staff_member
from tanggap.core.registry import WorkArea, work_areas


def register() -> None:
    work_areas.register(
        WorkArea(
            key="surveys.ikm",
            title=_("Survei kepuasan (IKM)"),
            description=_("Indeks kepuasan per unit; laporan resmi PDF dan XLSX dari halaman unit"),
            url_name="surveys:public_ikm",
            allow=is_staff_member,
            order=60,
        )
    )
