"""What every org (and accounts) page shares: staff-only access, the region in the URL, service errors on forms."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.paginator import Page, Paginator
from django.http import HttpResponse
from django.shortcuts import render

from tanggap.accounts.permissions import (
    can_manage_region,
    can_view_region_internal,
    is_staff_member,
)
from tanggap.core.decorators import domain_errors_as_pages
from tanggap.core.errors import DomainError
from tanggap.core.errors import PermissionDenied as DomainPermissionDenied
from tanggap.org import selectors
from tanggap.org.models import Region

PAGE_SIZE = 25


def staff_view(view: Callable) -> Callable:
    """Signed-in staff only (403 otherwise); domain NotFound/PermissionDenied become 404/403 pages."""

    inner = domain_errors_as_pages(view)

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_staff_member(request.user):
            raise HttpForbidden
        return inner(request, *args, **kwargs)

    return wrapper


def region_from_url(request, slug: str) -> Region:
    """The region named in the URL, if the user may see it (404 otherwise)."""
    return selectors.region_get_visible_to(user=request.user, slug=slug)


def require_manager(request, region) -> None:
    """403 unless the user may change this region's organisation (read-only roles may only look)."""
    if not can_manage_region(request.user, region):
        raise HttpForbidden


def require_reader(request, region) -> None:
    """403 unless the user may read the region's internal records (region roles and sysadmins)."""
    if not can_view_region_internal(request.user, region):
        raise HttpForbidden


def region_context(request, region: Region, **extra: Any) -> dict[str, Any]:
    """What the region's sub-navigation and action buttons need."""
    return {
        "region": region,
        "can_manage": can_manage_region(request.user, region),
        "can_read_internal": can_view_region_internal(request.user, region),
        **extra,
    }


def run_service(form, service: Callable, **kwargs) -> tuple[bool, Any]:
    """Call a service; a refusal becomes an error on the form (on its field when the service names one)."""
    try:
        return True, service(**kwargs)
    except DomainPermissionDenied:
        raise
    except DomainError as exc:
        add_domain_error(form, exc)
        return False, None


def run_form(request, form, service: Callable, **kwargs) -> tuple[bool, Any]:
    """On a valid POST, call the service with kwargs and the form's cleaned data, as run_service does."""
    if request.method != "POST" or not form.is_valid():
        return False, None
    return run_service(form, service, **kwargs, **form.cleaned_data)


def form_page(
    request, region: Region, form, *, title: str, cancel_url: str, section: str, **extra: Any
) -> HttpResponse:
    """The region's plain form page (org/form.html); extra is e.g. intro, submit_label, danger."""
    return render(
        request,
        "org/form.html",
        region_context(
            request,
            region,
            form=form,
            title=title,
            cancel_url=cancel_url,
            section=section,
            **extra,
        ),
    )


def add_domain_error(form, exc: DomainError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, str(exc.message))


def paginate(request, queryset, per_page: int = PAGE_SIZE) -> Page:
    """One page of a list; a wrong page number shows the nearest page instead of an error."""
    return Paginator(queryset, per_page).get_page(request.GET.get("halaman"))


def run_action(request, service: Callable, *, success: str, **kwargs) -> bool:
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
