"""The rate limit of the public complaint pages."""

from __future__ import annotations

from tanggap.core.throttles import RATES, ClientRateThrottle  # noqa: F401 (RATES: tests patch it)


# Filing, entering a secret, replying, rating and reopening: the writes a script could abuse (and the
# secret check it could brute-force). Rate: scope `complaint_public` in tanggap.core.throttles.
class ComplaintPageThrottle(ClientRateThrottle):
    """Public complaint writes, per signed-in user or, for anonymous callers, per client IP."""

    scope = "complaint_public"
