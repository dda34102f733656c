"""The location head's queue pages: the locations list, the dashboard (charts, tables, CSV/XLSX) and the
staffing planner. Sign-in required, GET only; a location the user may not read is a 403
(`can_view_queue_reports`), an unknown one a 404. Input comes as GET parameters validated by a form:
bad input shows a message and changes nothing."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tanggap.accounts.permissions import is_staff_member
from tanggap.core.calendar import calendar_for
from tanggap.core.decorators import staff_view
from tanggap.queueing.reports import analytics, exports
from tanggap.queueing.reports.charts import dashboard_charts
from tanggap.queueing.reports.forms import EXPORT_TABLES, PeriodForm, PlannerForm
from tanggap.queueing.reports.observed import opening_periods
from tanggap.queueing.reports.staffing import (
    DEFAULT_TARGET_SHARE,
    DEFAULT_TARGET_WAIT,
    planner_page,
)
from tanggap.queueing.selectors import queue_services_of


@staff_view(is_staff_member)
@require_GET
def report_index(request: HttpRequest) -> HttpResponse:
    """The queue locations whose reports this user may read."""
    locations = analytics.report_locations_visible_to(user=request.user)
    return render(request, "queueing/reports/index.html", {"locations": locations})


def _period(request: HttpRequest, location, queue_services) -> tuple[PeriodForm, dict | None]:
    start, end = analytics.default_period(location)
    form = PeriodForm(
        request.GET if "start" in request.GET else None,
        queue_services=queue_services,
        initial={"start": start, "end": end},
    )
    if not form.is_bound:
        return form, {"start": start, "end": end, "queue_service": None}
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, {
        "start": data["start"],
        "end": data["end"],
        "queue_service": data["queue_service"],
    }


@staff_view(is_staff_member)
@require_GET
def report_location(request: HttpRequest, location_id: int) -> HttpResponse:
    """A location's live status and, for a period, its tables and charts."""
    location = analytics.report_location_for(user=request.user, location_id=location_id)
    queue_services = list(queue_services_of(location))
    form, period = _period(request, location, queue_services)
    report = analytics.location_report(location=location, **period) if period else None
    return render(
        request,
        "queueing/reports/location.html",
        {
            "location": location,
            "form": form,
            "live": analytics.live_status(location=location),
            "report": report,
            "charts": dashboard_charts(report) if report else None,
            "query": request.GET.urlencode(),
            "export_tables": EXPORT_TABLES,
        },
    )


@staff_view(is_staff_member)
@require_GET
def report_export(request: HttpRequest, location_id: int, fmt: str) -> HttpResponse:
    """The dashboard's tables as CSV (one table, ?table=day|hour|service|counter) or XLSX (all)."""
    if fmt not in exports.CONTENT_TYPES:
        raise Http404
    location = analytics.report_location_for(user=request.user, location_id=location_id)
    form, period = _period(request, location, list(queue_services_of(location)))
    table = request.GET.get("table", "day")
    if period is None or table not in EXPORT_TABLES:
        return render(
            request,
            "queueing/reports/location.html",
            {"location": location, "form": form, "live": analytics.live_status(location=location)},
            status=400,
        )
    report = analytics.location_report(location=location, **period)
    if fmt == "csv":
        content = exports.export_csv(report, table)
        filename = exports.export_filename(report, fmt, table)
    else:
        content = exports.export_xlsx(report)
        filename = exports.export_filename(report, fmt)
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_view(is_staff_member)
@require_GET
def planner_view(request: HttpRequest, location_id: int) -> HttpResponse:
    """Counters needed per hour (Erlang C) and today's staffing against the proposal (simulated)."""
    location = analytics.report_location_for(user=request.user, location_id=location_id)
    queue_services = list(queue_services_of(location))
    periods = opening_periods(calendar_for(unit=location))
    form = PlannerForm(
        request.GET or None,
        queue_services=queue_services,
        periods=len(periods),
        initial={"target_wait": DEFAULT_TARGET_WAIT, "target_share": DEFAULT_TARGET_SHARE},
    )
    context: dict[str, Any] = {"location": location, "form": form, "periods": periods}
    if form.is_bound and not form.is_valid():
        return render(request, "queueing/reports/planner.html", context)
    data = form.cleaned_data if form.is_bound else {}
    context.update(planner_page(location=location, data=data, queue_services=queue_services))
    for name, text in context["placeholders"].items():  # show the measured figures in empty fields
        form.fields[name].widget.attrs["placeholder"] = text
    return render(request, "queueing/reports/planner.html", context)
