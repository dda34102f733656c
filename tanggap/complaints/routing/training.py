"""Training and storing a region's routing model: the one write of the routing package, and the
retraining the background worker runs (nightly for every region, or now for one on request)."""

from __future__ import annotations

import io
import logging
import time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.complaints.background import enqueue
from tanggap.complaints.models import RoutingModel
from tanggap.complaints.routing import classifier
from tanggap.complaints.routing.rules import RuleTable
from tanggap.core.audit import audit_record
from tanggap.core.errors import DomainError
from tanggap.org.models import Region

log = logging.getLogger(__name__)
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


def routing_models_retrain() -> dict[str, str]:
    """Train a new model for every active region; region slug → what happened. A region with too little
    history is skipped (its verifiers keep the rules); one region's failure does not stop the others."""
    outcome = {}
    for region in Region.objects.filter(is_active=True).order_by("slug"):
        try:
            model = routing_model_train(region=region)
        except NotEnoughData:
            outcome[region.slug] = "skipped: not enough data"
        except Exception:  # keep going: one region's failure must not stop the others
            log.exception("Routing model training failed for %s", region.slug)
            outcome[region.slug] = "failed"
        else:
            outcome[region.slug] = f"trained: accuracy {model.accuracy:.3f}"
    return outcome


def routing_model_retrain(*, region_id: int, actor_id: int | None = None) -> str:
    """Retrain one region's model now; what happened, in a line."""
    region = Region.objects.get(pk=region_id)
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    try:
        model = routing_model_train(region=region, actor=actor)
    except NotEnoughData as exc:
        return str(exc.message)
    return f"trained: accuracy {model.accuracy:.3f}"


def routing_retrain_request(*, region, actor) -> None:
    """An administrator asks for retraining now: the background worker does it."""
    enqueue("routing_retrain_region", region.pk, getattr(actor, "pk", None))
