"""Kerja Saya: an official's own day (check-ins), the check-in by the office's QR code or the phone's
position, this year's leave balance and their leave requests."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tanggap.attendance import selectors
from tanggap.attendance.forms import CheckInForm
from tanggap.attendance.models import AttendanceEvent
from tanggap.attendance.permissions import official_of
from tanggap.attendance.reports.days import schedule_of_day
from tanggap.attendance.services.checkin import check_in
from tanggap.core.decorators import signed_in_view
from tanggap.core.forms import run_service
from tanggap.core.registry import my_work_sections, render_sections

K = AttendanceEvent.Kind


def no_official(request: HttpRequest) -> HttpResponse:
    """The account is not linked to an official: say so and who can link it."""
    return render(request, "attendance/no_official.html")


def _next_kind(events) -> str:
    """Pulang after a check-in, masuk otherwise."""
    return K.OUT if events and events[-1].kind == K.IN else K.IN


def _page(request: HttpRequest, official, form=None, status: int = 200) -> HttpResponse:
    today = timezone.localdate()
    events = list(selectors.events_of_day(official, today))
    # A page only reads: before the year is opened (by the new-year task or the first request) the
    # balance shown is the would-be grant, computed as the opening will write it.
    balance, computed = selectors.annual_balance_view(official, today.year)
    pending = selectors.pending_annual_days(official, today.year)
    context = {
        "official": official,
        "today": today,
        "events": events,
        "day": schedule_of_day(official, today),
        "form": form or CheckInForm(initial={"kind": _next_kind(events)}),
        "year": today.year,
        "balance": balance,
        "balance_computed": computed,
        "pending": pending,
        "available": max(balance - pending, 0),
        "requests": list(selectors.own_leave_requests(official)[:20]),
        "is_superior": selectors.heads_a_unit(official),
        # Blocks higher apps add (performance's "Kinerja saya"), rendered without knowing them.
        "sections": render_sections(my_work_sections, request),
    }
    return render(request, "attendance/mine.html", context, status=status)


@signed_in_view
def mine(request: HttpRequest) -> HttpResponse:
    official = official_of(request.user)
    if official is None:
        return no_official(request)
    return _page(request, official)


@require_POST
@signed_in_view
def checkin(request: HttpRequest) -> HttpResponse:
    """Record a check-in now (the server's time); a refusal is shown on the page and writes nothing."""
    official = official_of(request.user)
    if official is None:
        return no_official(request)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return _page(request, official, form, status=400)
    data = form.cleaned_data
    arguments = {
        "actor": request.user,
        "official": official,
        "kind": data["kind"],
        "method": data["method"],
        "device_hint": request.headers.get("User-Agent", ""),
    }
    if data["method"] == AttendanceEvent.Method.QR:
        arguments["token"] = data["code"]
    else:
        if None in (data["latitude"], data["longitude"], data["accuracy"]):
            form.add_error(
                None, _("Lokasi ponsel belum diterima. Izinkan akses lokasi lalu coba lagi.")
            )
            return _page(request, official, form, status=400)
        arguments.update(
            latitude=data["latitude"],
            longitude=data["longitude"],
            accuracy_m=data["accuracy"],
            location=selectors.nearest_checkin_location(
                official, data["latitude"], data["longitude"]
            ),
        )
        if arguments["location"] is None:
            form.add_error(None, _("Belum ada lokasi presensi di daerah Anda."))
            return _page(request, official, form, status=400)
    ok, event = run_service(form, check_in, **arguments)
    if not ok:
        return _page(request, official, form, status=400)
    done = (
        _("Presensi masuk tercatat pukul %(time)s di %(location)s.")
        if event.kind == K.IN
        else _("Presensi pulang tercatat pukul %(time)s di %(location)s.")
    )
    local = timezone.localtime(event.recorded_at)
    messages.success(
        request, done % {"time": formats.time_format(local), "location": event.location.name}
    )
    return redirect("attendance:mine")
