"""Rate limits of the public queue API, per client IP (or per user when signed in), and per kiosk.

`queue_public` covers reads and the code holder's kiosk actions (a ticket page polls its status);
`queue_booking` is the stricter limit on bookings and on cancelling or moving them, the writes a script
could abuse to fill every slot; `queue_kiosk` limits the walk-in tickets each registered kiosk issues
(keyed on the kiosk, not the address: the kiosks of one building share an address, and a leaked token is
what a script would abuse). Rates: tanggap.core.throttles (settings, else API_QUEUE_PUBLIC_RATE /
API_QUEUE_BOOKING_RATE / API_QUEUE_KIOSK_RATE).
"""

from __future__ import annotations

from django.http import HttpRequest
from rest_framework.settings import api_settings

from tanggap.core.throttles import RATES, ClientRateThrottle  # noqa: F401 (RATES: tests patch it)
from tanggap.queueing.api.kiosk_auth import paired_kiosk
from tanggap.queueing.models import KioskDevice

QueueRateThrottle = ClientRateThrottle


class QueuePublicThrottle(QueueRateThrottle):
    scope = "queue_public"


class QueueBookingThrottle(QueueRateThrottle):
    scope = "queue_booking"


class QueueKioskThrottle(QueueRateThrottle):
    """Walk-ins per kiosk: the API's authenticated kiosk (`request.auth`) or the page's paired one.
    A request without a kiosk is not counted here: it is refused without a ticket."""

    scope = "queue_kiosk"

    def get_cache_key(self, request, view):
        device = getattr(request, "auth", None)
        if isinstance(
            request, HttpRequest
        ):  # a page: the browser's pairing (the API reads no cookie)
            device = paired_kiosk(request)
        if not isinstance(device, KioskDevice):
            return None
        return self.cache_format % {"scope": self.scope, "ident": f"kiosk-{device.pk}"}


PUBLIC_THROTTLES = [*api_settings.DEFAULT_THROTTLE_CLASSES, QueuePublicThrottle]
BOOKING_THROTTLES = [*api_settings.DEFAULT_THROTTLE_CLASSES, QueueBookingThrottle]
KIOSK_THROTTLES = [QueueKioskThrottle]
