"""What a citizen gives with a ticket: contact details (NIK kept only as a keyed hash and a masked form)
and a priority category."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tanggap.core.errors import DomainError
from tanggap.core.identity import mask_nik, nik_digest, normalize_phone, validate_nik
from tanggap.queueing.models import Ticket


def clean_contact(*, contact_name: str, contact_phone: str, contact_email: str, nik: str) -> dict:
    """The ticket's contact fields from what the citizen typed; a DomainError for a bad phone or NIK."""
    try:
        phone = normalize_phone(contact_phone)
        nik_clean = validate_nik(nik) if nik else ""
    except ValidationError as exc:
        raise DomainError(exc.messages[0], code=exc.code or "invalid") from exc
    return {
        "contact_name": (contact_name or "").strip()[:120],
        "contact_phone": phone,
        "contact_email": (contact_email or "").strip()[:254],
        "nik_hash": nik_digest(nik_clean) if nik_clean else "",
        "nik_masked": mask_nik(nik_clean) if nik_clean else "",
    }


def clean_priority(priority: str | None) -> str:
    """A known priority category (kelompok rentan) or "" for none."""
    priority = priority or ""
    if priority not in Ticket.Priority.values:
        raise DomainError(_("Kategori prioritas tidak dikenal."), code="invalid_priority")
    return priority
