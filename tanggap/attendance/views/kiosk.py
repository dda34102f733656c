"""The office kiosk tablet (NIP + PIN, masuk or pulang) for staff without a smartphone, run by who
manages the location's unit, and the page where an official sets their own kiosk PIN."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from tanggap.attendance import selectors
from tanggap.attendance.forms import KioskForm, PinForm
from tanggap.attendance.models import AttendanceEvent
from tanggap.attendance.permissions import official_of
from tanggap.attendance.services.kiosk import (
    KIOSK_LOCKOUT,
    KIOSK_MAX_FAILURES,
    kiosk_check_in,
    kiosk_pin_set,
)
from tanggap.attendance.views.mine import no_official
from tanggap.attendance.views.office import managed_location
from tanggap.core.decorators import signed_in_view
from tanggap.core.forms import run_form, run_service


@signed_in_view
def kiosk(request: HttpRequest, location_id: int) -> HttpResponse:
    """GET: the NIP + PIN form; POST: check in or out at the server's time, then an empty form again."""
    location = managed_location(request, location_id)
    form = KioskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, event = run_service(
            form,
            kiosk_check_in,
            actor=request.user,
            location=location,
            nip=form.cleaned_data["nip"],
            pin=form.cleaned_data["pin"],
            kind=form.cleaned_data["kind"],
        )
        if ok:
            done = (
                _("%(name)s: presensi masuk tercatat pukul %(time)s.")
                if event.kind == AttendanceEvent.Kind.IN
                else _("%(name)s: presensi pulang tercatat pukul %(time)s.")
            )
            local = timezone.localtime(event.recorded_at)
            messages.success(
                request,
                done % {"name": event.official.display_name, "time": formats.time_format(local)},
            )
            return redirect("attendance:kiosk", location_id=location.pk)
    # The PIN field never renders its value back into the page (PasswordInput).
    context = {"location": location, "form": form, "kinds": AttendanceEvent.Kind}
    return render(request, "attendance/kiosk.html", context, status=400 if form.errors else 200)


@signed_in_view
def pin(request: HttpRequest) -> HttpResponse:
    """Set or change one's own six-digit kiosk PIN."""
    official = official_of(request.user)
    if official is None:
        return no_official(request)
    form = PinForm(request.POST or None)
    ok, _record = run_form(request, form, kiosk_pin_set, actor=request.user, official=official)
    if ok:
        messages.success(request, _("PIN kios Anda tersimpan. Jangan beri tahu siapa pun."))
        return redirect("attendance:pin")
    record = selectors.kiosk_pin_of(official)
    context = {
        "form": form,
        "has_pin": record is not None,
        "locked": bool(record and record.locked_until and record.locked_until > timezone.now()),
        "max_failures": KIOSK_MAX_FAILURES,
        "lockout_minutes": int(KIOSK_LOCKOUT.total_seconds() // 60),
    }
    return render(request, "attendance/pin.html", context, status=400 if form.errors else 200)
