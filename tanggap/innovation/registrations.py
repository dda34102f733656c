"""What Inovasi daerah adds to shared pages (work areas on the staff dashboard). Each area registers
its own entries in `register()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def _register_registry() -> None:
    """The registry for the region's staff (owners register and maintain their units' innovations)."""
    from tanggap.core.registry import WorkArea, work_areas
    from tanggap.innovation.selectors.registry import may_open_registry

    work_areas.register(
        WorkArea(
            key="innovation.registry",
            title=_("Registri inovasi"),
            description=_("Inovasi daerah, tahapan, bukti dukung, dan replikasinya"),
            url_name="innovation:registry",
            allow=may_open_registry,
            order=40,
        )
    )


def register() -> None:
    _register_registry()
