"""Every read of attendance and leave, scoped to who asks: an official sees their own records, the direct
superior the team's, a unit head (role) the unit's and the units' below, the region admin the region's."""

from __future__ import annotations

from django.db.models import Q, QuerySet, Sum

from tanggap.accounts.models import Role
from tanggap.accounts.permissions import is_sysadmin, region_ids_with, unit_ids_with
from tanggap.attendance.models import AttendanceEvent, LeaveLedgerEntry, LeaveRequest
from tanggap.attendance.permissions import official_of
from tanggap.org.models import Official, Unit


def official_scope(user, prefix: str = "") -> Q:
    """The officials whose attendance and leave `user` may read, as a filter (`prefix` for relations)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    if is_sysadmin(user):
        return Q()
    scope = Q(**{f"{prefix}region_id__in": region_ids_with(user, {Role.REGION_ADMIN})})
    scope |= Q(**{f"{prefix}unit_id__in": unit_ids_with(user, {Role.UNIT_HEAD})})
    me = official_of(user)
    if me is not None:
        scope |= Q(**{f"{prefix}pk": me.pk})
        headed = list(Unit.objects.filter(head=me).values_list("pk", flat=True))
        if headed:
            # The team: the headed units' staff, and the heads (or, headless, the staff) of units below.
            scope |= Q(**{f"{prefix}unit_id__in": headed})
            scope |= Q(**{f"{prefix}unit__parent_id__in": headed, f"{prefix}unit__head_id": None})
            below = Unit.objects.filter(parent_id__in=headed, head__isnull=False)
            scope |= Q(**{f"{prefix}pk__in": list(below.values_list("head_id", flat=True))})
    return scope


def officials_visible_to(user) -> QuerySet[Official]:
    return Official.objects.filter(official_scope(user))


def attendance_events_visible_to(user) -> QuerySet[AttendanceEvent]:
    return AttendanceEvent.objects.filter(official_scope(user, "official__")).select_related(
        "official", "location"
    )


def leave_requests_visible_to(user) -> QuerySet[LeaveRequest]:
    return LeaveRequest.objects.filter(official_scope(user, "official__")).select_related(
        "official", "leave_type"
    )


def leave_ledger_visible_to(user) -> QuerySet[LeaveLedgerEntry]:
    return LeaveLedgerEntry.objects.filter(official_scope(user, "official__")).select_related(
        "leave_type"
    )


def annual_balance(official, year: int) -> int:
    """The annual-leave balance of `year`: the sum of the year's ledger rows of the types that use it."""
    total = LeaveLedgerEntry.objects.filter(
        official=official, year=year, leave_type__uses_annual_balance=True
    ).aggregate(total=Sum("days"))["total"]
    return total or 0


def pending_annual_days(official, year: int, *, exclude=None) -> int:
    """Working days held back by the official's pending requests on the annual balance of `year`."""
    pending = LeaveRequest.objects.filter(
        official=official,
        status=LeaveRequest.Status.PENDING,
        start__year=year,
        leave_type__uses_annual_balance=True,
    )
    if exclude is not None:
        pending = pending.exclude(pk=exclude.pk)
    return pending.aggregate(total=Sum("working_days"))["total"] or 0
