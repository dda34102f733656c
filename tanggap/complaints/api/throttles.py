"""Rate limits of the complaints API and of Open311, per client IP (or per user when signed in).

- `complaints_public`: reads anyone may make (categories).
- `complaints_filing`: filing a report, the write a script could use to flood the verifiers.
- `complaints_reporter`: everything that takes a tracking code and secret (track, reply, rate,
  reopen), strict so that secrets cannot be guessed.
- `open311_read` / `open311_write`: Open311 reads, and posts (counted before the key is checked,
  so that keys cannot be guessed either).

Rates come from `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]` when the settings name the scope, else from
the environment (API_COMPLAINTS_PUBLIC_RATE, API_COMPLAINTS_FILING_RATE, API_COMPLAINTS_REPORTER_RATE,
API_OPEN311_READ_RATE, API_OPEN311_WRITE_RATE), checked when this module loads.
"""

from __future__ import annotations

import re

from django.core.exceptions import ImproperlyConfigured
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from tanggap.core.env import env_str

_RATE = re.compile(r"^\d+/(s|sec|second|m|min|minute|h|hour|d|day)$")


def _rate(name: str, default: str) -> str:
    value = env_str(name, default).strip()
    if not _RATE.match(value):
        raise ImproperlyConfigured(
            f"Environment variable {name} must be a rate like 60/minute, got {value!r}."
        )
    return value


RATES = {
    "complaints_public": _rate("API_COMPLAINTS_PUBLIC_RATE", "240/minute"),
    "complaints_filing": _rate("API_COMPLAINTS_FILING_RATE", "20/minute"),
    "complaints_reporter": _rate("API_COMPLAINTS_REPORTER_RATE", "30/minute"),
    "open311_read": _rate("API_OPEN311_READ_RATE", "240/minute"),
    "open311_write": _rate("API_OPEN311_WRITE_RATE", "60/minute"),
}


class ComplaintRateThrottle(SimpleRateThrottle):
    """A scoped limit keyed on the signed-in user or, for anonymous callers, the client IP."""

    scope = "complaints_public"

    def get_rate(self) -> str:
        return str(api_settings.DEFAULT_THROTTLE_RATES.get(self.scope) or RATES[self.scope])

    def get_cache_key(self, request, view) -> str:
        user = getattr(request, "user", None)
        ident = user.pk if user and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class ComplaintPublicThrottle(ComplaintRateThrottle):
    scope = "complaints_public"


class ComplaintFilingThrottle(ComplaintRateThrottle):
    scope = "complaints_filing"


class ComplaintReporterThrottle(ComplaintRateThrottle):
    scope = "complaints_reporter"


class Open311ReadThrottle(ComplaintRateThrottle):
    """Open311 callers are apps, not signed-in users: keyed on the client IP only."""

    scope = "open311_read"

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class Open311WriteThrottle(Open311ReadThrottle):
    scope = "open311_write"


PUBLIC_THROTTLES = [*api_settings.DEFAULT_THROTTLE_CLASSES, ComplaintPublicThrottle]
FILING_THROTTLES = [*api_settings.DEFAULT_THROTTLE_CLASSES, ComplaintFilingThrottle]
REPORTER_THROTTLES = [*api_settings.DEFAULT_THROTTLE_CLASSES, ComplaintReporterThrottle]
