"""A location's entrance kiosks, for those who manage its counters: register one (its token and pairing
link are shown once, on the answer to the form), see when each was last used, and revoke a lost one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tanggap.accounts.permissions import is_staff_member
from tanggap.core.calendar import calendar_for
from tanggap.core.decorators import staff_view
from tanggap.core.forms import run_form
from tanggap.core.qr import qr_svg
from tanggap.queueing import selectors, services
from tanggap.queueing.forms import KioskDeviceForm


@require_http_methods(["GET", "POST"])
@staff_view(is_staff_member)
def config_kiosks(request: HttpRequest, location_id: int) -> HttpResponse:
    """The location's kiosks and the form that registers one."""
    location = selectors.location_for_config(user=request.user, location_id=location_id)
    form = KioskDeviceForm(request.POST if request.method == "POST" else None)
    saved, result = run_form(
        request, form, services.kiosk_device_register, actor=request.user, location=location
    )
    if saved:
        device, token = result
        return _registered(request, location, device, token)
    context = {
        "location": location,
        "form": form,
        "kiosks": selectors.kiosk_devices_of(location),
        "tz": calendar_for(unit=location).tz,
    }
    return render(
        request, "queueing/config/kiosks.html", context, status=400 if form.errors else 200
    )


def _registered(request: HttpRequest, location, device, token: str) -> HttpResponse:
    """The one page that shows the new kiosk's token and pairing link; never cached, never shown again."""
    pair_url = request.build_absolute_uri(reverse("queueing:kiosk_pair")) + "#" + token
    context = {
        "location": location,
        "kiosk": device,
        "token": token,
        "pair_url": pair_url,
        "walk_in_api": request.build_absolute_uri(
            reverse("queue-location-walk-in", kwargs={"location_id": location.pk})
        ),
        "qr_svg": qr_svg(
            pair_url, title=_("Kode QR pemasangan kiosk %(name)s") % {"name": device.name}
        ),
    }
    response = render(request, "queueing/config/kiosk_created.html", context)
    add_never_cache_headers(response)
    return response


@require_POST
@staff_view(is_staff_member)
def config_kiosk_revoke(request: HttpRequest, location_id: int, pk: int) -> HttpResponse:
    """Revoke a kiosk: its token stops working at once, on the paired browser and for the API."""
    location = selectors.location_for_config(user=request.user, location_id=location_id)
    device = services.kiosk_device_revoke(
        actor=request.user, device=selectors.kiosk_device_of(location, pk)
    )
    messages.success(
        request, _("Kiosk “%(name)s” dicabut; tokennya tidak berlaku lagi.") % {"name": device.name}
    )
    return redirect("queueing:config_kiosks", location_id=location.pk)
