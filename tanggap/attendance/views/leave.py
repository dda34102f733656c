"""Leave pages: the official's request form, their own requests and ledger (with cancelling), and the
superior's list of pending requests to decide."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tanggap.attendance import selectors
from tanggap.attendance.forms import DecisionForm, LeaveRequestForm
from tanggap.attendance.models import LeaveRequest
from tanggap.attendance.permissions import official_of
from tanggap.attendance.services.leave import leave_cancel, leave_decide, leave_request_create
from tanggap.attendance.views.mine import no_official
from tanggap.attendance.workflow import CANCEL, LEAVE_MACHINE
from tanggap.core.decorators import signed_in_view, staff_view
from tanggap.core.errors import DomainError
from tanggap.core.forms import run_form


def is_superior_somewhere(user) -> bool:
    """Heads a unit, so is someone's direct superior."""
    return selectors.heads_a_unit(official_of(user))


@signed_in_view
def leave_request(request: HttpRequest) -> HttpResponse:
    official = official_of(request.user)
    if official is None:
        return no_official(request)
    types = list(selectors.requestable_leave_types())
    form = LeaveRequestForm(
        request.POST or None, request.FILES or None, leave_types=selectors.requestable_leave_types()
    )
    ok, created = run_form(
        request, form, leave_request_create, actor=request.user, official=official
    )
    if ok:
        messages.success(
            request,
            _("Permohonan %(type)s %(days)s hari kerja terkirim ke atasan Anda.")
            % {"type": created.leave_type, "days": created.working_days},
        )
        return redirect("attendance:mine")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "attendance/leave_request.html",
        {"form": form, "needs_document": [t for t in types if t.requires_document]},
        status=status,
    )


@staff_view(is_superior_somewhere)
def approvals(request: HttpRequest) -> HttpResponse:
    pending = list(selectors.leave_requests_to_decide(request.user)[:100])
    return render(request, "attendance/approvals.html", {"pending": pending})


@require_POST
@staff_view(is_superior_somewhere)
def decide(request: HttpRequest, request_id: int) -> HttpResponse:
    """Approve or reject one pending request (a rejection needs its reason)."""
    leave = selectors.leave_requests_to_decide(request.user).filter(pk=request_id).first()
    if leave is None:
        raise Http404
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih setujui atau tolak."))
        return redirect("attendance:approvals")
    approve = form.cleaned_data["decision"] == "approve"
    try:
        leave_decide(
            actor=request.user, request=leave, approve=approve, note=form.cleaned_data["note"]
        )
    except DomainError as exc:
        if exc.status == 403:
            raise
        messages.error(
            request,
            _("%(name)s: %(message)s") % {"name": leave.official.name, "message": exc.message},
        )
        return redirect("attendance:approvals")
    done = _("Cuti %(name)s disetujui.") if approve else _("Cuti %(name)s ditolak.")
    messages.success(request, done % {"name": leave.official.name})
    return redirect("attendance:approvals")


def _may_cancel(user, leave, today) -> bool:
    """The cancel button: the transition table allows it, and an approved leave has not started."""
    if not LEAVE_MACHINE.allows_action(CANCEL, leave.status, user, leave):
        return False
    return leave.status != LeaveRequest.Status.APPROVED or leave.start > today


@signed_in_view
def my_leave(request: HttpRequest) -> HttpResponse:
    """The official's own requests with their status, and this year's annual-leave ledger with the
    running balance (read-only: before the year is opened, its would-be opening is shown as computed)."""
    official = official_of(request.user)
    if official is None:
        return no_official(request)
    today = timezone.localdate()
    requests = list(selectors.own_leave_requests(official)[:100])
    balance, computed = selectors.annual_balance_view(official, today.year)
    pending = selectors.pending_annual_days(official, today.year)
    context = {
        "official": official,
        "year": today.year,
        "requests": [(r, _may_cancel(request.user, r, today)) for r in requests],
        "ledger": selectors.leave_ledger_of(official, today.year),
        "opening": selectors.leave_year_opening(official, today.year) if computed else [],
        "balance": balance,
        "computed": computed,
        "pending": pending,
        "available": max(balance - pending, 0),
    }
    return render(request, "attendance/my_leave.html", context)


@require_POST
@signed_in_view
def my_leave_cancel(request: HttpRequest, request_id: int) -> HttpResponse:
    """Withdraw one's pending request, or cancel one's approved leave before it starts."""
    official = official_of(request.user)
    leave = (
        selectors.own_leave_requests(official).filter(pk=request_id).first() if official else None
    )
    if leave is None:
        raise Http404
    try:
        leave_cancel(actor=request.user, request=leave, note=request.POST.get("note", ""))
    except DomainError as exc:
        if exc.status == 403:
            raise
        messages.error(request, exc.message)
        return redirect("attendance:my_leave")
    messages.success(
        request,
        _("Permohonan %(type)s %(start)s dibatalkan.")
        % {"type": leave.leave_type, "start": leave.start.isoformat()},
    )
    return redirect("attendance:my_leave")
