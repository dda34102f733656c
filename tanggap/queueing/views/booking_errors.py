"""Which booking-form field a queue service's refusal concerns."""

from __future__ import annotations

from tanggap.core.errors import DomainError

NIK_CODES = {"nik_format", "nik_region", "nik_birth", "nik_sequence"}


def booking_error_field(exc: DomainError) -> str | None:
    """Which booking-form field a service refusal concerns."""
    if exc.field:
        return exc.field
    if exc.code in NIK_CODES:
        return "nik"
    if exc.code == "phone_format":
        return "contact_phone"
    return None
