"""What Open311 may read: a region's active categories and its public reports.

Public means not *rahasia*: a confidential report is never listed and never found by id or token.
Open311 output has no reporter fields at all, so an anonymous reporter's identity cannot leak either.
"""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery

from tanggap.complaints.models import Complaint, ComplaintCategory, ComplaintEvent
from tanggap.org.models import Area, Region


def jurisdiction_get(slug: str) -> Region | None:
    """An active region by its slug (Open311's jurisdiction_id)."""
    return Region.objects.filter(slug=slug, is_active=True).first()


def sole_jurisdiction() -> Region | None:
    """The region, when this deployment hosts exactly one active region (jurisdiction_id optional)."""
    regions = list(Region.objects.filter(is_active=True)[:2])
    return regions[0] if len(regions) == 1 else None


def open311_services(region: Region) -> QuerySet[ComplaintCategory]:
    """The region's active categories, in their display order."""
    return ComplaintCategory.objects.filter(region=region, is_active=True).select_related(
        "default_unit"
    )


def open311_service_get(region: Region, code: str, *, active_only: bool = True):
    """One category of the region by slug, or None."""
    categories = ComplaintCategory.objects.filter(region=region, slug=code)
    if active_only:
        categories = categories.filter(is_active=True)
    return categories.select_related("default_unit").first()


def open311_category_ids(region: Region, codes: list[str]) -> dict[str, int]:
    """slug → id of the region's categories among `codes` (inactive ones too: their old reports)."""
    rows = ComplaintCategory.objects.filter(region=region, slug__in=codes).values_list("slug", "pk")
    return dict(rows)


def open311_area_get(region: Region, code: str) -> Area | None:
    """A kecamatan or desa/kelurahan of the region by its code (Open311's address_id)."""
    return Area.objects.filter(region=region, code=code).select_related("parent").first()


def open311_public_requests(region: Region | None = None) -> QuerySet[Complaint]:
    """Public (non-rahasia) reports, with what a request row shows, newest first, in one query.

    `status_note_message`, `status_note_code` and `status_note_params` are the latest public timeline
    step's free text, text code and parameters (rows.py makes them the request's `status_notes`, in
    the request's language).
    """
    latest_public_step = ComplaintEvent.objects.filter(
        complaint=OuterRef("pk"), visibility=ComplaintEvent.Visibility.PUBLIC
    ).order_by("-at", "-id")
    reports = Complaint.objects.filter(is_confidential=False, region__is_active=True)
    if region is not None:
        reports = reports.filter(region=region)
    return (
        reports.select_related("region", "category", "unit", "kecamatan", "desa")
        .annotate(
            status_note_message=Subquery(latest_public_step.values("message")[:1]),
            status_note_code=Subquery(latest_public_step.values("text_code")[:1]),
            status_note_params=Subquery(latest_public_step.values("params")[:1]),
        )
        .order_by("-created_at", "-id")
    )


def open311_request_get(code: str, region: Region | None = None) -> Complaint | None:
    """One public report by its tracking code (within the region, when one is named), or None."""
    return open311_public_requests(region).filter(tracking_code=code.strip().upper()).first()
