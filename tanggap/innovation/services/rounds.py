"""Writes to a competition round (organiser = the innovation office of the organising region): create and
edit its settings and eligibility rules, its categories, weighted rubric and stages, and move it through
`ROUND_MACHINE`. Every write checks its input first, runs in one transaction and is audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.innovation import permissions as p
from tanggap.innovation.models import Category, Innovation, Round, RoundStage, RubricItem
from tanggap.innovation.selectors.eligibility import check_rubric
from tanggap.innovation.workflow import ROUND_MACHINE

EDITABLE = (Round.Status.DRAFT, Round.Status.OPEN)
SETTINGS = (
    "name",
    "year",
    "style",
    "description",
    "min_stage",
    "min_years_implemented",
    "max_proposals_per_unit",
    "require_qualified",
    "reviews_per_proposal",
    "blind",
    "tie_rule",
    "outlier_gap",
    "top_n",
    "opens_on",
    "closes_on",
)


def _text(value, *, field: str, max_length: int, required: bool = True) -> str:
    text = (value or "").strip() if isinstance(value, str) else ""
    if required and not text:
        raise DomainError(_("Isian ini wajib diisi."), field=field)
    if len(text) > max_length:
        raise DomainError(_("Paling banyak %(n)s karakter.") % {"n": max_length}, field=field)
    return text


def _choice(value, choices, *, field: str) -> str:
    if value not in choices.values:
        raise DomainError(_("Pilihan tidak dikenal."), field=field)
    return value


def _int(value, *, field: str, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise DomainError(_("Harus berupa bilangan bulat."), field=field) from None
    if not low <= number <= high:
        raise DomainError(
            _("Harus antara %(low)s dan %(high)s.") % {"low": low, "high": high}, field=field
        )
    return number


def _decimal(value, *, field: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise DomainError(_("Harus berupa angka."), field=field) from None
    if not number.is_finite() or abs(number) >= 10000:
        raise DomainError(_("Harus berupa angka antara -9999 dan 9999."), field=field)
    return number


def _date(value, *, field: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DomainError(_("Tanggal tidak valid (TTTT-BB-HH)."), field=field) from None


def _clean_settings(data: dict) -> dict:
    out: dict[str, Any] = {
        "name": _text(data.get("name"), field="name", max_length=200),
        "year": _int(data.get("year"), field="year", low=2000, high=2100),
        "style": _choice(data.get("style"), Round.Style, field="style"),
        "description": _text(
            data.get("description", ""), field="description", max_length=5000, required=False
        ),
        "min_stage": _choice(
            data.get("min_stage", Innovation.Stage.PENERAPAN), Innovation.Stage, field="min_stage"
        ),
        "min_years_implemented": _int(
            data.get("min_years_implemented", 1), field="min_years_implemented", low=0, high=50
        ),
        "max_proposals_per_unit": _int(
            data.get("max_proposals_per_unit", 10), field="max_proposals_per_unit", low=1, high=1000
        ),
        "require_qualified": bool(data.get("require_qualified", True)),
        "reviews_per_proposal": _int(
            data.get("reviews_per_proposal", 3), field="reviews_per_proposal", low=1, high=20
        ),
        "blind": bool(data.get("blind", True)),
        "tie_rule": _choice(
            data.get("tie_rule", Round.TieRule.CRITERION), Round.TieRule, field="tie_rule"
        ),
        "outlier_gap": _decimal(data.get("outlier_gap", 20), field="outlier_gap"),
        "top_n": _int(data.get("top_n", 10), field="top_n", low=1, high=1000),
        "opens_on": _date(data.get("opens_on"), field="opens_on"),
        "closes_on": _date(data.get("closes_on"), field="closes_on"),
    }
    if out["outlier_gap"] < 0:
        raise DomainError(_("Selisih pencilan tidak boleh negatif."), field="outlier_gap")
    if out["closes_on"] < out["opens_on"]:
        raise DomainError(
            _("Tanggal penutupan tidak boleh sebelum tanggal pembukaan."), field="closes_on"
        )
    return out


def _require_organiser(actor, round_: Round) -> None:
    if not p.is_organiser(actor, round_):
        raise PermissionDenied(_("Hanya penyelenggara lomba yang dapat melakukan ini."))


def _locked(round_: Round) -> Round:
    return Round.objects.select_for_update().get(pk=round_.pk)


def _require_editable(round_: Round) -> None:
    if round_.status not in EDITABLE:
        raise DomainError(
            _("Pengaturan lomba tidak dapat diubah setelah pendaftaran ditutup."), code="locked"
        )


@transaction.atomic
def round_create(*, actor, organiser, **data) -> Round:
    """A new round (draft) organised by `organiser` (a region whose innovation office the actor is)."""
    if organiser is None or not p.is_office(actor, organiser):
        raise PermissionDenied(_("Hanya kantor inovasi daerah yang dapat menyelenggarakan lomba."))
    round_ = Round.objects.create(organiser=organiser, created_by=actor, **_clean_settings(data))
    audit_record(
        actor=actor,
        action="innovation_round.created",
        target=round_,
        after=snapshot(round_),
        region_id=round_.organiser_id,
    )
    return round_


@transaction.atomic
def round_update(*, actor, round_: Round, **data) -> Round:
    """Change a round's settings and eligibility rules (only while it is a draft or open)."""
    _require_organiser(actor, round_)
    round_ = _locked(round_)
    _require_editable(round_)
    before = snapshot(round_)
    merged = {name: getattr(round_, name) for name in SETTINGS} | data
    for name, value in _clean_settings(merged).items():
        setattr(round_, name, value)
    if round_.stages.filter(starts_on__lt=round_.opens_on).exists():
        raise DomainError(
            _("Ada tahap lomba yang dimulai sebelum tanggal pembukaan."), field="opens_on"
        )
    round_.save()
    audit_record(
        actor=actor,
        action="innovation_round.updated",
        target=round_,
        before=before,
        after=snapshot(round_),
        region_id=round_.organiser_id,
    )
    return round_


@transaction.atomic
def category_add(*, actor, round_: Round, code, name, forms=()) -> Category:
    """A category of the round; `forms` (innovation forms allowed) empty means every form."""
    _require_organiser(actor, round_)
    round_ = _locked(round_)
    _require_editable(round_)
    code = _text(code, field="code", max_length=40).lower()
    forms = list(forms or [])
    for form in forms:
        _choice(form, Innovation.Form, field="forms")
    if round_.categories.filter(code=code).exists():
        raise DomainError(_("Kode kategori sudah dipakai dalam lomba ini."), field="code")
    category = Category.objects.create(
        round=round_, code=code, name=_text(name, field="name", max_length=200), forms=forms
    )
    audit_record(
        actor=actor,
        action="innovation_round.category_added",
        target=category,
        after=snapshot(category),
        region_id=round_.organiser_id,
    )
    return category


@transaction.atomic
def rubric_set(*, actor, round_: Round, items) -> list[RubricItem]:
    """Replace the round's rubric with `items` (dicts: code, name, weight, min_score, max_score,
    guidance): weights must sum to 100 and each min must be below its max."""
    _require_organiser(actor, round_)
    round_ = _locked(round_)
    _require_editable(round_)
    rows = [
        RubricItem(
            round=round_,
            code=_text(item.get("code"), field="code", max_length=40).lower(),
            name=_text(item.get("name"), field="name", max_length=200),
            guidance=_text(
                item.get("guidance", ""), field="guidance", max_length=2000, required=False
            ),
            weight=_decimal(item.get("weight"), field="weight"),
            min_score=_decimal(item.get("min_score", 0), field="min_score"),
            max_score=_decimal(item.get("max_score", 100), field="max_score"),
            order=order,
        )
        for order, item in enumerate(items)
    ]
    check_rubric(rows)
    round_.rubric.all().delete()
    RubricItem.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        action="innovation_round.rubric_set",
        target=round_,
        after={"rubric": [(r.code, str(r.weight)) for r in rows]},
        region_id=round_.organiser_id,
    )
    return rows


@transaction.atomic
def stage_add(
    *, actor, round_: Round, kind, name, starts_on, ends_on, pass_score=None
) -> RoundStage:
    """Append a stage: its dates within the round (from opening) and after the previous stage's start."""
    _require_organiser(actor, round_)
    round_ = _locked(round_)
    _require_editable(round_)
    kind = _choice(kind, RoundStage.Kind, field="kind")
    starts_on = _date(starts_on, field="starts_on")
    ends_on = _date(ends_on, field="ends_on")
    if ends_on < starts_on:
        raise DomainError(_("Tahap tidak boleh selesai sebelum dimulai."), field="ends_on")
    if starts_on < round_.opens_on:
        raise DomainError(
            _("Tahap tidak boleh dimulai sebelum pendaftaran lomba dibuka."), field="starts_on"
        )
    last = round_.stages.order_by("-order").first()
    if last is not None and starts_on < last.starts_on:
        raise DomainError(
            _("Tahap harus dimulai setelah tahap sebelumnya (%(name)s).") % {"name": last.name},
            field="starts_on",
        )
    score = None if pass_score in (None, "") else _decimal(pass_score, field="pass_score")
    stage = RoundStage.objects.create(
        round=round_,
        order=(last.order + 1) if last else 1,
        kind=kind,
        name=_text(name, field="name", max_length=120),
        starts_on=starts_on,
        ends_on=ends_on,
        pass_score=score,
    )
    audit_record(
        actor=actor,
        action="innovation_round.stage_added",
        target=stage,
        after=snapshot(stage),
        region_id=round_.organiser_id,
    )
    return stage


@transaction.atomic
def round_move(*, actor, round_: Round, action: str, note: str = "") -> Round:
    """Move the round through ROUND_MACHINE (open, start_screening, start_review, close). Opening needs
    a category and a valid rubric. Publication goes through `round_publish` (services.results)."""
    from tanggap.innovation.workflow import PUBLISH

    round_ = _locked(round_)
    if action == PUBLISH:
        raise DomainError(_("Umumkan hasil lewat halaman hasil lomba."), code="use_publish")
    transition = ROUND_MACHINE.check_action(action, round_.status, actor, round_)
    if round_.status == Round.Status.DRAFT:
        if not round_.categories.exists():
            raise DomainError(_("Tambahkan minimal satu kategori sebelum membuka lomba."))
        check_rubric(list(round_.rubric.all()))
    before = round_.status
    round_.status = transition.target
    round_.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=f"innovation_round.{action}",
        target=round_,
        before={"status": before},
        after={"status": round_.status},
        region_id=round_.organiser_id,
    )
    return round_
