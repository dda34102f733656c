"""The predikat distribution of a unit (/kinerja/predikat/?unit=&tahun=&predikat_unit=): how many of
the unit's rated SKP got each predikat, and a warning (never a block) listing every distribution rule
they break for the unit's own rating (DOMAIN.md §5).

The unit's own rating of the year is the one the region recorded (UnitPerformanceRating, with its basis);
`predikat_unit` lets the reader try another one as a what-if. Without a stored rating, the chosen one or
the default (Baik) is used and the page says so. The region admin records the rating on the same page
(POST /kinerja/predikat/tetapkan/)."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tanggap.core.decorators import staff_view
from tanggap.core.errors import DomainError
from tanggap.performance import selectors
from tanggap.performance.forms.predikat import PredikatForm, UnitRatingForm
from tanggap.performance.permissions import may_set_unit_rating
from tanggap.performance.services.unit_rating import unit_rating_set
from tanggap.performance.skp import Predikat


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
    form = PredikatForm(data, units=units)
    if not form.is_valid():
        if "unit" in form.errors:
            raise Http404
        return render(request, "performance/predikat_distribution.html", {"form": form}, status=400)
    unit = form.cleaned_data["unit"] or units.first()
    year = form.cleaned_data["tahun"] or timezone.localdate().year
    choice = selectors.unit_rating_to_check(
        unit_id=unit.pk, year=year, chosen=form.cleaned_data["predikat_unit"]
    )
    result = selectors.unit_predikat_distribution(
        user=request.user, unit=unit, year=year, unit_rating=choice.rating
    )
    may_set = may_set_unit_rating(request.user, unit)
    context = {
        "form": form,
        "unit": unit,
        "year": year,
        "rating": choice.rating,
        "source": choice.source,
        "stored": choice.stored,
        "default_rating": selectors.DEFAULT_UNIT_RATING,
        "result": result,
        "rows": _rows(result.predikats),
        "total": len(result.predikats),
        "rating_form": _set_form(unit, year, choice.stored, units) if may_set else None,
    }
    return render(request, "performance/predikat_distribution.html", context)


def _set_form(unit, year: int, stored, units) -> UnitRatingForm:
    initial = {"unit": unit.pk, "year": year}
    if stored is not None:
        initial |= {"rating": stored.rating, "basis": stored.basis}
    return UnitRatingForm(initial=initial, units=units)


@require_POST
@staff_view(may_open_predikat)
def unit_rating_set_view(request: HttpRequest) -> HttpResponse:
    """Record (or change) the unit's own rating of a year; back to the distribution page."""
    units = selectors.predikat_units_visible_to(user=request.user)
    form = UnitRatingForm(request.POST, units=units)
    if not form.is_valid():
        if "unit" in form.errors:
            raise Http404
        message = next(iter(form.errors.values()))[0]
        return render(request, "errors/error.html", {"status": 400, "message": message}, status=400)
    unit = form.cleaned_data["unit"]
    try:
        row = unit_rating_set(
            actor=request.user,
            unit=unit,
            year=form.cleaned_data["year"],
            rating=form.cleaned_data["rating"],
            basis=form.cleaned_data["basis"],
        )
    except DomainError as exc:
        if exc.status != 400:
            raise
        return render(
            request, "errors/error.html", {"status": 400, "message": exc.message}, status=400
        )
    messages.success(
        request,
        _("Predikat kinerja %(unit)s tahun %(year)s ditetapkan: %(rating)s.")
        % {"unit": unit.name, "year": row.year, "rating": row.get_rating_display()},
    )
    query = urlencode({"unit": unit.pk, "tahun": row.year})
    return redirect(f"{reverse('performance:predikat')}?{query}")
