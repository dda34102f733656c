"""Reads that decide whether a round may go on: may this innovation enter the round (its eligibility
rules, as data), and is the round's rubric valid (weights summing to 100, checked through
aggregation.Rubric). Services call them before writing; pages list the reasons."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from tanggap.core.errors import DomainError
from tanggap.innovation import permissions as p
from tanggap.innovation.aggregation import Rubric, RubricCriterion
from tanggap.innovation.models import Assessment, Category, Innovation, Proposal, Round

STAGE_ORDER: list[str] = [
    Innovation.Stage.INISIATIF,
    Innovation.Stage.UJI_COBA,
    Innovation.Stage.PENERAPAN,
]
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


def check_rubric(items) -> Rubric:
    """The round's rubric as the pure `Rubric` (every item min < max, weights > 0) whose weights sum to
    exactly 100; refused with a clear message otherwise."""
    criteria = tuple(
        RubricCriterion(
            code=i.code, label=i.name, weight=i.weight, min_score=i.min_score, max_score=i.max_score
        )
        for i in items
    )
    rubric = Rubric(criteria)
    total = sum((Decimal(c.weight) for c in criteria), Decimal(0))
    if total != 100:
        raise DomainError(
            _("Jumlah bobot kriteria harus 100%% (sekarang %(total)s%%).") % {"total": total},
            field="weight",
        )
    return rubric
