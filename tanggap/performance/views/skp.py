"""SKP pages: the list (my SKP, my team's for a year, and what a unit head or region admin reads), the
button that starts an SKP, and one SKP with its results, their realisation per quarter and the form that
adds a result cascading from the unit's agreement or the superior's SKP."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tanggap.attendance.permissions import official_of
from tanggap.core.decorators import staff_view
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.forms import run_form
from tanggap.core.identity import mask_nip
from tanggap.core.pages import paginate
from tanggap.org.models import Official
from tanggap.performance import selectors
from tanggap.performance.forms.skp import SkpCreateForm, SkpResultForm
from tanggap.performance.models import QUARTERS, Skp
from tanggap.performance.permissions import (
    is_skp_appraiser,
    may_edit_skp,
    may_open_skp_pages,
    may_read_skp_broadly,
)
from tanggap.performance.services.figures import parse_year
from tanggap.performance.services.skp import skp_create, skp_result_add
from tanggap.performance.skp import Behaviour

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def page_year(request: HttpRequest) -> int:
    """The year asked for with ?tahun=, or this year when it is missing or not a year."""
    try:
        return parse_year(request.GET.get("tahun", ""))
    except DomainError:
        return timezone.localdate().year


@staff_view(may_open_skp_pages)
def skp_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    year = page_year(request)
    me = official_of(user)
    visible = selectors.skp_with_progress(selectors.skp_list_visible_to(user=user))
    mine = list(visible.filter(official=me)) if me is not None else []
    team = list(selectors.skp_team_of(me))
    by_official = {s.official_id: s for s in visible.filter(year=year, official__in=team)}
    others = None
    if may_read_skp_broadly(user):
        others = paginate(request, visible.filter(year=year).exclude(official=me))
    context = {
        "year": year,
        "years": (year - 1, year + 1),
        "me": me,
        "mine": mine,
        "mine_this_year": any(s.year == year for s in mine),
        "team": [(member, by_official.get(member.pk)) for member in team],
        "others": others,
        "roman": ROMAN,
    }
    return render(request, "performance/skp_list.html", context)


@staff_view(may_open_skp_pages)
@require_POST
def skp_create_view(request: HttpRequest) -> HttpResponse:
    """Start an SKP for the signed-in official or a member of their team (the button on the list)."""
    me = official_of(request.user)
    if me is None:
        raise PermissionDenied(_("Akun Anda belum terhubung dengan data pegawai."))
    team = selectors.skp_team_of(me).values_list("pk", flat=True)
    officials = Official.objects.filter(pk__in=[me.pk, *team])
    form = SkpCreateForm(request.POST, officials=officials)
    ok, skp = run_form(request, form, skp_create, actor=request.user)
    if ok:
        messages.success(
            request,
            _("SKP %(name)s tahun %(year)s dibuat.")
            % {"name": skp.official.display_name, "year": skp.year},
        )
        return redirect("performance:skp", skp_id=skp.pk)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("performance:skp_list")


def _realisation_table(skp: Skp) -> dict[int, dict[int, object]]:
    """{result id: {quarter: value}} from the reviews already prefetched."""
    table: dict[int, dict[int, object]] = {}
    for review in skp.reviews.all():
        for realisation in review.realisations.all():
            table.setdefault(realisation.result_id, {})[review.quarter] = realisation.value
    return table


def _behaviours(review) -> list[tuple[str, str]]:
    """The review's behaviour feedback as (BerAKHLAK label, text), in the values' own order."""
    feedback = review.behaviour_feedback or {}
    return [(b.label, feedback[b.value]) for b in Behaviour if feedback.get(b.value)]


@staff_view(may_open_skp_pages)
def skp_detail(request: HttpRequest, skp_id: int) -> HttpResponse:
    """One SKP; a POST adds a result (the official or the appraiser, while the SKP is not rated)."""
    skp = selectors.skp_detail_for(user=request.user, skp_id=skp_id)
    editable = may_edit_skp(request.user, skp) and skp.status != Skp.Status.CLOSED
    if request.method == "POST" and not editable:
        raise PermissionDenied(_("Anda tidak dapat menambah hasil kerja SKP ini."))
    form = None
    if editable:
        indicators, parents = selectors.skp_parent_choices(skp)
        form = SkpResultForm(request.POST or None, indicators=indicators, parents=parents)
        ok, _result = run_form(request, form, skp_result_add, actor=request.user, skp=skp)
        if ok:
            messages.success(request, _("Hasil kerja ditambahkan."))
            return redirect("performance:skp", skp_id=skp.pk)
    table = _realisation_table(skp)
    results = [
        (result, [(q, table.get(result.pk, {}).get(q)) for q in QUARTERS])
        for result in skp.results.all()
    ]
    context = {
        "skp": skp,
        "nip": mask_nip(skp.official.nip),
        "results": results,
        "reviews": [(review, _behaviours(review)) for review in skp.reviews.all()],
        "form": form,
        "appraiser": is_skp_appraiser(request.user, skp),
        "quarters": [(q, ROMAN[q]) for q in QUARTERS],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "performance/skp_detail.html", context, status=status)
