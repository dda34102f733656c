"""What Inovasi daerah adds to shared pages (work areas on the staff dashboard). Each area registers
its own entries in `register()`."""

from __future__ import annotations


def register() -> None:
    pass
