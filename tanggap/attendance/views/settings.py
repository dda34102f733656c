"""Attendance settings (/kerja/atur/): the units' work schedules and office locations for the region admin
(BKPSDM staff act through that role) and the units' heads and admins; the recap's deduction rules and the
annual-leave policy for the region admin only. Each page reads through a selector scoped to the user and
writes through one service (services/settings.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.attendance import leave_rules, selectors
from tanggap.attendance.models import WorkSchedule
from tanggap.attendance.permissions import may_configure_region, may_open_settings
from tanggap.attendance.reports.recap import policy_for as recap_policy_for
from tanggap.attendance.services.settings import (
    LEAVE_FIELDS,
    PERCENT_FIELDS,
    leave_policy_set,
    leave_year_rule_set,
    office_location_create,
    office_location_update,
    recap_policy_set,
    work_schedule_set,
)
from tanggap.attendance.settings_forms import (
    LeavePolicyForm,
    LeaveYearRuleForm,
    LocationForm,
    RecapPolicyForm,
    ScheduleForm,
)
from tanggap.core.decorators import staff_view
from tanggap.core.errors import PermissionDenied
from tanggap.core.forms import run_form

LIST_LIMIT = 500


def _form_page(request: HttpRequest, form, *, title: str, intro: str = "") -> HttpResponse:
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "title": title, "intro": intro}
    return render(request, "attendance/settings_form.html", context, status=status)


def _region(request: HttpRequest):
    """The region whose policies the user sets (403 for a unit head or admin)."""
    region = selectors.settings_region_for(request.user)
    if region is None or not may_configure_region(request.user, region.pk):
        raise PermissionDenied()
    return region


@staff_view(may_open_settings)
def settings_index(request: HttpRequest) -> HttpResponse:
    units = list(selectors.settings_units_visible_to(request.user)[:LIST_LIMIT])
    schedules = selectors.schedules_of(units)
    region = selectors.settings_region_for(request.user)
    context = {
        "units": [(unit, schedules.get(unit.pk)) for unit in units],
        "locations": list(selectors.settings_locations_visible_to(request.user)[:LIST_LIMIT]),
        "region": region,
    }
    if region is not None and may_configure_region(request.user, region.pk):
        context["recap_policy"] = recap_policy_for(region)
        context["leave_policy"] = leave_rules.policy_for(region)
    return render(request, "attendance/settings_index.html", context)


@staff_view(may_open_settings)
def settings_schedule(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = selectors.settings_units_visible_to(request.user).filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    schedule = selectors.schedules_of([unit]).get(unit.pk) or WorkSchedule(unit=unit)
    initial = {
        "kind": schedule.kind,
        "start": schedule.start,
        "end": schedule.end,
        "flexible_minutes": schedule.flexible_minutes,
    }
    form = ScheduleForm(request.POST or None, initial=initial)
    ok, _saved = run_form(request, form, work_schedule_set, actor=request.user, unit=unit)
    if ok:
        messages.success(request, _("Jadwal kerja %(unit)s disimpan.") % {"unit": unit.name})
        return redirect("attendance:settings")
    return _form_page(request, form, title=_("Jadwal kerja %(unit)s") % {"unit": unit.name})


LOCATION_DEFAULTS = {
    "radius_m": 100,
    "allow_qr": True,
    "allow_geo": True,
    "allow_kiosk": True,
    "is_active": True,
}


@staff_view(may_open_settings)
def settings_location_create(request: HttpRequest) -> HttpResponse:
    units = selectors.settings_units_visible_to(request.user)
    form = LocationForm(request.POST or None, units=units, initial=LOCATION_DEFAULTS)
    ok, location = run_form(request, form, office_location_create, actor=request.user)
    if ok:
        messages.success(request, _("Lokasi %(name)s ditambahkan.") % {"name": location.name})
        return redirect("attendance:settings")
    return _form_page(request, form, title=_("Tambah lokasi presensi"))


@staff_view(may_open_settings)
def settings_location(request: HttpRequest, location_id: int) -> HttpResponse:
    location = selectors.settings_locations_visible_to(request.user).filter(pk=location_id).first()
    if location is None:
        raise Http404
    units = selectors.settings_units_visible_to(request.user)
    initial = {name: getattr(location, name) for name in [*LOCATION_DEFAULTS, "name", "address"]}
    initial.update(unit=location.unit_id, latitude=location.latitude, longitude=location.longitude)
    form = LocationForm(request.POST or None, units=units, initial=initial)
    ok, _saved = run_form(
        request, form, office_location_update, actor=request.user, location=location
    )
    if ok:
        messages.success(request, _("Lokasi %(name)s disimpan.") % {"name": location.name})
        return redirect("attendance:settings")
    return _form_page(request, form, title=_("Lokasi %(name)s") % {"name": location.name})


@staff_view(may_open_settings)
def settings_recap(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    policy = recap_policy_for(region)
    initial = {name: getattr(policy, name) for name in ["band_minutes", *PERCENT_FIELDS]}
    form = RecapPolicyForm(request.POST or None, initial=initial)
    ok, _saved = run_form(request, form, recap_policy_set, actor=request.user, region=region)
    if ok:
        messages.success(request, _("Aturan rekap presensi disimpan."))
        return redirect("attendance:settings")
    return _form_page(
        request,
        form,
        title=_("Aturan rekap presensi %(region)s") % {"region": region.name},
        intro=_(
            "Potongan TPP per kejadian menurut kategori, dalam persen; terlambat (TL) dan pulang "
            "sebelum waktu (PSW) memakai rentang dan potongan yang sama."
        ),
    )


def _leave_page(request: HttpRequest, region, policy_form, year_form, status: int) -> HttpResponse:
    rules = selectors.leave_year_rules_of(region)[:20]
    context = {
        "region": region,
        "form": policy_form,
        "year_form": year_form,
        "rules": list(rules),
    }
    return render(request, "attendance/settings_leave.html", context, status=status)


@staff_view(may_open_settings)
def settings_leave(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    policy = leave_rules.policy_for(region)
    initial = {name: getattr(policy, name) for name in LEAVE_FIELDS}
    form = LeavePolicyForm(request.POST or None, initial=initial)
    ok, _saved = run_form(request, form, leave_policy_set, actor=request.user, region=region)
    if ok:
        messages.success(request, _("Aturan cuti tahunan disimpan."))
        return redirect("attendance:settings_leave")
    year_form = LeaveYearRuleForm(initial={"year": timezone.localdate().year})
    return _leave_page(request, region, form, year_form, 400 if request.method == "POST" else 200)


@staff_view(may_open_settings)
def settings_leave_year(request: HttpRequest) -> HttpResponse:
    """The per-year rule on cuti bersama (POST; a GET goes to the leave settings page)."""
    region = _region(request)
    if request.method != "POST":
        return redirect("attendance:settings_leave")
    year_form = LeaveYearRuleForm(request.POST)
    ok, rule = run_form(request, year_form, leave_year_rule_set, actor=request.user, region=region)
    if ok:
        messages.success(request, _("Aturan cuti bersama %(year)s disimpan.") % {"year": rule.year})
        return redirect("attendance:settings_leave")
    policy = leave_rules.policy_for(region)
    form = LeavePolicyForm(initial={name: getattr(policy, name) for name in LEAVE_FIELDS})
    return _leave_page(request, region, form, year_form, 400)
