"""Rate limits of the public queue API, per client IP (or per user when signed in).

`queue_public` covers reads and kiosk actions (a ticket page polls its status); `queue_booking` is the
stricter limit on bookings and on cancelling or moving them, the writes a script could abuse to fill
every slot. Rates come from `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]` when the settings name the scope,
else from the environment (API_QUEUE_PUBLIC_RATE, API_QUEUE_BOOKING_RATE), checked when this loads.
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
    "queue_public": _rate("API_QUEUE_PUBLIC_RATE", "240/minute"),
    "queue_booking": _rate("API_QUEUE_BOOKING_RATE", "20/minute"),
}


class QueueRateThrottle(SimpleRateThrottle):
    """A scoped limit keyed on the signed-in user or, for anonymous callers, the client IP."""

    scope = "queue_public"

    def get_rate(self) -> str:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope) or RATES[self.scope]

    def get_cache_key(self, request, view) -> str:
        user = request.user
        ident = user.pk if user and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class QueuePublicThrottle(QueueRateThrottle):
    scope = "queue_public"


class QueueBookingThrottle(QueueRateThrottle):
    scope = "queue_booking"


PUBLIC_THROTTLES = [*api_settings.DEFAULT_THROTTLE_CLASSES, QueuePublicThrottle]
BOOKING_THROTTLES = [*api_settings.DEFAULT_THROTTLE_CLASSES, QueueBookingThrottle]
