"""REST API of the queues under /api/queue/ (routes in tanggap.queueing.api_urls).

public.py: locations, slots, bookings, walk-ins, a ticket's status, check-in, cancel, reschedule and the
display board; rate limited, no account (walk-ins only for a registered kiosk of the location, see
kiosk_auth.py). staff.py: the counter screen, call next and the officer's ticket actions; signed in, and
only at the officer's own locations. serializers.py: what both read and answer; throttles.py: their
rate limits.
"""
