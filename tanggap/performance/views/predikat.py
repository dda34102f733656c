"""The predikat distribution of a unit (/kinerja/predikat/?unit=&tahun=&predikat_unit=): how many of
the unit's rated SKP got each predikat, and a warning (never a block) listing every distribution rule
they break for the unit's own rating (DOMAIN.md §5).

The unit's own rating stays a parameter the reader chooses (default Baik): DOMAIN.md §5 makes the unit
head's results rating follow the unit's rating, not the other way round, and the unit's rating itself
(Istimewa … Sangat Kurang, from the evaluation of the organisation's performance) is nothing the
platform records; an agreement's achievement is no official source of it either."""

from __future__ import annotations

from collections import Counter

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tanggap.core.decorators import staff_view
from tanggap.performance import selectors
from tanggap.performance.forms.predikat import DEFAULT_UNIT_RATING, PredikatForm
from tanggap.performance.skp import Predikat, UnitRating


def may_open_predikat(user) -> bool:
    """The page: whoever may read the distribution of at least one unit."""
    return selectors.predikat_units_visible_to(user=user).exists()


def _rows(predikats: list[str]) -> list[dict]:
    counts = Counter(predikats)
    total = len(predikats)
    return [
        {
            "predikat": p,
            "count": counts[p.value],
            "percent": round(counts[p.value] * 100 / total) if total else 0,
        }
        for p in Predikat
    ]


@require_GET
@staff_view(may_open_predikat)
def predikat_distribution(request: HttpRequest) -> HttpResponse:
    units = selectors.predikat_units_visible_to(user=request.user)
    data = request.GET.copy()
    data.setdefault("tahun", str(timezone.localdate().year))
    data.setdefault("predikat_unit", DEFAULT_UNIT_RATING)
    form = PredikatForm(data, units=units)
    if not form.is_valid():
        if "unit" in form.errors:
            raise Http404
        return render(request, "performance/predikat_distribution.html", {"form": form}, status=400)
    unit = form.cleaned_data["unit"] or units.first()
    year = form.cleaned_data["tahun"] or timezone.localdate().year
    rating = UnitRating(form.cleaned_data["predikat_unit"])
    result = selectors.unit_predikat_distribution(
        user=request.user, unit=unit, year=year, unit_rating=rating
    )
    context = {
        "form": form,
        "unit": unit,
        "year": year,
        "rating": rating,
        "rating_chosen": bool(request.GET.get("predikat_unit")),
        "default_rating": DEFAULT_UNIT_RATING,
        "result": result,
        "rows": _rows(result.predikats),
        "total": len(result.predikats),
    }
    return render(request, "performance/predikat_distribution.html", context)
