"""Per-client rate limits shared by the public API and the public pages that write.

Each scope's rate is read from `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]` (filled from tanggap.core.rates),
else from `RATES` itself: the test settings replace the settings' table, and tests lower a limit by
patching `RATES`.
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from tanggap.core.rates import RATES, SCOPES, _rate  # noqa: F401 (re-exported; tests patch RATES)


class ClientRateThrottle(SimpleRateThrottle):
    """A scoped limit keyed on the signed-in user or, for anonymous callers, the client IP."""

    scope = "queue_public"

    def get_rate(self) -> str:
        return str(api_settings.DEFAULT_THROTTLE_RATES.get(self.scope) or RATES[self.scope])

    def get_cache_key(self, request, view) -> str:
        user = getattr(request, "user", None)
        ident = user.pk if user and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class CodeLookupThrottle(ClientRateThrottle):
    """Pages that open a ticket or a report by its code, per signed-in user or client address."""

    scope = "code_lookup"
