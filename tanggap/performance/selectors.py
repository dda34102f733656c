"""Every read of performance agreements, already scoped to what the reader may see (permissions.py):
anyone with a role on a unit (or a unit above it) sees its agreements; the region's readers see the
region's; a system administrator sees all."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from tanggap.accounts.models import UNIT_ROLES
from tanggap.accounts.permissions import REGION_READERS, is_sysadmin, region_ids_with, unit_ids_with
from tanggap.core.errors import NotFound
from tanggap.performance.models import Indicator, PerformanceAgreement, Realisation


def agreement_list_visible_to(
    *, user, unit_id: int | None = None, year: int | None = None
) -> QuerySet[PerformanceAgreement]:
    """The agreements `user` may read, newest year first, optionally of one unit or year."""
    agreements = PerformanceAgreement.objects.select_related("unit", "unit__region")
    if not is_sysadmin(user):
        agreements = agreements.filter(
            Q(unit__region_id__in=region_ids_with(user, REGION_READERS))
            | Q(unit_id__in=unit_ids_with(user, UNIT_ROLES))
        )
    if unit_id is not None:
        agreements = agreements.filter(unit_id=unit_id)
    if year is not None:
        agreements = agreements.filter(year=year)
    return agreements


def agreement_detail_for(*, user, agreement_id) -> PerformanceAgreement:
    """One visible agreement with its indicators and their realisation (three queries after the scope), or
    NotFound when it does not exist or `user` may not read it."""
    indicators = Indicator.objects.prefetch_related(
        Prefetch("realisations", queryset=Realisation.objects.order_by("quarter"))
    )
    try:
        return (
            agreement_list_visible_to(user=user)
            .prefetch_related(Prefetch("indicators", queryset=indicators))
            .get(pk=agreement_id)
        )
    except (PerformanceAgreement.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
