"""A round's results: the organiser's ranking before publication (weighted mean, spread, outlier flags,
tie-break explanation) and its publication; the public ranking after publication (ranks and the Top N,
never a juror's score); the export (CSV/XLSX, organiser) and a Top N proposal's certificate (PDF)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tanggap.core.decorators import public_view
from tanggap.core.errors import DomainError, NotFound, PermissionDenied
from tanggap.core.pages import run_action
from tanggap.innovation import permissions as p
from tanggap.innovation.models import Proposal, Round
from tanggap.innovation.reports import rounds as reports
from tanggap.innovation.selectors import rounds as selectors
from tanggap.innovation.services.results import round_publish
from tanggap.innovation.workflow import PUBLISH, ROUND_MACHINE


def _round(round_id: int) -> Round:
    round_ = Round.objects.select_related("organiser").filter(pk=round_id).first()
    if round_ is None:
        raise NotFound(_("Lomba tidak ditemukan."))
    return round_


@require_http_methods(["GET", "POST"])
@public_view
def round_results(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _round(round_id)
    organiser = p.is_organiser(request.user, round_)
    if request.method == "POST":
        if not organiser or PUBLISH not in ROUND_MACHINE.available_actions(
            round_.status, request.user, round_
        ):
            raise PermissionDenied()
        run_action(
            request,
            round_publish,
            success=_("Hasil lomba diumumkan."),
            actor=request.user,
            round_=round_,
            cancel_pending=request.POST.get("cancel_pending") == "1",
        )
        return redirect("innovation:round_results", round_id=round_.pk)
    if organiser and not round_.is_published:
        try:
            results = selectors.round_results(round_)
        except DomainError as exc:
            results, problem = None, str(exc.message)
        else:
            problem = ""
        return render(
            request,
            "innovation/rounds/results.html",
            {
                "round": round_,
                "results": results,
                "problem": problem,
                "may_publish": PUBLISH
                in ROUND_MACHINE.available_actions(round_.status, request.user, round_),
            },
        )
    if not round_.is_published:
        raise NotFound(_("Hasil lomba belum diumumkan."))
    return render(
        request,
        "innovation/rounds/published.html",
        {
            "round": round_,
            "ranking": list(selectors.published_ranking(round_)),
            "organiser": organiser,
        },
    )


@require_GET
@public_view
def round_results_export(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _round(round_id)
    if not p.is_organiser(request.user, round_):
        raise NotFound(_("Lomba tidak ditemukan."))
    fmt = request.GET.get("format", "csv")
    if fmt not in ("csv", "xlsx"):
        return HttpResponse(
            _("Format unduhan harus csv atau xlsx."), status=400, content_type="text/plain"
        )
    try:
        results = selectors.round_results(round_)
    except DomainError as exc:
        return HttpResponse(str(exc.message), status=400, content_type="text/plain; charset=utf-8")
    name = f"hasil-lomba-{round_.pk}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(
            reports.results_csv(results), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            reports.results_xlsx(results),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
@public_view
def certificate(request: HttpRequest, round_id: int, proposal_id: int) -> HttpResponse:
    round_ = _round(round_id)
    proposal = (
        Proposal.objects.select_related("round", "unit", "category", "region")
        .filter(round=round_, pk=proposal_id, status=Proposal.Status.WINNER)
        .first()
    )
    if not round_.is_published or proposal is None:
        raise Http404(_("Sertifikat hanya untuk proposal Top N setelah hasil diumumkan."))
    url = request.build_absolute_uri(reverse("innovation:round_results", args=[round_.pk]))
    response = HttpResponse(
        reports.certificate_pdf(proposal, url=url), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="sertifikat-{proposal.code}.pdf"'
    return response
