"""Queue configuration for a location's head or unit admin: settings, queued services, counters."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tanggap.accounts.permissions import is_staff_member
from tanggap.core.calendar import calendar_for
from tanggap.core.decorators import staff_view
from tanggap.core.forms import run_form
from tanggap.org.models import Unit
from tanggap.queueing import selectors, services
from tanggap.queueing.forms import CounterForm, QueueServiceForm, QueueSettingsForm
from tanggap.queueing.services.config import SETTINGS_FLAGS, SETTINGS_LIMITS


def _location(request, location_id: int) -> Unit:
    return selectors.location_for_config(user=request.user, location_id=location_id)


def _overview(location_id: int):
    return redirect("queueing:config_location", location_id=location_id)


def _config_form(
    request: HttpRequest,
    location: Unit,
    form,
    write,
    /,
    *,
    success: str,
    title: str,
    intro: str | None = None,
    **kwargs,
) -> HttpResponse:
    """A valid POST goes through the service (with kwargs) back to the overview; else the form is shown."""
    saved, _result = run_form(request, form, write, actor=request.user, **kwargs)
    if saved:
        messages.success(request, success)
        return _overview(location.pk)
    context = {"location": location, "form": form, "title": title}
    if intro is not None:
        context["intro"] = intro
    return render(request, "queueing/config/form.html", context)


@require_GET
@staff_view(is_staff_member)
def config_list(request: HttpRequest) -> HttpResponse:
    """The locations whose queue this user may configure."""
    locations = list(selectors.locations_configurable_by(request.user))
    if not locations:
        raise HttpForbidden
    context = {
        "with_queue": [place for place in locations if place.service_count],
        "without_queue": [place for place in locations if not place.service_count],
    }
    return render(request, "queueing/config/list.html", context)


@require_GET
@staff_view(is_staff_member)
def config_location(request: HttpRequest, location_id: int) -> HttpResponse:
    """One location's queue at a glance: settings, queued services, counters, kiosks, public screens."""
    location = _location(request, location_id)
    context = {
        "location": location,
        "queue_settings": selectors.settings_for(location),
        "queue_services": selectors.queue_services_of(location),
        "counters": selectors.counters_of(location),
        "calendar": calendar_for(unit=location),
        "can_add_service": selectors.services_queueable_at(location).exists(),
        "active_kiosks": selectors.kiosk_devices_of(location).filter(is_active=True).count(),
    }
    return render(request, "queueing/config/location.html", context)


@require_http_methods(["GET", "POST"])
@staff_view(is_staff_member)
def config_settings(request: HttpRequest, location_id: int) -> HttpResponse:
    """Change the location's slot length, booking horizon, grace period, notices and chime."""
    location = _location(request, location_id)
    conf = selectors.settings_for(location)
    fields = (*SETTINGS_LIMITS, *SETTINGS_FLAGS)
    initial = {name: getattr(conf, name) for name in fields}
    form = QueueSettingsForm(request.POST if request.method == "POST" else None, initial=initial)
    return _config_form(
        request,
        location,
        form,
        services.queue_settings_update,
        success=_("Pengaturan antrean disimpan."),
        title=_("Pengaturan antrean"),
        location=location,
    )


@require_http_methods(["GET", "POST"])
@staff_view(is_staff_member)
def config_service_add(request: HttpRequest, location_id: int) -> HttpResponse:
    """Queue a catalogue service offered at this location."""
    location = _location(request, location_id)
    choices = selectors.services_queueable_at(location)
    form = QueueServiceForm(
        request.POST if request.method == "POST" else None,
        services=choices,
        initial={
            "capacity_per_slot": 4,
            "default_service_minutes": 10,
            "allow_booking": True,
            "allow_walk_in": True,
            "order": 0,
        },
    )
    return _config_form(
        request,
        location,
        form,
        services.queue_service_create,
        success=_("Layanan ditambahkan ke antrean."),
        title=_("Tambah layanan antrean"),
        intro=_("Hanya layanan katalog yang diselenggarakan di lokasi ini yang dapat dipilih."),
        location=location,
    )


QS_FIELDS = (
    "prefix",
    "capacity_per_slot",
    "default_service_minutes",
    "allow_booking",
    "allow_walk_in",
    "order",
    "is_active",
)


@require_http_methods(["GET", "POST"])
@staff_view(is_staff_member)
def config_service_edit(request: HttpRequest, location_id: int, pk: int) -> HttpResponse:
    """Change a queued service (turning it off keeps its tickets and history)."""
    location = _location(request, location_id)
    queue_service = selectors.queue_service_of(location, pk)
    form = QueueServiceForm(
        request.POST if request.method == "POST" else None,
        editing=True,
        initial={name: getattr(queue_service, name) for name in QS_FIELDS},
    )
    return _config_form(
        request,
        location,
        form,
        services.queue_service_update,
        success=_("Layanan antrean disimpan."),
        title=queue_service.service.name,
        queue_service=queue_service,
    )


@require_http_methods(["GET", "POST"])
@staff_view(is_staff_member)
def config_counter_add(request: HttpRequest, location_id: int) -> HttpResponse:
    """Add a counter and choose the services it handles."""
    location = _location(request, location_id)
    next_number = selectors.counters_of(location).count() + 1
    form = CounterForm(
        request.POST if request.method == "POST" else None,
        location=location,
        initial={
            "name": _("Loket %(n)s") % {"n": next_number},
            "is_open": True,
            "order": next_number,
        },
    )
    return _config_form(
        request,
        location,
        form,
        services.counter_create,
        success=_("Loket ditambahkan."),
        title=_("Tambah loket"),
        location=location,
    )


@require_http_methods(["GET", "POST"])
@staff_view(is_staff_member)
def config_counter_edit(request: HttpRequest, location_id: int, pk: int) -> HttpResponse:
    """Rename a counter, change its services, open or close it."""
    location = _location(request, location_id)
    counter = selectors.counter_of(location, pk)
    form = CounterForm(
        request.POST if request.method == "POST" else None,
        location=location,
        initial={
            "name": counter.name,
            "services": list(counter.services.all()),
            "is_open": counter.is_open,
            "order": counter.order,
        },
    )
    return _config_form(
        request,
        location,
        form,
        services.counter_update,
        success=_("Loket disimpan."),
        title=counter.name,
        counter=counter,
    )
