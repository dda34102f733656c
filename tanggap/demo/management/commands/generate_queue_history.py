"""`manage.py generate_queue_history`: weeks of realistic past tickets for the queue dashboards and planner."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tanggap.core.env import env_bool
from tanggap.demo.queue_history import history_generate, locations_without_history
from tanggap.org.models import Region, Unit

DEFAULT_LOCATIONS = ("dukcapil", "kecamatan-kanigoro", "kecamatan-wlingi", "kecamatan-srengat")


class Command(BaseCommand):
    help = (
        "Generate a realistic queue history (working days only, a morning peak, bookings and walk-ins, "
        "priority visitors, no-shows; each day simulated against the location's counters), and survey "
        "responses from a share of the citizens served. Re-running replaces only the generated "
        "history (ticket codes starting with H-) and its responses; with --if-missing, only locations "
        "without a generated history are filled. Demo and development databases only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--region", default="kab-blitar", help="Region slug (default kab-blitar)."
        )
        parser.add_argument("--weeks", type=int, default=6, help="Weeks before today (default 6).")
        parser.add_argument(
            "--locations",
            nargs="+",
            metavar="SLUG",
            help=f"Location (unit) slugs; default: {' '.join(DEFAULT_LOCATIONS)}.",
        )
        parser.add_argument(
            "--all-locations",
            action="store_true",
            help="Every location of the region that has a queue.",
        )
        parser.add_argument("--seed", type=int, default=7, help="Random seed (default 7).")
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Leave locations that already have a generated history alone (a fast second start).",
        )
        parser.add_argument(
            "--force", action="store_true", help="Run even though DJANGO_DEBUG is off."
        )

    def handle(self, *args, **options):
        if not (settings.DEBUG or env_bool("TANGGAP_TESTING") or options["force"]):
            raise CommandError(
                "generate_queue_history writes made-up tickets; run it on a demo or development database "
                "(DJANGO_DEBUG=1), or pass --force if this database is a demo."
            )
        if not 1 <= options["weeks"] <= 104:
            raise CommandError("--weeks must be between 1 and 104.")
        region = Region.objects.filter(slug=options["region"]).first()
        if region is None:
            raise CommandError(f"Unknown region {options['region']!r}; run load_demo first?")
        queued = Unit.objects.filter(region=region, queue_services__isnull=False).distinct()
        if options["all_locations"]:
            locations = list(queued.order_by("name"))
        else:
            slugs = options["locations"] or list(DEFAULT_LOCATIONS)
            found = {u.slug: u for u in queued.filter(slug__in=slugs)}
            missing = [slug for slug in slugs if slug not in found]
            if missing:
                raise CommandError(
                    f"No queue at {', '.join(missing)} in {region.slug}; run load_demo first?"
                )
            locations = [found[slug] for slug in slugs]
        if not locations:
            raise CommandError(f"No location of {region.slug} has a queue; run load_demo first.")
        if options["if_missing"]:
            missing = locations_without_history(locations)
            if not missing:
                if options["verbosity"] >= 1:
                    self.stdout.write(
                        f"Queue history already generated at {len(locations)} location(s) in "
                        f"{region.slug}; nothing to do (--if-missing)."
                    )
                return
            locations = missing
        result = history_generate(locations=locations, weeks=options["weeks"], seed=options["seed"])
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Queue history: {result.tickets} tickets, {result.events} events and "
                f"{result.responses} survey responses over {result.days} location-days at "
                f"{len(locations)} location(s) in {result.seconds:.1f} s (replaced "
                f"{result.deleted} generated tickets and {result.deleted_responses} responses)."
            )
