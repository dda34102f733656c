"""Who may do what with a report: small rules that the workflow services and the selectors share.

- Verifiers (admin instansi): the region admin, a COMPLAINT_VERIFIER of the region, a system administrator.
- The handling unit: its head and admin assign; its complaint handlers, the members of its responsive team
  (tim responsif) and the assignee handle; the team's coordinator assigns too.
- Readers: the region's evaluators and leadership, and anyone holding a unit role on the handling unit
  (staff_scope, one filter; can_view_complaint asks it of one report).
- Anonymous reports (anonim) hide the reporter's identity from the handling unit; verifiers still see it.

Unit roles count on the unit and every unit below it (the same rule as the rest of the platform).
"""

from __future__ import annotations

from django.db.models import Q

from tanggap.accounts.models import UNIT_ROLES, Role
from tanggap.accounts.permissions import (
    REGION_READERS,
    has_region_role,
    has_unit_role,
    is_sysadmin,
    region_ids_with,
    unit_ids_with,
)
from tanggap.complaints.models import Complaint, TeamMember

S = Complaint.Status
VERIFIER_ROLES = frozenset({Role.REGION_ADMIN, Role.COMPLAINT_VERIFIER})
ASSIGNER_ROLES = frozenset({Role.UNIT_HEAD, Role.UNIT_ADMIN})
TEAM_MANAGER_ROLES = frozenset({Role.UNIT_HEAD, Role.UNIT_ADMIN})


def _authenticated(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def _team_role(user, unit_id) -> str | None:
    """The user's role in the unit's responsive team (None when not an active member)."""
    if not _authenticated(user) or unit_id is None:
        return None
    return (
        TeamMember.objects.filter(unit_id=unit_id, user_id=user.pk, is_active=True)
        .values_list("role", flat=True)
        .first()
    )


def is_region_verifier(user, region_id) -> bool:
    """Verify and dispatch the region's reports."""
    return is_sysadmin(user) or has_region_role(user, region_id, VERIFIER_ROLES)


def can_verify(user, complaint) -> bool:
    """Verify, dispatch, ask for details, transfer, merge or archive a report (admin instansi)."""
    return _authenticated(user) and is_region_verifier(user, complaint.region_id)


def can_assign(user, complaint) -> bool:
    """Assign the report to a team member, or hand it to another unit: the unit's head, admin or team
    coordinator, or a verifier."""
    if not _authenticated(user):
        return False
    if can_verify(user, complaint):
        return True
    unit = complaint.unit
    if unit is None:
        return False
    if has_unit_role(user, unit, ASSIGNER_ROLES):
        return True
    return _team_role(user, unit.pk) == TeamMember.Role.COORDINATOR


def can_handle(user, complaint) -> bool:
    """Follow up and answer the report: the assignee, a complaint handler of the unit, a team member."""
    if not _authenticated(user):
        return False
    if complaint.assignee_id is not None and complaint.assignee_id == user.pk:
        return True
    unit = complaint.unit
    if unit is None:
        return False
    return (
        has_unit_role(user, unit, {Role.COMPLAINT_HANDLER}) or _team_role(user, unit.pk) is not None
    )


# --- the rules of the workflow's actions (COMPLAINT_MACHINE names them next to each move) ---------


def may_take(user, complaint) -> bool:
    """Take a dispatched report oneself: a complaint handler of the handling unit or an active member
    of its responsive team (whoever could be assigned it), not a reader or a verifier of the region."""
    if not _authenticated(user) or complaint.unit_id is None:
        return False
    unit = complaint.unit
    return (
        has_unit_role(user, unit, {Role.COMPLAINT_HANDLER}) or _team_role(user, unit.pk) is not None
    )


def may_ask_reporter(user, complaint) -> bool:
    """Ask the reporter for details: a verifier on a new report; once it is dispatched, the handling
    unit's people (verifiers too)."""
    if complaint.status == S.NEW:
        return can_verify(user, complaint)
    return can_handle(user, complaint) or can_assign(user, complaint)


def may_merge(user, complaint) -> bool:
    """Merge a duplicate into another report: a verifier; once dispatched, whoever assigns it too."""
    return can_verify(user, complaint) or (
        complaint.status == S.DISPATCHED and can_assign(user, complaint)
    )


def may_note(user, complaint) -> bool:
    """Write a follow-up note: whoever handles or assigns the report (verifiers assign too)."""
    return can_handle(user, complaint) or can_assign(user, complaint)


def may_close(user, complaint) -> bool:
    """Declare an answered report done: whoever handles or assigns it."""
    return can_handle(user, complaint) or can_assign(user, complaint)


# --- reading --------------------------------------------------------------------------------------


def team_unit_ids(user):
    """A subquery of the units whose responsive team the user is an active member of."""
    return TeamMember.objects.filter(user_id=user.pk, is_active=True).values("unit_id")


def staff_scope(user) -> Q | None:
    """The reports a staff member may read, as a filter; None means all (system administrator).

    The one definition of who reads which report: the lists and the API filter by it, and
    can_view_complaint asks it of a single report. Region readers and verifiers read their regions; unit
    roles and team members read their units' reports (units below theirs included); an assignee reads
    what they were given."""
    if not _authenticated(user):
        return Q(pk__in=[])
    if is_sysadmin(user):
        return None
    regions = region_ids_with(user, REGION_READERS | VERIFIER_ROLES)
    units = unit_ids_with(user, UNIT_ROLES)
    return (
        Q(region_id__in=regions)
        | Q(unit_id__in=units)
        | Q(unit_id__in=team_unit_ids(user))
        | Q(assignee_id=user.pk)
    )


def can_view_complaint(user, complaint) -> bool:
    """Read the report's staff page (internal notes included): the report lies within staff_scope."""
    if not _authenticated(user):
        return False
    scope = staff_scope(user)
    return scope is None or Complaint.objects.filter(scope, pk=complaint.pk).exists()


def can_see_reporter_identity(user, complaint) -> bool:
    """See the reporter's name and contact — exactly whom the filing form names: the verification officers
    always, and the officers handling the report (its assignee, handlers, head, admin and team) unless it is
    anonymous. Read-only roles (leadership, evaluators, front desk) never do."""
    if can_verify(user, complaint):
        return True
    if complaint.is_anonymous:
        return False
    return can_handle(user, complaint) or can_assign(user, complaint)


def can_manage_team(user, unit) -> bool:
    """Add or remove members of a unit's responsive team: its head or admin, the region admin."""
    if not _authenticated(user):
        return False
    return (
        is_sysadmin(user)
        or has_region_role(user, unit.region_id, {Role.REGION_ADMIN})
        or has_unit_role(user, unit, TEAM_MANAGER_ROLES)
    )


def is_reporter_account(user, complaint) -> bool:
    """The signed-in citizen who filed the report from their account."""
    return (
        _authenticated(user)
        and complaint.reporter_user_id is not None
        and complaint.reporter_user_id == user.pk
    )
