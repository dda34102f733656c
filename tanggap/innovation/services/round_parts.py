"""Editing and removing a round's categories and stages: only while the round is still a draft (once it
opens, units enter proposals in its categories and its stages are announced). Every write is audited."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError
from tanggap.innovation.models import Category, Innovation, Round, RoundStage
from tanggap.innovation.services.rounds import (
    _choice,
    _date,
    _decimal,
    _locked,
    _require_organiser,
    _text,
)


def _require_draft(round_: Round) -> Round:
    round_ = _locked(round_)
    if round_.status != Round.Status.DRAFT:
        raise DomainError(
            _("Kategori dan tahap hanya dapat diubah atau dihapus selama lomba masih draf."),
            code="locked",
        )
    return round_


def _audit(actor, action: str, target, round_: Round, before=None, after=None) -> None:
    audit_record(
        actor=actor,
        action=f"innovation_round.{action}",
        target=target,
        before=before,
        after=after,
        region_id=round_.organiser_id,
    )


@transaction.atomic
def category_update(*, actor, category: Category, code, name, forms=()) -> Category:
    """Change a draft round's category: its code (unique in the round), name and allowed forms."""
    _require_organiser(actor, category.round)
    round_ = _require_draft(category.round)
    code = _text(code, field="code", max_length=40).lower()
    name = _text(name, field="name", max_length=200)
    forms = list(forms or [])
    for form in forms:
        _choice(form, Innovation.Form, field="forms")
    if round_.categories.filter(code=code).exclude(pk=category.pk).exists():
        raise DomainError(_("Kode kategori sudah dipakai dalam lomba ini."), field="code")
    before = snapshot(category)
    category.code, category.name, category.forms = code, name, forms
    category.save(update_fields=["code", "name", "forms"])
    _audit(actor, "category_updated", category, round_, before, snapshot(category))
    return category


@transaction.atomic
def category_remove(*, actor, category: Category) -> None:
    """Remove a draft round's category (none of its proposals may exist)."""
    _require_organiser(actor, category.round)
    round_ = _require_draft(category.round)
    if category.proposals.exists():
        raise DomainError(_("Kategori ini sudah memiliki proposal."), field="category")
    _audit(actor, "category_removed", category, round_, before=snapshot(category))
    category.delete()


def _check_stage_dates(round_: Round, stage: RoundStage | None, starts_on, ends_on):
    starts_on = _date(starts_on, field="starts_on")
    ends_on = _date(ends_on, field="ends_on")
    if ends_on < starts_on:
        raise DomainError(_("Tahap tidak boleh selesai sebelum dimulai."), field="ends_on")
    if starts_on < round_.opens_on:
        raise DomainError(
            _("Tahap tidak boleh dimulai sebelum pendaftaran lomba dibuka."), field="starts_on"
        )
    if stage is not None:
        earlier = round_.stages.filter(order__lt=stage.order).order_by("-order").first()
        later = round_.stages.filter(order__gt=stage.order).order_by("order").first()
        if earlier is not None and starts_on < earlier.starts_on:
            raise DomainError(
                _("Tahap harus dimulai setelah tahap sebelumnya (%(name)s).")
                % {"name": earlier.name},
                field="starts_on",
            )
        if later is not None and starts_on > later.starts_on:
            raise DomainError(
                _("Tahap harus dimulai sebelum tahap berikutnya (%(name)s).")
                % {"name": later.name},
                field="starts_on",
            )
    return starts_on, ends_on


@transaction.atomic
def stage_update(
    *, actor, stage: RoundStage, kind, name, starts_on, ends_on, pass_score=None
) -> RoundStage:
    """Change a draft round's stage; its start stays between the previous and the next stage's."""
    _require_organiser(actor, stage.round)
    round_ = _require_draft(stage.round)
    kind = _choice(kind, RoundStage.Kind, field="kind")
    name = _text(name, field="name", max_length=120)
    starts_on, ends_on = _check_stage_dates(round_, stage, starts_on, ends_on)
    score = None if pass_score in (None, "") else _decimal(pass_score, field="pass_score")
    before = snapshot(stage)
    stage.kind, stage.name, stage.starts_on, stage.ends_on = kind, name, starts_on, ends_on
    stage.pass_score = score
    stage.save(update_fields=["kind", "name", "starts_on", "ends_on", "pass_score"])
    _audit(actor, "stage_updated", stage, round_, before, snapshot(stage))
    return stage


@transaction.atomic
def stage_remove(*, actor, stage: RoundStage) -> None:
    """Remove a draft round's stage; the later stages move up one place."""
    _require_organiser(actor, stage.round)
    round_ = _require_draft(stage.round)
    _audit(actor, "stage_removed", stage, round_, before=snapshot(stage))
    order = stage.order
    stage.delete()
    for later in round_.stages.filter(order__gt=order).order_by("order"):
        later.order -= 1
        later.save(update_fields=["order"])
