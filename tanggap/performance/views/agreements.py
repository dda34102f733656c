"""The unit's performance agreement (perjanjian kinerja) pages: the list with the form that starts an
agreement, and one agreement with its indicators, their quarters' realisation and achievement, and the
manager's forms (add an indicator, sign, record a realisation with its evidence)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tanggap.core.decorators import staff_view
from tanggap.core.errors import NotFound, PermissionDenied
from tanggap.core.forms import run_service
from tanggap.core.pages import paginate, run_action
from tanggap.performance import selectors
from tanggap.performance.forms.agreements import (
    AgreementCreateForm,
    AgreementFilterForm,
    IndicatorForm,
    RealisationForm,
)
from tanggap.performance.models import QUARTERS, PerformanceAgreement
from tanggap.performance.permissions import (
    may_add_indicator,
    may_manage_agreement,
    may_open_agreements,
    may_record_realisation,
    may_sign_agreement,
)
from tanggap.performance.services import (
    agreement_create,
    agreement_sign,
    indicator_add,
    realisation_record,
)


@staff_view(may_open_agreements)
def agreement_list(request: HttpRequest) -> HttpResponse:
    """GET: the agreements the user may read (?tahun=); POST: start a unit's agreement for a year."""
    units = selectors.agreement_units_managed_by(user=request.user)
    create = AgreementCreateForm(
        request.POST if request.method == "POST" else None,
        units=units,
        initial={"year": timezone.localdate().year},
    )
    if request.method == "POST" and create.is_valid():
        ok, agreement = run_service(
            create,
            agreement_create,
            actor=request.user,
            unit=create.cleaned_data["unit"],
            year=create.cleaned_data["year"],
        )
        if ok:
            messages.success(request, _("Perjanjian kinerja dibuat sebagai draf."))
            return redirect("performance:agreement", agreement_id=agreement.pk)
    filters = AgreementFilterForm(request.GET)
    year = filters.cleaned_data["tahun"] if filters.is_valid() else None
    agreements = (
        selectors.agreement_list_visible_to(user=request.user, year=year)
        .annotate(indicator_count=Count("indicators"))
        .order_by("-year", "unit__name", "pk")  # a grouped query drops Meta.ordering
    )
    page = paginate(request, agreements)
    bad = request.method == "POST" or bool(filters.errors)
    return render(
        request,
        "performance/agreement_list.html",
        {
            "page": page,
            "filters": filters,
            "create": create,
            "may_create": units.exists(),
        },
        status=400 if bad else 200,
    )


def _page(request, agreement, *, indicator_form=None, realisation_form=None, status=200):
    """The agreement page; a refused form comes back bound with its messages (status 400)."""
    indicators = list(agreement.indicators.all())
    user = request.user
    can_record = may_record_realisation(user, agreement)
    rows = []
    for indicator in indicators:
        by_quarter = {r.quarter: r for r in indicator.realisations.all()}
        form = None
        if can_record:
            bound = realisation_form is not None and (
                realisation_form.data.get("indicator") == str(indicator.pk)
            )
            form = (
                realisation_form
                if bound
                else RealisationForm(
                    indicators=agreement.indicators.all(),
                    initial={"indicator": indicator.pk},
                    auto_id=f"id_r{indicator.pk}_%s",
                )
            )
        rows.append(
            {
                "indicator": indicator,
                "quarters": [
                    {"quarter": q, "target": indicator.quarter_target(q), "real": by_quarter.get(q)}
                    for q in QUARTERS
                ],
                "form": form,
            }
        )
    can_add = may_add_indicator(user, agreement)
    context = {
        "agreement": agreement,
        "rows": rows,
        "orphan_realisation_form": realisation_form
        if realisation_form is not None and not any(r["form"] is realisation_form for r in rows)
        else None,
        # A refused form is shown with its message even when the state no longer offers it.
        "indicator_form": indicator_form or (IndicatorForm() if can_add else None),
        "may_sign": may_sign_agreement(user, agreement, indicator_count=len(indicators)),
        "may_record": can_record,
    }
    return render(request, "performance/agreement_detail.html", context, status=status)


@staff_view(may_open_agreements)
def agreement_detail(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = selectors.agreement_detail_for(user=request.user, agreement_id=agreement_id)
    return _page(request, agreement)


def _managed(request, agreement_id) -> PerformanceAgreement:
    """The visible agreement (NotFound otherwise) that the user may also manage (PermissionDenied)."""
    agreement = selectors.agreement_detail_for(user=request.user, agreement_id=agreement_id)
    if not may_manage_agreement(request.user, agreement.unit):
        raise PermissionDenied()
    return agreement


@require_POST
@staff_view(may_open_agreements)
def agreement_indicator_add(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = _managed(request, agreement_id)
    form = IndicatorForm(request.POST)
    if form.is_valid():
        ok, _indicator = run_service(
            form, indicator_add, actor=request.user, agreement=agreement, **form.service_kwargs()
        )
        if ok:
            messages.success(request, _("Indikator ditambahkan."))
            return redirect("performance:agreement", agreement_id=agreement.pk)
    return _page(request, agreement, indicator_form=form, status=400)


@require_POST
@staff_view(may_open_agreements)
def agreement_sign_view(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = _managed(request, agreement_id)
    run_action(
        request,
        agreement_sign,
        success=_("Perjanjian kinerja ditandatangani; targetnya tidak dapat diubah lagi."),
        actor=request.user,
        agreement=agreement,
    )
    return redirect("performance:agreement", agreement_id=agreement.pk)


@require_POST
@staff_view(may_open_agreements)
def agreement_realisation(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = _managed(request, agreement_id)
    indicator_id = request.POST.get("indicator", "")
    form = RealisationForm(
        request.POST,
        request.FILES,
        indicators=agreement.indicators.all(),
        auto_id=f"id_r{indicator_id}_%s" if indicator_id.isdigit() else "id_r_%s",
    )
    if form.is_valid():
        data = form.cleaned_data
        ok, _realisation = run_service(
            form,
            realisation_record,
            actor=request.user,
            indicator=data["indicator"],
            quarter=data["quarter"],
            value=data["value"],
            evidence_file=data["evidence_file"],
            evidence_url=data["evidence_url"],
        )
        if ok:
            messages.success(
                request,
                _("Realisasi triwulan %(q)s dicatat.") % {"q": data["quarter"]},
            )
            return redirect("performance:agreement", agreement_id=agreement.pk)
    return _page(request, agreement, realisation_form=form, status=400)


# What check_one stores (tanggap.core.uploads): photos re-encoded, PDFs cleaned.
EVIDENCE_TYPES = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "pdf": "application/pdf",
}


@require_GET
@staff_view(may_open_agreements)
def realisation_evidence(request: HttpRequest, realisation_id: int) -> HttpResponse:
    """A realisation's evidence file, for whoever may read its agreement."""
    realisation = selectors.realisation_for(user=request.user, realisation_id=realisation_id)
    stored = realisation.evidence_file
    extension = stored.name.rpartition(".")[2].lower() if stored else ""
    if extension not in EVIDENCE_TYPES:
        raise NotFound()
    content_type = EVIDENCE_TYPES[extension]
    response = FileResponse(
        stored.open("rb"),
        content_type=content_type,
        as_attachment=not content_type.startswith("image/"),
        filename=realisation.evidence_name or f"bukti.{extension}",
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response
