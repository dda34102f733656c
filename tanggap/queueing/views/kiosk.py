"""The kiosk at a location's entrance: walk-ins take a numbered ticket, booked citizens check in.

Anyone may open a kiosk page and check in a booking with its code (the code is the citizen's key), but
only a registered kiosk of the location issues walk-in tickets. A browser becomes that kiosk once, by
opening the pairing link the unit's administrator got when registering it (`kiosk_pair`): the token is
then kept in a signed, HttpOnly cookie, and a paired kiosk always returns to its own location's page,
whatever address is typed into it.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tanggap.core.calendar import calendar_for
from tanggap.core.decorators import limit_posts, public_view
from tanggap.core.errors import DomainError, NotFound, PermissionDenied
from tanggap.core.forms import run_form
from tanggap.core.qr import qr_svg
from tanggap.queueing import selectors, services
from tanggap.queueing.api.kiosk_auth import COOKIE, COOKIE_MAX_AGE, COOKIE_SALT, paired_kiosk
from tanggap.queueing.api.throttles import (
    QueueBookingThrottle,
    QueueKioskThrottle,
    QueuePublicThrottle,
)
from tanggap.queueing.forms import CodeForm, KioskPairForm, PriorityForm
from tanggap.queueing.models import Ticket
from tanggap.queueing.permissions import can_manage_kiosks, kiosk_may_issue_at

RETURN_AFTER_SECONDS = 45  # a kiosk ticket page goes back to the start for the next visitor


def remember_kiosk(request, response: HttpResponse, token: str) -> None:
    """Keep the kiosk's token in this browser: signed, HttpOnly, only sent to the queue pages."""
    response.set_signed_cookie(
        COOKIE,
        token,
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        path=reverse("queueing:locations"),
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def _kiosk_location(request, location_id: int):
    """The kiosk's location, or a redirect to the location this paired kiosk stands in."""
    device = paired_kiosk(request)
    if device is not None and device.location_id != location_id:
        return None, redirect("queueing:kiosk", location_id=device.location_id)
    return selectors.location_get_public(location_id), None


def _kiosk_page(request, place, *, code_form=None, error=None, status=200) -> HttpResponse:
    device = paired_kiosk(request)
    context = {
        "location": place,
        "kiosk": device if kiosk_may_issue_at(device, place.pk) else None,
        "stale_pairing": device is None and COOKIE in request.COOKIES,
        "queue_services": selectors.queue_services_at(place, walk_in=True),
        "priorities": Ticket.Priority.choices,
        "code_form": code_form or CodeForm(),
        "error": error,
        "can_manage_kiosks": can_manage_kiosks(request.user, place),
    }
    return render(request, "queueing/kiosk.html", context, status=status)


@require_GET
@public_view
def kiosk(request: HttpRequest, location_id: int) -> HttpResponse:
    """Big buttons per service for a walk-in ticket (on a paired kiosk), and a box to check in a booking."""
    place, elsewhere = _kiosk_location(request, location_id)
    if elsewhere:
        return elsewhere
    return _kiosk_page(request, place)


@require_POST
@public_view
@limit_posts(QueueKioskThrottle)
def kiosk_walk_in(request: HttpRequest, location_id: int) -> HttpResponse:
    """Take a walk-in ticket for the pressed service (with the chosen priority): paired kiosks only,
    each within its own rate."""
    place = selectors.location_get_public(location_id)
    device = paired_kiosk(request)
    if not kiosk_may_issue_at(device, place.pk):
        if device is None:
            refusal = _(
                "Nomor antrean di tempat hanya dapat diambil di kiosk resmi lokasi ini. "
                "Jika Anda belum di lokasi, pesan jadwal secara daring."
            )
        else:
            refusal = _("Kiosk ini terdaftar untuk %(place)s, bukan lokasi ini.") % {
                "place": device.location.name
            }
        return _kiosk_page(request, place, error=refusal, status=403)
    service_id = request.POST.get("service", "")
    queue_service = (
        selectors.queue_services_at(place, walk_in=True).filter(pk=int(service_id)).first()
        if service_id.isascii() and service_id.isdigit()
        else None
    )
    priority = PriorityForm(request.POST)
    if queue_service is None or not priority.is_valid():
        return _kiosk_page(
            request, place, error=_("Pilih salah satu layanan di bawah."), status=400
        )
    try:
        ticket = services.ticket_walk_in(
            queue_service=queue_service, priority=priority.cleaned_data["priority"], kiosk=device
        )
    except PermissionDenied as exc:
        return _kiosk_page(request, place, error=str(exc.message), status=403)
    except DomainError as exc:
        return _kiosk_page(request, place, error=str(exc.message), status=400)
    return redirect("queueing:kiosk_ticket", location_id=place.pk, code=ticket.code)


@require_POST
@public_view
@limit_posts(QueuePublicThrottle)
def kiosk_check_in(request: HttpRequest, location_id: int) -> HttpResponse:
    """A booked citizen arrives: the QR (or the typed code) puts them in today's queue."""
    place, elsewhere = _kiosk_location(request, location_id)
    if elsewhere:
        return elsewhere
    form = CodeForm(request.POST)
    if not form.is_valid():
        return _kiosk_page(request, place, code_form=form, status=400)
    try:
        ticket = selectors.ticket_by_code(form.cleaned_data["code"])
        if ticket.location_id != place.pk:
            raise DomainError(
                _("Pemesanan ini untuk %(place)s, bukan lokasi ini.")
                % {"place": ticket.location.name}
            )
        ticket = services.ticket_check_in(ticket=ticket)
    except NotFound:
        form.add_error("code", _("Kode itu tidak ditemukan. Periksa kembali kode pada tiket Anda."))
        return _kiosk_page(request, place, code_form=form, status=400)
    except DomainError as exc:
        form.add_error("code", str(exc.message))
        return _kiosk_page(request, place, code_form=form, status=400)
    messages.success(request, _("Check-in berhasil."))
    return redirect("queueing:kiosk_ticket", location_id=place.pk, code=ticket.code)


@require_GET
@public_view
def kiosk_ticket(request: HttpRequest, location_id: int, code: str) -> HttpResponse:
    """The number just taken or checked in, its QR to follow the queue by phone, and a print button."""
    place, elsewhere = _kiosk_location(request, location_id)
    if elsewhere:
        return elsewhere
    ticket = selectors.ticket_by_code(code)
    if ticket.location_id != place.pk:
        raise Http404()
    url = selectors.ticket_absolute_url(ticket)
    context = {
        "location": place,
        "ticket": ticket,
        "status": selectors.ticket_status(ticket),
        "ticket_url": url,
        "qr_svg": qr_svg(url, title=_("Kode QR tiket %(code)s") % {"code": ticket.code}),
        "tz": calendar_for(unit=place).tz,
        "return_after": RETURN_AFTER_SECONDS,
    }
    return render(request, "queueing/kiosk_ticket.html", context)


@require_http_methods(["GET", "POST"])
@public_view
@limit_posts(QueueBookingThrottle)
def kiosk_pair(request: HttpRequest) -> HttpResponse:
    """Make this browser a registered kiosk. The pairing link carries the token after `#`, which browsers
    never send to the server (so it stays out of its logs): the page's script posts it, or an
    administrator types it. Then the kiosk's page opens, and stays this browser's page."""
    form = KioskPairForm(request.POST if request.method == "POST" else None)
    paired, device = run_form(request, form, services.kiosk_device_pair, actor=request.user)
    if paired:
        response = redirect("queueing:kiosk", location_id=device.location_id)
        remember_kiosk(request, response, form.cleaned_data["token"])
        messages.success(
            request,
            _("Perangkat ini sekarang kiosk “%(name)s” di %(place)s.")
            % {"name": device.name, "place": device.location.name},
        )
        return response
    status = 400 if form.errors else 200
    return render(request, "queueing/kiosk_pair.html", {"form": form}, status=status)
