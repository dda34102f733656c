"""View decorators every app's pages share.

- `public_view`: no sign-in; a domain NotFound/PermissionDenied becomes the 404/403 page.
- `signed_in_view`: sign-in required (a citizen's own pages), same error pages.
- `staff_view(allow)`: sign-in required and `allow(user)` true (403 otherwise); every staff page names who
  may open it, e.g. `@staff_view(is_staff_member)` or `@staff_view(is_catalog_staff)`.
- `limit_posts(throttle_class)`: a page's POST shares the API's per-client rate limit (429 page);
  `limit_requests(throttle_class)` limits every request (pages that open a record by its code).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from tanggap.core.errors import NotFound
from tanggap.core.errors import PermissionDenied as DomainPermissionDenied


def domain_errors_as_pages(view: Callable) -> Callable:
    """A domain NotFound becomes the 404 page and a domain PermissionDenied the 403 page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(str(exc.message)) from None
        except DomainPermissionDenied as exc:
            raise HttpForbidden(str(exc.message)) from None

    return wrapper


def public_view(view: Callable) -> Callable:
    """A page without sign-in: domain NotFound/PermissionDenied become the 404/403 pages."""
    return domain_errors_as_pages(view)


def signed_in_view(view: Callable) -> Callable:
    """Sign-in required (any account, citizens included); domain errors become the 404/403 pages."""
    return login_required(domain_errors_as_pages(view))


def staff_view(allow: Callable[[object], bool]) -> Callable[[Callable], Callable]:
    """Sign-in required, then `allow(user)` (403 otherwise); domain errors become the 404/403 pages."""

    def decorator(view: Callable) -> Callable:
        inner = domain_errors_as_pages(view)

        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not allow(request.user):
                raise HttpForbidden
            return inner(request, *args, **kwargs)

        return wrapper

    return decorator


def too_many_requests(request):
    """The 429 page in the visitor's language."""
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


def _refuse_over_rate(throttle_class, methods: frozenset[str] | None) -> Callable:
    """The 429 page for requests (of `methods`, or all) once the client passes `throttle_class`'s rate."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            limited = methods is None or request.method in methods
            if limited and not throttle_class().allow_request(request, None):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def limit_requests(throttle_class) -> Callable:
    """Refuse any request (GET included) with the 429 page once the client passes `throttle_class`'s rate:
    for pages that open a record by a code a script could try to guess."""
    return _refuse_over_rate(throttle_class, None)


def limit_posts(throttle_class) -> Callable:
    """Refuse a page's POST with a clear 429 page once the client passes the API's rate for `throttle_class`.

    Pages that create records for the public (bookings, kiosk tickets, reports, surveys) share the public
    API's per-client limits, so a script gets no more through the forms than through the API.
    """
    return _refuse_over_rate(throttle_class, frozenset({"POST"}))
