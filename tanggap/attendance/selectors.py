"""Every read of attendance and leave, scoped to who asks: an official sees their own records, the direct
superior the team's, a unit head (role) the unit's and the units' below, the region admin the region's."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q, QuerySet, Sum

from tanggap.accounts.models import Role
from tanggap.accounts.permissions import is_sysadmin, region_ids_with, unit_ids_with
from tanggap.attendance.geofence import haversine_m
from tanggap.attendance.models import (
    AttendanceEvent,
    LeaveLedgerEntry,
    LeaveRequest,
    LeaveType,
    OfficeLocation,
)
from tanggap.attendance.permissions import RECAP_UNIT_ROLES, official_of
from tanggap.org.models import Official, Region, Unit


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


# --- what the pages read ---------------------------------------------------------------------------


def events_of_day(official, day: dt.date) -> QuerySet[AttendanceEvent]:
    """The official's own check-ins and check-outs of `day` (the site's time zone), earliest first."""
    return (
        AttendanceEvent.objects.filter(official=official, recorded_at__date=day)
        .select_related("location")
        .order_by("recorded_at", "id")
    )


def own_leave_requests(official) -> QuerySet[LeaveRequest]:
    """The official's own leave requests, newest first."""
    return LeaveRequest.objects.filter(official=official).select_related("leave_type")


def leave_requests_to_decide(user) -> QuerySet[LeaveRequest]:
    """The pending requests whose official has `user` as direct superior (permissions.superior_of as a
    filter): staff of a unit the user heads, and heads (or, headless, staff) of the units below it."""
    me = official_of(user)
    if me is None:
        return LeaveRequest.objects.none()
    own_unit = Q(official__unit__head=me)
    parent_unit = Q(official__unit__parent__head=me) & (
        Q(official__unit__head__isnull=True) | Q(official__unit__head=F("official"))
    )
    return (
        LeaveRequest.objects.filter(status=LeaveRequest.Status.PENDING)
        .filter(own_unit | parent_unit)
        .exclude(official=me)
        .select_related("official", "official__unit", "leave_type")
        .order_by("start", "id")
    )


def checkin_locations(official) -> QuerySet[OfficeLocation]:
    """The active office locations of the official's region (where a check-in may happen)."""
    return OfficeLocation.objects.filter(is_active=True, unit__region_id=official.region_id)


def nearest_checkin_location(official, latitude, longitude) -> OfficeLocation | None:
    """The region's active location nearest the phone (the fence check then decides)."""
    places = list(checkin_locations(official))
    try:
        return min(
            places,
            key=lambda p: haversine_m(latitude, longitude, float(p.latitude), float(p.longitude)),
            default=None,
        )
    except (TypeError, ValueError):
        return None


def location_get(location_id: int) -> OfficeLocation | None:
    """An active office location with its unit (the QR screen checks who manages it)."""
    return (
        OfficeLocation.objects.filter(pk=location_id, is_active=True).select_related("unit").first()
    )


def requestable_leave_types() -> QuerySet[LeaveType]:
    return LeaveType.objects.filter(is_active=True)


def heads_a_unit(official) -> bool:
    return official is not None and Unit.objects.filter(head=official).exists()


# --- the monthly recap ---------------------------------------------------------------------------------


def recap_units_visible_to(user) -> QuerySet[Unit]:
    """The units whose recap `user` may open: the regions they administer, the units (and those below)
    where they are head or admin (role); every unit for a system administrator."""
    units = Unit.objects.filter(is_active=True).select_related("region")
    if not is_sysadmin(user):
        units = units.filter(
            Q(region_id__in=region_ids_with(user, {Role.REGION_ADMIN}))
            | Q(pk__in=unit_ids_with(user, RECAP_UNIT_ROLES))
        )
    return units.order_by("region__name", "name")


def recap_region_for(user) -> Region | None:
    """The region whose whole recap `user` sees when no unit is chosen: the first they administer."""
    ids = region_ids_with(user, {Role.REGION_ADMIN})
    return Region.objects.filter(pk__in=ids, is_active=True).order_by("name").first()
