"""Rate limits of the complaints API and of Open311, per client IP (or per user when signed in).

- `complaints_public`: reads anyone may make (categories).
- `complaints_filing`: filing a report, the write a script could use to flood the verifiers.
- `complaints_reporter`: everything that takes a tracking code and secret (track, reply, rate,
  reopen), strict so that secrets cannot be guessed.
- `open311_read` / `open311_write`: Open311 reads, and posts (counted before the key is checked,
  so that keys cannot be guessed either).

Rates: tanggap.core.throttles (settings, else API_COMPLAINTS_PUBLIC_RATE, API_COMPLAINTS_FILING_RATE,
API_COMPLAINTS_REPORTER_RATE, API_OPEN311_READ_RATE, API_OPEN311_WRITE_RATE).
"""

from __future__ import annotations

from rest_framework.settings import api_settings

from tanggap.core.throttles import RATES, ClientRateThrottle  # noqa: F401 (RATES: tests patch it)

ComplaintRateThrottle = ClientRateThrottle


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
