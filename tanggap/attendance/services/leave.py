"""Leave: opening a year's balance in the ledger, requesting, deciding and cancelling leave.

The balance of annual leave is the sum of the ledger rows of the types that use it; a pending request
holds its days back, so two requests cannot together spend more than the balance."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.attendance import leave_rules
from tanggap.attendance.models import LeaveLedgerEntry, LeaveRequest
from tanggap.attendance.permissions import may_request_leave
from tanggap.attendance.selectors import (
    annual_balance,
    has_grant,
    leave_year_opening,
    pending_annual_days,
)
from tanggap.attendance.services.leave_types import annual_leave_type
from tanggap.attendance.workflow import APPROVE, CANCEL, LEAVE_MACHINE, REJECT
from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.org.models import Official

L = LeaveLedgerEntry.Kind
S = LeaveRequest.Status


@transaction.atomic
def leave_year_open(*, official, year: int) -> None:
    """Write the year's grant and the carry-over of last year's balance, once (later calls do nothing).

    The rows are those `selectors.leave_year_opening` computes (the pages show the same figure before the
    year is opened); carry-over comes only from a year the ledger holds (a grant row)."""
    if has_grant(official, year):
        return
    opening = leave_year_opening(official, year)
    if not opening:
        return
    annual = annual_leave_type()
    LeaveLedgerEntry.objects.bulk_create(
        LeaveLedgerEntry(official=official, leave_type=annual, year=year, kind=kind, days=days)
        for kind, days in opening
    )


def leave_years_open(*, year: int | None = None) -> int:
    """Open `year` (this year by default) for every active official; returns how many were opened.
    Each official in its own transaction: one failure (or a concurrent first request) spoils no other."""
    year = year or timezone.localdate().year
    opened = 0
    officials = Official.objects.filter(status=Official.Status.ACTIVE).select_related("region")
    for official in officials.iterator(chunk_size=500):
        if has_grant(official, year):
            continue
        try:
            leave_year_open(official=official, year=year)
        except IntegrityError:  # opened meanwhile by the official's first request
            continue
        opened += has_grant(official, year)
    return opened


def _check_dates(official, leave_type, start: dt.date, end: dt.date) -> int:
    if end < start:
        raise DomainError(_("Tanggal selesai tidak boleh sebelum tanggal mulai."), field="end")
    if start.year != end.year:
        raise DomainError(
            _("Cuti yang melewati pergantian tahun diajukan terpisah untuk tiap tahun."),
            field="end",
            code="crosses_year",
        )
    days = leave_rules.staff_calendar(official).working_days_between(start, end)
    if days == 0:
        raise DomainError(
            _("Tanggal yang dipilih bukan hari kerja (akhir pekan, libur, atau cuti bersama)."),
            field="start",
            code="no_working_days",
        )
    if leave_type.max_working_days and days > leave_type.max_working_days:
        raise DomainError(
            _("%(type)s paling lama %(max)s hari kerja; yang diajukan %(days)s hari kerja.")
            % {"type": leave_type, "max": leave_type.max_working_days, "days": days},
            field="end",
            code="too_long",
        )
    overlapping = LeaveRequest.objects.filter(
        official=official, status__in=[S.PENDING, S.APPROVED], start__lte=end, end__gte=start
    ).first()
    if overlapping is not None:
        raise DomainError(
            _("Tanggal ini bertumpang tindih dengan permohonan lain (%(start)s–%(end)s).")
            % {"start": overlapping.start.isoformat(), "end": overlapping.end.isoformat()},
            field="start",
            code="overlapping_leave",
        )
    return days


def _check_balance(official, leave_type, year: int, days: int, *, exclude=None) -> None:
    if not leave_type.uses_annual_balance:
        return
    available = annual_balance(official, year) - pending_annual_days(
        official, year, exclude=exclude
    )
    if days > available:
        raise DomainError(
            _("Sisa cuti tahunan %(year)s tinggal %(left)s hari kerja; yang diajukan %(days)s.")
            % {"year": year, "left": max(available, 0), "days": days},
            code="beyond_balance",
        )


@transaction.atomic
def leave_request_create(
    *, actor, official, leave_type, start: dt.date, end: dt.date, reason: str = "", document=None
) -> LeaveRequest:
    """File a leave request for the working days of [start, end] (held back from the balance until
    decided)."""
    if not may_request_leave(actor, official):
        raise PermissionDenied()
    # One official's requests are filed one at a time: overlap and balance checks cannot race.
    official = Official.objects.select_for_update().get(pk=official.pk)
    if not leave_type.is_active:
        raise DomainError(_("Jenis cuti ini tidak tersedia."), field="leave_type")
    if leave_type.requires_document and not document:
        raise DomainError(
            _("%(type)s memerlukan dokumen pendukung (mis. surat dokter).") % {"type": leave_type},
            field="document",
            code="document_required",
        )
    days = _check_dates(official, leave_type, start, end)
    if leave_type.uses_annual_balance:
        leave_year_open(official=official, year=start.year)
    _check_balance(official, leave_type, start.year, days)
    request = LeaveRequest.objects.create(
        official=official,
        leave_type=leave_type,
        start=start,
        end=end,
        working_days=days,
        reason=(reason or "").strip()[:2000],
        document=document or "",
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action="leave.requested",
        target=request,
        after=snapshot(request, ["leave_type", "start", "end", "working_days", "status"]),
        region_id=official.region_id,
    )
    return request


def _move(*, actor, request, action: str, note: str) -> LeaveRequest:
    """Check the move in the table, lock the request, and set its new status (audited)."""
    locked = LeaveRequest.objects.select_for_update().select_related("official").get(pk=request.pk)
    transition = LEAVE_MACHINE.check_action(action, locked.status, actor, locked)
    before = snapshot(locked, ["status"])
    locked.status = transition.target
    fields = ["status"]
    if action in (APPROVE, REJECT):
        locked.decided_by, locked.decided_at, locked.decision_note = actor, timezone.now(), note
        fields += ["decided_by", "decided_at", "decision_note"]
    locked.save(update_fields=fields)
    audit_record(
        actor=actor,
        action=f"leave.{transition.target}",
        target=locked,
        before=before,
        after=snapshot(locked, ["status"]),
        note=note,
        region_id=locked.official.region_id,
    )
    return locked


@transaction.atomic
def leave_decide(*, actor, request, approve: bool, note: str = "") -> LeaveRequest:
    """The superior approves (a `taken` ledger row) or rejects (a reason is required) a pending request."""
    note = (note or "").strip()[:2000]
    if not approve and not note:
        raise DomainError(_("Tuliskan alasan penolakan."), field="note", code="reason_required")
    locked = LeaveRequest.objects.select_for_update().get(pk=request.pk)
    LEAVE_MACHINE.check_action(APPROVE if approve else REJECT, locked.status, actor, locked)
    if approve:
        Official.objects.select_for_update().filter(pk=locked.official_id).first()
        _check_balance(
            locked.official,
            locked.leave_type,
            locked.start.year,
            locked.working_days,
            exclude=locked,
        )
    decided = _move(actor=actor, request=locked, action=APPROVE if approve else REJECT, note=note)
    if approve:
        _ledger_row(decided, kind=L.TAKEN, days=-decided.working_days)
    return decided


def _ledger_row(request: LeaveRequest, *, kind: str, days: int) -> LeaveLedgerEntry:
    """The ledger row a request's approval (taken) or cancellation (cancelled) writes, in its year."""
    return LeaveLedgerEntry.objects.create(
        official_id=request.official_id,
        leave_type=request.leave_type,
        year=request.start.year,
        kind=kind,
        days=days,
        request=request,
    )


@transaction.atomic
def leave_cancel(*, actor, request, note: str = "", today: dt.date | None = None) -> LeaveRequest:
    """Withdraw a pending request, or cancel an approved leave before its first day (a `cancelled`
    ledger row gives its days back)."""
    today = today or timezone.localdate()
    locked = LeaveRequest.objects.select_for_update().get(pk=request.pk)
    LEAVE_MACHINE.check_action(CANCEL, locked.status, actor, locked)
    was_approved = locked.status == S.APPROVED
    if was_approved and locked.start <= today:
        raise DomainError(
            _("Cuti yang sudah dimulai tidak dapat dibatalkan."), code="leave_started"
        )
    cancelled = _move(actor=actor, request=locked, action=CANCEL, note=(note or "").strip()[:2000])
    if was_approved:
        _ledger_row(cancelled, kind=L.CANCELLED, days=cancelled.working_days)
    return cancelled
