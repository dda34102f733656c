"""`manage.py open_leave_year [--year YYYY]`: write a year's annual-leave grant and carry-over for every
active official who has none yet (a backfill; the same service runs every 1 January as a Huey task)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tanggap.attendance.services.leave import leave_years_open


class Command(BaseCommand):
    help = "Open a year's annual leave (grant and carry-over) for every active official."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="the year to open (default: this year)")

    def handle(self, *args, year: int | None = None, **options):
        year = year or timezone.localdate().year
        if not 2000 <= year <= 2100:
            raise CommandError("The year must be between 2000 and 2100.")
        opened = leave_years_open(year=year)
        self.stdout.write(f"Opened {year} for {opened} official(s).")
