"""The kiosk at a location's entrance: walk-ins take a numbered ticket, booked citizens check in.

No sign-in is needed. An officer can lock a tablet to its location (a signed cookie): a locked kiosk
always returns to its own location's page, whatever address is typed into it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.signing import BadSignature
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tanggap.core.calendar import calendar_for
from tanggap.core.decorators import limit_posts, public_view
from tanggap.core.errors import DomainError, NotFound
from tanggap.core.qr import qr_svg
from tanggap.queueing import selectors, services
from tanggap.queueing.api.throttles import QueuePublicThrottle
from tanggap.queueing.forms import CodeForm, PriorityForm
from tanggap.queueing.models import Ticket
from tanggap.queueing.permissions import can_operate_counter

LOCK_COOKIE = "tanggap_kiosk"
LOCK_SALT = "tanggap.queueing.kiosk-lock"
LOCK_MAX_AGE = 400 * 24 * 3600  # browsers cap cookies at 400 days
RETURN_AFTER_SECONDS = 45  # a kiosk ticket page goes back to the start for the next visitor


def _locked_location_id(request) -> int | None:
    try:
        value = request.get_signed_cookie(LOCK_COOKIE, salt=LOCK_SALT, default=None)
    except BadSignature:
        return None
    return int(value) if value and value.isascii() and value.isdigit() else None


def _kiosk_location(request, location_id: int):
    """The kiosk's location, or a redirect to the location this tablet is locked to."""
    locked = _locked_location_id(request)
    if locked is not None and locked != location_id:
        return None, redirect("queueing:kiosk", location_id=locked)
    return selectors.location_get_public(location_id), None


def _kiosk_page(request, place, *, code_form=None, error=None, status=200) -> HttpResponse:
    context = {
        "location": place,
        "queue_services": selectors.queue_services_at(place, walk_in=True),
        "priorities": Ticket.Priority.choices,
        "code_form": code_form or CodeForm(),
        "error": error,
        "locked": _locked_location_id(request) == place.pk,
        "can_lock": can_operate_counter(request.user, place),
    }
    return render(request, "queueing/kiosk.html", context, status=status)


@require_GET
@public_view
def kiosk(request: HttpRequest, location_id: int) -> HttpResponse:
    """Big buttons per service for a walk-in ticket, and a box to check in a booking."""
    place, elsewhere = _kiosk_location(request, location_id)
    if elsewhere:
        return elsewhere
    return _kiosk_page(request, place)


@require_POST
@public_view
@limit_posts(QueuePublicThrottle)
def kiosk_walk_in(request: HttpRequest, location_id: int) -> HttpResponse:
    """Take a walk-in ticket for the pressed service (with the chosen priority)."""
    place, elsewhere = _kiosk_location(request, location_id)
    if elsewhere:
        return elsewhere
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
            queue_service=queue_service, priority=priority.cleaned_data["priority"]
        )
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


@require_POST
@public_view
def kiosk_lock(request: HttpRequest, location_id: int) -> HttpResponse:
    """An officer locks this tablet to the location (or unlocks it)."""
    place = selectors.location_get_public(location_id)
    if not can_operate_counter(request.user, place):
        raise HttpForbidden
    response = redirect("queueing:kiosk", location_id=place.pk)
    if request.POST.get("lock") == "1":
        response.set_signed_cookie(
            LOCK_COOKIE,
            str(place.pk),
            salt=LOCK_SALT,
            max_age=LOCK_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
        messages.success(request, _("Kiosk ini dikunci ke %(place)s.") % {"place": place.name})
    else:
        response.delete_cookie(LOCK_COOKIE)
        messages.success(request, _("Kunci kiosk dilepas."))
    return response
