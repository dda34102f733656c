"""What performance adds to shared pages: the "Kinerja saya" block of an official's Kerja Saya page
(attendance's page renders `my_work_sections` without knowing performance)."""

from __future__ import annotations

from tanggap.attendance.permissions import official_of
from tanggap.core.registry import Section, my_work_sections
from tanggap.performance.my_work import my_work_of


def _my_work(request) -> dict | None:
    """The signed-in official's own SKP and platform record; nothing for an account of no official."""
    official = official_of(request.user)
    if official is None:
        return None
    return {"work": my_work_of(official.pk)}


def register() -> None:
    my_work_sections.register(
        Section(
            key="performance.my_work",
            template="performance/_my_work.html",
            context=_my_work,
            order=20,
        )
    )
