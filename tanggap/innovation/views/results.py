"""A round's results: the organiser's ranking before publication (weighted mean, spread, outlier flags,
tie-break explanation) and its publication; the public ranking after publication (ranks and the Top N,
never a juror's score); the export (CSV/XLSX, organiser) and a Top N proposal's certificate (PDF)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tanggap.core.decorators import public_view
from tanggap.core.errors import DomainError, NotFound, PermissionDenied
from tanggap.core.pages import run_action
from tanggap.innovation import permissions as p
from tanggap.innovation.models import Proposal, Review, Round
from tanggap.innovation.reports import rounds as reports
from tanggap.innovation.selectors import rounds as selectors
from tanggap.innovation.services.jury_scores import review_cancel, review_return
from tanggap.innovation.services.results import round_publish
from tanggap.innovation.workflow import CANCEL, PUBLISH, RETURN, ROUND_MACHINE


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
    if request.method == "POST" and request.POST.get("action") in (RETURN, CANCEL):
        if not organiser:
            raise PermissionDenied()
        _review_move(request, round_)
        return redirect("innovation:round_results", round_id=round_.pk)
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
                "rows": _rows_with_reviews(request.user, results),
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


def _rows_with_reviews(user, results) -> list:
    if results is None:
        return []
    lines = selectors.result_review_lines(user, results)
    return [(row, lines.get(row.proposal.pk, [])) for row in results.rows]


def _review_move(request: HttpRequest, round_: Round) -> None:
    """The organiser returns a sent review to its juror for discussion (a note is required) or cancels
    an unsent one; the outcome or the refusal becomes a message."""
    raw = request.POST.get("review", "")
    review = (
        Review.objects.select_related("round", "juror")
        .filter(round=round_, pk=int(raw) if raw.isdigit() and len(raw) < 10 else None)
        .first()
    )
    if review is None:
        messages.error(request, _("Penilaian tidak ditemukan."))
        return
    note = request.POST.get("note", "")[:2000]
    if request.POST["action"] == RETURN:
        run_action(request, review_return, success=_("Penilaian dikembalikan ke juri untuk dibahas."),
                   actor=request.user, review=review, note=note)  # fmt: skip
    else:
        run_action(request, review_cancel, success=_("Penilaian dibatalkan."),
                   actor=request.user, review=review, note=note)  # fmt: skip


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
