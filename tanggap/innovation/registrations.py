"""What Inovasi daerah adds to shared pages (work areas on the staff dashboard). Each area registers
its own entries in `register()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tanggap.core.registry import WorkArea, work_areas


def _register_jury() -> None:
    from tanggap.innovation.selectors.jury import is_juror_of_open_round

    work_areas.register(
        WorkArea(
            key="innovation.jury",
            title=_("Penjurian"),
            description=_("Proposal lomba inovasi yang ditugaskan kepada Anda untuk dinilai"),
            url_name="innovation:my_reviews",
            allow=is_juror_of_open_round,
            order=40,
        )
    )


def register() -> None:
    _register_jury()
