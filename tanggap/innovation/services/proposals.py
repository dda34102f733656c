"""A unit's proposals to a competition round: eligibility (the round's rules, as data), create, submit,
withdraw, and the organiser's administrative screening. Each move goes through `PROPOSAL_MACHINE` and is
recorded as a `ProposalEvent`; a refused request changes nothing."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.audit import audit_record
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.innovation import permissions as p
from tanggap.innovation.models import Category, Innovation, Proposal, Round
from tanggap.innovation.selectors.eligibility import LIVE, ineligibility
from tanggap.innovation.services.codes import next_code
from tanggap.innovation.workflow import (
    FAIL_ADMIN,
    PASS_ADMIN,
    PROPOSAL_MACHINE,
    SUBMIT,
    WITHDRAW,
)


def record_event(proposal: Proposal, *, action: str, before: str, actor, note: str = "") -> None:
    proposal.events.create(
        action=action,
        from_status=before,
        to_status=proposal.status,
        actor=actor,
        actor_label=getattr(actor, "full_name", "") or str(actor or ""),
        note=note,
        at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action=f"innovation_proposal.{action}",
        target=proposal,
        before={"status": before},
        after={"status": proposal.status},
        note=note,
        region_id=proposal.region_id,
    )


def _require_open(round_: Round) -> None:
    if round_.status != Round.Status.OPEN:
        raise DomainError(_("Pendaftaran proposal lomba ini tidak sedang dibuka."), code="closed")


@transaction.atomic
def proposal_create(
    *, actor, round_: Round, innovation: Innovation, category: Category, title="", summary=""
) -> Proposal:
    """A draft proposal of the innovation's unit (its head or admin) to an open round."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if not p.owns_unit(actor, innovation.unit):
        raise PermissionDenied(
            _("Hanya pimpinan atau admin unit pemilik inovasi yang dapat mengajukan.")
        )
    _require_open(round_)
    if category is None or category.round_id != round_.pk:
        raise DomainError(_("Pilih kategori dari lomba ini."), field="category")
    reasons = ineligibility(round_, innovation, category=category)
    if reasons:
        raise DomainError(" ".join(reasons), field="innovation", code="ineligible")
    if round_.proposals.filter(LIVE, innovation=innovation).exists():
        raise DomainError(
            _("Inovasi ini sudah diajukan ke lomba ini."), field="innovation", code="duplicate"
        )
    title = (title or "").strip() or innovation.name
    summary = (summary or "").strip() or innovation.benefits
    if len(title) > 200:
        raise DomainError(_("Judul paling banyak 200 karakter."), field="title")
    if len(summary) > 10000:
        raise DomainError(_("Ringkasan paling banyak 10.000 karakter."), field="summary")
    proposal = Proposal.objects.create(
        round=round_,
        category=category,
        innovation=innovation,
        unit=innovation.unit,
        region=innovation.region,
        code=next_code(Proposal, prefix="P", year=round_.year, round=round_),
        title=title,
        summary=summary,
        status=Proposal.Status.DRAFT,
    )
    record_event(proposal, action="create", before="", actor=actor)
    return proposal


@transaction.atomic
def proposal_submit(*, actor, proposal: Proposal) -> Proposal:
    """Submit a draft: the round must be open and the innovation still eligible (counted without this
    proposal)."""
    proposal = (
        Proposal.objects.select_for_update()
        .select_related("round", "innovation", "category")
        .get(pk=proposal.pk)
    )
    PROPOSAL_MACHINE.check_action(SUBMIT, proposal.status, actor, proposal)
    _require_open(proposal.round)
    others = proposal.round.proposals.filter(LIVE, unit_id=proposal.unit_id).exclude(pk=proposal.pk)
    reasons = ineligibility(
        proposal.round, proposal.innovation, unit_live=others.count(), category=proposal.category
    )
    if reasons:
        raise DomainError(" ".join(reasons), field="innovation", code="ineligible")
    before = proposal.status
    proposal.status = Proposal.Status.SUBMITTED
    proposal.submitted_by = actor
    proposal.submitted_at = timezone.now()
    proposal.save(update_fields=["status", "submitted_by", "submitted_at"])
    record_event(proposal, action=SUBMIT, before=before, actor=actor)
    return proposal


@transaction.atomic
def proposal_withdraw(*, actor, proposal: Proposal, note: str = "") -> Proposal:
    proposal = Proposal.objects.select_for_update().select_related("round").get(pk=proposal.pk)
    PROPOSAL_MACHINE.check_action(WITHDRAW, proposal.status, actor, proposal)
    before = proposal.status
    proposal.status = Proposal.Status.WITHDRAWN
    proposal.save(update_fields=["status"])
    record_event(proposal, action=WITHDRAW, before=before, actor=actor, note=(note or "")[:2000])
    return proposal


@transaction.atomic
def proposal_screen(*, actor, proposal: Proposal, passed: bool, reason: str = "") -> Proposal:
    """The organiser's administrative screening (round in screening): pass, or fail with a reason."""
    proposal = Proposal.objects.select_for_update().select_related("round").get(pk=proposal.pk)
    action = PASS_ADMIN if passed else FAIL_ADMIN
    PROPOSAL_MACHINE.check_action(action, proposal.status, actor, proposal)
    if proposal.round.status != Round.Status.SCREENING:
        raise DomainError(_("Seleksi administrasi hanya pada tahap seleksi administrasi."))
    reason = (reason or "").strip()
    if not passed and not reason:
        raise DomainError(_("Tuliskan alasan proposal tidak lolos."), field="reason")
    if len(reason) > 2000:
        raise DomainError(_("Alasan paling banyak 2.000 karakter."), field="reason")
    before = proposal.status
    proposal.status = Proposal.Status.IN_REVIEW if passed else Proposal.Status.ADMIN_FAILED
    proposal.admin_note = reason
    proposal.save(update_fields=["status", "admin_note"])
    record_event(proposal, action=action, before=before, actor=actor, note=reason)
    return proposal
