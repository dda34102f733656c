"""The monthly attendance recap (/kerja/rekap/?unit=&bulan=YYYY-MM) for region admins (the region) and
unit heads and admins (their units), with CSV and XLSX downloads for the allowance (TPP) calculation."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tanggap.attendance import selectors
from tanggap.attendance.forms import RecapForm
from tanggap.attendance.permissions import may_open_recap, may_read_region, may_read_unit_recap
from tanggap.attendance.reports.exports import recap_response
from tanggap.attendance.reports.recap import Recap, month_recap
from tanggap.core import exports
from tanggap.core.decorators import staff_view
from tanggap.core.errors import PermissionDenied


def _recap(request: HttpRequest) -> tuple[RecapForm, Recap | None, str]:
    """The form, the recap it asks for (None on bad input) and a message when there is none."""
    units = selectors.recap_units_visible_to(request.user)
    form = RecapForm(request.GET, units=units)
    if not form.is_valid():
        return form, None, ""
    unit = form.cleaned_data["unit"]
    month = form.cleaned_data["bulan"] or timezone.localdate().replace(day=1)
    if unit is not None:
        # The form's choices already are the user's units; checked again where the rule lives.
        if not may_read_unit_recap(request.user, unit):
            raise PermissionDenied()
        return form, month_recap(region=unit.region, unit=unit, month=month), ""
    region = selectors.recap_region_for(request.user)
    if region is not None and may_read_region(request.user, region.pk):
        return form, month_recap(region=region, month=month), ""
    first = units.first()
    if first is None:
        return form, None, _("Belum ada unit yang rekapnya dapat Anda lihat.")
    if first.region_id and not may_read_region(request.user, first.region_id):
        return form, month_recap(region=first.region, unit=first, month=month), ""
    return form, None, _("Pilih unit.")


def _query(request: HttpRequest) -> str:
    """The page's unit and month, for the download links."""
    query = QueryDict(mutable=True)
    for name in ("unit", "bulan"):
        if name in request.GET:
            query[name] = request.GET[name]
    return query.urlencode()


@require_GET
@staff_view(may_open_recap)
def recap(request: HttpRequest) -> HttpResponse:
    form, result, message = _recap(request)
    return render(
        request,
        "attendance/recap.html",
        {"form": form, "recap": result, "message": message, "query": _query(request)},
        status=400 if form.errors else 200,
    )


@require_GET
@staff_view(may_open_recap)
def recap_export(request: HttpRequest) -> HttpResponse:
    """The recap per official (?format=csv), or XLSX (?format=xlsx) with a sheet saying what the file
    is, the officials and the units."""
    fmt = request.GET.get("format", "")
    if fmt not in exports.CONTENT_TYPES:
        raise Http404
    form, result, message = _recap(request)
    if result is None:
        return render(
            request,
            "attendance/recap.html",
            {"form": form, "recap": None, "message": message, "query": ""},
            status=400,
        )
    return recap_response(result, fmt)
