"""Demo leave for the attendance demo: the year's annual grants, and the drawn leave, izin and dinas luar
requests (approved with their `taken` ledger row, as `leave_decide` writes it, or rejected).

Requests are drawn per official and week from a seeded generator, so a run on another day draws the same
requests for the weeks both cover; a request is found by (official, type, start)."""

from __future__ import annotations

import datetime as dt
import random

from tanggap.attendance import leave_rules
from tanggap.attendance.models import LeaveLedgerEntry, LeaveRequest, LeaveType
from tanggap.attendance.selectors import annual_balance
from tanggap.attendance.services.leave import leave_year_open
from tanggap.attendance.services.leave_types import annual_leave_type
from tanggap.core.calendar import WorkingCalendar
from tanggap.demo.sync import Tally
from tanggap.org.models import Official, Region

SEED = 11
BATCH = 2000
ANNUAL_WEEK_SHARE = 0.035  # chance that an official starts annual leave in a given week
TRIP_WEEK_SHARE = 0.05  # … a dinas luar
PERMIT_WEEK_SHARE = 0.01  # … an izin
REJECTED_SHARE = 0.1  # of the requests drawn, this share was rejected (no ledger row, attended)
REASONS = {
    LeaveType.Code.ANNUAL: ("Keperluan keluarga", "Acara pernikahan saudara", "Liburan keluarga"),
    LeaveType.Code.OFFICIAL_TRIP: (
        "Rapat koordinasi di Provinsi Jawa Timur",
        "Bimbingan teknis di Surabaya",
        "Monitoring layanan di kecamatan",
    ),
    LeaveType.Code.PERMIT: ("Mengantar anak berobat", "Mengurus dokumen keluarga"),
}
REJECT_NOTE = "Bertepatan dengan jadwal pelayanan padat; mohon ajukan di tanggal lain."


def grants_load(
    region: Region, officials: list[Official], calendars: dict, year: int, tally: Tally
):
    """The year's annual grant as `leave_year_open` writes it, in one write for the officials without
    one; an official whose ledger holds last year too goes through the service (it carries over)."""
    granted = set(
        LeaveLedgerEntry.objects.filter(
            official__in=officials, year__in=(year - 1, year), kind=LeaveLedgerEntry.Kind.GRANT
        ).values_list("official_id", "year")
    )
    policy = leave_rules.policy_for(region)
    reduces = leave_rules.cuti_bersama_reduces(region, year)
    annual = annual_leave_type()
    bersama: dict[frozenset, int] = {}
    rows = []
    for official in officials:
        if (official.pk, year) in granted or not leave_rules.is_entitled(official, year, policy):
            continue
        if (official.pk, year - 1) in granted:
            leave_year_open(official=official, year=year)
            continue
        cal = calendars[official.unit_id][0]
        if reduces and cal.work_days not in bersama:
            bersama[cal.work_days] = leave_rules.cuti_bersama_working_days(cal, year)
        days = leave_rules.annual_grant_days(
            policy, cuti_bersama_days=bersama.get(cal.work_days, 0), reduces=reduces
        )
        rows.append(
            LeaveLedgerEntry(
                official=official,
                leave_type=annual,
                year=year,
                kind=LeaveLedgerEntry.Kind.GRANT,
                days=days,
            )
        )
    LeaveLedgerEntry.objects.bulk_create(rows)
    tally.add(LeaveLedgerEntry._meta.label, created=len(rows))


def _rng(*parts) -> random.Random:
    return random.Random(":".join(str(p) for p in (SEED, *parts)))  # noqa: S311 - demo data


def _leave_plan(official: Official, cal: WorkingCalendar, first: dt.date, last: dt.date):
    """(type code, start, end, approved) of the official's drawn requests whose start lies in range."""
    plans = []
    monday = first - dt.timedelta(days=first.weekday())
    while monday <= last:
        rng = _rng(official.nip, "leave", monday.isoformat())
        for code, share, longest in (
            (LeaveType.Code.ANNUAL, ANNUAL_WEEK_SHARE, 3),
            (LeaveType.Code.OFFICIAL_TRIP, TRIP_WEEK_SHARE, 3),
            (LeaveType.Code.PERMIT, PERMIT_WEEK_SHARE, 1),
        ):
            if rng.random() >= share:
                continue
            start = monday + dt.timedelta(days=rng.randrange(5))
            days = [start + dt.timedelta(days=i) for i in range(7)]
            worked = [d for d in days if cal.is_working_day(d)][: rng.randint(1, longest)]
            if not worked or not first <= worked[0] or worked[-1] >= last:
                continue
            if worked[0].year != worked[-1].year:
                continue
            plans.append((code, worked[0], worked[-1], rng.random() >= REJECTED_SHARE, rng))
        monday += dt.timedelta(days=7)
    return plans


def leave_load(
    officials: list[Official],
    calendars: dict,
    first: dt.date,
    last: dt.date,
    types: dict[str, LeaveType],
    tally: Tally,
    now: dt.datetime,
) -> int:
    """Create the drawn requests that are missing (approved ones with their `taken` row)."""
    existing = list(
        LeaveRequest.objects.filter(official__in=officials).values_list(
            "official_id", "leave_type_id", "start", "end", "status"
        )
    )
    keys = {(o, t, s) for o, t, s, _e, _st in existing}
    busy: dict[int, list[tuple[dt.date, dt.date]]] = {}
    for o, _t, s, e, status in existing:
        if status in (LeaveRequest.Status.PENDING, LeaveRequest.Status.APPROVED):
            busy.setdefault(o, []).append((s, e))
    new: list[LeaveRequest] = []
    for official in officials:
        cal, _schedule = calendars[official.unit_id]
        for code, start, end, approved, rng in _leave_plan(official, cal, first, last):
            kind = types[code]
            if (official.pk, kind.pk, start) in keys:
                continue
            if approved and any(s <= end and e >= start for s, e in busy.get(official.pk, [])):
                continue
            asked = dt.datetime.combine(
                start - dt.timedelta(days=rng.randint(3, 10)), dt.time(9, 0), tzinfo=cal.tz
            )
            request = LeaveRequest(
                official=official,
                leave_type=kind,
                start=start,
                end=end,
                working_days=cal.working_days_between(start, end),
                status=LeaveRequest.Status.APPROVED if approved else LeaveRequest.Status.REJECTED,
                reason=rng.choice(REASONS[code]),
                decided_at=min(asked + dt.timedelta(days=1, hours=rng.randint(0, 6)), now),
                decision_note="" if approved else REJECT_NOTE,
            )
            if kind.uses_annual_balance and approved:
                balance = annual_balance(official, start.year)
                taken = sum(
                    r.working_days
                    for r in new
                    if r.official_id == official.pk
                    and r.leave_type_id == kind.pk
                    and r.status == LeaveRequest.Status.APPROVED
                    and r.start.year == start.year
                )
                if request.working_days > balance - taken:
                    continue
            new.append(request)
            keys.add((official.pk, kind.pk, start))
            if approved:
                busy.setdefault(official.pk, []).append((start, end))
    LeaveRequest.objects.bulk_create(new, batch_size=BATCH)
    # `created_at` is set by the database clock; the request was filed before its decision.
    rows = [
        LeaveLedgerEntry(
            official_id=r.official_id,
            leave_type_id=r.leave_type_id,
            year=r.start.year,
            kind=LeaveLedgerEntry.Kind.TAKEN,
            days=-r.working_days,
            request=r,
        )
        for r in new
        if r.status == LeaveRequest.Status.APPROVED
    ]
    LeaveLedgerEntry.objects.bulk_create(rows, batch_size=BATCH)
    tally.add(LeaveRequest._meta.label, created=len(new))
    tally.add(LeaveLedgerEntry._meta.label, created=len(rows))
    return len(new)
