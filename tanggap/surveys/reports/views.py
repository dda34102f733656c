"""IKM report pages: a unit's report (with PDF and XLSX), the region comparison, and the public IKM pages.

Thin views: parse the period and filters from GET parameters, fetch through selectors (which check who
may read what), render. Bad input shows a message and changes nothing.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, gettext_lazy
from django.views.decorators.http import require_GET

from tanggap.accounts.permissions import is_staff_member
from tanggap.core import exports
from tanggap.core.calendar import region_today
from tanggap.core.decorators import public_view, staff_view
from tanggap.org.models import Region, Unit
from tanggap.surveys import selectors
from tanggap.surveys.periods import (
    KIND_LABELS,
    KINDS,
    PeriodError,
    latest_full_quarter,
    parse_period,
)
from tanggap.surveys.permissions import may_read_unit_report
from tanggap.surveys.reports.charts import report_charts
from tanggap.surveys.reports.files import report_filename, report_pdf, report_xlsx

CONTENT_TYPES = {"pdf": "application/pdf", "xlsx": exports.CONTENT_TYPES["xlsx"]}
FILTER_ERRORS = {
    "service": gettext_lazy("Layanan yang dipilih bukan layanan unit ini."),
    "location": gettext_lazy("Lokasi yang dipilih tidak dikenal."),
}


def _language() -> str:
    return (get_language() or "id")[:2]


def _period(request: HttpRequest, region: Region):
    """(period, error message)."""
    today = region_today(region)
    try:
        return parse_period(request.GET, today=today, default=latest_full_quarter(today)), None
    except PeriodError as exc:
        return None, str(exc)


def _filters(request: HttpRequest, unit: Unit) -> tuple[dict, str | None]:
    """The service and location filters, limited to the unit's own services and locations."""
    services, locations = selectors.report_filter_choices(unit)
    chosen = {"service": None, "location": None}
    error = None
    for name, qs, param in (("service", services, "layanan"), ("location", locations, "lokasi")):
        value = request.GET.get(param, "").strip()
        if not value:
            continue
        found = qs.filter(pk=value).first() if value.isascii() and value.isdigit() else None
        if found is None:
            error = str(FILTER_ERRORS[name])
        chosen[name] = found
    return {"services": services, "locations": locations, **chosen}, error


def _form_context(request: HttpRequest, period) -> dict:
    return {
        "kinds": [(kind, KIND_LABELS[kind]) for kind in KINDS],
        "chosen_kind": request.GET.get("jenis") or (period.kind if period else ""),
        "chosen_year": request.GET.get("tahun") or (period.year if period else ""),
        "chosen_index": request.GET.get("ke") or (period.index if period else ""),
        "query": request.GET.urlencode(),
    }


def _unit_report(request: HttpRequest, unit_id: int):
    unit = selectors.report_unit_for(user=request.user, unit_id=unit_id)
    period, error = _period(request, unit.region)
    filters, filter_error = _filters(request, unit)
    error = error or filter_error
    report = None
    if error is None:
        report = selectors.ikm_report(
            unit=unit,
            service=filters["service"],
            location=filters["location"],
            period=period,
            include_flagged=request.GET.get("tanpa_tiket") != "0",
            language=_language(),
        )
    return unit, period, filters, error, report


@require_GET
@staff_view(is_staff_member)
def report_index(request: HttpRequest) -> HttpResponse:
    """Where the official IKM reports are: the units whose report this user may open (page, PDF, XLSX),
    grouped by region, and the regions whose units they may compare."""
    units = list(selectors.report_units_for(request.user))
    regions = {region.pk: region for region in selectors.report_regions_for(request.user)}
    groups: dict[int, dict] = {}
    for unit in units:
        group = groups.setdefault(
            unit.region_id,
            {"region": unit.region, "can_compare": unit.region_id in regions, "units": []},
        )
        group["units"].append(unit)
    for region_id, region in regions.items():
        groups.setdefault(region_id, {"region": region, "can_compare": True, "units": []})
    ordered = sorted(groups.values(), key=lambda g: g["region"].name)
    return render(request, "surveys/reports/index.html", {"groups": ordered})


@require_GET
@staff_view(is_staff_member)
def report_unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    """A unit's IKM for a period: figures, charts, profile, weakest elements, comments, downloads."""
    unit, period, filters, error, report = _unit_report(request, unit_id)
    context = {
        "unit": unit,
        "region": unit.region,
        "period": period,
        "error": error,
        "report": report,
        "charts": report_charts(report) if report and report.result else None,
        "profile_titles": selectors.PROFILE_TITLES,
        **filters,
        **_form_context(request, period),
    }
    return render(request, "surveys/reports/unit.html", context, status=400 if error else 200)


@require_GET
@staff_view(is_staff_member)
def report_unit_export(request: HttpRequest, unit_id: int, fmt: str) -> HttpResponse:
    """The unit report as PDF (official layout) or XLSX."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    unit, period, filters, error, report = _unit_report(request, unit_id)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    content = report_pdf(report) if fmt == "pdf" else report_xlsx(report)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{report_filename(report, fmt)}"'
    return response


@require_GET
@staff_view(is_staff_member)
def report_region(request: HttpRequest, region_slug: str) -> HttpResponse:
    """The region's units side by side; units with too small a sample are flagged, not ranked."""
    region = selectors.report_region_for(user=request.user, slug=region_slug)
    period, error = _period(request, region)
    comparison = None if error else selectors.region_ikm_comparison(region=region, period=period)
    context = {
        "region": region,
        "period": period,
        "error": error,
        "comparison": comparison,
        **_form_context(request, period),
    }
    return render(request, "surveys/reports/region.html", context, status=400 if error else 200)


@require_GET
@public_view
def public_ikm(request: HttpRequest) -> HttpResponse:
    """The units of a region with a published IKM (`?wilayah=<slug>`), or the regions to choose from."""
    regions = selectors.public_regions()
    slug = request.GET.get("wilayah", "")
    region = next((r for r in regions if r.slug == slug), None)
    if region is None and len(regions) == 1:
        region = regions[0]
    comparison = selectors.public_region_ikm(region) if region else None
    return render(
        request,
        "surveys/reports/public_index.html",
        {"regions": regions, "region": region, "comparison": comparison},
    )


@require_GET
@public_view
def public_ikm_unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    """A unit's current IKM: figures only, no comments and no personal data."""
    unit = selectors.public_unit(unit_id)
    report = selectors.public_unit_ikm(unit, language=_language())
    return render(
        request,
        "surveys/reports/public_unit.html",
        {
            # The official report (page, PDF, XLSX) is internal: offered only to whom may open it.
            "can_read_report": may_read_unit_report(request.user, unit),
            "unit": unit,
            "region": unit.region,
            "report": report,
            "charts": report_charts(report) if report.result else None,
        },
    )
