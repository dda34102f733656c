"""The region's own evidence (bukti dukung pemerintah daerah) for the SPD indicators of the year's scheme:
the innovation office adds a link or a file (checked like every evidence file), removes what still awaits
validation, and validates it; region readers see the list. Valid SPD evidence counts in the index."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tanggap.core.decorators import staff_view
from tanggap.core.errors import NotFound, PermissionDenied
from tanggap.core.forms import run_service
from tanggap.core.pages import run_action
from tanggap.innovation.forms.registry import EvidenceForm
from tanggap.innovation.models import Evidence, Indicator
from tanggap.innovation.permissions import is_office
from tanggap.innovation.selectors import assessment as sel
from tanggap.innovation.services import assessment as assessment_services
from tanggap.innovation.services import evidence as services
from tanggap.innovation.views.assessment import _scheme


def _back(request, region, scheme) -> HttpResponse:
    query = urlencode({"wilayah": region.slug, "tahun": scheme.year})
    return redirect(f"{reverse('innovation:spd_evidence')}?{query}")


def _chosen(request, region, scheme) -> Evidence:
    raw = request.POST.get("evidence", "")
    found = (
        sel.region_evidence(region, scheme).filter(pk=int(raw)).first()
        if raw.isdigit() and len(raw) < 10
        else None
    )
    if found is None:
        raise NotFound(_("Bukti dukung tidak ditemukan."))
    return found


def _act(request, region, scheme, do: str) -> None:
    """Remove or validate one piece of the region's evidence (the outcome becomes a message)."""
    evidence = _chosen(request, region, scheme)
    if do == "remove":
        run_action(request, services.spd_evidence_remove, success=_("Bukti dihapus."),
                   actor=request.user, evidence=evidence)  # fmt: skip
    else:
        run_action(
            request, assessment_services.evidence_validate,
            success=_("Validasi bukti dukung dicatat."), actor=request.user, evidence=evidence,
            status=request.POST.get("status", ""), reason=request.POST.get("reason", "")[:2000],
        )  # fmt: skip


@staff_view(sel.may_open_index)
@require_http_methods(["GET", "POST"])
def spd_evidence(request: HttpRequest) -> HttpResponse:
    """GET: the SPD indicators with the region's evidence; POST (office): add, remove, validate."""
    region = sel.region_for(request.user, request.GET.get("wilayah") or None)
    scheme = _scheme(request)
    office = is_office(request.user, region)
    indicators = scheme.indicators.filter(aspect=Indicator.Aspect.SPD).order_by("order", "code")
    form = EvidenceForm(indicators=indicators)
    status = 200
    if request.method == "POST":
        if not office:
            raise PermissionDenied
        do = request.POST.get("do", "add")
        if do in ("remove", "validate"):
            _act(request, region, scheme, do)
            return _back(request, region, scheme)
        form = EvidenceForm(request.POST, request.FILES, indicators=indicators)
        if form.is_valid():
            data = form.cleaned_data
            common = {
                "actor": request.user,
                "region": region,
                "indicator": data["indicator"],
                "level": data["level"],
                "description": data.get("description") or "",
            }
            if data.get("file"):
                service, extra = services.spd_evidence_add_file, {"uploaded_file": data["file"]}
            else:
                service, extra = services.spd_evidence_add_link, {"link": data["link"]}
            if run_service(form, service, **common, **extra)[0]:
                messages.success(request, _("Bukti ditambahkan dan menunggu validasi."))
                return _back(request, region, scheme)
        status = 400
    evidence = list(sel.region_evidence(region, scheme).order_by("pk"))
    rows = [(i, [e for e in evidence if e.indicator_id == i.pk]) for i in indicators]
    return render(
        request,
        "innovation/assessment/spd_evidence.html",
        {
            "region": region,
            "scheme": scheme,
            "rows": rows,
            "office": office,
            "form": form if office else None,
        },  # fmt: skip
        status=status,
    )


@staff_view(sel.may_open_index)
@require_GET
def spd_evidence_file(request: HttpRequest, evidence_id: int) -> HttpResponse:
    """A file of the region's own evidence, for the region's office and readers."""
    item = Evidence.objects.filter(pk=evidence_id, innovation__isnull=True).exclude(file="").first()
    if item is None or not (
        is_office(request.user, item.region_id)
        or item.region_id in sel.reader_region_ids(request.user)
    ):
        raise NotFound(_("Bukti tidak ditemukan."))
    response = FileResponse(
        item.file.open("rb"),
        content_type=item.content_type or "application/octet-stream",
        as_attachment=not item.content_type.startswith("image/"),
        filename=item.original_name or item.file.name.rpartition("/")[2],
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response
