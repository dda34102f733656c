"""View decorators every app's pages share."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404

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
