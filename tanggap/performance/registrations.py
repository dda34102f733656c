"""What performance adds to shared pages: its cards on the staff dashboard (agreements, the predikat
distribution, and SKP for officials), and the "Kinerja saya" block of an official's Kerja Saya page
(attendance's page renders `my_work_sections` without knowing performance)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tanggap.attendance.permissions import official_of
from tanggap.core.registry import Section, WorkArea, my_work_sections, work_areas
from tanggap.performance.my_work import my_work_of


def _register_agreements() -> None:
    """The unit's performance agreement (managers and readers) and the predikat distribution (the unit's
    head and the region admin)."""
    from tanggap.accounts.permissions import (
        REGION_READERS,
        is_sysadmin,
        region_ids_with,
        unit_ids_with,
    )
    from tanggap.performance.permissions import AGREEMENT_ROLES
    from tanggap.performance.views.predikat import may_open_predikat

    def sets_or_reads_agreements(user) -> bool:
        # The card for who sets agreements and the region's readers; other staff reach the page by URL.
        return (
            is_sysadmin(user)
            or bool(region_ids_with(user, REGION_READERS))
            or bool(unit_ids_with(user, AGREEMENT_ROLES))
        )

    work_areas.register(
        WorkArea(
            key="performance.agreements",
            title=_("Perjanjian kinerja"),
            description=_("Indikator, target, dan realisasi triwulan unit dengan bukti dukung"),
            url_name="performance:agreements",
            allow=sets_or_reads_agreements,
            order=13,
        )
    )
    work_areas.register(
        WorkArea(
            key="performance.predikat",
            title=_("Distribusi predikat SKP"),
            description=_("Sebaran predikat pegawai unit dan peringatan aturan distribusi"),
            url_name="performance:predikat",
            allow=may_open_predikat,
            order=14,
        )
    )


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


def _my_work(request) -> dict | None:
    """The signed-in official's own SKP and platform record; nothing for an account of no official."""
    official = official_of(request.user)
    if official is None:
        return None
    return {"work": my_work_of(official.pk)}


def register() -> None:
    _register_agreements()
    register_skp()
    my_work_sections.register(
        Section(
            key="performance.my_work",
            template="performance/_my_work.html",
            context=_my_work,
            order=20,
        )
    )
