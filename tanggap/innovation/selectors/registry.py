"""Reads of the innovation registry, already scoped to the user, and of the public showcase.

- Staff: the office and readers of a region (and anyone on its staff) read the region's registry; unit
  owners edit their units' innovations (`permissions.may_edit_innovation`).
- Public showcase: active innovations marked public, of every active region. Only public fields are
  shown: name, stage and its dates, form, kind, affair, unit, region, problem, approach, benefits,
  results, photo and replications. The budget is shown only for innovations at the implementation
  stage (spent public money, public information); never for those at initiative or trial, never any
  evidence, assessment, owner (personal data) or internal field.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from tanggap.accounts.permissions import is_sysadmin, user_region_ids
from tanggap.core.errors import NotFound
from tanggap.core.text import normalize_text
from tanggap.innovation.models import Evidence, IndexScheme, Indicator, Innovation, Replication

PUBLIC_FIELDS = (
    "id",
    "code",
    "name",
    "form",
    "kind",
    "affair",
    "stage",
    "initiated_on",
    "trial_on",
    "implemented_on",
    "problem",
    "approach",
    "benefits",
    "results",
    "budget",
    "photo",
    "unit_id",
    "region_id",
)


def registry_region_ids(user) -> set[int] | None:
    """Regions whose registry the user reads (None: every region, for a system administrator)."""
    if is_sysadmin(user):
        return None
    return user_region_ids(user)


def may_open_registry(user) -> bool:
    """Region staff (anyone with a role or an official record in a region)."""
    return bool(getattr(user, "is_authenticated", False)) and (
        is_sysadmin(user) or bool(user_region_ids(user))
    )


def innovation_list_visible_to(
    *,
    user,
    unit_id: int | None = None,
    stage: str = "",
    form: str = "",
    kind: str = "",
    affair: str = "",
    year: int | None = None,
    text: str = "",
    include_inactive: bool = False,
) -> QuerySet[Innovation]:
    """The registry the user reads, filtered (year is the year of registration)."""
    qs = Innovation.objects.select_related("unit", "region")
    regions = registry_region_ids(user)
    if regions is not None:
        qs = qs.filter(region_id__in=regions)
    if not include_inactive:
        qs = qs.filter(is_active=True)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if stage:
        qs = qs.filter(stage=stage)
    if form:
        qs = qs.filter(form=form)
    if kind:
        qs = qs.filter(kind=kind)
    if affair:
        qs = qs.filter(affair=affair)
    if year:
        qs = qs.filter(created_at__year=year)
    words = normalize_text(text or "").split() if text else []
    for word in words[:8]:
        qs = qs.filter(Q(search_text__icontains=word) | Q(name__icontains=word))
    return qs.order_by("name", "id")


def innovation_detail_for(*, user, innovation_id: int) -> Innovation:
    """One innovation of the user's registry (404 otherwise), with its owners, replications, events."""
    found = (
        innovation_list_visible_to(user=user, include_inactive=True)
        .prefetch_related(
            "owners",
            Prefetch("replications", queryset=Replication.objects.select_related("unit")),
            "events",
        )
        .filter(pk=innovation_id)
        .first()
    )
    if found is None:
        raise NotFound(_("Inovasi tidak ditemukan."))
    return found


def current_scheme(year: int | None = None) -> IndexScheme | None:
    """The scheme of `year`, else the newest one."""
    schemes = IndexScheme.objects.order_by("-year")
    if year is not None:
        found = schemes.filter(year=year).first()
        if found is not None:
            return found
    return schemes.first()


def evidence_indicators(scheme: IndexScheme | None) -> QuerySet[Indicator]:
    """The indicators an innovation's evidence may belong to: the scheme's SID indicators."""
    if scheme is None:
        return Indicator.objects.none()
    return scheme.indicators.filter(aspect=Indicator.Aspect.SID).order_by("order", "id")


@dataclass
class IndicatorEvidence:
    indicator: Indicator
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def missing(self) -> bool:
        return not self.evidence


def evidence_by_indicator(
    *, innovation: Innovation, scheme: IndexScheme | None
) -> list[IndicatorEvidence]:
    """Each SID indicator of the scheme with the innovation's evidence for it (missing ones empty)."""
    rows = {i.pk: IndicatorEvidence(i) for i in evidence_indicators(scheme)}
    for item in Evidence.objects.filter(innovation=innovation, indicator__in=list(rows)).order_by(
        "uploaded_at", "id"
    ):
        rows[item.indicator_id].evidence.append(item)
    return list(rows.values())


def showcase_list(
    *, region_id: int | None = None, affair: str = "", form: str = "", text: str = ""
) -> QuerySet[Innovation]:
    """Public, active innovations of active regions, with only public fields loaded."""
    qs = (
        Innovation.objects.filter(is_public=True, is_active=True, region__is_active=True)
        .select_related("unit", "region")
        .only(*PUBLIC_FIELDS, "unit__name", "region__name", "region__slug")
        .annotate(replication_count=Count("replications"))
    )
    if region_id:
        qs = qs.filter(region_id=region_id)
    if affair:
        qs = qs.filter(affair=affair)
    if form:
        qs = qs.filter(form=form)
    for word in (normalize_text(text).split() if text else [])[:8]:
        qs = qs.filter(Q(search_text__icontains=word) | Q(name__icontains=word))
    return qs.order_by("-implemented_on", "name", "id")


def showcase_detail(*, innovation_id: int) -> Innovation:
    """One public innovation (404 if private, archived or of an inactive region)."""
    found = (
        showcase_list()
        .prefetch_related(
            Prefetch(
                "replications",
                queryset=Replication.objects.select_related("unit").only(
                    "id", "innovation_id", "replicated_on", "other_institution", "unit__name"
                ),
            )
        )
        .filter(pk=innovation_id)
        .first()
    )
    if found is None:
        raise NotFound(_("Inovasi tidak ditemukan."))
    return found


def public_budget(innovation: Innovation):
    """The budget shown publicly: only for an innovation in implementation (see the module's note)."""
    return innovation.budget if innovation.stage == Innovation.Stage.PENERAPAN else None


def units_owned_by(user):
    """Active units whose innovations the user registers: every unit of an office's region, else the
    units (and sub-units) the user heads or administers."""
    from tanggap.accounts.permissions import unit_ids_with
    from tanggap.innovation.permissions import OWNER_ROLES, office_region_ids
    from tanggap.org.models import Unit

    units = Unit.objects.filter(is_active=True)
    if is_sysadmin(user):
        return units.order_by("name")
    return units.filter(
        Q(region_id__in=office_region_ids(user)) | Q(pk__in=unit_ids_with(user, OWNER_ROLES))
    ).order_by("name")


def registry_units(user):
    """The units of the regions whose registry the user reads (for the unit filter)."""
    from tanggap.org.models import Unit

    units = Unit.objects.filter(is_active=True)
    regions = registry_region_ids(user)
    if regions is not None:
        units = units.filter(region_id__in=regions)
    return units.order_by("name")


def evidence_for(*, user, evidence_id: int) -> Evidence:
    """A piece of evidence of an innovation in the user's registry (404 otherwise)."""
    found = (
        Evidence.objects.select_related("innovation", "indicator")
        .filter(pk=evidence_id, innovation__isnull=False)
        .first()
    )
    regions = registry_region_ids(user)
    if found is None or (regions is not None and found.region_id not in regions):
        raise NotFound(_("Bukti tidak ditemukan."))
    return found
