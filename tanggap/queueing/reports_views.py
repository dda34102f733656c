"""The location head's queue pages: the locations list, the dashboard (charts, tables, CSV/XLSX) and the
staffing planner. Sign-in required; each location page checks `can_view_queue_reports`. Input comes as
GET parameters validated by a form: bad input shows a message and changes nothing."""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tanggap.core.calendar import calendar_for
from tanggap.core.errors import NotFound
from tanggap.core.errors import PermissionDenied as DomainPermissionDenied
from tanggap.queueing import analytics, reports_export
from tanggap.queueing.reports_forms import EXPORT_TABLES, PeriodForm, PlannerForm
from tanggap.queueing.reports_pages import (
    DEFAULT_TARGET_SHARE,
    DEFAULT_TARGET_WAIT,
    dashboard_charts,
    planner_page,
)


def _reports_view(view):
    """Sign-in, GET only; a location the user may not read is a 403, an unknown one a 404."""

    @login_required
    @require_GET
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(str(exc.message)) from None
        except DomainPermissionDenied as exc:
            raise DjangoPermissionDenied(str(exc.message)) from None

    return wrapper


@_reports_view
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


@_reports_view
def report_location(request: HttpRequest, location_id: int) -> HttpResponse:
    """A location's live status and, for a period, its tables and charts."""
    location = analytics.report_location_for(user=request.user, location_id=location_id)
    queue_services = analytics.queue_services_of(location)
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


@_reports_view
def report_export(request: HttpRequest, location_id: int, fmt: str) -> HttpResponse:
    """The dashboard's tables as CSV (one table, ?table=day|hour|service|counter) or XLSX (all)."""
    if fmt not in reports_export.CONTENT_TYPES:
        raise Http404
    location = analytics.report_location_for(user=request.user, location_id=location_id)
    form, period = _period(request, location, analytics.queue_services_of(location))
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
        content = reports_export.export_csv(report, table)
        filename = reports_export.export_filename(report, fmt, table)
    else:
        content = reports_export.export_xlsx(report)
        filename = reports_export.export_filename(report, fmt)
    response = HttpResponse(content, content_type=reports_export.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@_reports_view
def planner_view(request: HttpRequest, location_id: int) -> HttpResponse:
    """Counters needed per hour (Erlang C) and today's staffing against the proposal (simulated)."""
    location = analytics.report_location_for(user=request.user, location_id=location_id)
    queue_services = analytics.queue_services_of(location)
    periods = analytics.opening_periods(calendar_for(unit=location))
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
