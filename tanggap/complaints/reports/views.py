"""Complaint dashboards (unit and region, with charts and CSV/XLSX), the routing model's accuracy page,
and the public transparency page. Thin views: parse the period, check access (access.py), fetch the
figures (figures.py), render with charts (charts.py) or export (exports.py)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tanggap.accounts.permissions import is_staff_member
from tanggap.complaints import selectors
from tanggap.complaints.reports import access, figures
from tanggap.complaints.reports.charts import dashboard_charts
from tanggap.complaints.reports.exports import EXPORT_TABLES, export_response
from tanggap.complaints.reports.forms import PeriodForm
from tanggap.complaints.reports.performance import Period
from tanggap.complaints.services.routing import routing_retrain_request
from tanggap.core import exports
from tanggap.core.decorators import staff_view
from tanggap.org.models import Region

ROUTING_HISTORY = 10


def _period(request: HttpRequest, region: Region) -> tuple[PeriodForm, Period | None]:
    default = Period.last_months(region)
    form = PeriodForm(
        request.GET if "start" in request.GET else None,
        initial={"start": default.start, "end": default.end},
    )
    if not form.is_bound:
        return form, default
    if not form.is_valid():
        return form, None
    return form, Period.of(region, form.cleaned_data["start"], form.cleaned_data["end"])


def _render_dashboard(request, *, dash, form, region, unit) -> HttpResponse:
    unit_rows = official_rows = []
    if dash is not None:
        unit_rows = [
            (u.name, perf, reverse("complaints:dashboard_unit", args=[u.pk]))
            for u, perf in dash.units
        ]
        official_rows = [(str(user), perf, "") for user, perf in dash.officials]
    return render(
        request,
        "complaints/dashboards/dashboard.html",
        {
            "dash": dash,
            "unit_rows": unit_rows,
            "official_rows": official_rows,
            "form": form,
            "region": region,
            "unit": unit,
            "charts": dashboard_charts(dash.months) if dash else None,
            "query": request.GET.urlencode(),
            "export_tables": EXPORT_TABLES,
            "can_manage_routing": unit is None and access.can_manage_routing(request.user, region),
        },
        status=200 if dash else 400,
    )


# --- pages ---------------------------------------------------------------------------------------------


@require_GET
@staff_view(is_staff_member)
def dashboard_index(request: HttpRequest) -> HttpResponse:
    """The dashboards this user may open; straight to it when there is only one."""
    regions, units = access.dashboards_visible_to(user=request.user)
    regions, units = list(regions), list(units)
    if len(regions) + len(units) == 1:
        if regions:
            return redirect("complaints:dashboard_region", region_slug=regions[0].slug)
        return redirect("complaints:dashboard_unit", unit_id=units[0].pk)
    return render(request, "complaints/dashboards/index.html", {"regions": regions, "units": units})


@require_GET
@staff_view(is_staff_member)
def dashboard_region(request: HttpRequest, region_slug: str) -> HttpResponse:
    """A region's dashboard: every report of the region, per month, category, place and unit."""
    region = access.region_dashboard_for(user=request.user, slug=region_slug)
    form, period = _period(request, region)
    dash = figures.region_dashboard(region=region, period=period) if period else None
    return _render_dashboard(request, dash=dash, form=form, region=region, unit=None)


@require_GET
@staff_view(is_staff_member)
def dashboard_unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    """A unit's dashboard: the reports it handles, per month, category, place and official."""
    unit = access.unit_dashboard_for(user=request.user, unit_id=unit_id)
    form, period = _period(request, unit.region)
    dash = figures.unit_dashboard(unit=unit, period=period) if period else None
    return _render_dashboard(request, dash=dash, form=form, region=unit.region, unit=unit)


def _check_export(fmt: str, table: str) -> None:
    if fmt not in exports.CONTENT_TYPES or (fmt == "csv" and table not in EXPORT_TABLES):
        raise Http404


@require_GET
@staff_view(is_staff_member)
def dashboard_region_export(request: HttpRequest, region_slug: str, fmt: str) -> HttpResponse:
    """The region dashboard's tables: one as CSV (?table=months|categories|places|rows) or all as XLSX."""
    table = request.GET.get("table", "months")
    _check_export(fmt, table)
    region = access.region_dashboard_for(user=request.user, slug=region_slug)
    form, period = _period(request, region)
    if period is None:
        return _render_dashboard(request, dash=None, form=form, region=region, unit=None)
    dash = figures.region_dashboard(region=region, period=period)
    return export_response(dash, fmt, table, region.slug)


@require_GET
@staff_view(is_staff_member)
def dashboard_unit_export(request: HttpRequest, unit_id: int, fmt: str) -> HttpResponse:
    """The unit dashboard's tables: one as CSV or all as XLSX."""
    table = request.GET.get("table", "months")
    _check_export(fmt, table)
    unit = access.unit_dashboard_for(user=request.user, unit_id=unit_id)
    form, period = _period(request, unit.region)
    if period is None:
        return _render_dashboard(request, dash=None, form=form, region=unit.region, unit=unit)
    dash = figures.unit_dashboard(unit=unit, period=period)
    return export_response(dash, fmt, table, f"{unit.region.slug}-{unit.slug}")


@require_http_methods(["GET", "POST"])
@staff_view(is_staff_member)
def dashboard_routing(request: HttpRequest, region_slug: str) -> HttpResponse:
    """The routing model's held-out accuracy and history; POST asks for retraining now."""
    region = get_object_or_404(Region, slug=region_slug, is_active=True)
    if not access.can_manage_routing(request.user, region):
        raise DjangoPermissionDenied(_("Anda tidak berwenang melihat model penerusan wilayah ini."))
    if request.method == "POST":
        routing_retrain_request(region=region, actor=request.user)
        messages.success(
            request,
            _("Pelatihan ulang model dijalankan; hasilnya tampil di sini setelah selesai."),
        )
        return redirect("complaints:dashboard_routing", region_slug=region.slug)
    return render(
        request,
        "complaints/dashboards/routing.html",
        {"region": region, **figures.routing_accuracy(region, history=ROUTING_HISTORY)},
    )


# --- public ---------------------------------------------------------------------------------------------


@require_GET
def transparency(request: HttpRequest) -> HttpResponse:
    """The regions whose figures are published; straight to the region when there is only one."""
    regions = list(selectors.regions_public())
    if len(regions) == 1:
        return redirect("complaints:transparency_region", region_slug=regions[0].slug)
    return render(request, "complaints/dashboards/transparency_index.html", {"regions": regions})


@require_GET
def transparency_region(request: HttpRequest, region_slug: str) -> HttpResponse:
    """A region's complaint figures per unit and month for the public: counts only, no personal data."""
    region = get_object_or_404(Region, slug=region_slug, is_active=True)
    public = figures.transparency_figures(region, Period.last_months(region))
    return render(
        request,
        "complaints/dashboards/transparency.html",
        {
            "figures": public,
            "region": region,
            "charts": dashboard_charts(public.months),
            "recent": figures.recent_public_complaints(region=region),
        },
    )
