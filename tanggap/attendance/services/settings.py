"""The attendance settings of a region and its units: work schedules, office locations with their geofence
and allowed check-in methods, the recap's deduction rules and the annual-leave policy.

Each write checks who may make it, validates the values (a refusal names the field in Indonesian and
changes nothing) and writes an audit row with the values before and after, in one transaction."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from tanggap.attendance.models import (
    LeavePolicy,
    LeaveYearRule,
    OfficeLocation,
    RecapPolicy,
    WorkSchedule,
)
from tanggap.attendance.permissions import may_configure_region, may_configure_unit
from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError, PermissionDenied

MAX_RADIUS_M = 5000
MAX_FLEXIBLE_MINUTES = 240
MAX_BAND_MINUTES = 240
PERCENT_FIELDS = (
    "band1_percent",
    "band2_percent",
    "band3_percent",
    "band4_percent",
    "absent_percent",
    "cap_percent",
)
LOCATION_FIELDS = [
    "unit",
    "name",
    "address",
    "latitude",
    "longitude",
    "radius_m",
    "allow_qr",
    "allow_geo",
    "allow_kiosk",
    "is_active",
]


def _whole(value, field: str, *, low: int, high: int, label: str) -> int:
    """An integer in [low, high], or a refusal naming the field."""
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        number = None
    if number is None or number != value or not low <= number <= high:
        raise DomainError(
            _("%(label)s harus bilangan bulat %(low)s–%(high)s.")
            % {"label": label, "low": low, "high": high},
            field=field,
            code="out_of_range",
        )
    return number


def _coordinate(value, field: str, *, limit: int, label: str) -> Decimal:
    """A finite latitude/longitude within ±limit degrees, rounded to six decimals (about 10 cm)."""
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        number = math.nan
    if not math.isfinite(number) or not -limit <= number <= limit:
        raise DomainError(
            _("%(label)s harus angka antara -%(limit)s dan %(limit)s.")
            % {"label": label, "limit": limit},
            field=field,
            code="bad_coordinate",
        )
    return Decimal(str(round(number, 6)))


def _percent(value, field: str) -> Decimal:
    """A percentage in [0, 100] with at most two decimals."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        number = Decimal("NaN")
    if not number.is_finite() or not Decimal(0) <= number <= Decimal(100):
        raise DomainError(
            _("Potongan harus antara 0 dan 100 persen."), field=field, code="bad_percent"
        )
    return number.quantize(Decimal("0.01"))


def _text(value, field: str, *, label: str, required: bool, limit: int) -> str:
    text = " ".join(str(value or "").split())
    if required and not text:
        raise DomainError(_("%(label)s wajib diisi.") % {"label": label}, field=field)
    if len(text) > limit:
        raise DomainError(
            _("%(label)s paling panjang %(limit)s karakter.") % {"label": label, "limit": limit},
            field=field,
        )
    return text


# --- work schedules --------------------------------------------------------------------------------


@transaction.atomic
def work_schedule_set(
    *, actor, unit, kind: str, start: dt.time, end: dt.time, flexible_minutes: int = 0
) -> WorkSchedule:
    """Set a unit's work schedule (created on first use): the week, the hours, a flexible arrival."""
    if not may_configure_unit(actor, unit):
        raise PermissionDenied()
    if kind not in WorkSchedule.Kind.values:
        raise DomainError(_("Jenis jadwal tidak dikenal."), field="kind")
    if not isinstance(start, dt.time) or not isinstance(end, dt.time):
        raise DomainError(_("Tulis jam sebagai JJ:MM, misalnya 07:30."), field="start")
    # A shift may end after midnight (end before start); a day schedule may not.
    if kind != WorkSchedule.Kind.SHIFT and end <= start:
        raise DomainError(
            _("Jam pulang harus setelah jam masuk (kecuali jadwal sif)."),
            field="end",
            code="end_before_start",
        )
    flexible = _whole(
        flexible_minutes,
        "flexible_minutes",
        low=0,
        high=MAX_FLEXIBLE_MINUTES,
        label=_("Rentang masuk fleksibel (menit)"),
    )
    if kind == WorkSchedule.Kind.FLEXIBLE and flexible == 0:
        raise DomainError(
            _("Jadwal jam masuk fleksibel memerlukan rentang lebih dari 0 menit."),
            field="flexible_minutes",
            code="flexible_without_window",
        )
    schedule = WorkSchedule.objects.select_for_update().filter(unit=unit).first()
    fields = ["kind", "start", "end", "flexible_minutes"]
    before = snapshot(schedule, fields) if schedule else None
    schedule = schedule or WorkSchedule(unit=unit)
    schedule.kind, schedule.start, schedule.end = kind, start, end
    schedule.flexible_minutes = flexible
    schedule.save()
    audit_record(
        actor=actor,
        action="attendance.schedule_set",
        target=schedule,
        before=before,
        after=snapshot(schedule, fields),
        region_id=unit.region_id,
    )
    return schedule


# --- office locations ------------------------------------------------------------------------------


def _location_values(values: dict) -> dict:
    """The checked values of a location's form."""
    clean = {
        "name": _text(values.get("name"), "name", label=_("Nama"), required=True, limit=200),
        "address": _text(
            values.get("address"), "address", label=_("Alamat"), required=False, limit=300
        ),
        "latitude": _coordinate(values.get("latitude"), "latitude", limit=90, label=_("Lintang")),
        "longitude": _coordinate(values.get("longitude"), "longitude", limit=180, label=_("Bujur")),
        "radius_m": _whole(
            values.get("radius_m"), "radius_m", low=1, high=MAX_RADIUS_M, label=_("Radius (m)")
        ),
    }
    for method in ("allow_qr", "allow_geo", "allow_kiosk", "is_active"):
        clean[method] = bool(values.get(method, False))
    if clean["is_active"] and not (clean["allow_qr"] or clean["allow_geo"] or clean["allow_kiosk"]):
        raise DomainError(
            _("Pilih paling sedikit satu cara presensi untuk lokasi yang aktif."),
            field="allow_qr",
            code="no_method",
        )
    return clean


@transaction.atomic
def office_location_create(*, actor, unit, **values) -> OfficeLocation:
    """Add an office location (a unit's office, an MPP, a kecamatan office) with its geofence."""
    if unit is None or not may_configure_unit(actor, unit):
        raise PermissionDenied()
    location = OfficeLocation.objects.create(unit=unit, **_location_values(values))
    audit_record(
        actor=actor,
        action="attendance.location_created",
        target=location,
        after=snapshot(location, LOCATION_FIELDS),
        region_id=unit.region_id,
    )
    return location


@transaction.atomic
def office_location_update(*, actor, location, unit=None, **values) -> OfficeLocation:
    """Change an office location: its name, address, point, radius, methods, or whether it is in use;
    it may move to another unit the actor also sets."""
    locked = OfficeLocation.objects.select_for_update().select_related("unit").get(pk=location.pk)
    unit = unit or locked.unit
    if not (may_configure_unit(actor, locked.unit) and may_configure_unit(actor, unit)):
        raise PermissionDenied()
    clean = _location_values(values)
    before = snapshot(locked, LOCATION_FIELDS)
    locked.unit = unit
    for name, value in clean.items():
        setattr(locked, name, value)
    locked.save(update_fields=[*clean, "unit"])
    audit_record(
        actor=actor,
        action="attendance.location_updated",
        target=locked,
        before=before,
        after=snapshot(locked, LOCATION_FIELDS),
        region_id=unit.region_id,
    )
    return locked


# --- region policies -------------------------------------------------------------------------------


@transaction.atomic
def recap_policy_set(*, actor, region, band_minutes: int, **percents) -> RecapPolicy:
    """Set the region's recap rules: the width of the late/early bands and the deduction per category."""
    if not may_configure_region(actor, region.pk):
        raise PermissionDenied()
    band = _whole(
        band_minutes,
        "band_minutes",
        low=1,
        high=MAX_BAND_MINUTES,
        label=_("Lebar rentang (menit)"),
    )
    clean = {name: _percent(percents.get(name), name) for name in PERCENT_FIELDS}
    policy = RecapPolicy.objects.select_for_update().filter(region=region).first()
    fields = ["band_minutes", *PERCENT_FIELDS]
    before = snapshot(policy, fields) if policy else None
    policy = policy or RecapPolicy(region=region)
    policy.band_minutes = band
    for name, value in clean.items():
        setattr(policy, name, value)
    policy.save()
    audit_record(
        actor=actor,
        action="attendance.recap_policy_set",
        target=policy,
        before=before,
        after=snapshot(policy, fields),
        region_id=region.pk,
    )
    return policy


LEAVE_FIELDS = ["annual_days", "balance_cap_days", "long_unused_cap_days", "min_service_months"]


@transaction.atomic
def leave_policy_set(
    *,
    actor,
    region,
    annual_days: int,
    balance_cap_days: int,
    long_unused_cap_days: int,
    min_service_months: int,
) -> LeavePolicy:
    """Set the region's annual-leave rules (the defaults are DOMAIN.md §8's: 12, 18, 24 days, 12 months).
    Years already opened keep their ledger rows; the rules count from the next opening."""
    if not may_configure_region(actor, region.pk):
        raise PermissionDenied()
    annual = _whole(
        annual_days, "annual_days", low=0, high=60, label=_("Hak cuti tahunan (hari kerja)")
    )
    cap = _whole(
        balance_cap_days, "balance_cap_days", low=0, high=120, label=_("Saldo paling banyak")
    )
    long_cap = _whole(
        long_unused_cap_days,
        "long_unused_cap_days",
        low=0,
        high=120,
        label=_("Saldo paling banyak bila 2 tahun tidak dipakai"),
    )
    months = _whole(
        min_service_months, "min_service_months", low=0, high=120, label=_("Masa kerja minimal")
    )
    if cap < annual:
        raise DomainError(
            _("Saldo paling banyak tidak boleh kurang dari hak cuti tahunan."),
            field="balance_cap_days",
            code="cap_below_annual",
        )
    if long_cap < cap:
        raise DomainError(
            _("Saldo bila 2 tahun tidak dipakai tidak boleh kurang dari saldo paling banyak."),
            field="long_unused_cap_days",
            code="long_cap_below_cap",
        )
    policy = LeavePolicy.objects.select_for_update().filter(region=region).first()
    before = snapshot(policy, LEAVE_FIELDS) if policy else None
    policy = policy or LeavePolicy(region=region)
    policy.annual_days, policy.balance_cap_days = annual, cap
    policy.long_unused_cap_days, policy.min_service_months = long_cap, months
    policy.save()
    audit_record(
        actor=actor,
        action="attendance.leave_policy_set",
        target=policy,
        before=before,
        after=snapshot(policy, LEAVE_FIELDS),
        region_id=region.pk,
    )
    return policy


@transaction.atomic
def leave_year_rule_set(
    *, actor, region, year: int, cuti_bersama_reduces_annual: bool
) -> LeaveYearRule:
    """Set whether a year's cuti bersama reduce the annual entitlement (DOMAIN.md §8: open, per year)."""
    if not may_configure_region(actor, region.pk):
        raise PermissionDenied()
    year = _whole(year, "year", low=2000, high=2100, label=_("Tahun"))
    rule = LeaveYearRule.objects.select_for_update().filter(region=region, year=year).first()
    before = snapshot(rule, ["cuti_bersama_reduces_annual"]) if rule else None
    rule = rule or LeaveYearRule(region=region, year=year)
    rule.cuti_bersama_reduces_annual = bool(cuti_bersama_reduces_annual)
    rule.save()
    audit_record(
        actor=actor,
        action="attendance.leave_year_rule_set",
        target=rule,
        before=before,
        after=snapshot(rule, ["year", "cuti_bersama_reduces_annual"]),
        region_id=region.pk,
    )
    return rule
