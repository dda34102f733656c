"""Reading ideas, already scoped to the user: staff of the region see every idea but other authors'
drafts, the author sees their own drafts, the innovation office sees everything of its region, other
regions see nothing."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from tanggap.accounts.permissions import is_sysadmin, user_region_ids
from tanggap.core.text import normalize_text, similar_texts
from tanggap.innovation import permissions as p
from tanggap.innovation.models import Idea, IdeaComment, IdeaEvent, Innovation

D = Idea.Status


def may_open_ideas(user) -> bool:
    """The idea pages: anyone who belongs to a region (an official, or a role there)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return is_sysadmin(user) or bool(user_region_ids(user))


def may_review_ideas(user) -> bool:
    return is_sysadmin(user) or bool(p.office_region_ids(user))


def ideas_visible_to(user) -> QuerySet[Idea]:
    """Every idea the user may read."""
    base = Idea.objects.select_related("unit", "author", "region")
    if user is None or not getattr(user, "is_authenticated", False):
        return base.none()
    if is_sysadmin(user):
        return base
    official = p.official_of(user)
    seen = Q(region_id__in=user_region_ids(user)) & ~Q(status=D.DRAFT)
    if official is not None:
        seen |= Q(author_id=official.pk)
    seen |= Q(region_id__in=p.office_region_ids(user))
    return base.filter(seen)


def idea_for(user, idea_id: int) -> Idea | None:
    return ideas_visible_to(user).select_related("service").filter(pk=idea_id).first()


def my_ideas(user) -> QuerySet[Idea]:
    """Ideas the user wrote or co-wrote."""
    official = p.official_of(user)
    if official is None:
        return Idea.objects.none()
    return (
        ideas_visible_to(user)
        .filter(Q(author_id=official.pk) | Q(coauthors=official.pk))
        .distinct()
    )


def review_queue(user) -> QuerySet[Idea]:
    """Submitted ideas waiting for the office's decision, oldest first."""
    regions = Q() if is_sysadmin(user) else Q(region_id__in=p.office_region_ids(user))
    return (
        Idea.objects.select_related("unit", "author")
        .filter(regions, status=D.SUBMITTED)
        .order_by("submitted_at", "id")
    )


def filter_ideas(ideas: QuerySet[Idea], *, status="", unit=None, text="") -> QuerySet[Idea]:
    """The list's filters: a status, a unit, words (stemmed, as the ideas' search text is)."""
    if status in D.values:
        ideas = ideas.filter(status=status)
    if unit is not None:
        ideas = ideas.filter(unit=unit)
    for word in normalize_text(text or "").split()[:8]:
        ideas = ideas.filter(search_text__contains=word)
    return ideas


def idea_timeline(idea: Idea) -> list[IdeaEvent]:
    return list(idea.events.select_related("actor").order_by("at", "id"))


def idea_comments(idea: Idea) -> list[IdeaComment]:
    return list(idea.comments.order_by("created_at", "id")[:200])


def supported_by(user, idea: Idea) -> bool:
    official = p.official_of(user)
    return official is not None and idea.supports.filter(official=official).exists()


def innovation_of(idea: Idea) -> Innovation | None:
    return Innovation.objects.filter(idea=idea).select_related("unit").first()


SIMILAR_POOL = 500


def similar_to(user, query: str, *, limit: int = 5, exclude_idea: int | None = None) -> dict:
    """The user's region's ideas and registered innovations most like `query`, best first."""
    if len((query or "").strip()) < 3:
        return {"ideas": [], "innovations": []}
    ideas = ideas_visible_to(user).exclude(status=D.DRAFT)
    if exclude_idea:
        ideas = ideas.exclude(pk=exclude_idea)
    idea_rows = list(
        ideas.order_by("-created_at").values_list("pk", "code", "title", "status", "search_text")[
            :SIMILAR_POOL
        ]
    )
    regions = user_region_ids(user)
    innovations = Innovation.objects.filter(region_id__in=regions, is_active=True)
    inno_rows = list(
        innovations.order_by("-created_at").values_list(
            "pk", "code", "name", "stage", "search_text"
        )[:SIMILAR_POOL]
    )
    candidates = [(("i", r[0]), r[4]) for r in idea_rows if r[4]]
    candidates += [(("n", r[0]), r[4]) for r in inno_rows if r[4]]
    ranked = similar_texts(query, candidates, limit=limit * 2)
    by_idea = {r[0]: r for r in idea_rows}
    by_inno = {r[0]: r for r in inno_rows}
    found: dict[str, list] = {"ideas": [], "innovations": []}
    for (kind, pk), score in ranked:
        if kind == "i" and len(found["ideas"]) < limit:
            row = by_idea[pk]
            found["ideas"].append(
                {"id": pk, "code": row[1], "title": row[2], "status": row[3], "score": score}
            )
        elif kind == "n" and len(found["innovations"]) < limit:
            row = by_inno[pk]
            found["innovations"].append(
                {"id": pk, "code": row[1], "title": row[2], "stage": row[3], "score": score}
            )
    return found
