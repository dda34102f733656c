"""Home page, staff dashboard, health check and friendly error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
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


API_PREFIXES = ("/api/", "/open311/")


API_MESSAGES = {
    400: _lazy("Permintaan tidak dapat diproses."),
    403: _lazy("Anda tidak berwenang membuka alamat ini."),
    404: _lazy("Alamat yang Anda buka tidak ada."),
}


def error_response(request, status: int, code: str, message: str = ""):
    """The error page (its own wording when `message` is empty), or JSON {code, message} for the API and
    Open311, whose clients read no HTML."""
    if request.path.startswith(API_PREFIXES):
        return JsonResponse(
            {"code": code, "message": str(message or API_MESSAGES[status])}, status=status
        )
    return render(
        request, "errors/error.html", {"status": status, "message": message}, status=status
    )


def bad_request(request, exception=None):
    return error_response(request, 400, "bad_request", _("Permintaan tidak dapat diproses."))


def permission_denied(request, exception=None):
    return error_response(request, 403, "permission_denied", "")


def page_not_found(request, exception=None):
    return error_response(request, 404, "not_found", "")


def csrf_failure(request, reason=""):
    """A form or API call without a valid CSRF token (a stale page, or a script without the session's token)."""
    return error_response(
        request,
        403,
        "csrf_failed",
        _("Sesi formulir sudah kedaluwarsa. Muat ulang halaman lalu coba lagi."),
    )


def server_error(request):
    return render(request, "errors/error.html", {"status": 500}, status=500)
