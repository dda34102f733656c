"""`manage.py sweep_attachment_orphans [--dry-run]`: remove stored attachment files that no row names.

The same sweep runs every night as a Huey task; files younger than the grace period (an upload still
in flight) are left alone. `--dry-run` only counts what would be removed.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tanggap.complaints.services.attachment_orphans import (
    ORPHAN_GRACE,
    attachment_orphans_sweep,
    attachment_upload_root,
)


class Command(BaseCommand):
    help = (
        "Remove stored attachment files that no attachment row names (older than the grace period)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="only count the files, remove nothing"
        )

    def handle(self, *args, dry_run: bool, **options):
        count = attachment_orphans_sweep(dry_run=dry_run)
        verb = "Would remove" if dry_run else "Removed"
        self.stdout.write(
            f"{verb} {count} attachment file(s) under {attachment_upload_root()}/ that no row names "
            f"(older than {ORPHAN_GRACE})."
        )
