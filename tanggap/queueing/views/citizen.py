"""The citizen's pages, no account needed: book a slot, follow the ticket, print it, move or cancel it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tanggap.core.calendar import calendar_for, zone_name
from tanggap.core.decorators import limit_posts, limit_requests, public_view
from tanggap.core.errors import DomainError, NotFound
from tanggap.core.identity import mask_phone
from tanggap.core.qr import qr_png_data_uri, qr_svg
from tanggap.core.registry import hooks
from tanggap.core.throttles import CodeLookupThrottle
from tanggap.queueing import selectors, services
from tanggap.queueing.api.throttles import QueueBookingThrottle
from tanggap.queueing.device_tickets import forget_ticket, remember_ticket, remembered_tickets
from tanggap.queueing.forms import (
    BookingForm,
    TicketLookupForm,
    parse_day,
    parse_slot,
    slot_param,
)
from tanggap.queueing.models import Ticket

S = Ticket.Status
SEARCH_MAX = 100
DAYS_TO_LOOK_AHEAD = 5


def feedback_url(ticket) -> str | None:
    """The satisfaction-survey link another app offers once the ticket is served (None before, or none)."""
    return hooks.first("ticket.feedback_url", ticket=ticket)


def _service_id(value: str | None) -> int | None:
    """A catalogue service id from `?layanan=`, or None when it is not a number."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


@require_GET
@public_view
def locations(request: HttpRequest) -> HttpResponse:
    """Step 1: the locations where a queue ticket can be booked (searchable by name), with the tickets
    this browser remembers and the look-up by code. With `?layanan=<service id>` (a service page's "Ambil
    antrean"), only the places that queue that service, each leading straight to its booking page."""
    q = request.GET.get("q", "")[:SEARCH_MAX].strip()
    context = {
        "q": q,
        "tickets": remembered_tickets(request),
        "lookup_form": TicketLookupForm(),
        "service": None,
        "service_error": None,
    }
    if "layanan" in request.GET:
        service_id = _service_id(request.GET.get("layanan"))
        places = list(selectors.booking_places_for(service_id)) if service_id else []
        if places:
            wanted = q.casefold()
            context["service"] = places[0].service
            context["booking_places"] = [p for p in places if wanted in p.location.name.casefold()]
            return render(request, "queueing/locations.html", context)
        context["service_error"] = _(
            "Layanan itu tidak dapat dipesan daring di lokasi mana pun. Pilih lokasi di bawah."
        )
    found = selectors.locations_with_queues()
    if q:
        found = found.filter(name__icontains=q)
    context["locations"] = found
    return render(request, "queueing/locations.html", context)


@require_GET
@public_view
@limit_requests(CodeLookupThrottle)
def ticket_find(request: HttpRequest) -> HttpResponse:
    """Find a ticket by its code (a lost ticket page); the browser then remembers it."""
    form = TicketLookupForm(request.GET if "kode" in request.GET else None)
    if form.is_valid():
        try:
            found = selectors.ticket_by_code(form.cleaned_data["kode"])
        except NotFound:
            form.add_error(
                "kode",
                _("Tiket dengan kode itu tidak ditemukan. Periksa kembali kode pada tiket Anda."),
            )
        else:
            remember_ticket(request, found)
            return redirect("queueing:ticket", code=found.code)
    context = {"lookup_form": form, "tickets": remembered_tickets(request)}
    return render(request, "queueing/ticket_find.html", context, status=404 if form.errors else 200)


@require_POST
@public_view
def ticket_forget(request: HttpRequest, code: str) -> HttpResponse:
    """This browser stops listing the ticket under "Tiket Anda" (a shared phone); the code still opens it."""
    forget_ticket(request, code[:SEARCH_MAX])
    messages.success(request, _("Tiket itu tidak lagi ditampilkan di perangkat ini."))
    return redirect("queueing:locations")


@require_GET
@public_view
def location(request: HttpRequest, location_id: int) -> HttpResponse:
    """Step 2: the services of one location that can be booked."""
    place = selectors.location_get_public(location_id)
    context = {
        "location": place,
        "queue_services": selectors.queue_services_at(place, booking=True),
        "calendar": calendar_for(unit=place),
        "zone": zone_name(place.region.timezone),
    }
    return render(request, "queueing/location.html", context)


def _slot_choice(queue_service, day_value: str | None) -> dict:
    """The bookable days and the chosen day's slots; by default the first day with a free slot."""
    place = queue_service.location
    days = selectors.booking_days(place)
    day = parse_day(day_value)
    slots = []
    if day in days:
        slots = selectors.available_slots(queue_service=queue_service, day=day)
    else:
        # Late in the day today may be full or over: look ahead (one query per day) to a free one.
        for day in days[:DAYS_TO_LOOK_AHEAD]:
            slots = selectors.available_slots(queue_service=queue_service, day=day)
            if any(slot.free for slot in slots):
                break
        else:
            day = days[0] if days else None
            slots = selectors.available_slots(queue_service=queue_service, day=day) if day else []
    tz = calendar_for(unit=place).tz
    return {
        "days": days,
        "day": day,
        "slots": [(slot, slot_param(slot.start, tz)) for slot in slots],
        "has_free": any(slot.free for slot in slots),
        "tz": tz,
        "zone": zone_name(place.region.timezone),
    }


@require_GET
@public_view
def book_slots(request: HttpRequest, queue_service_id: int) -> HttpResponse:
    """Steps 3 and 4: a day (next working days within the horizon), then a free slot."""
    queue_service = selectors.queue_service_for_booking(queue_service_id)
    context = {
        "queue_service": queue_service,
        "location": queue_service.location,
        **_slot_choice(queue_service, request.GET.get("tanggal")),
    }
    return render(request, "queueing/book_slots.html", context)


@require_http_methods(["GET", "POST"])
@public_view
@limit_posts(QueueBookingThrottle)
def book_contact(request: HttpRequest, queue_service_id: int, slot: str) -> HttpResponse:
    """Step 5: who is coming; booking creates the ticket and opens its page."""
    queue_service = selectors.queue_service_for_booking(queue_service_id)
    place = queue_service.location
    tz = calendar_for(unit=place).tz
    start = parse_slot(slot, tz)
    if start is None:
        raise Http404(_("Slot tidak dikenal."))
    form = BookingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            ticket = services.booking_create(
                queue_service=queue_service, slot_start=start, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_refusal(exc)
        else:
            remember_ticket(request, ticket)
            messages.success(
                request,
                _("Pemesanan berhasil. Simpan halaman ini atau catat kode Anda: %(code)s")
                % {"code": ticket.code},
            )
            return redirect("queueing:ticket", code=ticket.code)
    free = {
        s.start: s.free
        for s in selectors.available_slots(queue_service=queue_service, day=start.date())
    }
    context = {
        "queue_service": queue_service,
        "location": place,
        "form": form,
        "slot_start": start,
        "slot_free": free.get(start, 0),
        "tz": tz,
        "zone": zone_name(place.region.timezone),
        "requirements": selectors.enacted_requirements(queue_service.service),
    }
    return render(request, "queueing/book_contact.html", context)


# --- the ticket ------------------------------------------------------------------------------------


def _live_context(ticket: Ticket) -> dict:
    status = selectors.ticket_status(ticket)
    survey_url = feedback_url(ticket)
    return {
        "survey_url": survey_url,
        "survey_qr": qr_svg(survey_url, title=_("Kode QR survei kepuasan")) if survey_url else None,
        "ticket": ticket,
        "status": status,
        "tz": calendar_for(unit=ticket.location).tz,
        "zone": zone_name(ticket.location.region.timezone),
        "is_final": ticket.status not in Ticket.ACTIVE,
        "next_ticket": (
            ticket.transfers.select_related("queue_service__service").order_by("-id").first()
            if ticket.status == S.TRANSFERRED
            else None
        ),
    }


@require_GET
@public_view
@limit_requests(CodeLookupThrottle)
def ticket(request: HttpRequest, code: str) -> HttpResponse:
    """The citizen's status page (the QR's target): number, position, wait, counter, what to bring."""
    found = selectors.ticket_by_code(code)
    url = selectors.ticket_absolute_url(found)
    context = {
        **_live_context(found),
        "ticket_url": url,
        "qr_svg": qr_svg(url, title=_("Kode QR tiket %(code)s") % {"code": found.code}),
        "requirements": selectors.enacted_requirements(found.queue_service.service),
        "phone_masked": mask_phone(found.contact_phone),
        "queue_settings": selectors.settings_for(found.location),
    }
    return render(request, "queueing/ticket.html", context)


@require_GET
@public_view
@limit_requests(CodeLookupThrottle)
def ticket_live(request: HttpRequest, code: str) -> HttpResponse:
    """The part of the ticket page that htmx refreshes every few seconds."""
    found = selectors.ticket_by_code(code)
    return render(request, "queueing/_ticket_live.html", _live_context(found))


@require_GET
@public_view
@limit_requests(CodeLookupThrottle)
def ticket_print(request: HttpRequest, code: str) -> HttpResponse:
    """A 58 mm thermal-printer ticket: number, location, service, time and the QR as a PNG."""
    found = selectors.ticket_by_code(code)
    url = selectors.ticket_absolute_url(found)
    survey_url = feedback_url(found)
    context = {
        "ticket": found,
        "ticket_url": url,
        "qr_png": qr_png_data_uri(url),
        "survey_url": survey_url,
        "survey_qr_png": qr_png_data_uri(survey_url) if survey_url else None,
        "tz": calendar_for(unit=found.location).tz,
        "zone": zone_name(found.location.region.timezone),
        "auto_print": request.GET.get("otomatis") == "1",
        "back_to_kiosk": request.GET.get("kembali") == "kiosk",
    }
    return render(request, "queueing/ticket_print.html", context)


@require_http_methods(["GET", "POST"])
@public_view
@limit_posts(QueueBookingThrottle)
def ticket_reschedule(request: HttpRequest, code: str) -> HttpResponse:
    """Move a booking to another free slot of the same service (before check-in only)."""
    found = selectors.ticket_by_code(code)
    if found.status != S.BOOKED:
        messages.error(request, _("Hanya pemesanan yang belum check-in yang bisa dijadwal ulang."))
        return redirect("queueing:ticket", code=found.code)
    tz = calendar_for(unit=found.location).tz
    error = None
    if request.method == "POST":
        start = parse_slot(request.POST.get("slot"), tz)
        try:
            if start is None:
                raise DomainError(_("Pilih salah satu slot."), code="invalid_slot")
            services.booking_reschedule(ticket=found, slot_start=start)
        except DomainError as exc:
            error = str(exc.message)
        else:
            messages.success(request, _("Jadwal Anda sudah dipindahkan."))
            return redirect("queueing:ticket", code=found.code)
    context = {
        "ticket": found,
        "queue_service": found.queue_service,
        "location": found.location,
        "error": error,
        **_slot_choice(found.queue_service, request.GET.get("tanggal")),
    }
    return render(request, "queueing/ticket_reschedule.html", context, status=400 if error else 200)


@require_http_methods(["GET", "POST"])
@public_view
@limit_posts(QueueBookingThrottle)
def ticket_cancel(request: HttpRequest, code: str) -> HttpResponse:
    """Cancel a booking or a waiting ticket; the code is the citizen's proof, so no account is needed."""
    found = selectors.ticket_by_code(code)
    if found.status not in (S.BOOKED, S.WAITING):
        messages.error(request, _("Tiket ini tidak dapat dibatalkan lagi."))
        return redirect("queueing:ticket", code=found.code)
    if request.method == "POST":
        try:
            # The code holder cancels, not the signed-in account (an officer cancels from the counter).
            services.ticket_cancel(
                ticket=found, actor=None, note="dibatalkan oleh warga (kode tiket)"
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Tiket Anda sudah dibatalkan."))
        return redirect("queueing:ticket", code=found.code)
    context = {
        "ticket": found,
        "tz": calendar_for(unit=found.location).tz,
        "zone": zone_name(found.location.region.timezone),
    }
    return render(request, "queueing/ticket_cancel.html", context)
