"""Every write to a queue, each in one transaction: bookings and the code holder's moves (booking.py),
arrival (arrival.py), the officer's counter moves (counter_moves.py), each location's configuration
(config.py), its entrance kiosks (kiosks.py) and the near-the-front notifications (notifications.py). Ticket moves go through the one
transition table (tanggap.queueing.workflow) in transitions.py; codes and numbers come from numbering.py.

Reads live in tanggap.queueing.selectors; `local_today` is re-exported here for the code of other apps
that still imports it from this package.
"""

from tanggap.queueing.selectors import local_today
from tanggap.queueing.services.arrival import ticket_check_in, ticket_walk_in
from tanggap.queueing.services.booking import booking_create, booking_reschedule, ticket_cancel
from tanggap.queueing.services.config import (
    counter_create,
    counter_set_open,
    counter_update,
    queue_service_create,
    queue_service_update,
    queue_settings_update,
)
from tanggap.queueing.services.counter_moves import (
    counter_call_next,
    ticket_finish,
    ticket_no_show,
    ticket_recall,
    ticket_start,
    ticket_transfer,
)
from tanggap.queueing.services.kiosks import (
    kiosk_device_pair,
    kiosk_device_register,
    kiosk_device_revoke,
    new_kiosk_token,
)
from tanggap.queueing.services.notifications import near_front_notify
from tanggap.queueing.services.numbering import new_code, next_sequence
from tanggap.queueing.workflow import TICKET_MACHINE

__all__ = [
    "TICKET_MACHINE",
    "booking_create",
    "booking_reschedule",
    "counter_call_next",
    "counter_create",
    "counter_set_open",
    "counter_update",
    "kiosk_device_pair",
    "kiosk_device_register",
    "kiosk_device_revoke",
    "local_today",
    "near_front_notify",
    "new_code",
    "new_kiosk_token",
    "next_sequence",
    "queue_service_create",
    "queue_service_update",
    "queue_settings_update",
    "ticket_cancel",
    "ticket_check_in",
    "ticket_finish",
    "ticket_no_show",
    "ticket_recall",
    "ticket_start",
    "ticket_transfer",
    "ticket_walk_in",
]
