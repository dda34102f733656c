"""The office's QR screen: the location's rotating QR code and its six-character code, refreshed by htmx
every 30 seconds, for who manages the location's unit."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tanggap.attendance import selectors
from tanggap.attendance.permissions import may_run_kiosk
from tanggap.attendance.qrtoken import WINDOW_SECONDS, qr_code, qr_token
from tanggap.core.decorators import signed_in_view
from tanggap.core.errors import PermissionDenied
from tanggap.core.qr import qr_svg


def managed_location(request: HttpRequest, location_id: int):
    """The active location `location_id` if `user` may run its QR screen and kiosk (404, 403 else)."""
    location = selectors.location_get(location_id)
    if location is None:
        raise Http404
    if not may_run_kiosk(request.user, location):
        raise PermissionDenied()
    return location


def _qr_context(location) -> dict:
    now = timezone.now()
    code = qr_code(location, now)
    return {
        "location": location,
        "code": code,
        "svg": qr_svg(
            qr_token(location, now), title=_("Kode QR presensi %(code)s") % {"code": code}
        ),
        "poll_seconds": WINDOW_SECONDS,
    }


@require_GET
@signed_in_view
def qr_screen(request: HttpRequest, location_id: int) -> HttpResponse:
    location = managed_location(request, location_id)
    return render(request, "attendance/qr_screen.html", _qr_context(location))


@require_GET
@signed_in_view
def qr_live(request: HttpRequest, location_id: int) -> HttpResponse:
    """The changing part of the screen, fetched by htmx."""
    location = managed_location(request, location_id)
    response = render(request, "attendance/_qr_live.html", _qr_context(location))
    response["Cache-Control"] = "no-store"
    return response
