"""Automatic SKP results: their realisation drawn from what the platform records (tanggap/performance/
platform.py: tickets served, complaints answered on time, the unit's IKM) instead of being typed.

`skp_autofill_quarter` stores each automatic result's figure for a quarter with its provenance
(SkpAutoFigure: the source and the counts behind it) and, when the superior has already reviewed that
quarter, brings the review's realisation of those results to the same figure. The nightly task refreshes
the current quarter of every open SKP (`skp_autofill_open`). The superior's review (services/skp.py) takes
the same fresh figures and refuses a typed figure that differs from them: an automatic result is never
typed over.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.audit import audit_record
from tanggap.core.calendar import region_today
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.performance.models import Skp, SkpAutoFigure, SkpQuarterReview, SkpResultRealisation
from tanggap.performance.permissions import may_edit_skp
from tanggap.performance.platform import quarter_of, quarter_period, scope_of, source_figures
from tanggap.performance.services.figures import parse_quarter


def automatic_figures(
    skp: Skp, quarter: int, *, now=None, memo: dict | None = None
) -> dict[int, SkpAutoFigure]:
    """Each automatic result's figure for the quarter, stored (created or refreshed) with its provenance:
    {result id: SkpAutoFigure}. Nothing for a quarter not yet begun. A fixed number of queries: each
    source is read once, whatever the number of results."""
    now = now or timezone.now()
    official = skp.official
    period = quarter_period(
        official.region, skp.year, quarter, today=region_today(official.region, now)
    )
    results = [r for r in skp.results.all() if r.source]
    if period is None or not results:
        return {}
    wanted = {r.source for r in results}
    found = source_figures(scope_of(official), period, wanted, now=now, memo=memo)
    stored = {
        f.result_id: f for f in SkpAutoFigure.objects.filter(result__in=results, quarter=quarter)
    }
    new, changed = [], []
    for result in results:
        figure = found[result.source]
        row = stored.get(result.pk)
        if row is None:
            row = SkpAutoFigure(result=result, quarter=quarter)
            new.append(row)
        elif (row.source, row.value, row.figures) == (figure.source, figure.value, figure.figures):
            continue  # unchanged: computed_at keeps the moment the figure was last new
        else:
            changed.append(row)
        row.source, row.value, row.figures, row.computed_at = (
            figure.source,
            figure.value,
            figure.figures,
            now,
        )
        stored[result.pk] = row
    SkpAutoFigure.objects.bulk_create(new)
    SkpAutoFigure.objects.bulk_update(changed, ["source", "value", "figures", "computed_at"])
    return stored


def sync_review(
    review: SkpQuarterReview, figures: dict[int, SkpAutoFigure]
) -> dict[int, Decimal | None]:
    """Bring the review's realisation of the automatic results to their figures (none when the platform
    gives none); returns what changed as {result id: old value or None}."""
    existing = {
        r.result_id: r
        for r in SkpResultRealisation.objects.filter(review=review, result_id__in=list(figures))
    }
    new, changed, gone = [], [], []
    before: dict[int, Decimal | None] = {}
    for result_id, figure in figures.items():
        row = existing.get(result_id)
        if figure.value is None:
            if row is not None:
                gone.append(row.pk)
                before[result_id] = row.value
        elif row is None:
            new.append(SkpResultRealisation(review=review, result_id=result_id, value=figure.value))
            before[result_id] = None
        elif row.value != figure.value:
            before[result_id] = row.value
            row.value = figure.value
            changed.append(row)
    SkpResultRealisation.objects.bulk_create(new)
    SkpResultRealisation.objects.bulk_update(changed, ["value"])
    SkpResultRealisation.objects.filter(pk__in=gone).delete()
    return before


def _texts(values: dict) -> dict[str, str | None]:
    return {str(k): None if v is None else str(v) for k, v in sorted(values.items())}


def _provenance(figures: dict[int, SkpAutoFigure]) -> dict:
    return {
        str(result_id): {
            "source": f.source,
            "value": None if f.value is None else str(f.value),
            "figures": f.figures,
        }
        for result_id, f in sorted(figures.items())
    }


@transaction.atomic
def skp_autofill_quarter(*, actor, skp: Skp, quarter, now=None) -> dict[int, SkpAutoFigure]:
    """Fill the realisation of the SKP's automatic results for a quarter from the platform's records.

    `actor` is the official, the appraiser, or None for the nightly refresh. A rated (closed) SKP and a
    quarter not yet begun are refused. Audited when a figure changed."""
    # Lock the SKP row only (not the official's unit and region joined in).
    skp = (
        Skp.objects.select_for_update(of=("self",))
        .select_related("official__unit", "official__region")
        .get(pk=skp.pk)
    )
    if actor is not None and not may_edit_skp(actor, skp):
        raise PermissionDenied()
    if skp.status == Skp.Status.CLOSED:
        raise DomainError(_("SKP yang sudah dinilai tidak dapat diubah."), code="closed")
    quarter = parse_quarter(quarter)
    now = now or timezone.now()
    if dt.date(skp.year, 3 * quarter - 2, 1) > region_today(skp.official.region, now):
        raise DomainError(
            _("Triwulan ini belum dimulai: belum ada yang tercatat untuk dihitung."),
            field="quarter",
        )
    before = dict(
        SkpAutoFigure.objects.filter(result__skp=skp, quarter=quarter).values_list(
            "result_id", "value"
        )
    )
    figures = automatic_figures(skp, quarter, now=now)
    review = SkpQuarterReview.objects.filter(skp=skp, quarter=quarter).first()
    review_changes = sync_review(review, figures) if review is not None else {}
    after = {result_id: f.value for result_id, f in figures.items()}
    if after != before or review_changes:  # Decimal equality: 2 == 2.0000
        audit_record(
            actor=actor,
            action="skp.autofilled",
            target=skp,
            before={"quarter": quarter, "values": _texts(before)},
            after={"quarter": quarter, "results": _provenance(figures)},
            region_id=skp.region_id,
        )
    return figures


def skp_autofill_open(*, now=None) -> int:
    """The nightly refresh: the current quarter (in each region's calendar) of every SKP of the year not
    yet rated that has an automatic result; each SKP in its own transaction. Returns how many."""
    now = now or timezone.now()
    skps = (
        Skp.objects.exclude(status=Skp.Status.CLOSED)
        .filter(results__source__gt="")
        .select_related("official__region")
        .distinct()
        .order_by("pk")
    )
    done = 0
    for skp in skps.iterator(chunk_size=200):
        today = region_today(skp.official.region, now)
        if skp.year != today.year:
            continue
        skp_autofill_quarter(actor=None, skp=skp, quarter=quarter_of(today), now=now)
        done += 1
    return done
