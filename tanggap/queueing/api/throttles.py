"""Rate limits of the public queue API, per client IP (or per user when signed in).

`queue_public` covers reads and kiosk actions (a ticket page polls its status); `queue_booking` is the
stricter limit on bookings and on cancelling or moving them, the writes a script could abuse to fill
every slot. Rates: tanggap.core.throttles (settings, else API_QUEUE_PUBLIC_RATE / API_QUEUE_BOOKING_RATE).
"""

from __future__ import annotations

from rest_framework.settings import api_settings

from tanggap.core.throttles import RATES, ClientRateThrottle  # noqa: F401 (RATES: tests patch it)

QueueRateThrottle = ClientRateThrottle


class QueuePublicThrottle(QueueRateThrottle):
    scope = "queue_public"


class QueueBookingThrottle(QueueRateThrottle):
    scope = "queue_booking"


PUBLIC_THROTTLES = [*api_settings.DEFAULT_THROTTLE_CLASSES, QueuePublicThrottle]
BOOKING_THROTTLES = [*api_settings.DEFAULT_THROTTLE_CLASSES, QueueBookingThrottle]
