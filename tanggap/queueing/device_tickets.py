"""The tickets this browser booked or looked up, remembered by code in the session (no personal data), so a
citizen who closed the ticket page finds it again under "Tiket Anda" on /antrean/ and the home page."""

from __future__ import annotations

from tanggap.core.device_memory import forget_code, remember_code, remembered_codes
from tanggap.queueing import selectors

SESSION_KEY = "queueing_tickets"


def remember_ticket(request, ticket) -> None:
    """This browser remembers the ticket (newest first)."""
    remember_code(request, SESSION_KEY, ticket.code)


def forget_ticket(request, code: str) -> None:
    """This browser no longer lists the ticket (a shared phone); the code still opens it."""
    forget_code(request, SESSION_KEY, code)


def remembered_tickets(request) -> list:
    """The remembered tickets, newest first, in one query (none when nothing is remembered)."""
    codes = remembered_codes(request, SESSION_KEY)
    return selectors.tickets_by_codes(codes) if codes else []
