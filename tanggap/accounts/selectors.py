"""Reads of user accounts, already scoped to what the reader may see.

A region reader (region admin, evaluator, leadership viewer) sees the accounts that belong to their
regions: holders of a role there and officials of the region with an account. A system administrator
sees every account.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from tanggap.accounts.models import RoleAssignment, User
from tanggap.accounts.permissions import REGION_READERS, is_sysadmin, region_ids_with
from tanggap.core.errors import NotFound


def readable_region_ids(user) -> set[int] | None:
    """Regions whose accounts the user may list; None means every region."""
    if is_sysadmin(user):
        return None
    return region_ids_with(user, REGION_READERS)


def user_list_visible_to(
    *, user, region=None, search: str = "", include_inactive: bool = True
) -> QuerySet[User]:
    """Accounts the reader may see, each with its roles and linked official loaded (constant queries)."""
    regions = readable_region_ids(user)
    if region is not None:
        regions = {region.pk} if regions is None or region.pk in regions else set()
    users = User.objects.all()
    if regions is not None:
        users = users.filter(
            Q(role_assignments__region_id__in=regions) | Q(official__region_id__in=regions)
        )
    if search:
        term = search.strip()
        users = users.filter(
            Q(username__icontains=term)
            | Q(full_name__icontains=term)
            | Q(official__nip__startswith=term)
        )
    if not include_inactive:
        users = users.filter(is_active=True)
    roles = RoleAssignment.objects.select_related("region", "unit").order_by("role", "pk")
    return (
        users.distinct()
        .select_related("official", "official__unit", "official__region")
        .prefetch_related(Prefetch("role_assignments", queryset=roles))
        .order_by("full_name", "username")
    )


def role_assignments_of(user) -> QuerySet[RoleAssignment]:
    """The user's own roles, with region and unit (for their dashboard)."""
    return (
        RoleAssignment.objects.filter(user=user).select_related("region", "unit").order_by("role")
    )


def user_get_visible_to(*, user, pk: int) -> User:
    """One visible account, or NotFound."""
    found = user_list_visible_to(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found
