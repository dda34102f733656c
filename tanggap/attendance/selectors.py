"""Every read of attendance and leave, scoped to who asks: an official sees their own records, the direct
superior the team's, a unit head (role) the unit's and the units' below, the region admin the region's."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q, QuerySet, Sum

from tanggap.accounts.models import Role
from tanggap.accounts.permissions import is_sysadmin, region_ids_with, unit_ids_with
from tanggap.attendance import leave_rules
from tanggap.attendance.geofence import haversine_m
from tanggap.attendance.models import (
    AttendanceEvent,
    DayCorrection,
    KioskPin,
    LeaveLedgerEntry,
    LeaveRequest,
    LeaveType,
    LeaveYearRule,
    OfficeLocation,
    WorkSchedule,
)
from tanggap.attendance.permissions import RECAP_UNIT_ROLES, SETTINGS_UNIT_ROLES, official_of
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


def has_grant(official, year: int) -> bool:
    """Whether the ledger already holds the year's annual grant (the year is opened)."""
    return LeaveLedgerEntry.objects.filter(
        official=official, year=year, kind=LeaveLedgerEntry.Kind.GRANT
    ).exists()


def _year_used_annual(official, year: int) -> bool:
    """Whether any annual leave was taken (net of cancellations) in `year`."""
    net = LeaveLedgerEntry.objects.filter(
        official=official,
        year=year,
        leave_type__uses_annual_balance=True,
        kind__in=[LeaveLedgerEntry.Kind.TAKEN, LeaveLedgerEntry.Kind.CANCELLED],
    ).aggregate(total=Sum("days"))["total"]
    return bool(net)


def leave_year_opening(official, year: int) -> list[tuple[str, int]]:
    """The rows opening `year` would write, computed without writing: the grant (and the carry-over of
    last year's balance, from a year the ledger holds); nothing when the official is not yet entitled.
    `services.leave.leave_year_open` writes exactly these; pages show them before the year is opened."""
    policy = leave_rules.policy_for(official.region)
    if not leave_rules.is_entitled(official, year, policy):
        return []
    reduces = leave_rules.cuti_bersama_reduces(official.region, year)
    bersama = (
        leave_rules.cuti_bersama_working_days(leave_rules.staff_calendar(official), year)
        if reduces
        else 0
    )
    grant = leave_rules.annual_grant_days(policy, cuti_bersama_days=bersama, reduces=reduces)
    rows = [(LeaveLedgerEntry.Kind.GRANT.value, grant)]
    if has_grant(official, year - 1):
        unused_two = has_grant(official, year - 2) and not (
            _year_used_annual(official, year - 1) or _year_used_annual(official, year - 2)
        )
        carry = leave_rules.carry_over_days(
            annual_balance(official, year - 1), unused_two_years=unused_two, policy=policy
        )
        if carry:
            rows.append((LeaveLedgerEntry.Kind.CARRY_OVER.value, carry))
    return rows


def annual_balance_view(official, year: int) -> tuple[int, bool]:
    """The year's balance for a page, read-only: the ledger's, plus the would-be opening rows when the
    year is not opened yet (then the second value is True: the figure is computed, not yet written)."""
    balance = annual_balance(official, year)
    if has_grant(official, year):
        return balance, False
    return balance + sum(days for _kind, days in leave_year_opening(official, year)), True


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


def checkin_locations(official, method: str | None = None) -> QuerySet[OfficeLocation]:
    """The active office locations of the official's region (where a check-in may happen), those that
    accept `method` (AttendanceEvent.Method) when it is given."""
    places = OfficeLocation.objects.filter(is_active=True, unit__region_id=official.region_id)
    if method in AttendanceEvent.Method.values:
        places = places.filter(**{f"allow_{method}": True})
    return places


def nearest_checkin_location(official, latitude, longitude) -> OfficeLocation | None:
    """The region's active location taking geolocation check-ins nearest the phone (the fence check
    then decides)."""
    places = list(checkin_locations(official, AttendanceEvent.Method.GEO))
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


def kiosk_pin_of(official) -> KioskPin | None:
    """The official's own kiosk PIN record (its hash is never shown)."""
    return KioskPin.objects.filter(official=official).first()


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


# --- settings --------------------------------------------------------------------------------------


def settings_units_visible_to(user) -> QuerySet[Unit]:
    """The units whose schedule and office locations `user` may set: the regions they administer, the
    units (and those below) where they are head or admin (role); every unit for a system administrator."""
    units = Unit.objects.filter(is_active=True).select_related("region")
    if not is_sysadmin(user):
        units = units.filter(
            Q(region_id__in=region_ids_with(user, {Role.REGION_ADMIN}))
            | Q(pk__in=unit_ids_with(user, SETTINGS_UNIT_ROLES))
        )
    return units.order_by("region__name", "name")


def schedules_of(units) -> dict[int, WorkSchedule]:
    """The work schedules of `units`, by unit id (a unit without one keeps the region's week)."""
    return {s.unit_id: s for s in WorkSchedule.objects.filter(unit__in=units)}


def settings_locations_visible_to(user) -> QuerySet[OfficeLocation]:
    """The office locations (active or not) of the units `user` may set."""
    return (
        OfficeLocation.objects.filter(unit__in=settings_units_visible_to(user))
        .select_related("unit")
        .order_by("unit__name", "name")
    )


def settings_region_for(user) -> Region | None:
    """The region whose recap and leave policy `user` sets: the first they administer (a system
    administrator: the first active region)."""
    regions = Region.objects.filter(is_active=True).order_by("name")
    if not is_sysadmin(user):
        regions = regions.filter(pk__in=region_ids_with(user, {Role.REGION_ADMIN}))
    return regions.first()


def leave_year_rules_of(region) -> QuerySet[LeaveYearRule]:
    """The region's per-year rules on cuti bersama, newest year first."""
    return LeaveYearRule.objects.filter(region=region).order_by("-year")


def leave_ledger_of(official, year: int) -> list[tuple[LeaveLedgerEntry, int]]:
    """The official's annual-leave ledger of `year`, oldest first, each row with the running balance."""
    rows = (
        LeaveLedgerEntry.objects.filter(
            official=official, year=year, leave_type__uses_annual_balance=True
        )
        .select_related("request", "request__leave_type")
        .order_by("id")
    )
    running, ledger = 0, []
    for row in rows:
        running += row.days
        ledger.append((row, running))
    return ledger


# --- corrections and the team ----------------------------------------------------------------------------


def _correction_scope(user, prefix: str = "") -> Q:
    """The officials whose days `user` may correct (permissions.may_correct_day as a filter)."""
    if is_sysadmin(user):
        scope = Q()
    else:
        scope = Q(**{f"{prefix}region_id__in": region_ids_with(user, {Role.REGION_ADMIN})}) | Q(
            **{f"{prefix}unit_id__in": unit_ids_with(user, RECAP_UNIT_ROLES)}
        )
    me = official_of(user)
    if me is not None:
        scope &= ~Q(**{f"{prefix}pk": me.pk})
    return scope


def officials_to_correct(user, unit: Unit | None = None) -> QuerySet[Official]:
    """The officials (of `unit`, or all) whose days `user` may correct."""
    officials = Official.objects.filter(_correction_scope(user)).select_related("unit", "region")
    if unit is not None:
        officials = officials.filter(unit=unit)
    return officials.order_by("name", "pk")


def day_corrections_visible_to(user) -> QuerySet[DayCorrection]:
    """The corrections of the officials `user` may correct, or read as their own, newest first."""
    scope = _correction_scope(user, "official__")
    me = official_of(user)
    if me is not None:
        scope |= Q(official=me)
    return DayCorrection.objects.filter(scope).select_related(
        "official", "official__unit", "created_by", "event"
    )


def events_of_official_day(official, day: dt.date, tz) -> QuerySet[AttendanceEvent]:
    """An official's events of `day` in the zone `tz` (cancelled ones too), earliest first."""
    start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    return (
        AttendanceEvent.objects.filter(
            official=official, recorded_at__gte=start, recorded_at__lt=start + dt.timedelta(days=1)
        )
        .select_related("location")
        .prefetch_related("cancellations")
        .order_by("recorded_at", "id")
    )


def corrections_of_day(official, day: dt.date) -> QuerySet[DayCorrection]:
    """The corrections of one official's day (the page already checked who may see them), oldest first."""
    return (
        DayCorrection.objects.filter(official=official, date=day)
        .select_related("created_by", "event")
        .order_by("created_at", "id")
    )


def team_of(official) -> QuerySet[Official]:
    """The active officials whose direct superior is `official` (permissions.superior_of as a filter):
    the staff of the units they head, and the heads (or, headless, the staff) of the units below."""
    own_unit = Q(unit__head=official)
    parent_unit = Q(unit__parent__head=official) & (
        Q(unit__head__isnull=True) | Q(unit__head=F("pk"))
    )
    return (
        Official.objects.filter(own_unit | parent_unit, status=Official.Status.ACTIVE)
        .exclude(pk=official.pk)
        .select_related("unit")
        .order_by("unit__name", "name", "pk")
    )
