"""A report's text as the routing classifier and the duplicate finder read it (normalised by
tanggap.core.text)."""

from __future__ import annotations

from tanggap.core.text import normalize_text

__all__ = ["complaint_text"]


def complaint_text(title: str, description: str) -> str:
    """The normalised text of a report: its title counts twice (it is the reporter's summary)."""
    return normalize_text(f"{title} {title} {description}")
