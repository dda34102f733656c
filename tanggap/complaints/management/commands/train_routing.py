"""`manage.py train_routing`: train each region's routing model now and print its held-out figures."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from tanggap.complaints.routing import NotEnoughData, routing_model_train
from tanggap.complaints.routing.classifier import MIN_SAMPLES
from tanggap.org.models import Region, Unit


class Command(BaseCommand):
    help = (
        "Train the complaint routing model of every active region (or --region SLUG) on its past dispatch "
        "decisions, evaluate it on the newest 20% held out, store it and make it the active model. "
        "The nightly task does the same."
    )

    def add_arguments(self, parser):
        parser.add_argument("--region", action="append", help="region slug (repeatable)")
        parser.add_argument("--min-samples", type=int, default=MIN_SAMPLES)

    def handle(self, *args, region=None, min_samples=MIN_SAMPLES, verbosity=1, **options):
        regions = Region.objects.filter(is_active=True).order_by("slug")
        if region:
            regions = regions.filter(slug__in=region)
            missing = set(region) - set(regions.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"Unknown region: {', '.join(sorted(missing))}")
        for item in regions:
            try:
                model = routing_model_train(region=item, min_samples=min_samples)
            except NotEnoughData as exc:
                self.stdout.write(f"{item.slug}: skipped ({exc.message})")
                continue
            m = model.metrics
            self.stdout.write(
                f"{item.slug}: {model.sample_count} decisions, held out {m['test_count']} newest: "
                f"accuracy {model.accuracy:.1%}, top-3 {model.top3_accuracy:.1%}, "
                f"majority baseline {m['majority_accuracy']:.1%}, rules {m['rule_accuracy']:.1%} "
                f"(cover {m['rule_coverage']:.0%}); {m['total_seconds']:.1f} s"
            )
            if verbosity > 1:
                names = dict(
                    Unit.objects.filter(pk__in=[u["unit_id"] for u in m["per_unit"]]).values_list(
                        "id", "name"
                    )
                )
                for row in m["per_unit"]:
                    recall = "—" if row["recall"] is None else f"{row['recall']:.0%}"
                    self.stdout.write(
                        f"    {names.get(row['unit_id'], row['unit_id'])}: "
                        f"train {row['train']}, test {row['support']}, recall {recall}"
                    )
