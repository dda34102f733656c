"""The superior's team today (/kerja/tim/): for who heads a unit."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tanggap.attendance.permissions import official_of
from tanggap.attendance.reports.team import team_today
from tanggap.attendance.views.leave import is_superior_somewhere
from tanggap.core.decorators import staff_view


@require_GET
@staff_view(is_superior_somewhere)
def team(request: HttpRequest) -> HttpResponse:
    return render(request, "attendance/team.html", {"team": team_today(official_of(request.user))})
