"""The per-client rate of every scoped limit, from the environment: one table for the settings and the
throttles (kept free of DRF imports so the settings module can read it)."""

from __future__ import annotations

import re

from django.core.exceptions import ImproperlyConfigured

from tanggap.core.env import env_str

_RATE = re.compile(r"^\d+/(s|sec|second|m|min|minute|h|hour|d|day)$")

# scope → (environment variable, default rate)
SCOPES = {
    "queue_public": ("API_QUEUE_PUBLIC_RATE", "240/minute"),
    "queue_booking": ("API_QUEUE_BOOKING_RATE", "20/minute"),
    # Walk-in tickets per registered kiosk (not per address: an MPP's kiosks share one).
    "queue_kiosk": ("API_QUEUE_KIOSK_RATE", "30/minute"),
    "complaint_public": ("API_COMPLAINT_RATE", "10/minute"),
    "complaints_public": ("API_COMPLAINTS_PUBLIC_RATE", "240/minute"),
    "complaints_filing": ("API_COMPLAINTS_FILING_RATE", "20/minute"),
    "complaints_reporter": ("API_COMPLAINTS_REPORTER_RATE", "30/minute"),
    "open311_read": ("API_OPEN311_READ_RATE", "240/minute"),
    "open311_write": ("API_OPEN311_WRITE_RATE", "60/minute"),
    "survey_public": ("API_SURVEY_RATE", "10/minute"),
    # Pages that open a record by its code (ticket, report): guessing a code is impractical, never free.
    "code_lookup": ("CODE_LOOKUP_RATE", "300/minute"),
}


def _rate(name: str, default: str) -> str:
    value = env_str(name, default).strip()
    if not _RATE.match(value):
        raise ImproperlyConfigured(
            f"Environment variable {name} must be a rate like 60/minute, got {value!r}."
        )
    return value


RATES = {scope: _rate(name, default) for scope, (name, default) in SCOPES.items()}
