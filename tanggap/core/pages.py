"""Small helpers for pages: htmx detection, pagination, plain action buttons with flash messages."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.paginator import Page, Paginator

from tanggap.core.errors import DomainError
from tanggap.core.errors import PermissionDenied as DomainPermissionDenied

PAGE_SIZE = 25


def is_htmx(request) -> bool:
    """The request came from htmx (it swaps a fragment instead of loading a page)."""
    return request.headers.get("HX-Request") == "true"


def paginate(request, queryset, per_page: int = PAGE_SIZE, *, param: str = "halaman") -> Page:
    """One page of a list; a wrong page number shows the nearest page instead of an error."""
    return Paginator(queryset, per_page).get_page(request.GET.get(param))


def run_action(request, service: Callable, /, *, success: str, **kwargs) -> bool:
    """Call a service behind a plain button: the outcome (or the refusal) becomes a flash message."""
    try:
        service(**kwargs)
    except DomainPermissionDenied:
        raise
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return False
    messages.success(request, success)
    return True
