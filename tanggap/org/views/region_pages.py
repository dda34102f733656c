"""What every region page of the organisation (and user accounts) shares: the region in the URL, who may read or change it, the form page."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import HttpResponse
from django.shortcuts import render

from tanggap.accounts.permissions import can_view_region_internal
from tanggap.org import selectors
from tanggap.org.models import Region
from tanggap.org.permissions import may_manage_organisation

PAGE_SIZE = 25


def region_from_url(request, slug: str) -> Region:
    """The region named in the URL, if the user may see it (404 otherwise)."""
    return selectors.region_get_visible_to(user=request.user, slug=slug)


def require_manager(request, region) -> None:
    """403 unless the user may change this region's organisation (read-only roles may only look)."""
    if not may_manage_organisation(request.user, region):
        raise HttpForbidden


def require_reader(request, region) -> None:
    """403 unless the user may read the region's internal records (region roles and sysadmins)."""
    if not can_view_region_internal(request.user, region):
        raise HttpForbidden


def region_context(request, region: Region, **extra: Any) -> dict[str, Any]:
    """What the region's sub-navigation and action buttons need."""
    return {
        "region": region,
        "can_manage": may_manage_organisation(request.user, region),
        "can_read_internal": can_view_region_internal(request.user, region),
        **extra,
    }


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
