"""The "Kinerja saya" block of Kerja Saya: the official's own SKP of this year with each result's progress,
and what the platform records of their own work. Reads of the signed-in official's own records only, in a
fixed number of queries (the official, the SKP with its results, reviews, realisations and automatic
figures, the tickets, the complaints)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse

from tanggap.core.calendar import region_today
from tanggap.org.models import Official
from tanggap.performance.achievement import achievement_percent
from tanggap.performance.models import Skp, SkpQuarterReview, SkpResult
from tanggap.performance.platform import OwnRecord, own_record


@dataclass(frozen=True)
class ResultProgress:
    """One result: its target, the realisation so far and where it comes from, the progress in percent."""

    result: SkpResult
    realisation: Decimal | None
    quarter: int | None  # the quarter the realisation is of
    reviewed: bool  # from the superior's review (else the platform's latest figure)
    progress: Decimal | None


@dataclass(frozen=True)
class MyWork:
    official: Official
    year: int
    skp: Skp | None
    results: list[ResultProgress]
    skp_url: str | None
    record: OwnRecord


def _progress(result: SkpResult) -> ResultProgress:
    """The latest reviewed realisation; for an automatic result without one, the platform's latest."""
    reviewed = [
        (review.quarter, r.value)
        for review in result.skp.reviews.all()
        for r in review.realisations.all()
        if r.result_id == result.pk
    ]
    automatic = [(f.quarter, f.value) for f in result.auto_figures.all() if f.value is not None]
    latest_review = max(reviewed, default=None)
    latest_auto = max(automatic, default=None)
    if latest_auto and (latest_review is None or latest_auto[0] > latest_review[0]):
        quarter, value, from_review = *latest_auto, False
    elif latest_review:
        quarter, value, from_review = *latest_review, True
    else:
        return ResultProgress(result, None, None, False, None)
    progress = achievement_percent(
        target=result.target, realisation=value, direction=result.direction
    )
    return ResultProgress(result, value, quarter, from_review, progress)


def _skp_url(skp: Skp) -> str | None:
    # The SKP pages may not be mounted yet: no link rather than an error.
    try:
        return reverse("performance:skp", args=[skp.pk])
    except NoReverseMatch:
        return None


def my_work_of(official_id: int, *, today: dt.date | None = None) -> MyWork:
    """The signed-in official's own block (see the module docstring)."""
    official = Official.objects.select_related("unit", "region", "user").get(pk=official_id)
    today = today or region_today(official.region)
    skp = (
        Skp.objects.filter(official=official, year=today.year)
        .prefetch_related(
            Prefetch("results", queryset=SkpResult.objects.prefetch_related("auto_figures")),
            Prefetch("reviews", queryset=SkpQuarterReview.objects.prefetch_related("realisations")),
        )
        .first()
    )
    results = []
    if skp is not None:
        for result in skp.results.all():
            result.skp = skp  # the reviews are prefetched on this instance
            results.append(_progress(result))
    return MyWork(
        official=official,
        year=today.year,
        skp=skp,
        results=results,
        skp_url=_skp_url(skp) if skp is not None else None,
        record=own_record(official, today=today),
    )
