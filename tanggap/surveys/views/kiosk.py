"""Kiosk mode on a counter tablet: a front-desk officer of the location signs in once; the tablet then
offers the survey to each citizen just served, one response per served ticket.

The stored response carries the channel ("kiosk") and the location, never the officer or the counter.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tanggap.accounts.permissions import is_staff_member
from tanggap.core.decorators import staff_view
from tanggap.queueing.models import Ticket
from tanggap.surveys import selectors
from tanggap.surveys.forms import SurveyForm
from tanggap.surveys.invitations import invitation_from_ticket
from tanggap.surveys.views.submission import submit_form

REFRESH_SECONDS = 10  # the waiting screen looks for the next served citizen


@require_GET
@staff_view(is_staff_member)
def kiosk(request: HttpRequest, location_id: int) -> HttpResponse:
    """The waiting screen: the citizen just served, and today's other served tickets to pick by number."""
    place = selectors.kiosk_location_for(user=request.user, location_id=location_id)
    pending = selectors.served_today_without_survey(place)
    number = request.GET.get("nomor", "").strip().upper()[:12]
    if number:
        found = next((t for t in pending if t.number.upper() == number), None)
        if found is not None:
            return redirect("surveys:kiosk_take", location_id=place.pk, code=found.code)
        messages.error(
            request,
            _("Nomor %(n)s tidak ada di antara tiket hari ini yang selesai dan belum disurvei.")
            % {"n": number},
        )
    context = {
        "location": place,
        "latest": pending[0] if pending else None,
        "others": pending[1:],
        "refresh": REFRESH_SECONDS,
        "number": number,
    }
    return render(request, "surveys/kiosk.html", context)


@require_http_methods(["GET", "POST"])
@staff_view(is_staff_member)
def kiosk_take(request: HttpRequest, location_id: int, code: str) -> HttpResponse:
    """The questionnaire for one ticket served today at this location; then back to the waiting screen."""
    place = selectors.kiosk_location_for(user=request.user, location_id=location_id)
    ticket = selectors.kiosk_ticket(place, code)
    if ticket is None or ticket.status != Ticket.Status.DONE:
        messages.error(request, _("Tiket itu belum selesai dilayani hari ini di lokasi ini."))
        return redirect("surveys:kiosk", location_id=place.pk)
    invitation = invitation_from_ticket(ticket)
    if selectors.source_answered(invitation.source_key):
        messages.info(request, _("Survei untuk tiket %(n)s sudah diisi.") % {"n": ticket.number})
        return redirect("surveys:kiosk", location_id=place.pk)
    form = SurveyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and submit_form(form, invitation=invitation, channel="kiosk"):
        messages.success(request, _("Terima kasih! Penilaian Anda sudah kami terima."))
        return redirect("surveys:kiosk", location_id=place.pk)
    context = {"form": form, "location": place, "ticket": ticket}
    return render(request, "surveys/kiosk_take.html", context, status=400 if form.errors else 200)
