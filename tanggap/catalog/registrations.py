"""What the catalogue adds to shared pages: the search and regions on the home page, its dashboard cards."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tanggap.catalog import selectors
from tanggap.catalog.permissions import is_catalog_staff
from tanggap.core.registry import Section, WorkArea, home_sections, work_areas


def _home(request) -> dict:
    """Active regions with their count of active services, and the total, for the search block."""
    return selectors.home_summary()


def register() -> None:
    home_sections.register(
        Section(key="catalog.search", template="catalog/_home.html", context=_home, order=10)
    )
    work_areas.register(
        WorkArea(
            key="catalog.manage",
            title=_("Kelola layanan dan standar pelayanan"),
            description=_("Layanan, 14 komponen standar, penetapan, impor/ekspor"),
            url_name="catalog:manage",
            allow=is_catalog_staff,
            order=10,
        )
    )
    work_areas.register(
        WorkArea(
            key="catalog.public",
            title=_("Katalog layanan publik"),
            description=_("Seperti yang dilihat warga"),
            url_name="catalog:index",
            allow=lambda user: True,
            order=900,
        )
    )
