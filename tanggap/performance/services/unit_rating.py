"""Record a unit's own performance rating of a year (Istimewa … Sangat Kurang) with the decree or
evaluation it comes from: the rating the unit's predikat distribution is checked against."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.performance.models import UnitPerformanceRating
from tanggap.performance.permissions import may_set_unit_rating
from tanggap.performance.services.figures import parse_text, parse_year
from tanggap.performance.skp import UnitRating

BASIS_MAX = 1000
FIELDS = ["unit", "year", "rating", "basis", "decided_by", "decided_at"]


def _rating(value) -> str:
    if isinstance(value, str) and value in UnitRating.values:
        return value
    raise DomainError(
        _(
            "Predikat unit harus salah satu dari: istimewa, baik, butuh perbaikan, kurang, "
            "sangat kurang."
        ),
        field="rating",
    )


@transaction.atomic
def unit_rating_set(*, actor, unit, year, rating, basis) -> UnitPerformanceRating:
    """Set (or change) a unit's performance rating of a year, with its basis; region admin only."""
    if not may_set_unit_rating(actor, unit):
        raise PermissionDenied()
    year = parse_year(year)
    rating = _rating(rating)
    if not isinstance(basis, str) or not basis.strip():
        raise DomainError(
            _(
                "Dasar penetapan wajib diisi: keputusan atau hasil evaluasi yang menetapkan predikat ini."
            ),
            field="basis",
        )
    basis = parse_text(basis, field="basis", max_length=BASIS_MAX, required=True)
    row = UnitPerformanceRating.objects.select_for_update().filter(unit=unit, year=year).first()
    before = snapshot(row, FIELDS) if row else None
    if row is None:
        row = UnitPerformanceRating(unit=unit, year=year)
    row.rating = rating
    row.basis = basis
    row.decided_by = actor
    row.decided_at = timezone.now()
    row.save()
    audit_record(
        actor=actor,
        action="unit_rating.changed" if before else "unit_rating.set",
        target=row,
        before=before,
        after=snapshot(row, FIELDS),
        region_id=unit.region_id,
    )
    return row
