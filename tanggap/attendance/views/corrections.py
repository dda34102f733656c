"""Corrections to an official's day (/kerja/koreksi/?unit=&official=&tanggal=): pick the unit, the
official and the date, see the day's events and status, enter a correction with its reason; below, the
corrections made. For the region admin (BKPSDM) and the heads and admins (role) of units."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tanggap.attendance import selectors
from tanggap.attendance.forms import CorrectionForm, CorrectionPickForm
from tanggap.attendance.permissions import may_open_recap
from tanggap.attendance.reports.days import day_statuses
from tanggap.attendance.services.corrections import day_correction_create
from tanggap.core.calendar import region_today, region_tz
from tanggap.core.decorators import staff_view
from tanggap.core.forms import run_form


def _day(official, day):
    """The day's events (cancelled ones marked), its status and its corrections."""
    events = list(selectors.events_of_official_day(official, day, region_tz(official.region)))
    statuses = day_statuses(
        region=official.region,
        officials=[official],
        officials_qs=type(official).objects.filter(pk=official.pk),
        first=day,
        last=day,
        today=region_today(official.region),
    )
    status = next(iter(statuses))[1][0][1]
    corrections = list(selectors.corrections_of_day(official, day))
    return events, status, corrections


@staff_view(may_open_recap)
def corrections(request: HttpRequest) -> HttpResponse:
    units = selectors.recap_units_visible_to(request.user)
    query = request.GET
    unit = None
    pick = CorrectionPickForm(
        query, units=units, officials=selectors.officials_to_correct(request.user)
    )
    context: dict = {"pick": pick, "status_code": 200}
    if pick.is_valid():
        unit = pick.cleaned_data["unit"]
        official, day = pick.cleaned_data["official"], pick.cleaned_data["tanggal"]
        if unit is not None and official is not None and official.unit_id != unit.pk:
            pick.add_error("official", _("Pegawai ini bukan dari unit yang dipilih."))
        elif official is not None and day is not None:
            events, status, done = _day(official, day)
            form = CorrectionForm(
                request.POST or None,
                events=selectors.events_of_official_day(
                    official, day, region_tz(official.region)
                ).filter(cancellations__isnull=True),
            )
            ok, _correction = run_form(
                request,
                form,
                day_correction_create,
                actor=request.user,
                official=official,
                date=day,
            )
            if ok:
                messages.success(
                    request,
                    _("Koreksi presensi %(name)s tanggal %(day)s tersimpan.")
                    % {"name": official.display_name, "day": day.strftime("%d-%m-%Y")},
                )
                return redirect(f"{reverse('attendance:corrections')}?{_query(query)}")
            context.update(
                official=official, day=day, events=events, status=status, done=done, form=form
            )
            if form.errors:
                context["status_code"] = 400
    if pick.errors:
        context["status_code"] = 400
    # The officials to choose from: the chosen unit's (all when none is chosen).
    pick.fields["official"].queryset = selectors.officials_to_correct(request.user, unit)
    context["recent"] = list(selectors.day_corrections_visible_to(request.user)[:50])
    if request.method == "POST" and "form" not in context:
        context["status_code"] = 400
        messages.error(request, _("Pilih pegawai dan tanggal dulu."))
    return render(request, "attendance/corrections.html", context, status=context["status_code"])


def _query(query: QueryDict) -> str:
    kept = QueryDict(mutable=True)
    for name in ("unit", "official", "tanggal"):
        if name in query:
            kept[name] = query[name]
    return kept.urlencode()
