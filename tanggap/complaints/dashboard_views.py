"""Complaint dashboards (unit and region, with charts and CSV/XLSX), the routing model's accuracy page,
and the public transparency page. Thin views: parse the period, fetch through dashboards.py, render."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from tanggap.accounts.permissions import is_staff_member
from tanggap.complaints import dashboards
from tanggap.complaints.dashboards import ComplaintDashboard, MonthRow
from tanggap.complaints.models import RoutingModel
from tanggap.complaints.performance import Performance, Period
from tanggap.complaints.routing import routing_retrain_request
from tanggap.core import exports
from tanggap.core.charts import Chart, bar_chart, line_chart
from tanggap.core.decorators import staff_view
from tanggap.org.models import Region, Unit

DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
EXPORT_TABLES = ("months", "categories", "places", "rows")
ROUTING_HISTORY = 10


class PeriodForm(forms.Form):
    """The dashboard's period (GET parameters)."""

    start = forms.DateField(label=gettext_lazy("Dari tanggal"), widget=DATE_INPUT)
    end = forms.DateField(label=gettext_lazy("Sampai tanggal"), widget=DATE_INPUT)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end"):
            try:
                dashboards.check_period(data["start"], data["end"])
            except ValueError as exc:
                raise forms.ValidationError(str(exc)) from None
        return data


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


# --- charts and export tables -------------------------------------------------------------------------


def _pct(share: float | None) -> float | None:
    return None if share is None else round(100 * share, 1)


def _month_label(row: MonthRow) -> str:
    """The month's short name (the axis has room for three letters a month; tooltips too)."""
    return date_format(row.month, "M")


def dashboard_charts(months: list[MonthRow]) -> dict[str, Chart]:
    """Reports filed and closed per month; share of each target met on time per month."""
    labels = [_month_label(m) for m in months]
    volume = bar_chart(
        _("Laporan masuk dan selesai per bulan"),
        labels,
        [(_("Masuk"), [m.filed for m in months]), (_("Selesai"), [m.closed for m in months])],
        unit=_("laporan"),
    )
    compliance = line_chart(
        _("Tepat waktu per target (%)"),
        labels,
        [
            (_("Verifikasi"), [_pct(m.verify.share) for m in months]),
            (_("Tanggapan pertama"), [_pct(m.response.share) for m in months]),
            (_("Penyelesaian"), [_pct(m.resolve.share) for m in months]),
        ],
        unit="%",
    )
    return {"volume": volume, "compliance": compliance}


def _hours(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _performance_cells(perf: Performance) -> list:
    return [
        perf.handled,
        perf.open,
        perf.answered,
        perf.closed,
        _pct(perf.verify.share),
        _pct(perf.response.share),
        _pct(perf.resolve.share),
        _hours(perf.median_response_hours),
        _hours(perf.median_close_hours),
        None if perf.rating_avg is None else round(perf.rating_avg, 2),
        perf.rating_count,
        _pct(perf.reopen_rate),
    ]


def export_tables(dash: ComplaintDashboard) -> dict[str, exports.Table]:
    """The dashboard's tables as exportable tables, by key."""
    performance_headings = [
        _("Laporan"),
        _("Masih terbuka"),
        _("Ditanggapi"),
        _("Selesai"),
        _("Verifikasi tepat waktu (%)"),
        _("Tanggapan tepat waktu (%)"),
        _("Penyelesaian tepat waktu (%)"),
        _("Median sampai tanggapan (jam)"),
        _("Median sampai selesai (jam)"),
        _("Rata-rata penilaian"),
        _("Jumlah penilaian"),
        _("Dibuka kembali (%)"),
    ]
    if dash.unit is None:
        rows_title, first = _("Per unit"), _("Unit")
        rows = [[unit.name, *_performance_cells(p)] for unit, p in dash.units]
    else:
        rows_title, first = _("Per petugas"), _("Petugas")
        rows = [[str(user), *_performance_cells(p)] for user, p in dash.officials]
    rows.append([_("Semua"), *_performance_cells(dash.total)])
    return {
        "months": exports.Table(
            "months",
            _("Per bulan"),
            [
                _("Bulan"),
                _("Masuk"),
                _("Selesai"),
                _("Verifikasi tepat waktu (%)"),
                _("Tanggapan tepat waktu (%)"),
                _("Penyelesaian tepat waktu (%)"),
                _("Rata-rata penilaian"),
            ],
            [
                [
                    f"{m.month:%Y-%m}",
                    m.filed,
                    m.closed,
                    _pct(m.verify.share),
                    _pct(m.response.share),
                    _pct(m.resolve.share),
                    None if m.rating_avg is None else round(m.rating_avg, 2),
                ]
                for m in dash.months
            ],
        ),
        "categories": exports.Table(
            "categories",
            _("Per kategori"),
            [_("Kategori"), _("Laporan"), _("Masih terbuka")],
            [[c.label or _("Tanpa kategori"), c.count, c.open] for c in dash.categories],
        ),
        "places": exports.Table(
            "places",
            _("Per kecamatan"),
            [_("Kecamatan"), _("Laporan"), _("Masih terbuka")],
            [[c.label or _("Tanpa kecamatan"), c.count, c.open] for c in dash.places],
        ),
        "rows": exports.Table("rows", rows_title, [first, *performance_headings], rows),
    }


def _export(dash: ComplaintDashboard, fmt: str, table: str, slug: str) -> HttpResponse:
    tables = export_tables(dash)
    period = dash.period
    name = f"pengaduan-{slug}-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    if fmt == "csv":
        content = exports.csv_bytes(tables[table])
        filename = f"{name}-{table}.csv"
    else:
        scope = dash.unit.name if dash.unit else dash.region.name
        content = exports.xlsx_bytes(
            info_title=_("Keterangan"),
            info=[
                (_("Cakupan"), scope),
                (_("Periode"), f"{period.start:%Y-%m-%d} – {period.end:%Y-%m-%d}"),
                (_("Dibuat"), f"{dash.now.astimezone(period.tz):%Y-%m-%d %H:%M}"),
                (
                    _("Tepat waktu"),
                    _("dipenuhi sebelum tenggat / (tepat waktu + terlambat + lewat)"),
                ),
                (_("Median"), _("jam sejak laporan diteruskan ke unit")),
            ],
            tables=tables.values(),
        )
        filename = f"{name}.xlsx"
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


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
            "can_manage_routing": unit is None
            and dashboards.can_manage_routing(request.user, region),
        },
        status=200 if dash else 400,
    )


# --- pages ---------------------------------------------------------------------------------------------


@require_GET
@staff_view(is_staff_member)
def dashboard_index(request: HttpRequest) -> HttpResponse:
    """The dashboards this user may open; straight to it when there is only one."""
    regions, units = dashboards.dashboards_visible_to(user=request.user)
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
    region = dashboards.region_dashboard_for(user=request.user, slug=region_slug)
    form, period = _period(request, region)
    dash = dashboards.region_dashboard(region=region, period=period) if period else None
    return _render_dashboard(request, dash=dash, form=form, region=region, unit=None)


@require_GET
@staff_view(is_staff_member)
def dashboard_unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    """A unit's dashboard: the reports it handles, per month, category, place and official."""
    unit = dashboards.unit_dashboard_for(user=request.user, unit_id=unit_id)
    form, period = _period(request, unit.region)
    dash = dashboards.unit_dashboard(unit=unit, period=period) if period else None
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
    region = dashboards.region_dashboard_for(user=request.user, slug=region_slug)
    form, period = _period(request, region)
    if period is None:
        return _render_dashboard(request, dash=None, form=form, region=region, unit=None)
    dash = dashboards.region_dashboard(region=region, period=period)
    return _export(dash, fmt, table, region.slug)


@require_GET
@staff_view(is_staff_member)
def dashboard_unit_export(request: HttpRequest, unit_id: int, fmt: str) -> HttpResponse:
    """The unit dashboard's tables: one as CSV or all as XLSX."""
    table = request.GET.get("table", "months")
    _check_export(fmt, table)
    unit = dashboards.unit_dashboard_for(user=request.user, unit_id=unit_id)
    form, period = _period(request, unit.region)
    if period is None:
        return _render_dashboard(request, dash=None, form=form, region=unit.region, unit=unit)
    dash = dashboards.unit_dashboard(unit=unit, period=period)
    return _export(dash, fmt, table, f"{unit.region.slug}-{unit.slug}")


@require_http_methods(["GET", "POST"])
@staff_view(is_staff_member)
def dashboard_routing(request: HttpRequest, region_slug: str) -> HttpResponse:
    """The routing model's held-out accuracy and history; POST asks for retraining now."""
    region = get_object_or_404(Region, slug=region_slug, is_active=True)
    if not dashboards.can_manage_routing(request.user, region):
        raise DjangoPermissionDenied(_("Anda tidak berwenang melihat model penerusan wilayah ini."))
    if request.method == "POST":
        routing_retrain_request(region=region, actor=request.user)
        messages.success(
            request,
            _("Pelatihan ulang model dijalankan; hasilnya tampil di sini setelah selesai."),
        )
        return redirect("complaints:dashboard_routing", region_slug=region.slug)
    models = list(
        RoutingModel.objects.filter(region=region).order_by("-trained_at", "-id")[:ROUTING_HISTORY]
    )
    current = next((m for m in models if m.is_active), None)
    unit_ids = [row["unit_id"] for row in (current.metrics.get("per_unit", []) if current else [])]
    if current:
        unit_ids.append(current.metrics.get("majority_unit_id"))
    names = dict(Unit.objects.filter(pk__in=[u for u in unit_ids if u]).values_list("id", "name"))
    per_unit = [
        {**row, "name": names.get(row["unit_id"], "—")}
        for row in (current.metrics.get("per_unit", []) if current else [])
    ]
    return render(
        request,
        "complaints/dashboards/routing.html",
        {
            "region": region,
            "current": current,
            "models": models,
            "per_unit": per_unit,
            "majority_name": names.get(current.metrics.get("majority_unit_id")) if current else "",
        },
    )


# --- public ---------------------------------------------------------------------------------------------


@require_GET
def transparency(request: HttpRequest) -> HttpResponse:
    """The regions whose figures are published; straight to the region when there is only one."""
    regions = list(Region.objects.filter(is_active=True).order_by("name"))
    if len(regions) == 1:
        return redirect("complaints:transparency_region", region_slug=regions[0].slug)
    return render(request, "complaints/dashboards/transparency_index.html", {"regions": regions})


@require_GET
def transparency_region(request: HttpRequest, region_slug: str) -> HttpResponse:
    """A region's complaint figures per unit and month for the public: counts only, no personal data."""
    region = get_object_or_404(Region, slug=region_slug, is_active=True)
    figures = dashboards.transparency_figures(region, Period.last_months(region))
    return render(
        request,
        "complaints/dashboards/transparency.html",
        {"figures": figures, "region": region, "charts": dashboard_charts(figures.months)},
    )
