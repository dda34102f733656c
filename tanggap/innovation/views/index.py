"""The region's report (registered vs qualifying, per unit, "minim inovasi", CSV/XLSX), the index page
(band, totals, contributions, missing evidence, trend, what-if, best fixes) and the scheme pages."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tanggap.core.charts import line_chart
from tanggap.core.decorators import staff_view
from tanggap.core.errors import DomainError, NotFound, PermissionDenied
from tanggap.core.exports import CONTENT_TYPES, Table, csv_bytes, xlsx_bytes
from tanggap.core.pages import run_action
from tanggap.innovation import index as iid
from tanggap.innovation.models import IndexScheme
from tanggap.innovation.selectors import assessment as sel
from tanggap.innovation.services import schemes as scheme_svc
from tanggap.innovation.views.assessment import _scheme, _year


def _region(request):
    return sel.region_for(request.user, request.GET.get("wilayah") or None)


@staff_view(sel.may_open_index)
@require_http_methods(["GET"])
def region_report(request: HttpRequest) -> HttpResponse:
    """Registered vs qualifying innovations of the year; ?format=csv|xlsx downloads it."""
    region = _region(request)
    latest = sel.latest_scheme()
    year = _year(request, latest.year if latest else 2023)
    report = sel.region_report(region, year)
    fmt = request.GET.get("format", "")
    if fmt in CONTENT_TYPES:
        table = Table(
            key="per_unit",
            title=_("Inovasi per unit"),
            headings=[_("Unit"), _("Terdaftar"), _("Baru tahun ini"), _("Memenuhi kategori")],
            rows=[[r["unit"], r["registered"], r["new"], r["qualifying"]] for r in report.per_unit]
            + [[u.name, 0, 0, 0] for u in report.minim],
        )
        body = (
            csv_bytes(table)
            if fmt == "csv"
            else xlsx_bytes(
                info_title=_("Laporan inovasi"),
                info=[(_("Wilayah"), region.name), (_("Tahun"), str(year)), ("", report.sentence)],
                tables=[table],
            )
        )
        response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="inovasi-{year}.{fmt}"'
        return response
    return render(
        request,
        "innovation/assessment/report.html",
        {"region": region, "report": report, "year": year},
    )


@staff_view(sel.may_open_index)
@require_http_methods(["GET"])
def index_page(request: HttpRequest) -> HttpResponse:
    """The index with its parts; ?inovasi=<id>&inovasi=<id> shows the what-if."""
    region = _region(request)
    scheme = _scheme(request)
    data = sel.index_inputs(region, scheme)
    result = iid.compute_index(data.scheme, data.spd_levels, data.levels)
    chosen = [int(v) for v in request.GET.getlist("inovasi") if v.isdigit()]
    what_if = None
    status = 200
    if chosen:
        try:
            what_if = sel.what_if_index(region, scheme, chosen)
        except DomainError as exc:
            messages.error(request, str(exc.message))
            status = 400
    missing = [
        {
            "innovation": None if m.innovation is None else data.innovations[m.innovation],
            "indicator": data.indicators.get(m.code),
        }
        for m in result.missing
    ]
    snapshots = sel.index_snapshots(region, scheme)
    chart = line_chart(
        _("Tren indeks"),
        [s.computed_at.strftime("%d/%m %H:%M") for s in snapshots],
        [(_("Indeks"), [float(s.index) for s in snapshots])],
        decimals=2,
    )
    context = {
        "region": region,
        "scheme": scheme,
        "result": result,
        "spd_total": result.spd_score,
        "sid_total": result.sid_score + result.count_score,
        "contributions": [c for c in result.contributions if c.points or c.aspect == "spd"],
        "all_contributions": result.contributions,
        "missing": missing[:200],
        "missing_count": len(missing),
        "innovations": data.innovations,
        "chosen": chosen,
        "what_if": what_if,
        "fixes": sel.best_fixes(region, scheme),
        "chart": chart,
    }
    return render(request, "innovation/assessment/index.html", context, status=status)


@staff_view(sel.may_open_index)
@require_http_methods(["GET", "POST"])
def scheme_list(request: HttpRequest) -> HttpResponse:
    """The years' schemes; POST copies one to a new year (the office)."""
    schemes = list(IndexScheme.objects.order_by("-year"))
    if request.method == "POST":
        if not scheme_svc.may_keep_schemes(request.user):
            raise PermissionDenied
        source = next((s for s in schemes if str(s.year) == request.POST.get("source")), None)
        raw = request.POST.get("year", "")
        if source is None:
            messages.error(request, _("Pilih skema yang disalin."))
        elif run_action(
            request, scheme_svc.scheme_copy, success=_("Skema disalin."),
            actor=request.user, source=source, year=int(raw) if raw.isdigit() else None,
        ):  # fmt: skip
            return redirect("innovation:scheme_detail", year=int(raw))
        return redirect("innovation:schemes")
    return render(
        request,
        "innovation/assessment/schemes.html",
        {"schemes": schemes, "may_keep": scheme_svc.may_keep_schemes(request.user)},
    )


@staff_view(sel.may_open_index)
@require_http_methods(["GET", "POST"])
def scheme_detail(request: HttpRequest, year: int) -> HttpResponse:
    """A year's indicators, aspects, maximum scores and level options; POST edits one indicator."""
    scheme = IndexScheme.objects.filter(year=year).first()
    if scheme is None:
        raise NotFound(_("Skema indeks inovasi tahun itu belum ada."))
    indicators = list(scheme.indicators.all())
    if request.method == "POST":
        if not scheme_svc.may_keep_schemes(request.user):
            raise PermissionDenied
        raw = request.POST.get("indicator", "")
        indicator = next((i for i in indicators if str(i.pk) == raw), None)
        if indicator is None:
            raise NotFound(_("Indikator tidak ditemukan."))
        labels = request.POST.getlist("label")
        shares = request.POST.getlist("share")
        levels = [(lbl, sh) for lbl, sh in zip(labels, shares, strict=False) if lbl or sh]
        run_action(
            request, scheme_svc.indicator_update, success=_("Indikator diperbarui."),
            actor=request.user, indicator=indicator,
            max_score=request.POST.get("max_score", ""), levels=levels,
        )  # fmt: skip
        return redirect("innovation:scheme_detail", year=year)
    used = set(
        scheme.indicators.filter(evidence__isnull=False).values_list("pk", flat=True).distinct()
    )
    return render(
        request,
        "innovation/assessment/scheme_detail.html",
        {
            "scheme": scheme,
            "indicators": indicators,
            "used": used,
            "may_keep": scheme_svc.may_keep_schemes(request.user),
        },
    )
