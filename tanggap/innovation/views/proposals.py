"""Proposal pages: a unit picks one of its eligible innovations (the ineligible ones are listed with the
reason), and one proposal with its history, the unit's submit/withdraw buttons and the organiser's
screening buttons."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tanggap.accounts.permissions import is_staff_member
from tanggap.core.decorators import staff_view
from tanggap.core.errors import PermissionDenied
from tanggap.core.forms import run_service
from tanggap.core.pages import run_action
from tanggap.innovation.forms.rounds import ProposalForm, ScreenForm
from tanggap.innovation.selectors import rounds as selectors
from tanggap.innovation.services import proposals as services
from tanggap.innovation.views.event_labels import PROPOSAL_EVENT_LABELS, labelled
from tanggap.innovation.workflow import FAIL_ADMIN, PASS_ADMIN, PROPOSAL_MACHINE, SUBMIT, WITHDRAW


@require_http_methods(["GET", "POST"])
@staff_view(is_staff_member)
def proposal_create(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = selectors.round_for(user=request.user, round_id=round_id)
    candidates = selectors.candidate_innovations(user=request.user, round_=round_)
    if not candidates:
        raise PermissionDenied()
    eligible = [innovation for innovation, reasons in candidates if not reasons]
    form = ProposalForm(
        request.POST if request.method == "POST" else None, round_=round_, innovations=eligible
    )
    if request.method == "POST" and form.is_valid():
        ok, proposal = run_service(
            form, services.proposal_create, actor=request.user, round_=round_, **form.cleaned_data
        )
        if ok:
            messages.success(request, _("Proposal dibuat sebagai draf. Periksa lalu ajukan."))
            return redirect(
                "innovation:proposal_detail", round_id=round_.pk, proposal_id=proposal.pk
            )
    return render(
        request,
        "innovation/rounds/proposal_form.html",
        {
            "round": round_,
            "form": form,
            "eligible": eligible,
            "ineligible": [(i, reasons) for i, reasons in candidates if reasons],
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@staff_view(is_staff_member)
def proposal_detail(request: HttpRequest, round_id: int, proposal_id: int) -> HttpResponse:
    round_ = selectors.round_for(user=request.user, round_id=round_id)
    proposal = selectors.proposal_for(user=request.user, round_=round_, proposal_id=proposal_id)
    actions = PROPOSAL_MACHINE.available_actions(proposal.status, request.user, proposal)
    screen = ScreenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in actions:
            raise PermissionDenied()
        done = False
        if action == SUBMIT:
            done = run_action(
                request,
                services.proposal_submit,
                success=_("Proposal diajukan."),
                actor=request.user,
                proposal=proposal,
            )
        elif action == WITHDRAW:
            done = run_action(
                request,
                services.proposal_withdraw,
                success=_("Proposal ditarik."),
                actor=request.user,
                proposal=proposal,
            )
        elif action in (PASS_ADMIN, FAIL_ADMIN) and screen.is_valid():
            done = run_service(
                screen,
                services.proposal_screen,
                actor=request.user,
                proposal=proposal,
                passed=action == PASS_ADMIN,
                reason=screen.cleaned_data["reason"],
            )[0]
            if done:
                messages.success(request, _("Hasil seleksi administrasi dicatat."))
        if done or action in (SUBMIT, WITHDRAW):
            return redirect(
                "innovation:proposal_detail", round_id=round_.pk, proposal_id=proposal.pk
            )
    screening = [a for a in actions if a in (PASS_ADMIN, FAIL_ADMIN)]
    return render(
        request,
        "innovation/rounds/proposal_detail.html",
        {
            "round": round_,
            "proposal": proposal,
            "events": labelled(proposal.events.all(), PROPOSAL_EVENT_LABELS),
            "unit_actions": [a for a in actions if a in (SUBMIT, WITHDRAW)],
            "screening": screening if round_.status == round_.Status.SCREENING else [],
            "screen": screen,
        },
        status=400 if request.method == "POST" else 200,
    )
