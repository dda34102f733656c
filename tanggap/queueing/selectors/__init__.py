"""Reads for queues, each scoped like the page or API that asks: locations and their settings, booking
slots, tickets (by code, position, wait, no-show grace), counters and the board, queue configuration.

Selectors never write and never import services; services may read through them.
"""

from tanggap.queueing.selectors.config import (
    counter_of,
    counters_of,
    location_for_config,
    locations_configurable_by,
    queue_service_of,
    queue_services_of,
    services_queueable_at,
)
from tanggap.queueing.selectors.counters import (
    board_for_location,
    counter_at_location,
    counter_busy_with,
    counter_current_ticket,
    counter_get_for_operator,
    counter_screen,
    counters_operable_by,
    waiting_for_counter,
)
from tanggap.queueing.selectors.locations import (
    enacted_requirements,
    local_today,
    location_get_public,
    locations_with_queues,
    queue_service_for_booking,
    queue_service_get_public,
    queue_services_at,
    settings_for,
)
from tanggap.queueing.selectors.slots import (
    Slot,
    available_slots,
    bookable_slots,
    booking_days,
    slot_starts,
)
from tanggap.queueing.selectors.tickets import (
    CALLING_ORDER,
    PRIORITY_FIRST,
    NoShowGrace,
    TicketStatus,
    lookup_code,
    no_show_grace,
    open_counter_count,
    recent_service_minutes,
    ticket_absolute_url,
    ticket_by_code,
    ticket_status,
    waiting_positions,
)

__all__ = [
    "CALLING_ORDER",
    "PRIORITY_FIRST",
    "NoShowGrace",
    "Slot",
    "TicketStatus",
    "available_slots",
    "board_for_location",
    "bookable_slots",
    "booking_days",
    "counter_at_location",
    "counter_busy_with",
    "counter_current_ticket",
    "counter_get_for_operator",
    "counter_of",
    "counter_screen",
    "counters_of",
    "counters_operable_by",
    "enacted_requirements",
    "local_today",
    "location_for_config",
    "location_get_public",
    "locations_configurable_by",
    "locations_with_queues",
    "lookup_code",
    "no_show_grace",
    "open_counter_count",
    "queue_service_for_booking",
    "queue_service_get_public",
    "queue_service_of",
    "queue_services_at",
    "queue_services_of",
    "recent_service_minutes",
    "services_queueable_at",
    "settings_for",
    "slot_starts",
    "ticket_absolute_url",
    "ticket_by_code",
    "ticket_status",
    "waiting_for_counter",
    "waiting_positions",
]
