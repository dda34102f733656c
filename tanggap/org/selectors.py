"""Reads of a region's organisation, already scoped to what the user may see.

Region roles (region admin, evaluator, leadership viewer) see their whole region; unit roles see their
unit and the units below it; a system administrator sees everything; anyone else sees nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from tanggap.accounts.models import UNIT_ROLES, Role
from tanggap.accounts.permissions import (
    REGION_READERS,
    is_sysadmin,
    region_ids_with,
    unit_ids_with,
    visible_region_ids,
)
from tanggap.core.errors import NotFound
from tanggap.org.models import (
    Area,
    DayOff,
    Official,
    PositionAssignment,
    Region,
    RotationDecree,
    RotationEntry,
    Unit,
)
from tanggap.org.tenure import years_before


def _scope(user, *, region_field: str = "region_id", unit_field: str = "unit_id") -> Q:
    """The rows a user may see: whole regions for region roles, unit subtrees for unit roles."""
    if is_sysadmin(user):
        return Q()
    scope = Q(pk__in=[])
    regions = region_ids_with(user, REGION_READERS)
    if regions:
        scope |= Q(**{f"{region_field}__in": regions})
    units = unit_ids_with(user, UNIT_ROLES)
    if units:
        scope |= Q(**{f"{unit_field}__in": units})
    return scope


# --- regions -----------------------------------------------------------------------------------------


def region_list_visible_to(*, user) -> QuerySet[Region]:
    """Regions where the user holds any role (all of them for a system administrator)."""
    regions = Region.objects.order_by("name")
    ids = visible_region_ids(user)
    return regions if ids is None else regions.filter(pk__in=ids)


def region_list_managed_by(*, user) -> QuerySet[Region]:
    """Regions whose organisation, accounts and roles the user may change."""
    if is_sysadmin(user):
        return Region.objects.order_by("name")
    return Region.objects.filter(pk__in=region_ids_with(user, {Role.REGION_ADMIN})).order_by("name")


def region_get_visible_to(*, user, slug: str) -> Region:
    """One visible region by slug, or NotFound (an invisible region is indistinguishable from none)."""
    region = region_list_visible_to(user=user).filter(slug=slug).first()
    if region is None:
        raise NotFound()
    return region


def day_off_list(*, region: Region, since: dt.date | None = None) -> QuerySet[DayOff]:
    """The region's own days off, optionally from a date on."""
    days = DayOff.objects.filter(region=region).order_by("date")
    return days.filter(date__gte=since) if since else days


def area_tree(*, region: Region) -> QuerySet[Area]:
    """The region's kecamatan, each with its desa/kelurahan prefetched (two queries)."""
    children = Area.objects.order_by("name")
    return (
        Area.objects.filter(region=region, kind=Area.Kind.KECAMATAN)
        .prefetch_related(Prefetch("children", queryset=children))
        .order_by("name")
    )


def area_list_visible_to(*, user) -> QuerySet[Area]:
    """Areas of the regions the user may see, with their region (for the API's lists and choices)."""
    return (
        Area.objects.filter(region__in=region_list_visible_to(user=user))
        .select_related("region")
        .order_by("region__name", "kind", "name")
    )


def kecamatan_list(*, region: Region) -> QuerySet[Area]:
    """Kecamatan of the region, for choosing a desa's parent."""
    return Area.objects.filter(region=region, kind=Area.Kind.KECAMATAN).order_by("name")


# --- units -------------------------------------------------------------------------------------------


def unit_list_visible_to(
    *, user, region: Region | None = None, include_archived: bool = False
) -> QuerySet[Unit]:
    """Units the user may see, with parent, head and location loaded."""
    units = Unit.objects.filter(_scope(user, unit_field="id")).select_related(
        "parent", "head", "area", "region"
    )
    if region is not None:
        units = units.filter(region=region)
    if not include_archived:
        units = units.filter(is_active=True)
    return units.order_by("name")


@dataclass(frozen=True)
class TreeNode:
    """A unit and its depth in the tree, in display order."""

    unit: Unit
    depth: int


def unit_tree_visible_to(*, user, region: Region, include_archived: bool = False) -> list[TreeNode]:
    """Visible units in tree order (parents before children); a unit whose parent is hidden starts a branch.

    One query: the tree is ordered in Python from the fetched rows."""
    units: list[Unit] = list(
        unit_list_visible_to(user=user, region=region, include_archived=include_archived).annotate(
            official_count=Count("officials", filter=Q(officials__status=Official.Status.ACTIVE))
        )
    )
    by_parent: dict[int | None, list[Unit]] = {}
    present = {u.pk for u in units}
    for unit in units:
        key = unit.parent_id if unit.parent_id in present else None
        by_parent.setdefault(key, []).append(unit)
    nodes: list[TreeNode] = []
    stack = [(u, 0) for u in reversed(by_parent.get(None, []))]
    while stack:
        node, depth = stack.pop()
        nodes.append(TreeNode(unit=node, depth=depth))
        stack.extend((child, depth + 1) for child in reversed(by_parent.get(node.pk, [])))
    return nodes


def unit_get_visible_to(*, user, region: Region, slug: str) -> Unit:
    """One visible unit (archived ones included) by slug, or NotFound."""
    unit = (
        unit_list_visible_to(user=user, region=region, include_archived=True)
        .filter(slug=slug)
        .first()
    )
    if unit is None:
        raise NotFound()
    return unit


# --- officials ----------------------------------------------------------------------------------------


def official_list_visible_to(
    *,
    user,
    region: Region | None = None,
    unit: Unit | None = None,
    rank: str | None = None,
    search: str | None = None,
    min_tenure_years: int | None = None,
    status: str | None = Official.Status.ACTIVE,
    order: str = "name",
    today: dt.date | None = None,
) -> QuerySet[Official]:
    """Officials the user may see, filtered for rotation planning.

    `min_tenure_years` keeps those who have held their current position at least that long (TMT jabatan
    on or before the same day that many years ago); `order="tenure"` puts the longest-serving first.
    Tenure itself is cheap to compute from `position_started_on` (see tanggap.org.tenure)."""
    officials = Official.objects.filter(_scope(user)).select_related("unit", "region")
    if region is not None:
        officials = officials.filter(region=region)
    if unit is not None:
        officials = officials.filter(unit=unit)
    if rank:
        officials = officials.filter(rank=rank)
    if status:
        officials = officials.filter(status=status)
    if search:
        term = search.strip()
        digits = term.replace(" ", "").replace(".", "")
        match = Q(name__icontains=term)
        if digits.isascii() and digits.isdigit():
            match |= Q(nip__startswith=digits)
        officials = officials.filter(match)
    if min_tenure_years is not None:
        cutoff = years_before(today or timezone.localdate(), min_tenure_years)
        officials = officials.filter(position_started_on__lte=cutoff)
    if order == "tenure":
        return officials.order_by("position_started_on", "name", "pk")
    return officials.order_by("name", "pk")


def official_get_visible_to(*, user, pk: int, region: Region | None = None) -> Official:
    """One visible official (any status), or NotFound."""
    official = official_list_visible_to(user=user, region=region, status=None).filter(pk=pk).first()
    if official is None:
        raise NotFound()
    return official


def position_history(*, official: Official) -> QuerySet[PositionAssignment]:
    """The official's positions, newest first, with unit and decree (one query)."""
    return official.positions.select_related("unit", "decree").order_by("-start_date", "-pk")


# --- rotation decrees ---------------------------------------------------------------------------------


def decree_list_visible_to(*, user, region: Region | None = None) -> QuerySet[RotationDecree]:
    """Rotation decrees with their entry counts: region readers see their regions', sysadmins all."""
    decrees = RotationDecree.objects.select_related("region")
    if not is_sysadmin(user):
        decrees = decrees.filter(region_id__in=region_ids_with(user, REGION_READERS))
    if region is not None:
        decrees = decrees.filter(region=region)
    return decrees.annotate(entry_count=Count("entries")).order_by("-decree_date", "-pk")


def decree_get_visible_to(*, user, region: Region, pk: int) -> RotationDecree:
    """One visible decree, or NotFound."""
    decree = (
        decree_list_visible_to(user=user, region=region)
        .select_related("region", "created_by", "enacted_by")
        .filter(pk=pk)
        .first()
    )
    if decree is None:
        raise NotFound()
    return decree


def decree_entries(*, decree: RotationDecree) -> QuerySet[RotationEntry]:
    """A decree's moves with the official, current, former and target units (one query)."""
    return decree.entries.select_related(
        "official", "official__unit", "to_unit", "from_unit"
    ).order_by("official__name", "pk")


def region_summary(*, region: Region) -> dict[str, int]:
    """Headline counts for the region page (two aggregate queries)."""
    areas = Area.objects.filter(region=region).aggregate(
        kecamatan=Count("pk", filter=Q(kind=Area.Kind.KECAMATAN)),
        desa=Count("pk", filter=~Q(kind=Area.Kind.KECAMATAN)),
    )
    units = Unit.objects.filter(region=region, is_active=True).aggregate(
        units=Count("pk", distinct=True),
        officials=Count("officials", filter=Q(officials__status=Official.Status.ACTIVE)),
    )
    return areas | units
