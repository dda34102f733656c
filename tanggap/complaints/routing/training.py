"""Training and storing a region's routing model: the one write of the routing package (the services
retrain through it: tanggap.complaints.services.routing)."""

from __future__ import annotations

import io
import time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.complaints.models import RoutingModel
from tanggap.complaints.routing import classifier
from tanggap.complaints.routing.rules import RuleTable
from tanggap.core.audit import audit_record
from tanggap.core.errors import DomainError

KEEP_FILES = 5  # model files of replaced models kept for comparison; older rows keep their figures


class NotEnoughData(DomainError):
    """The region has too few settled dispatch decisions to learn from."""

    code = "not_enough_data"


def routing_model_train(
    *, region, actor=None, now=None, min_samples: int = classifier.MIN_SAMPLES
) -> RoutingModel:
    """Evaluate on held-out recent reports, refit on all, store the model and make it the active one.

    Raises NotEnoughData when fewer than `min_samples` decisions or fewer than two units are known.
    """
    import joblib
    import sklearn
    from django.core.files.base import ContentFile

    now = now or timezone.now()
    started = time.perf_counter()
    samples = classifier.training_samples(region.pk)
    cut = int(round(len(samples) * (1 - classifier.TEST_SHARE)))
    if len(samples) < min_samples or len({s.unit_id for s in samples[:cut]}) < 2:
        raise NotEnoughData(
            _(
                "Belum cukup laporan yang sudah diteruskan untuk melatih model "
                "(%(n)s dari paling sedikit %(min)s, dari minimal dua unit)."
            )
            % {"n": len(samples), "min": min_samples}
        )
    metrics = classifier.evaluate(samples, RuleTable.for_region(region.pk))
    pipeline = classifier.fit(samples)
    metrics.update(
        units_in_model=len(pipeline.classes_),
        features_version=classifier.FEATURES_VERSION,
        sklearn_version=sklearn.__version__,
        total_seconds=round(time.perf_counter() - started, 3),
    )
    buffer = io.BytesIO()
    joblib.dump(
        {"features_version": classifier.FEATURES_VERSION, "pipeline": pipeline}, buffer, compress=3
    )
    return _store(region, actor, now, samples, metrics, buffer.getvalue(), ContentFile)


@transaction.atomic
def _store(region, actor, now, samples, metrics, content: bytes, content_file) -> RoutingModel:
    previous = list(
        RoutingModel.objects.select_for_update()
        .filter(region=region)
        .order_by("-trained_at", "-id")
    )
    model = RoutingModel(
        region=region,
        trained_at=now,
        sample_count=len(samples),
        accuracy=metrics["accuracy"],
        top3_accuracy=metrics["top3_accuracy"],
        metrics=metrics,
        is_active=True,
    )
    model.model_file.save(
        f"{region.slug}-{now:%Y%m%d-%H%M%S}.joblib", content_file(content), save=False
    )
    model.save()
    RoutingModel.objects.filter(pk__in=[m.pk for m in previous if m.is_active]).update(
        is_active=False
    )
    # Older files go (each can be megabytes, retrained nightly); their rows and figures stay.
    stale = [m for m in previous if m.model_file][KEEP_FILES - 1 :]
    for old in stale:
        storage, name = old.model_file.storage, old.model_file.name
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    RoutingModel.objects.filter(pk__in=[m.pk for m in stale]).update(model_file="")
    audit_record(
        actor=actor,
        action="routing.model_trained",
        target=model,
        after={
            "sample_count": model.sample_count,
            "accuracy": round(model.accuracy, 4),
            "top3_accuracy": round(model.top3_accuracy, 4),
            "majority_accuracy": round(metrics["majority_accuracy"], 4),
        },
        region_id=region.pk,
    )
    return model
