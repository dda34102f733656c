"""What the verifier sees next to a new report: suggested units and possible duplicates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from tanggap.complaints.models import Complaint
from tanggap.complaints.routing import classifier
from tanggap.complaints.routing.rules import RuleTable
from tanggap.complaints.routing.text import complaint_text
from tanggap.org.models import Unit

DUPLICATE_WINDOW_DAYS = 60
DUPLICATE_CANDIDATES = 300  # the newest open reports of the area, compared one by one
DUPLICATE_MIN_SCORE = 0.25


@dataclass(frozen=True)
class Suggestion:
    """A suggested unit with the model's probability (None when the model has no view on it).

    `by_rule` marks the unit the region's routing rules give. Unpacks as (unit, confidence).
    """

    unit: Unit
    confidence: float | None
    by_rule: bool = False

    def __iter__(self) -> Iterator:
        yield self.unit
        yield self.confidence


def suggest_units(complaint: Complaint, limit: int = 3) -> list[Suggestion]:
    """The rules' unit first (if any), then the model's most likely units; at most `limit`.

    Four queries (rules, category defaults, active model, units) and the model file once per process.
    """
    rules = RuleTable.for_region(complaint.region_id)
    rule_id = rules.unit_id_for(complaint.category_id, complaint.kecamatan_id)
    ranking: list[tuple[int, float]] = []
    model = classifier.active_model(complaint.region_id)
    pipeline = classifier.load_pipeline(model) if model is not None else None
    if pipeline is not None:
        row = classifier.features(
            complaint_text(complaint.title, complaint.description),
            complaint.category_id,
            complaint.kecamatan_id,
        )
        ranking = classifier.ranked(pipeline, [row])[0]
    probability = dict(ranking)
    wanted = ([rule_id] if rule_id else []) + [u for u, _ in ranking if u != rule_id]
    units = Unit.objects.in_bulk(wanted[: limit + 5])  # a few spare for inactive units
    found = []
    for unit_id in wanted:
        unit = units.get(unit_id)
        if unit is None or not unit.is_active or unit.region_id != complaint.region_id:
            continue
        found.append(Suggestion(unit, probability.get(unit_id), by_rule=unit_id == rule_id))
        if len(found) == limit:
            break
    return found


def similar_open_reports(
    complaint: Complaint, limit: int = 5, *, within: QuerySet[Complaint] | None = None
) -> list[tuple[Complaint, float]]:
    """Open reports of the same place with similar text, as (report, cosine similarity), best first.

    The place is the report's desa when given, else its kecamatan, else its category. Candidates are
    the newest DUPLICATE_CANDIDATES open reports there from the last DUPLICATE_WINDOW_DAYS days, taken
    from `within` (a queryset the caller already scoped to what the user may see; default: the region).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    if complaint.desa_id:
        place = {"desa_id": complaint.desa_id}
    elif complaint.kecamatan_id:
        place = {"kecamatan_id": complaint.kecamatan_id}
    elif complaint.category_id:
        place = {"category_id": complaint.category_id}
    else:
        return []
    since = (complaint.created_at or timezone.now()) - dt.timedelta(days=DUPLICATE_WINDOW_DAYS)
    base = within if within is not None else Complaint.objects.all()
    candidates = list(
        base.filter(
            region_id=complaint.region_id,
            status__in=Complaint.OPEN,
            created_at__gte=since,
            **place,
        )
        .exclude(pk=complaint.pk)
        .order_by("-created_at", "-id")[:DUPLICATE_CANDIDATES]
    )
    if not candidates:
        return []
    texts = [complaint_text(c.title, c.description) for c in candidates]
    mine = complaint_text(complaint.title, complaint.description)
    if not mine.strip():
        return []
    try:
        matrix = TfidfVectorizer(sublinear_tf=True).fit_transform([mine, *texts])
    except ValueError:  # no word left in any text
        return []
    scores = cosine_similarity(matrix[0], matrix[1:])[0]
    scored = [
        (candidate, float(score))
        for candidate, score in zip(candidates, scores, strict=True)
        if score >= DUPLICATE_MIN_SCORE
    ]
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit]
