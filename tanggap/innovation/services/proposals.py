"""A unit's proposals to a competition round: eligibility (the round's rules, as data), create, submit,
withdraw, and the organiser's administrative screening. Each move goes through `PROPOSAL_MACHINE` and is
recorded as a `ProposalEvent`; a refused request changes nothing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.audit import audit_record
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.innovation import permissions as p
from tanggap.innovation.models import Assessment, Category, Innovation, Proposal, Round
from tanggap.innovation.services.codes import next_code
from tanggap.innovation.workflow import (
    FAIL_ADMIN,
    PASS_ADMIN,
    PROPOSAL_MACHINE,
    SUBMIT,
    WITHDRAW,
)

STAGE_ORDER = [Innovation.Stage.INISIATIF, Innovation.Stage.UJI_COBA, Innovation.Stage.PENERAPAN]
LIVE = ~Q(status=Proposal.Status.WITHDRAWN)


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def live_count(round_: Round, unit_id: int) -> int:
    return round_.proposals.filter(LIVE, unit_id=unit_id).count()


def ineligibility(
    round_: Round,
    innovation: Innovation,
    *,
    qualified: bool | None = None,
    unit_live: int | None = None,
    region_ids: set[int] | None = None,
    category: Category | None = None,
) -> list[str]:
    """Why `innovation` may not enter `round_` (empty when it may). The optional arguments let a page
    listing many innovations pass figures it fetched in bulk."""
    reasons = []
    if region_ids is None:
        region_ids = p.round_region_ids(round_)
    if innovation.region_id not in region_ids:
        reasons.append(_("Inovasi ini berasal dari daerah yang tidak termasuk lomba ini."))
    if not innovation.is_active:
        reasons.append(_("Inovasi ini sudah tidak aktif."))
    if STAGE_ORDER.index(innovation.stage) < STAGE_ORDER.index(round_.min_stage):
        reasons.append(
            _("Tahapan inovasi (%(stage)s) belum mencapai tahapan minimal lomba (%(min)s).")
            % {
                "stage": innovation.get_stage_display(),
                "min": Innovation.Stage(round_.min_stage).label,
            }
        )
    if round_.min_years_implemented:
        since = innovation.implemented_on
        if since is None or _years_after(since, round_.min_years_implemented) > round_.opens_on:
            reasons.append(
                _(
                    "Inovasi harus sudah diterapkan minimal %(n)s tahun sebelum lomba dibuka "
                    "(%(date)s)."
                )
                % {"n": round_.min_years_implemented, "date": round_.opens_on.isoformat()}
            )
    if unit_live is None:
        unit_live = live_count(round_, innovation.unit_id)
    if unit_live >= round_.max_proposals_per_unit:
        reasons.append(
            _("Instansi ini sudah mengajukan %(n)s proposal, batas lomba ini %(max)s.")
            % {"n": unit_live, "max": round_.max_proposals_per_unit}
        )
    if round_.require_qualified:
        if qualified is None:
            qualified = Assessment.objects.filter(
                innovation=innovation,
                status=Assessment.Status.DONE,
                result=Assessment.Result.MEMENUHI,
            ).exists()
        if not qualified:
            reasons.append(
                _("Inovasi ini belum dinilai memenuhi kriteria inovasi daerah oleh kantor inovasi.")
            )
    if category is not None and category.forms and innovation.form not in category.forms:
        reasons.append(
            _("Kategori %(cat)s tidak menerima bentuk inovasi %(form)s.")
            % {"cat": category.name, "form": innovation.get_form_display()}
        )
    return reasons


def _event(proposal: Proposal, *, action: str, before: str, actor, note: str = "") -> None:
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
    _event(proposal, action="create", before="", actor=actor)
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
    _event(proposal, action=SUBMIT, before=before, actor=actor)
    return proposal


@transaction.atomic
def proposal_withdraw(*, actor, proposal: Proposal, note: str = "") -> Proposal:
    proposal = Proposal.objects.select_for_update().select_related("round").get(pk=proposal.pk)
    PROPOSAL_MACHINE.check_action(WITHDRAW, proposal.status, actor, proposal)
    before = proposal.status
    proposal.status = Proposal.Status.WITHDRAWN
    proposal.save(update_fields=["status"])
    _event(proposal, action=WITHDRAW, before=before, actor=actor, note=(note or "")[:2000])
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
    _event(proposal, action=action, before=before, actor=actor, note=reason)
    return proposal
