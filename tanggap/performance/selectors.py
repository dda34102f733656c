"""Every read of performance agreements, already scoped to what the reader may see (permissions.py):
anyone with a role on a unit (or a unit above it) sees its agreements; the region's readers see the
region's; a system administrator sees all.

SKP follow the people rules of tanggap.attendance: an official sees their own, the direct superior the
team's (and every SKP they appraise), a unit head (role) the unit's and the units' below, the region admin
the region's."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from tanggap.accounts.models import UNIT_ROLES, Role
from tanggap.accounts.permissions import REGION_READERS, is_sysadmin, region_ids_with, unit_ids_with
from tanggap.attendance.permissions import official_of
from tanggap.attendance.selectors import official_scope, team_of
from tanggap.core.errors import NotFound, PermissionDenied
from tanggap.org.models import Official, Unit
from tanggap.performance.models import (
    Indicator,
    PerformanceAgreement,
    Realisation,
    Skp,
    SkpAutoFigure,
    SkpQuarterReview,
    SkpResult,
    UnitPerformanceRating,
)
from tanggap.performance.permissions import AGREEMENT_ROLES, may_read_unit_predikat
from tanggap.performance.skp import UnitRating, Violation, distribution_check

# Without a stored rating (UnitPerformanceRating) or a chosen one, a unit's distribution is checked
# against "Baik", the rating most units receive.
DEFAULT_UNIT_RATING = UnitRating.BAIK


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


def realisation_for(*, user, realisation_id) -> Realisation:
    """One realisation of an agreement `user` may read (its evidence file is served through this), or
    NotFound."""
    try:
        return Realisation.objects.select_related("indicator__agreement").get(
            pk=realisation_id,
            indicator__agreement__in=agreement_list_visible_to(user=user).values("pk"),
        )
    except (Realisation.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def agreement_units_managed_by(*, user) -> QuerySet[Unit]:
    """The active units whose agreement `user` may set (may_manage_agreement): the regions they
    administer, the units (and those below) where they are head or admin (role); every unit for a
    system administrator."""
    units = Unit.objects.filter(is_active=True).select_related("region")
    if not is_sysadmin(user):
        units = units.filter(
            Q(region_id__in=region_ids_with(user, {Role.REGION_ADMIN}))
            | Q(pk__in=unit_ids_with(user, AGREEMENT_ROLES))
        )
    return units.order_by("region__name", "name")


# --- SKP -------------------------------------------------------------------------------------------


def skp_list_visible_to(
    *, user, year: int | None = None, official_id: int | None = None
) -> QuerySet[Skp]:
    """The SKP `user` may read, newest year first, with official and superior loaded."""
    scope = official_scope(user, "official__")
    me = official_of(user)
    if me is not None:
        scope |= Q(superior_id=me.pk)
    skps = Skp.objects.filter(scope).select_related("official", "official__unit", "superior")
    if year is not None:
        skps = skps.filter(year=year)
    if official_id is not None:
        skps = skps.filter(official_id=official_id)
    return skps


def skp_detail_for(*, user, skp_id) -> Skp:
    """One visible SKP with its results and its reviews with their realisation, or NotFound."""
    try:
        return (
            skp_list_visible_to(user=user)
            .prefetch_related(
                Prefetch(
                    "results",
                    queryset=SkpResult.objects.select_related("indicator", "parent_result"),
                ),
                Prefetch(
                    "reviews",
                    queryset=SkpQuarterReview.objects.prefetch_related("realisations"),
                ),
            )
            .get(pk=skp_id)
        )
    except (Skp.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def predikat_units_visible_to(*, user) -> QuerySet[Unit]:
    """The active units whose predikat distribution `user` may read (may_read_unit_predikat): the
    unit they head (as its official), the units (and those below) where they hold the unit head role,
    the regions they administer; every unit for a system administrator."""
    units = Unit.objects.filter(is_active=True).select_related("region")
    if not is_sysadmin(user):
        scope = Q(region_id__in=region_ids_with(user, {Role.REGION_ADMIN})) | Q(
            pk__in=unit_ids_with(user, {Role.UNIT_HEAD})
        )
        me = official_of(user)
        if me is not None:
            scope |= Q(head_id=me.pk)
        units = units.filter(scope)
    return units.order_by("region__name", "name")


def skp_with_progress(skps: QuerySet[Skp]) -> QuerySet[Skp]:
    """`skps` with `results_count` and `last_quarter` (the last quarter reviewed, None before any)."""
    # An aggregate drops the model's ordering: say it again (pages paginate this).
    return skps.annotate(
        results_count=Count("results", distinct=True), last_quarter=Max("reviews__quarter")
    ).order_by("-year", "official__name", "pk")


def skp_team_of(official) -> QuerySet[Official]:
    """The active officials whose direct superior is `official` (attendance's team), by name."""
    if official is None:
        return Official.objects.none()
    return team_of(official).order_by("name", "pk")


def skp_parent_choices(skp: Skp) -> tuple[list[Indicator], list[SkpResult]]:
    """What a result of `skp` (already visible to the reader) may cascade from: the indicators of the
    official's unit's signed agreement of the year, and the results of the superior's SKP of the year."""
    indicators = Indicator.objects.filter(
        agreement__unit_id=skp.official.unit_id,
        agreement__year=skp.year,
        agreement__status=PerformanceAgreement.Status.SIGNED,
    ).order_by("position", "pk")
    parents = SkpResult.objects.filter(
        skp__official_id=skp.superior_id, skp__year=skp.year
    ).order_by("position", "pk")
    return list(indicators), list(parents)


@dataclass(frozen=True)
class PredikatDistribution:
    """A unit's year-end predikat and the distribution rules they break (warnings, never a block)."""

    unit_rating: str
    predikats: list[str]
    violations: list[Violation]


def unit_predikat_distribution(*, user, unit, year: int, unit_rating) -> PredikatDistribution:
    """The predikat of the unit's officials for `year` checked against the unit's own rating.

    The caller passes the unit's own rating (the stored one, `unit_rating_of`, or a reader's what-if);
    a rating outside the five values is refused by `distribution_check`. Only the
    officials placed directly in the unit count, and only SKP already rated."""
    if not may_read_unit_predikat(user, unit):
        raise PermissionDenied()
    predikats = list(
        Skp.objects.filter(official__unit=unit, year=year)
        .exclude(predikat="")
        .order_by("official_id")
        .values_list("predikat", flat=True)
    )
    violations = distribution_check(unit_rating, predikats)
    return PredikatDistribution(
        unit_rating=str(unit_rating), predikats=predikats, violations=violations
    )


def unit_rating_of(*, unit_id: int, year: int) -> UnitPerformanceRating | None:
    """The unit's stored performance rating of `year` with who decided it (None when not recorded).

    No user scope of its own: callers show it beside what they already scoped (a predikat distribution
    the reader may read, an SKP the reader appraises)."""
    return (
        UnitPerformanceRating.objects.filter(unit_id=unit_id, year=year)
        .select_related("decided_by")
        .first()
    )


class RatingSource:
    """Where the rating a distribution is checked against comes from."""

    STORED = "ditetapkan"  # the unit's recorded rating of the year
    CHOSEN = "dipilih"  # the reader's choice (a what-if when a rating is recorded)
    DEFAULT = "bawaan"  # nothing recorded, nothing chosen: DEFAULT_UNIT_RATING

    ALL = (STORED, CHOSEN, DEFAULT)


@dataclass(frozen=True)
class UnitRatingChoice:
    """The rating to check a unit's distribution against, its source, and the stored row (if any)."""

    rating: UnitRating
    source: str
    stored: UnitPerformanceRating | None


def unit_rating_to_check(*, unit_id: int, year: int, chosen=None) -> UnitRatingChoice:
    """`chosen` when given (a reader's what-if), else the unit's stored rating of the year, else the
    default; the stored row comes along either way so a page can show both."""
    stored = unit_rating_of(unit_id=unit_id, year=year)
    if chosen:
        return UnitRatingChoice(UnitRating(chosen), RatingSource.CHOSEN, stored)
    if stored is not None:
        return UnitRatingChoice(UnitRating(stored.rating), RatingSource.STORED, stored)
    return UnitRatingChoice(DEFAULT_UNIT_RATING, RatingSource.DEFAULT, None)


def auto_figures_of(skp: Skp, quarter: int) -> dict[int, SkpAutoFigure]:
    """The platform's stored figures of `skp`'s automatic results for a quarter (the nightly refresh and
    each saved review write them), by result id; read-only."""
    return {
        f.result_id: f
        for f in SkpAutoFigure.objects.filter(
            result__skp=skp, result__source__gt="", quarter=quarter
        )
    }
