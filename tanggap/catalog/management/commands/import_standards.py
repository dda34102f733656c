"""Load a region's service standards from a CSV, XLSX or JSON file (all or nothing)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tanggap.accounts.models import User
from tanggap.catalog import importexport
from tanggap.catalog.permissions import SYSTEM
from tanggap.core.errors import DomainError
from tanggap.org.models import Region


class Command(BaseCommand):
    help = (
        "Import standards for a region from a CSV, XLSX or JSON file: one row per service, keyed by the "
        "service code. Nothing is saved if any row fails. Without --user the import acts as the system."
    )

    def add_arguments(self, parser):
        parser.add_argument("region_slug")
        parser.add_argument("file")
        parser.add_argument(
            "--format", choices=importexport.FORMATS, help="default: the file's extension"
        )
        parser.add_argument("--user", help="act as this user (their permissions apply)")
        parser.add_argument("--dry-run", action="store_true", help="check every row, save nothing")

    def handle(self, *args, region_slug, file, format=None, user=None, dry_run=False, **options):
        translation.activate("id")
        region = Region.objects.filter(slug=region_slug).first()
        if region is None:
            raise CommandError(f"Daerah '{region_slug}' tidak ditemukan.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Berkas '{file}' tidak ditemukan.")
        fmt = format or importexport.guess_format(path.name)
        if fmt is None:
            raise CommandError("Format berkas tidak dikenal; gunakan --format csv|xlsx|json.")
        actor = SYSTEM
        if user:
            actor = User.objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"Pengguna '{user}' tidak ditemukan.")
        try:
            rows = importexport.read_rows(path.read_bytes(), fmt)
        except DomainError as exc:
            raise CommandError(str(exc.message)) from None
        report = importexport.standards_import(
            actor=actor, region=region, rows=rows, dry_run=dry_run
        )
        summary = ", ".join(
            f"{k}={v}" for k, v in report.as_dict().items() if k not in {"errors", "ok", "saved"}
        )
        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"Impor dibatalkan, tidak ada yang disimpan ({len(report.errors)} kesalahan)."
            )
        verb = "Diperiksa (tidak disimpan)" if dry_run else "Tersimpan"
        self.stdout.write(self.style.SUCCESS(f"{verb}: {summary}"))
