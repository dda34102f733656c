"""Ticket codes and numbers: a random public code per ticket, and per-location, per-prefix, per-day
numbers drawn from a sequence incremented by one atomic upsert (never the same number twice)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import IntegrityError, connection, transaction

from tanggap.queueing.models import DailySequence, Ticket

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed at a kiosk
CODE_LENGTH = 8
INSERT_ATTEMPTS = 5


def new_code() -> str:
    """A random public ticket code (8 characters, about 40 bits)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def insert_with_new_code(ticket: Ticket) -> None:
    """Insert a new ticket under a fresh random code, drawing again if that code is already taken.

    With 40-bit codes a clash is rare but certain over years of tickets; a savepoint keeps the rest of
    the transaction (the number just drawn) when the insert is retried.
    """
    for attempt in range(INSERT_ATTEMPTS):
        ticket.code = new_code()
        try:
            with transaction.atomic():
                ticket.save(force_insert=True)
            return
        except IntegrityError:
            last = attempt == INSERT_ATTEMPTS - 1
            if last or not Ticket.objects.filter(code=ticket.code).exists():
                raise


def next_sequence(*, location, prefix: str, day: dt.date) -> int:
    """Increment and return the day's counter for `prefix` at `location` in one atomic statement."""
    table = DailySequence._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (location_id, prefix, day, last_number) VALUES (%s, %s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (location_id, prefix, day) DO UPDATE SET last_number = {table}.last_number + 1 "
            "RETURNING last_number",
            [location.pk, prefix, day],
        )
        return int(cursor.fetchone()[0])


def assign_number(ticket: Ticket) -> None:
    """Give the ticket the next number of its queue's prefix on its service day, e.g. A-007."""
    prefix = ticket.queue_service.prefix
    ticket.sequence = next_sequence(location=ticket.location, prefix=prefix, day=ticket.service_day)
    ticket.number = f"{prefix}-{ticket.sequence:03d}"
