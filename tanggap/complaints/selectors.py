"""Reads of reports, already scoped to what the reader may see.

Staff lists are one query plus a fixed number to learn the reader's scope (roles, the units below
theirs), whatever the number of reports. Citizens reach a report either through its tracking code and
secret (the reporter) or its public page (only reports that are not rahasia, only PUBLIC steps).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from tanggap.accounts.models import Role
from tanggap.accounts.permissions import is_sysadmin, region_ids_with, unit_ids_with
from tanggap.complaints.models import Complaint, ComplaintEvent
from tanggap.complaints.permissions import VERIFIER_ROLES, staff_scope, team_unit_ids
from tanggap.complaints.services.filing import secret_digest, secret_matches
from tanggap.complaints.sla import TargetState, target_states
from tanggap.core.errors import NotFound

S = Complaint.Status
HANDLER_ROLES = frozenset({Role.UNIT_HEAD, Role.UNIT_ADMIN, Role.COMPLAINT_HANDLER})
LIST_RELATIONS = ("region", "unit", "category", "assignee", "kecamatan", "sla_policy")


def _scoped(user) -> QuerySet[Complaint]:
    scope = staff_scope(user)
    qs = Complaint.objects.select_related(*LIST_RELATIONS)
    return qs if scope is None else qs.filter(scope)


def complaint_list_visible_to(
    *, user, status: str | Iterable[str] | None = None, unit=None, q: str | None = None
) -> QuerySet[Complaint]:
    """Every report the user may read, newest first, optionally by status, unit and search text
    (tracking code, title or description; never the reporter's name)."""
    qs = _scoped(user)
    if status:
        qs = qs.filter(status=status) if isinstance(status, str) else qs.filter(status__in=status)
    if unit is not None:
        qs = qs.filter(unit_id=getattr(unit, "pk", unit))
    text = (q or "").strip()
    if text:
        qs = qs.filter(
            Q(tracking_code__iexact=text)
            | Q(title__icontains=text)
            | Q(description__icontains=text)
        )
    return qs.order_by("-created_at", "-id")


def verifier_worklist(*, user) -> QuerySet[Complaint]:
    """New reports and those waiting for the reporter before verification, in the regions the user
    verifies, the oldest verify deadline first."""
    qs = Complaint.objects.select_related(*LIST_RELATIONS).filter(
        Q(status=S.NEW) | Q(status=S.NEEDS_INFO, status_before_pause__in=("", S.NEW))
    )
    if not is_sysadmin(user):
        qs = qs.filter(region_id__in=region_ids_with(user, VERIFIER_ROLES))
    return qs.order_by(F("verify_due_at").asc(nulls_last=True), "created_at", "id")


def unit_worklist(*, user) -> QuerySet[Complaint]:
    """The open reports with the units the user works in (head, admin, handler, team member) or
    assigned to the user, the nearest resolve deadline first; paused ones after the running ones."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Complaint.objects.none()
    units = unit_ids_with(user, HANDLER_ROLES)
    return (
        Complaint.objects.select_related(*LIST_RELATIONS)
        .filter(status__in=(S.DISPATCHED, S.IN_PROGRESS, S.NEEDS_INFO), unit__isnull=False)
        .filter(Q(unit_id__in=units) | Q(unit_id__in=team_unit_ids(user)) | Q(assignee_id=user.pk))
        .order_by(
            F("paused_at").asc(nulls_first=True),
            F("resolve_due_at").asc(nulls_last=True),
            "created_at",
            "id",
        )
    )


def complaint_get_for_reporter(*, tracking_code: str, secret: str) -> Complaint:
    """The report whose tracking code and secret match; NotFound otherwise (the same answer whether the
    code or the secret was wrong)."""
    code = (tracking_code or "").strip().upper()
    complaint = (
        Complaint.objects.select_related("region", "unit", "category", "sla_policy")
        .filter(tracking_code=code)
        .first()
        if code
        else None
    )
    if complaint is None:
        secret_digest(secret or "")  # spend the same time as a real check
        raise NotFound(_("Kode lacak atau kode rahasia tidak cocok."))
    if not secret_matches(complaint, secret):
        raise NotFound(_("Kode lacak atau kode rahasia tidak cocok."))
    return complaint


def complaint_get_public(*, tracking_code: str) -> Complaint:
    """A report's public page: NotFound for rahasia reports, which have no public page at all."""
    code = (tracking_code or "").strip().upper()
    complaint = (
        Complaint.objects.select_related("region", "unit", "category")
        .filter(tracking_code=code, is_confidential=False)
        .first()
    )
    if complaint is None:
        raise NotFound(_("Laporan tidak ditemukan."))
    return complaint


def public_timeline(complaint: Complaint) -> QuerySet[ComplaintEvent]:
    """The PUBLIC steps of a report that is not rahasia, oldest first. The reporter appears only as
    "Pelapor" (never by name, so an anonymous reporter stays anonymous); rahasia reports raise NotFound.
    """
    if complaint.is_confidential:
        raise NotFound(_("Laporan tidak ditemukan."))
    return (
        ComplaintEvent.objects.filter(
            complaint_id=complaint.pk, visibility=ComplaintEvent.Visibility.PUBLIC
        )
        .select_related("unit")
        .prefetch_related("attachments")
        .order_by("at", "id")
    )


def reporter_timeline(complaint: Complaint) -> QuerySet[ComplaintEvent]:
    """The steps the reporter reads on their own page (public and reporter-only, no internal notes)."""
    return (
        ComplaintEvent.objects.filter(
            complaint_id=complaint.pk,
            visibility__in=(ComplaintEvent.Visibility.PUBLIC, ComplaintEvent.Visibility.REPORTER),
        )
        .select_related("unit")
        .prefetch_related("attachments")
        .order_by("at", "id")
    )


def complaint_targets(complaint: Complaint, now: dt.datetime) -> list[TargetState]:
    """Where each deadline target of the report stands at `now` (on track, due soon, breached, met)."""
    return target_states(complaint, now=now)
