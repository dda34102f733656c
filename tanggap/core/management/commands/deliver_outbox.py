"""`manage.py deliver_outbox`: deliver the outbox's unsent messages now, without the task queue."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tanggap.core.services.outbox import outbox_deliver_due


class Command(BaseCommand):
    help = (
        "Deliver the outbox's unsent messages (notifications) here and now, oldest first, without Huey: for "
        "operators after a Redis or worker outage. By default every unsent message is tried at once; "
        "--due-only keeps the pause after a failure. Safe to run while workers run: a message is sent once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--due-only",
            action="store_true",
            help="Only messages whose next attempt is due (what the periodic sweep does).",
        )
        parser.add_argument(
            "--limit", type=int, default=10_000, help="At most this many messages (default 10000)."
        )

    def handle(self, *args, due_only: bool = False, limit: int = 10_000, **options):
        result = outbox_deliver_due(limit=limit, include_waiting=not due_only)
        self.stdout.write(
            f"Delivered {result['delivered']}; not delivered {result['not_delivered']} "
            "(their errors are on the outbox page, /sistem/kotak-keluar/)."
        )
