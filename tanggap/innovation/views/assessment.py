"""The verifier's pages: the year's assessment queue and one innovation's assessment (the five criteria,
each piece of evidence with its verdict, finish/reopen). The owning unit sees the page read-only."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tanggap.core.decorators import staff_view
from tanggap.core.errors import DomainError, NotFound, PermissionDenied
from tanggap.core.pages import paginate, run_action
from tanggap.innovation.criteria import Criterion
from tanggap.innovation.models import Evidence
from tanggap.innovation.permissions import is_office
from tanggap.innovation.selectors import assessment as sel
from tanggap.innovation.services import assessment as svc
from tanggap.innovation.views.event_labels import labelled
from tanggap.innovation.workflow import ASSESSMENT_MACHINE


def _year(request, default):
    raw = request.GET.get("tahun", "")
    return int(raw) if raw.isdigit() and len(raw) == 4 else default


def _scheme(request):
    latest = sel.latest_scheme()
    if latest is None:
        raise NotFound(_("Belum ada skema indeks inovasi."))
    return sel.scheme_for_year(_year(request, latest.year))


@staff_view(sel.may_open_assessments)
@require_http_methods(["GET"])
def assessment_queue(request: HttpRequest) -> HttpResponse:
    """The innovations to assess for the year (?tahun=), with their assessment's status."""
    scheme = _scheme(request)
    page = paginate(request, sel.assessment_queue(user=request.user, scheme=scheme))
    for innovation in page:
        found = innovation.year_assessments
        innovation.assessment = found[0] if found else None
    return render(request, "innovation/assessment/queue.html", {"page": page, "scheme": scheme})


def _post(request, innovation, scheme, assessment) -> None:
    action = request.POST.get("action", "")
    user = request.user
    if action == "start":
        run_action(
            request, svc.assessment_start, success=_("Penilaian dimulai."),
            actor=user, innovation=innovation, scheme=scheme,
        )  # fmt: skip
        return
    if assessment is None:
        raise DomainError(_("Mulai penilaian inovasi ini terlebih dahulu."))
    if action == "criterion":
        met = {"ya": True, "tidak": False, "": None}.get(request.POST.get("met", "x"), "x")
        run_action(
            request, svc.assessment_decide_criterion, success=_("Kriteria dicatat."),
            actor=user, assessment=assessment, criterion=request.POST.get("criterion", ""),
            met=met, note=request.POST.get("note", ""),
        )  # fmt: skip
    elif action == "evidence":
        raw = request.POST.get("evidence", "")
        evidence = (
            sel.innovation_evidence(innovation, scheme).filter(pk=int(raw)).first()
            if raw.isdigit()
            else None
        )
        if evidence is None:
            raise NotFound(_("Bukti dukung tidak ditemukan."))
        run_action(
            request, svc.evidence_validate, success=_("Validasi bukti dukung dicatat."),
            actor=user, evidence=evidence, status=request.POST.get("status", ""),
            reason=request.POST.get("reason", ""),
        )  # fmt: skip
    elif action in ("finish", "reopen"):
        service = svc.assessment_finish if action == "finish" else svc.assessment_reopen
        run_action(
            request, service, success=_("Status penilaian diperbarui."),
            actor=user, assessment=assessment, note=request.POST.get("note", ""),
        )  # fmt: skip
    else:
        raise DomainError(_("Tindakan tidak dikenal."))


@staff_view(sel.may_open_assessments)
@require_http_methods(["GET", "POST"])
def assessment_detail(request: HttpRequest, innovation_id: int) -> HttpResponse:
    """GET: the verifier page (read-only for the owner and readers); POST: one verifier move."""
    innovation = sel.innovation_for_assessment(user=request.user, innovation_id=innovation_id)
    scheme = _scheme(request)
    assessment = innovation.assessments.filter(scheme=scheme).first()
    office = is_office(request.user, innovation.region_id)
    if request.method == "POST":
        if not office:
            raise PermissionDenied
        try:
            _post(request, innovation, scheme, assessment)
        except DomainError as exc:
            if isinstance(exc, NotFound | PermissionDenied):
                raise
            messages.error(request, str(exc.message))
        return redirect(f"{request.path}?tahun={scheme.year}")
    criteria = []
    if assessment is not None:
        for c in Criterion:
            criteria.append(
                {
                    "key": c.value,
                    "label": c.label,
                    "met": assessment.criteria.get(c.value),
                    "note": assessment.criteria_notes.get(c.value, ""),
                }
            )
    actions = (
        ASSESSMENT_MACHINE.available_actions(assessment.status, request.user, assessment)
        if assessment is not None
        else []
    )
    context = {
        "innovation": innovation,
        "scheme": scheme,
        "assessment": assessment,
        "criteria": criteria,
        "evidence": list(sel.innovation_evidence(innovation, scheme)),
        "events": labelled(assessment.events.order_by("-at", "-id")[:30]) if assessment else [],
        "may_start": office and assessment is None,
        "may_decide": "decide" in actions,
        "may_finish": "finish" in actions,
        "may_reopen": "reopen" in actions,
        "statuses": [Evidence.Status.VALID, Evidence.Status.INVALID],
    }
    return render(request, "innovation/assessment/detail.html", context)
