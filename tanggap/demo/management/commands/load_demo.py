"""`manage.py load_demo`: load (or top up) the demo regions and print the demo accounts and how to pair
a browser as a demo location's entrance kiosk."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from tanggap.accounts.models import Role
from tanggap.catalog.models import Service, StandardVersion
from tanggap.core.env import env_bool
from tanggap.demo.accounts import DEMO_PASSWORD
from tanggap.demo.loader import demo_load
from tanggap.demo.queues import DEMO_KIOSK_NAME, demo_kiosk_token
from tanggap.org.models import Area, Official, Unit


class Command(BaseCommand):
    help = (
        "Load the demo regions (Kabupaten Blitar and Kota Blitar: real places, fictional people) and the demo "
        "accounts. Safe to run again: it only creates what is missing and corrects demo records found by their "
        "natural keys; it never deletes. For demo and development databases only: the demo accounts share a "
        "published password."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DJANGO_DEBUG is off (the demo accounts' password is public).",
        )

    def handle(self, *args, force: bool = False, verbosity: int = 1, **options):
        if not (settings.DEBUG or env_bool("TANGGAP_TESTING") or force):
            raise CommandError(
                "load_demo creates accounts whose password is published; run it on a demo or development "
                "database (DJANGO_DEBUG=1), or pass --force if this database is a demo."
            )
        started = time.perf_counter()
        result = demo_load()
        elapsed = time.perf_counter() - started
        if verbosity < 1:
            return
        tally = result.tally
        created = sum(tally.created.values())
        updated = sum(tally.updated.values())
        self.stdout.write(
            f"Demo loaded in {elapsed:.2f} s: {created} records created, {updated} updated."
        )
        for item in result.regions:
            region = item.region
            self.stdout.write(
                f"  {region.name} ({region.slug}): "
                f"{Area.objects.filter(region=region, kind=Area.Kind.KECAMATAN).count()} kecamatan, "
                f"{Area.objects.filter(region=region).exclude(kind=Area.Kind.KECAMATAN).count()} desa/kelurahan, "
                f"{Unit.objects.filter(region=region).count()} units, "
                f"{Official.objects.filter(region=region).count()} officials, "
                f"{Service.objects.filter(region=region).count()} services, "
                f"{StandardVersion.objects.filter(service__region=region).count()} standards"
            )
        if result.kinerja:
            k = result.kinerja
            self.stdout.write(
                f"  Kinerja: {k['locations']} lokasi, {k['events']} presensi, {k['leave']} cuti, "
                f"{k['agreements']} perjanjian kinerja, {k['skps']} SKP"
            )
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD})")
        rows = [("username", "role", "scope", "official")]
        for account, user, official in result.accounts:
            rows.append(
                (
                    user.username,
                    str(Role(account.role).label),
                    account.scope,
                    official.display_name if official else "",
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)] + [row[3]]
            self.stdout.write("  " + "  ".join(cells).rstrip())
        self._kiosks()

    def _kiosks(self) -> None:
        """How to make a browser a demo location's entrance kiosk (the only issuer of walk-in tickets)."""
        example = Unit.objects.filter(
            region__slug="kab-blitar", slug="kecamatan-kanigoro", kiosk_devices__isnull=False
        ).first()
        pair_url = settings.SITE_URL.rstrip("/") + reverse("queueing:kiosk_pair")
        self.stdout.write("")
        self.stdout.write(
            f'Demo kiosks (demo only): each queue location has the entrance kiosk "{DEMO_KIOSK_NAME}", '
            "token demo-kiosk-<region>-<location slug>."
        )
        self.stdout.write(f"  Pair a browser as a kiosk by opening {pair_url}#<token>")
        if example is not None:
            self.stdout.write(f"  e.g. {example.name}: {pair_url}#{demo_kiosk_token(example)}")
