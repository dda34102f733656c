"""What every queue page shares: domain errors as 404/403 pages, htmx detection, service errors on forms."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from tanggap.core.decorators import domain_errors_as_pages
from tanggap.core.errors import DomainError


def public_view(view: Callable) -> Callable:
    """A page without sign-in: domain NotFound/PermissionDenied become the 404/403 pages."""
    return domain_errors_as_pages(view)


def staff_view(view: Callable) -> Callable:
    """Sign-in required; domain NotFound/PermissionDenied become the 404/403 pages."""
    return login_required(public_view(view))


def is_htmx(request) -> bool:
    """The request came from htmx (it swaps a fragment instead of loading a page)."""
    return request.headers.get("HX-Request") == "true"


def add_domain_error(form, exc: DomainError) -> None:
    """Show a refusal on the field it concerns (or on the form)."""
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, str(exc.message))


NIK_CODES = {"nik_format", "nik_region", "nik_birth", "nik_sequence"}


def booking_error_field(exc: DomainError) -> str | None:
    """Which booking-form field a service refusal concerns."""
    if exc.field:
        return exc.field
    if exc.code in NIK_CODES:
        return "nik"
    if exc.code == "phone_format":
        return "contact_phone"
    return None


def limit_posts(throttle_class) -> Callable:
    """Refuse a page's POST with a clear 429 page once the client passes the API's rate for `throttle_class`.

    Pages that create tickets (booking, kiosk) share the public API's per-client limits, so a script gets
    no more through the forms than through the API.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST" and not throttle_class().allow_request(request, None):
                return render(
                    request,
                    "errors/error.html",
                    {
                        "status": 429,
                        "message": _(
                            "Terlalu banyak permintaan dari perangkat ini. Tunggu sebentar lalu coba lagi."
                        ),
                    },
                    status=429,
                )
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
