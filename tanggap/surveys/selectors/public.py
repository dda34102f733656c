"""The public IKM figures: a unit's current IKM and a region's units, for the latest full quarter (or the
year to date when that quarter has no responses), without comments, profile or flagged responses, and
without the units whose figures come from fewer than k responses (tanggap.surveys.disclosure)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tanggap.core.calendar import region_today
from tanggap.core.errors import NotFound
from tanggap.org.models import Region, Unit
from tanggap.surveys.models import SurveyResponse
from tanggap.surveys.periods import Period, latest_full_quarter, year_to_date
from tanggap.surveys.selectors.comparison import RegionComparison, region_ikm_comparison
from tanggap.surveys.selectors.ikm_reports import IkmReport, ikm_report


def public_period(region: Region, *, has_responses, now=None) -> Period:
    """The latest full quarter, or the year to date when that quarter has no responses."""
    today = region_today(region, now)
    quarter = latest_full_quarter(today)
    return quarter if has_responses(quarter) else year_to_date(today)


def _published(period: Period, **where) -> bool:
    return SurveyResponse.objects.filter(
        is_flagged=False, served_on__gte=period.start, served_on__lte=period.end, **where
    ).exists()


def public_unit(unit_id: int) -> Unit:
    """An active unit whose IKM the public may read; NotFound otherwise."""
    unit = Unit.objects.select_related("region").filter(pk=unit_id, is_active=True).first()
    if unit is None:
        raise NotFound(_("Unit tidak ditemukan."))
    return unit


def public_unit_ikm(unit: Unit, *, now=None, language: str = "id") -> IkmReport:
    """The unit's current IKM for its public page: no comments, no profile, no flagged responses."""
    period = public_period(unit.region, has_responses=lambda p: _published(p, unit=unit), now=now)
    report = ikm_report(unit=unit, period=period, include_flagged=False, language=language)
    report.comments = []
    report.profile = {}
    return report


def public_region_ikm(region: Region, *, now=None) -> RegionComparison:
    """The units of a region with a published IKM (at least k responses) in the public period."""
    period = public_period(region, has_responses=lambda p: _published(p, region=region), now=now)
    comparison = region_ikm_comparison(region=region, period=period, include_flagged=False)
    comparison.rows = sorted(
        (row for row in comparison.rows if row.result is not None), key=lambda r: r.unit.name
    )
    return comparison


def public_regions() -> list[Region]:
    """Active regions that have survey responses."""
    ids = SurveyResponse.objects.values_list("region_id", flat=True).distinct().order_by()
    return list(Region.objects.filter(is_active=True, pk__in=ids).order_by("name"))
