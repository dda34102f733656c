"""Who may do what in Inovasi daerah: rule functions the transition tables, selectors and services call.

- The region's **innovation office** (Bappeda/BRIDA: the `innovation_officer` role, or the region admin)
  reviews ideas, assesses innovations, keeps the index scheme and runs the region's competitions.
- A **unit** (its head or admin, on the unit and the units below it) owns its innovations, their evidence,
  its proposals and its library articles.
- **Staff of the region** (an official of the region with an account, or anyone holding a role there)
  read and support ideas.
- **Jurors** are members of a round's jury; a juror sees only their own reviews until the results are
  published; a blind round never shows them the proposing unit.
"""

from __future__ import annotations

from tanggap.accounts.models import Role
from tanggap.accounts.permissions import (
    REGION_READERS,
    has_region_role,
    has_unit_role,
    is_sysadmin,
    region_ids_with,
    user_region_ids,
)
from tanggap.org.models import Region

OFFICE_ROLES = frozenset({Role.INNOVATION_OFFICER, Role.REGION_ADMIN})
OWNER_ROLES = frozenset({Role.UNIT_HEAD, Role.UNIT_ADMIN})
# Region readers (evaluators, leadership) read the registry, assessments and results; change nothing.
READER_ROLES = OFFICE_ROLES | REGION_READERS


def _region_id(region) -> int | None:
    return getattr(region, "pk", region)


def official_of(user):
    """The official record linked to the account (None for a citizen or an outside expert)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "official", None)


def is_office(user, region) -> bool:
    """The region's innovation office (or a system administrator)."""
    return is_sysadmin(user) or has_region_role(user, _region_id(region), OFFICE_ROLES)


def office_region_ids(user) -> set[int]:
    return region_ids_with(user, OFFICE_ROLES)


def is_region_reader(user, region) -> bool:
    """The office, evaluators and leadership of the region read everything in it."""
    return is_sysadmin(user) or has_region_role(user, _region_id(region), READER_ROLES)


def is_region_staff(user, region) -> bool:
    """An official of the region with an account, or anyone holding a role there."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return is_sysadmin(user) or _region_id(region) in user_region_ids(user)


def owns_unit(user, unit) -> bool:
    """The unit's head or admin (on the unit or a unit above it), or the office of its region."""
    if unit is None:
        return False
    return has_unit_role(user, unit, OWNER_ROLES) or is_office(user, unit.region_id)


# --- ideas ---------------------------------------------------------------------------------------


def is_idea_author(user, idea) -> bool:
    official = official_of(user)
    return official is not None and idea.author_id == official.pk


def may_submit_idea(user, idea, **kwargs) -> bool:
    return is_idea_author(user, idea)


def may_withdraw_idea(user, idea, **kwargs) -> bool:
    return is_idea_author(user, idea)


def may_decide_idea(user, idea, **kwargs) -> bool:
    return is_office(user, idea.region_id)


def may_view_idea(user, idea) -> bool:
    return is_region_staff(user, idea.region_id)


def may_support_idea(user, idea) -> bool:
    """Colleagues of the region with an official record, never the author themself."""
    official = official_of(user)
    return (
        official is not None
        and official.region_id == idea.region_id
        and not is_idea_author(user, idea)
    )


# --- registry and assessment ---------------------------------------------------------------------


def may_edit_innovation(user, innovation) -> bool:
    return owns_unit(user, innovation.unit)


def may_view_assessment(user, innovation) -> bool:
    """Assessments: the innovation office (and region readers) and the owning unit."""
    return is_region_reader(user, innovation.region_id) or has_unit_role(
        user, innovation.unit, OWNER_ROLES
    )


def may_assess(user, assessment, **kwargs) -> bool:
    return is_office(user, assessment.innovation.region_id)


# --- competitions --------------------------------------------------------------------------------


def is_organiser(user, round_) -> bool:
    return is_office(user, round_.organiser_id)


def round_region_ids(round_) -> set[int]:
    """The regions whose units may enter: the organiser, and for a province every region under it."""
    ids = {round_.organiser_id}
    ids |= set(Region.objects.filter(parent_id=round_.organiser_id).values_list("id", flat=True))
    return ids


def may_submit_proposal(user, proposal, **kwargs) -> bool:
    return owns_unit(user, proposal.unit)


def may_withdraw_proposal(user, proposal, **kwargs) -> bool:
    return owns_unit(user, proposal.unit) or is_organiser(user, proposal.round)


def may_screen_proposal(user, proposal, **kwargs) -> bool:
    return is_organiser(user, proposal.round)


def juror_of(user, round_):
    """The user's active jury membership in the round (None if not a juror)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return round_.jurors.filter(user=user, is_active=True).first()


def may_score_review(user, review, **kwargs) -> bool:
    """Only the juror the review is assigned to scores it."""
    return review.juror.user_id == getattr(user, "pk", None)


def may_manage_review(user, review, **kwargs) -> bool:
    return is_organiser(user, review.round)


def may_see_scores(user, round_, review=None) -> bool:
    """Jury scores: the organiser, and the scoring juror for their own review, until published; after
    publication, the organiser and the jury."""
    if is_organiser(user, round_):
        return True
    if round_.is_published and juror_of(user, round_) is not None:
        return True
    return review is not None and review.juror.user_id == getattr(user, "pk", None)


def may_see_proposing_unit(user, round_) -> bool:
    """A blind round never shows the proposing unit to its jurors (the organiser always sees it)."""
    if is_organiser(user, round_):
        return True
    return not (round_.blind and juror_of(user, round_) is not None)


# --- library -------------------------------------------------------------------------------------


def may_write_article(user, unit) -> bool:
    return owns_unit(user, unit)


def may_request_replication(user, unit) -> bool:
    return owns_unit(user, unit)


def may_answer_replication(user, request, **kwargs) -> bool:
    return owns_unit(user, request.innovation.unit)


def may_cancel_replication(user, request, **kwargs) -> bool:
    return owns_unit(user, request.requesting_unit)
