"""The jury of a competition round: jurors, their conflicts of interest, the review assignment and the
jurors' scores (issue 12, "Jury"; DOMAIN.md §4).

- The organiser adds and removes jurors (a removed juror's assigned, unsent reviews are cancelled).
- Conflicts from the organisation chart (`conflicts_refresh`) are stored as `Conflict(source=struktur)`;
  a juror declares others (`conflict_declare`), which cancels their assigned, unsent review.
- `assign_round` solves the assignment (`assignment.assign_reviews`) over the proposals in review and
  the active jurors: sent reviews are kept (the solver strongly prefers them), withdrawn pairs and
  conflicted pairs are never assigned.
- A juror scores each rubric item within its range (`aggregation.validate_score`) and sends the review
  once every item is scored; the organiser may return a sent review for discussion, or cancel one.
Every move of a review is recorded as a `ReviewEvent`."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.audit import audit_record
from tanggap.core.errors import DomainError, NotFound, PermissionDenied
from tanggap.innovation import assignment, permissions, workflow
from tanggap.innovation.models import Conflict, Juror, Proposal, Review, ReviewEvent, Round
from tanggap.innovation.services.jury_common import (
    ASSIGN,
    KEEP_ASSIGNED,
    KEEP_SENT,
    V,
    _event,
    _move,
    _require_open,
    _require_organiser,
)
from tanggap.innovation.services.jury_scores import (  # noqa: F401  (the jury's services, one place)
    review_cancel,
    review_return,
    review_score,
    review_send,
    rubric_of,
    weighted_total,
)
from tanggap.org.models import Region, Unit

# --- jurors --------------------------------------------------------------------------------------


@transaction.atomic
def juror_add(*, actor, round_: Round, user, official=None, expertise: str = "") -> Juror:
    """Add an account to the round's jury, linked to an official (by default the account's own)."""
    _require_organiser(actor, round_)
    _require_open(round_)
    if official is None:
        official = permissions.official_of(user)
    elif official.user_id not in (None, user.pk):
        raise DomainError(_("Pegawai itu terhubung ke akun lain."), field="official")
    juror = Juror.objects.filter(round=round_, user=user).first()
    if juror is not None and juror.is_active:
        raise DomainError(_("Akun ini sudah menjadi juri lomba ini."), field="user")
    if juror is None:
        juror = Juror(round=round_, user=user)
    juror.official = official
    juror.expertise = (expertise or "").strip()[:200]
    juror.is_active = True
    juror.save()
    audit_record(
        actor=actor,
        action="innovation_juror.added",
        target=juror,
        after={"user": user.pk, "official": getattr(official, "pk", None)},
        region_id=round_.organiser_id,
    )
    conflicts_refresh(round_)
    return juror


@transaction.atomic
def juror_remove(*, actor, juror: Juror, note: str = "") -> Juror:
    """Deactivate a juror; their assigned reviews not yet sent are cancelled (sent ones are kept)."""
    round_ = juror.round
    _require_organiser(actor, round_)
    _require_open(round_)
    if not juror.is_active:
        raise DomainError(_("Juri ini sudah tidak aktif."))
    juror.is_active = False
    juror.save(update_fields=["is_active"])
    for review in juror.reviews.select_related("round", "juror").filter(status=V.ASSIGNED):
        _move(review, workflow.CANCEL, actor, note or _("Juri diberhentikan."))
    audit_record(
        actor=actor,
        action="innovation_juror.removed",
        target=juror,
        note=note,
        region_id=round_.organiser_id,
    )
    return juror


# --- conflicts -----------------------------------------------------------------------------------


def _cancel_conflicted(round_: Round, actor=None) -> None:
    """Assigned, unsent reviews of conflicted pairs are cancelled."""
    pairs = set(Conflict.objects.filter(juror__round=round_).values_list("proposal_id", "juror_id"))
    live = Review.objects.select_related("round", "juror").filter(round=round_, status=V.ASSIGNED)
    for review in live:
        if (review.proposal_id, review.juror_id) in pairs:
            before = review.status
            review.status = V.WITHDRAWN
            review.save(update_fields=["status"])
            _event(review, workflow.CANCEL, before, actor, _("Konflik kepentingan.")).save()


@transaction.atomic
def conflicts_refresh(round_: Round) -> int:
    """Recompute the org-chart conflicts of the round's active jurors linked to an official: their own
    unit, its parent and its sub-units; in a province round, every proposal of their own region.
    Declared and organiser conflicts are kept. Returns the number of org-chart conflicts stored."""
    Conflict.objects.filter(juror__round=round_, source=Conflict.Source.ORG_CHART).delete()
    proposals = list(
        round_.proposals.exclude(status=Proposal.Status.WITHDRAWN).values_list(
            "id", "unit_id", "region_id"
        )
    )
    jurors = list(
        round_.jurors.filter(is_active=True, official__isnull=False).values_list(
            "id", "official__unit_id", "official__region_id"
        )
    )
    if not proposals or not jurors:
        return 0
    region_ids = {r for _p, _u, r in proposals} | {r for _j, _u, r in jurors}
    parent_of: dict[Hashable, Hashable | None] = dict(
        Unit.objects.filter(region_id__in=region_ids).values_list("id", "parent_id")
    )
    province = (
        Region.objects.filter(pk=round_.organiser_id).values_list("kind", flat=True).first()
        == Region.Kind.PROVINSI
    )
    pairs: set[tuple[Any, Any]] = assignment.org_conflicts(
        {p: u for p, u, _r in proposals},
        {j: u for j, u, _r in jurors},
        parent_of,
        proposal_regions={p: r for p, _u, r in proposals} if province else None,
        juror_regions={j: r for j, _u, r in jurors} if province else None,
    )
    kept = set(Conflict.objects.filter(juror__round=round_).values_list("proposal_id", "juror_id"))
    rows = [
        Conflict(juror_id=j, proposal_id=p, source=Conflict.Source.ORG_CHART)
        for p, j in sorted(pairs)
        if (p, j) not in kept
    ]
    Conflict.objects.bulk_create(rows)
    _cancel_conflicted(round_)
    return len(rows)


@transaction.atomic
def conflict_declare(*, actor, round_: Round, proposal: Proposal, reason: str) -> Conflict:
    """A juror declares a conflict of interest on a proposal of the round; their assigned, unsent
    review of it is cancelled (a sent one stays for the organiser to decide)."""
    juror = permissions.juror_of(actor, round_)
    if juror is None:
        raise PermissionDenied(_("Anda bukan juri aktif lomba ini."))
    _require_open(round_)
    if proposal.round_id != round_.pk:
        raise NotFound(_("Proposal tidak ditemukan dalam lomba ini."))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Tuliskan alasan konflik kepentingan."), field="reason")
    if len(reason) > 300:
        raise DomainError(_("Alasan paling banyak 300 karakter."), field="reason")
    conflict = Conflict.objects.filter(juror=juror, proposal=proposal).first()
    if conflict is None:
        conflict = Conflict.objects.create(
            juror=juror, proposal=proposal, source=Conflict.Source.DECLARED, reason=reason
        )
    review = (
        Review.objects.select_related("round", "juror")
        .filter(juror=juror, proposal=proposal, status=V.ASSIGNED)
        .first()
    )
    if review is not None:
        _move(review, workflow.DECLARE_CONFLICT, actor, reason)
    audit_record(
        actor=actor,
        action="innovation_conflict.declared",
        target=conflict,
        note=reason,
        region_id=round_.organiser_id,
    )
    return conflict


# --- assignment ----------------------------------------------------------------------------------


@transaction.atomic
def assign_round(*, actor, round_: Round) -> dict:
    """Assign `reviews_per_proposal` jurors to every proposal in review, balancing loads (within
    `max_load` when set) and never pairing a conflicted juror. Sent reviews are kept; assigned ones the
    new assignment drops are cancelled. Refuses (nothing changes) when no assignment exists."""
    _require_organiser(actor, round_)
    if round_.status not in (Round.Status.SCREENING, Round.Status.REVIEW):
        raise DomainError(
            _(
                "Penugasan juri hanya dapat dijalankan saat seleksi administrasi atau penilaian juri."
            )
        )
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    conflicts_refresh(round_)
    proposals = list(
        round_.proposals.filter(status=Proposal.Status.IN_REVIEW)
        .order_by("id")
        .values_list("id", flat=True)
    )
    jurors = list(round_.jurors.filter(is_active=True).order_by("id").values_list("id", flat=True))
    if not proposals:
        raise DomainError(_("Belum ada proposal yang lolos ke penilaian juri."))
    if not jurors:
        raise DomainError(_("Belum ada juri aktif."))
    existing = {(r.proposal_id, r.juror_id): r for r in round_.reviews.select_related("juror")}
    in_play = set(proposals)
    juror_set = set(jurors)
    blocked = {
        (p, j)
        for p, j in Conflict.objects.filter(juror__round=round_).values_list(
            "proposal_id", "juror_id"
        )
        if p in in_play and j in juror_set
    }
    blocked |= {
        pair
        for pair, r in existing.items()
        if r.status == V.WITHDRAWN and pair[0] in in_play and pair[1] in juror_set
    }
    preference: dict[tuple[Hashable, Hashable], float] = {
        pair: KEEP_SENT if r.status == V.SUBMITTED else KEEP_ASSIGNED
        for pair, r in existing.items()
        if r.status != V.WITHDRAWN
        and pair not in blocked
        and pair[0] in in_play
        and pair[1] in juror_set
    }
    result = assignment.assign_reviews(
        proposals=proposals,
        jurors=jurors,
        k=round_.reviews_per_proposal,
        conflicts=blocked,
        preference=preference,
        max_load=round_.max_load,
    )
    chosen: set[tuple[Any, Any]] = {(p, j) for p, js in result.pairs.items() for j in js}
    now = timezone.now()
    created = []
    for pair in sorted(chosen - set(existing)):
        created.append(Review(round=round_, proposal_id=pair[0], juror_id=pair[1], assigned_at=now))
    Review.objects.bulk_create(created)
    ReviewEvent.objects.bulk_create([_event(r, ASSIGN, "", actor) for r in created])
    cancelled = 0
    for pair, review in existing.items():
        if review.status == V.ASSIGNED and pair not in chosen:
            review.round = round_
            _move(review, workflow.CANCEL, actor, _("Penugasan juri disusun ulang."))
            cancelled += 1
    summary = {
        "created": len(created),
        "cancelled": cancelled,
        "loads": result.loads,
        "optimal": result.optimal,
    }
    audit_record(
        actor=actor,
        action="innovation_round.jury_assigned",
        target=round_,
        after={"created": len(created), "cancelled": cancelled},
        region_id=round_.organiser_id,
    )
    return summary
