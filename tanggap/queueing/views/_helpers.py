"""What every queue page shares: domain errors as 404/403 pages, htmx detection, service errors on forms."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from tanggap.core.errors import DomainError, NotFound
from tanggap.core.errors import PermissionDenied as DomainPermissionDenied


def public_view(view: Callable) -> Callable:
    """A page without sign-in: a domain NotFound is the 404 page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(str(exc.message)) from None
        except DomainPermissionDenied as exc:
            raise HttpForbidden(str(exc.message)) from None

    return wrapper


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
