"""The learned unit suggestion: which unit a verifier would dispatch a report to, learned from the
region's own past dispatch decisions.

Training data: the region's reports that were dispatched to a unit and never re-dispatched (no move
into "diteruskan" from "diteruskan" or "diproses": a report handed back or sent on to another unit
was routed wrongly first). Features: the report's normalised title and description (TF-IDF over words
and word pairs) and its category and kecamatan (one-hot). Model: multinomial logistic regression, whose
probabilities are used as the confidence shown to the verifier.

Evaluation is held out and time-based: the model is fitted on the older 80 % and scored on the newest
20 %, as it will be used (trained on the past, asked about the next reports). Accuracy, top-3
accuracy, the majority-unit baseline, the rules' own accuracy and per-unit support go on the stored
RoutingModel; the model that is stored is then refitted on every sample.
"""

from __future__ import annotations

import collections
import logging
import time
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef

from tanggap.complaints.models import Complaint, ComplaintEvent, RoutingModel
from tanggap.complaints.routing.rules import RuleTable
from tanggap.complaints.routing.text import complaint_text

log = logging.getLogger(__name__)

FEATURES_VERSION = 1
MIN_SAMPLES = 30  # below this a region's own history says too little: rules only
MAX_SAMPLES = 20_000  # the newest decisions; keeps a nightly retraining to seconds
TEST_SHARE = 0.2
S = Complaint.Status


@dataclass(frozen=True)
class Sample:
    """One past dispatch decision."""

    complaint_id: int
    text: str
    category_id: int | None
    kecamatan_id: int | None
    unit_id: int


def features(text: str, category_id: int | None, kecamatan_id: int | None) -> list[str]:
    """One row of the classifier's input: normalised text, category key, kecamatan key."""
    return [text, f"c{category_id or 0}", f"k{kecamatan_id or 0}"]


def training_samples(region_id: int, *, limit: int = MAX_SAMPLES) -> list[Sample]:
    """The region's settled dispatch decisions, oldest first (one query)."""
    redispatched = ComplaintEvent.objects.filter(
        complaint=OuterRef("pk"),
        to_status=S.DISPATCHED,
        from_status__in=(S.DISPATCHED, S.IN_PROGRESS),
    )
    rows = (
        Complaint.objects.filter(
            region_id=region_id, unit__isnull=False, dispatched_at__isnull=False
        )
        .exclude(Exists(redispatched))
        .order_by("-created_at", "-id")
        .values_list("id", "title", "description", "category_id", "kecamatan_id", "unit_id")[:limit]
    )
    samples = [
        Sample(pk, complaint_text(title, description), category_id, kecamatan_id, unit_id)
        for pk, title, description, category_id, kecamatan_id, unit_id in rows
    ]
    samples.reverse()
    return samples


def build_pipeline():
    """TF-IDF on the text plus one-hot category and kecamatan, into logistic regression (SAGA: on
    sparse text features it fits in a tenth of the time of the default solver, same accuracy)."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder

    columns = ColumnTransformer(
        [
            (
                "text",
                TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, max_features=50_000),
                0,
            ),
            ("place", OneHotEncoder(handle_unknown="ignore"), [1, 2]),
        ]
    )
    return Pipeline(
        [
            ("features", columns),
            ("classifier", LogisticRegression(C=10.0, solver="saga", tol=1e-3, max_iter=1000)),
        ]
    )


def _matrix(samples: list[Sample]):
    import numpy as np

    return np.array(
        [features(s.text, s.category_id, s.kecamatan_id) for s in samples], dtype=object
    ).reshape(len(samples), 3)


def fit(samples: list[Sample]):
    """A pipeline fitted on `samples` (at least two units among them)."""
    pipeline = build_pipeline()
    pipeline.fit(_matrix(samples), [s.unit_id for s in samples])
    return pipeline


def ranked(pipeline, rows) -> list[list[tuple[int, float]]]:
    """For each input row, every known unit id with its probability, most likely first."""
    import numpy as np

    probabilities = pipeline.predict_proba(rows)
    classes = pipeline.classes_
    order = np.argsort(-probabilities, axis=1, kind="stable")
    return [
        [(int(classes[j]), float(probabilities[i, j])) for j in order[i]] for i in range(len(order))
    ]


def evaluate(samples: list[Sample], rules: RuleTable) -> dict[str, Any]:
    """Fit on the older samples, score on the newest TEST_SHARE; the figures stored on the model."""
    cut = int(round(len(samples) * (1 - TEST_SHARE)))
    train, test = samples[:cut], samples[cut:]
    started = time.perf_counter()
    pipeline = fit(train)
    train_seconds = time.perf_counter() - started
    truth = [s.unit_id for s in test]
    predictions = ranked(pipeline, _matrix(test))
    top1 = [p[0][0] for p in predictions]
    top3 = [{unit for unit, _ in p[:3]} for p in predictions]
    majority, _ = collections.Counter(s.unit_id for s in train).most_common(1)[0]
    by_rule = [rules.unit_id_for(s.category_id, s.kecamatan_id) for s in test]
    covered = [(r, t) for r, t in zip(by_rule, truth, strict=True) if r is not None]
    n = len(test)

    train_counts = collections.Counter(s.unit_id for s in train)
    support = collections.Counter(truth)
    predicted = collections.Counter(top1)
    correct = collections.Counter(t for t, p in zip(truth, top1, strict=True) if t == p)
    per_unit = [
        {
            "unit_id": unit_id,
            "train": train_counts.get(unit_id, 0),
            "support": support.get(unit_id, 0),
            "correct": correct.get(unit_id, 0),
            "precision": correct[unit_id] / predicted[unit_id] if predicted[unit_id] else None,
            "recall": correct[unit_id] / support[unit_id] if support[unit_id] else None,
        }
        for unit_id in sorted(set(support) | set(train_counts), key=lambda u: -support.get(u, 0))
    ]
    return {
        "split": "time",
        "test_share": TEST_SHARE,
        "train_count": len(train),
        "test_count": n,
        "units_in_training": len(train_counts),
        "accuracy": sum(correct.values()) / n,
        "top3_accuracy": sum(t in p for t, p in zip(truth, top3, strict=True)) / n,
        "majority_unit_id": majority,
        "majority_accuracy": support.get(majority, 0) / n,
        "rule_coverage": len(covered) / n,
        "rule_accuracy": sum(r == t for r, t in covered) / n,
        "per_unit": per_unit,
        "fit_seconds": round(train_seconds, 3),
    }


# --- the active model -----------------------------------------------------------------------------

_LOADED: dict[tuple[int, str], Any] = {}  # (model pk, file name) → pipeline; files never change
_LOADED_MAX = 8


def load_pipeline(routing_model: RoutingModel):
    """The fitted pipeline stored with `routing_model` (read once per process), or None if unusable.

    The file is one this deployment wrote itself (joblib, which is pickle): models are never taken
    from anywhere else.
    """
    key = (routing_model.pk, routing_model.model_file.name)
    if key in _LOADED:
        return _LOADED[key]
    if not routing_model.model_file:
        return None
    import joblib

    try:
        with routing_model.model_file.open("rb") as handle:
            stored = joblib.load(handle)
    except Exception:  # a missing file or another scikit-learn version: fall back to rules
        log.warning("Routing model %s could not be loaded", routing_model.pk, exc_info=True)
        return None
    if stored.get("features_version") != FEATURES_VERSION:
        return None
    if len(_LOADED) >= _LOADED_MAX:
        _LOADED.pop(next(iter(_LOADED)))
    _LOADED[key] = stored["pipeline"]
    return stored["pipeline"]


def active_model(region_id: int) -> RoutingModel | None:
    """The region's model in use (one query)."""
    return (
        RoutingModel.objects.filter(region_id=region_id, is_active=True)
        .order_by("-trained_at", "-id")
        .first()
    )
