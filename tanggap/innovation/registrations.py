"""What Inovasi daerah adds to shared pages (work areas on the staff dashboard). Each area registers
its own entries in `register()`."""

from __future__ import annotations


def _register_assessment() -> None:
    """The assessment queue and the index for the office and the region's readers."""
    from django.utils.translation import gettext_lazy as _

    from tanggap.core.registry import WorkArea, work_areas
    from tanggap.innovation.selectors.assessment import may_open_index

    work_areas.register(
        WorkArea(
            key="innovation.assessments",
            title=_("Penilaian inovasi"),
            description=_("Lima kriteria inovasi dan validasi bukti dukung"),
            url_name="innovation:assessments",
            allow=may_open_index,
            order=40,
        )
    )
    work_areas.register(
        WorkArea(
            key="innovation.index",
            title=_("Indeks inovasi daerah"),
            description=_("Indeks, predikat, bukti yang kurang, dan simulasi perbaikan"),
            url_name="innovation:index",
            allow=may_open_index,
            order=41,
        )
    )


def register() -> None:
    _register_assessment()
