"""The appraiser's SKP pages: the quarterly review (each result's realisation, feedback on the results and
on the seven BerAKHLAK behaviours) and the year-end ratings that give the predikat. Only the superior
recorded on the SKP opens them (403 for everyone else who may read the SKP)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tanggap.core.decorators import staff_view
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.forms import run_service
from tanggap.core.identity import mask_nip
from tanggap.performance import selectors
from tanggap.performance.forms.skp import QuarterReviewForm, RatingForm
from tanggap.performance.models import Skp
from tanggap.performance.permissions import is_skp_appraiser, may_open_skp_pages
from tanggap.performance.services.figures import parse_quarter
from tanggap.performance.services.skp import skp_quarter_review_write, skp_rate_year_end
from tanggap.performance.views.skp import ROMAN


def _appraised(request: HttpRequest, skp_id: int) -> Skp:
    """The SKP if the reader may see it (404 otherwise) and is its appraiser (403 otherwise)."""
    skp = selectors.skp_detail_for(user=request.user, skp_id=skp_id)
    if not is_skp_appraiser(request.user, skp):
        raise PermissionDenied(_("Hanya atasan langsung pegawai yang dapat melakukan ini."))
    return skp


def _initial(skp: Skp, quarter: int) -> dict:
    review = next((r for r in skp.reviews.all() if r.quarter == quarter), None)
    if review is None:
        return {}
    initial: dict = {"results_feedback": review.results_feedback}
    for realisation in review.realisations.all():
        initial[f"realisations.{realisation.result_id}"] = f"{realisation.value.normalize():f}"
    for key, text in review.behaviour_feedback.items():
        initial[f"behaviour_feedback.{key}"] = text
    return initial


def _automatic(skp: Skp, quarter: int, results) -> list[tuple]:
    """Each automatic result with the platform's stored figure of the quarter (None before the first)."""
    figures = selectors.auto_figures_of(skp, quarter)
    return [(r, figures.get(r.pk)) for r in results if r.source]


@staff_view(may_open_skp_pages)
def skp_review(request: HttpRequest, skp_id: int, quarter: int) -> HttpResponse:
    skp = _appraised(request, skp_id)
    try:
        quarter = parse_quarter(quarter)
    except DomainError as exc:
        context = {"status": 400, "message": exc.message}
        return render(request, "errors/error.html", context, status=400)
    results = list(skp.results.all())
    # Automatic results are not typed: the service takes the platform's figures when the review is saved.
    typed = [r for r in results if not r.source]
    form = QuarterReviewForm(request.POST or None, initial=_initial(skp, quarter), results=typed)
    if request.method == "POST" and form.is_valid():
        ok, _review = run_service(
            form,
            skp_quarter_review_write,
            actor=request.user,
            skp=skp,
            quarter=quarter,
            **form.service_arguments(),
        )
        if ok:
            messages.success(
                request, _("Tinjauan triwulan %(q)s tersimpan.") % {"q": ROMAN[quarter]}
            )
            return redirect("performance:skp", skp_id=skp.pk)
    context = {
        "skp": skp,
        "nip": mask_nip(skp.official.nip),
        "quarter": quarter,
        "roman": ROMAN[quarter],
        "form": form,
        "automatic": _automatic(skp, quarter, results),
        "closed": skp.status == Skp.Status.CLOSED,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "performance/skp_review.html", context, status=status)


def _head_unit_rating(skp: Skp):
    """The unit's stored rating of the SKP's year when the official heads their unit (their results
    rating follows it, DOMAIN.md §5); None otherwise."""
    unit = skp.official.unit
    if unit is None or unit.head_id != skp.official_id:
        return None
    return selectors.unit_rating_of(unit_id=unit.pk, year=skp.year)


@staff_view(may_open_skp_pages)
def skp_rating(request: HttpRequest, skp_id: int) -> HttpResponse:
    skp = _appraised(request, skp_id)
    initial = {"hasil_kerja": skp.hasil_kerja_rating, "perilaku": skp.perilaku_rating}
    form = RatingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        ok, rated = run_service(
            form, skp_rate_year_end, actor=request.user, skp=skp, **form.cleaned_data
        )
        if ok:
            messages.success(
                request,
                _("Penilaian tersimpan: predikat %(p)s.") % {"p": rated.get_predikat_display()},
            )
            return redirect("performance:skp_rating", skp_id=skp.pk)
    context = {
        "skp": skp,
        "nip": mask_nip(skp.official.nip),
        "form": form,
        "unit_rating": _head_unit_rating(skp),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "performance/skp_rating.html", context, status=status)
