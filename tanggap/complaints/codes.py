"""A report's public tracking code and the reporter's secret, which is stored only as a keyed hash."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

from tanggap.complaints.models import Complaint

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_tracking_code() -> str:
    """A public tracking code such as LPR-7K3M9Q2A."""
    return "LPR-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def new_secret() -> str:
    """The reporter's secret (shown once), separate from the public tracking code."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


def secret_digest(secret: str) -> str:
    """Keyed hash of a reporter's secret; only this is stored."""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"complaint:{secret}".encode(), hashlib.sha256
    ).hexdigest()


def secret_matches(complaint: Complaint, secret: str) -> bool:
    """Whether `secret` is the reporter's secret for this report (constant-time)."""
    return hmac.compare_digest(complaint.secret_hash, secret_digest((secret or "").strip().upper()))
