"""Home page, staff dashboard, health check and friendly error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tanggap.core.registry import areas_for, dashboard_sections, home_sections, render_sections


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The public home page: search the catalogue, browse by category, agency and location."""
    return render(request, "core/home.html", {"sections": render_sections(home_sections, request)})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The staff landing page: what this user's roles let them work on."""
    return render(
        request,
        "core/dashboard.html",
        {
            "areas": areas_for(request.user),
            "sections": render_sections(dashboard_sections, request),
        },
    )


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability for the load balancer."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def bad_request(request, exception=None):
    return render(request, "errors/error.html", {"status": 400}, status=400)


def permission_denied(request, exception=None):
    return render(request, "errors/error.html", {"status": 403}, status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/error.html", {"status": 404}, status=404)


def server_error(request):
    return render(request, "errors/error.html", {"status": 500}, status=500)
