"""Reads of reports and what their pages need, already scoped to what the reader may see.

Staff lists are one query plus a fixed number to learn the reader's scope (roles, the units below
theirs), whatever the number of reports. Citizens reach a report either through its tracking code and
secret (the reporter) or its public page (only reports that are not rahasia, only PUBLIC steps). Also:
a report's files, the regions and places a report can name, the people of a unit's team, and the
routing package's suggestions (asked defensively: a page never breaks on them).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import F, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from tanggap.accounts.models import UNIT_ROLES, Role, RoleAssignment
from tanggap.accounts.permissions import is_sysadmin, region_ids_with, unit_ids_with
from tanggap.complaints.codes import secret_digest, secret_matches
from tanggap.complaints.models import Attachment, Complaint, ComplaintEvent, TeamMember
from tanggap.complaints.permissions import VERIFIER_ROLES, staff_scope, team_unit_ids
from tanggap.complaints.sla import TargetState, target_states
from tanggap.core.errors import NotFound
from tanggap.org.models import Area, Region, Unit

S = Complaint.Status
V = ComplaintEvent.Visibility
HANDLER_ROLES = frozenset({Role.UNIT_HEAD, Role.UNIT_ADMIN, Role.COMPLAINT_HANDLER})
LIST_RELATIONS = ("region", "unit", "category", "assignee", "kecamatan", "sla_policy")
# Roles that take reports from other channels; evaluators and leadership read but change nothing.
RECORDING_ROLES = frozenset(Role) - {Role.EVALUATOR, Role.LEADER_VIEWER, Role.SYSADMIN}
log = logging.getLogger(__name__)


# --- staff lists ----------------------------------------------------------------------------------


def _scoped(user) -> QuerySet[Complaint]:
    scope = staff_scope(user)
    qs = Complaint.objects.select_related(*LIST_RELATIONS)
    return qs if scope is None else qs.filter(scope)


def complaint_list_visible_to(
    *, user, status: str | Iterable[str] | None = None, unit=None, q: str | None = None
) -> QuerySet[Complaint]:
    """Every report the user may read, newest first, optionally by status, unit and search text
    (tracking code, title or description; never the reporter's name)."""
    qs = _scoped(user)
    if status:
        qs = qs.filter(status=status) if isinstance(status, str) else qs.filter(status__in=status)
    if unit is not None:
        qs = qs.filter(unit_id=getattr(unit, "pk", unit))
    text = (q or "").strip()
    if text:
        qs = qs.filter(
            Q(tracking_code__iexact=text)
            | Q(title__icontains=text)
            | Q(description__icontains=text)
        )
    return qs.order_by("-created_at", "-id")


def verifier_worklist(*, user) -> QuerySet[Complaint]:
    """New reports and those waiting for the reporter before verification, in the regions the user
    verifies, the oldest verify deadline first."""
    qs = Complaint.objects.select_related(*LIST_RELATIONS).filter(
        Q(status=S.NEW) | Q(status=S.NEEDS_INFO, status_before_pause__in=("", S.NEW))
    )
    if not is_sysadmin(user):
        qs = qs.filter(region_id__in=region_ids_with(user, VERIFIER_ROLES))
    return qs.order_by(F("verify_due_at").asc(nulls_last=True), "created_at", "id")


def unit_worklist(*, user) -> QuerySet[Complaint]:
    """The open reports with the units the user works in (head, admin, handler, team member) or
    assigned to the user, the nearest resolve deadline first; paused ones after the running ones."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Complaint.objects.none()
    units = unit_ids_with(user, HANDLER_ROLES)
    return (
        Complaint.objects.select_related(*LIST_RELATIONS)
        .filter(status__in=(S.DISPATCHED, S.IN_PROGRESS, S.NEEDS_INFO), unit__isnull=False)
        .filter(Q(unit_id__in=units) | Q(unit_id__in=team_unit_ids(user)) | Q(assignee_id=user.pk))
        .order_by(
            F("paused_at").asc(nulls_first=True),
            F("resolve_due_at").asc(nulls_last=True),
            "created_at",
            "id",
        )
    )


# --- one report ---------------------------------------------------------------------------------


def _with_page_relations(qs: QuerySet[Complaint]) -> QuerySet[Complaint]:
    return qs.select_related(
        "region", "category", "service", "kecamatan", "desa", "unit", "assignee", "merged_into"
    )


def complaint_by_code(code: str) -> Complaint:
    """A report by its tracking code (the caller checks who may see it), or NotFound."""
    found = _with_page_relations(Complaint.objects.filter(tracking_code=(code or "")[:16])).first()
    if found is None:
        raise NotFound()
    return found


def staff_events(complaint: Complaint) -> list[ComplaintEvent]:
    """Every step, internal notes included, for staff who may view the report."""
    return list(complaint.events.select_related("unit").prefetch_related("attachments"))


def recorded_by(complaint: Complaint, user) -> bool:
    """The signed-in officer recorded this report (from another channel)."""
    if not user.is_authenticated:
        return False
    return complaint.events.filter(action="filed", actor=user, by_reporter=False).exists()


def complaints_of_reporter(user) -> QuerySet[Complaint]:
    """The reports a signed-in citizen filed."""
    if not user.is_authenticated:
        return Complaint.objects.none()
    return Complaint.objects.filter(reporter_user=user).select_related("region", "category")


def complaint_in_region(region_id: int, code: str) -> Complaint | None:
    return Complaint.objects.filter(region_id=region_id, tracking_code=code).first()


def complaint_get_for_reporter(*, tracking_code: str, secret: str) -> Complaint:
    """The report whose tracking code and secret match; NotFound otherwise (the same answer whether the
    code or the secret was wrong)."""
    code = (tracking_code or "").strip().upper()
    complaint = (
        Complaint.objects.select_related("region", "unit", "category", "sla_policy")
        .filter(tracking_code=code)
        .first()
        if code
        else None
    )
    if complaint is None:
        secret_digest(secret or "")  # spend the same time as a real check
        raise NotFound(_("Kode lacak atau kode rahasia tidak cocok."))
    if not secret_matches(complaint, secret):
        raise NotFound(_("Kode lacak atau kode rahasia tidak cocok."))
    return complaint


def complaint_get_public(*, tracking_code: str) -> Complaint:
    """A report's public page: NotFound for rahasia reports, which have no public page at all."""
    code = (tracking_code or "").strip().upper()
    complaint = (
        Complaint.objects.select_related("region", "unit", "category")
        .filter(tracking_code=code, is_confidential=False)
        .first()
    )
    if complaint is None:
        raise NotFound(_("Laporan tidak ditemukan."))
    return complaint


def shown_on_public_page(complaint: Complaint, visibility: str) -> bool:
    """Whether a step of this visibility is on the report's public page (and in Open311's status notes):
    a PUBLIC step of a report that is not rahasia. The rule public_timeline applies."""
    return not complaint.is_confidential and visibility == V.PUBLIC


def public_timeline(complaint: Complaint) -> QuerySet[ComplaintEvent]:
    """The PUBLIC steps of a report that is not rahasia (shown_on_public_page), oldest first. The reporter
    appears only as "Pelapor" (never by name, so an anonymous reporter stays anonymous); rahasia reports
    raise NotFound."""
    if complaint.is_confidential:
        raise NotFound(_("Laporan tidak ditemukan."))
    return (
        ComplaintEvent.objects.filter(
            complaint_id=complaint.pk, visibility=ComplaintEvent.Visibility.PUBLIC
        )
        .select_related("unit")
        .prefetch_related("attachments")
        .order_by("at", "id")
    )


def reporter_timeline(complaint: Complaint) -> QuerySet[ComplaintEvent]:
    """The steps the reporter reads on their own page (public and reporter-only, no internal notes)."""
    return (
        ComplaintEvent.objects.filter(
            complaint_id=complaint.pk,
            visibility__in=(ComplaintEvent.Visibility.PUBLIC, ComplaintEvent.Visibility.REPORTER),
        )
        .select_related("unit")
        .prefetch_related("attachments")
        .order_by("at", "id")
    )


def complaint_targets(complaint: Complaint, now: dt.datetime) -> list[TargetState]:
    """Where each deadline target of the report stands at `now` (on track, due soon, breached, met)."""
    return target_states(complaint, now=now)


# --- files ----------------------------------------------------------------------------------------


def attachment_for(pk: int) -> Attachment:
    found = (
        Attachment.objects.select_related("complaint__region", "complaint__unit", "event")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def attachment_visibility(attachment: Attachment) -> str:
    """Who may open a file: the visibility of the step it belongs to (the report's own files: reporter)."""
    if attachment.event is None:
        return V.REPORTER
    return attachment.event.visibility


def report_attachments(complaint: Complaint) -> list[Attachment]:
    """Files attached to the report itself (not to a later step)."""
    return list(complaint.attachments.filter(event__isnull=True))


# --- places ---------------------------------------------------------------------------------------


def regions_public() -> QuerySet[Region]:
    """Regions that take reports."""
    return Region.objects.filter(is_active=True).order_by("name")


def region_public(slug: str | None) -> Region | None:
    if not slug:
        return None
    return regions_public().filter(slug=slug[:64]).first()


def regions_for_officer(user) -> QuerySet[Region]:
    """Regions where the user may record reports and work on them (all for a system administrator)."""
    regions = regions_public()
    if is_sysadmin(user):
        return regions
    return regions.filter(pk__in=region_ids_with(user, RECORDING_ROLES))


def desa_of(region, kecamatan_id) -> QuerySet[Area]:
    """The desa/kelurahan of one kecamatan of the region (none when the kecamatan is unknown)."""
    return Area.objects.filter(
        region=region,
        parent_id=kecamatan_id,
        parent__kind=Area.Kind.KECAMATAN,
        kind__in=[Area.Kind.DESA, Area.Kind.KELURAHAN],
    ).order_by("name")


def kecamatan_with_desa(region) -> list[tuple[Area, list[Area]]]:
    """Every kecamatan with its desa, for the desa list that works without JavaScript."""
    kecamatan = list(
        Area.objects.filter(region=region, kind=Area.Kind.KECAMATAN)
        .order_by("name")
        .prefetch_related(
            Prefetch(
                "children",
                queryset=Area.objects.filter(
                    kind__in=[Area.Kind.DESA, Area.Kind.KELURAHAN]
                ).order_by("name"),
                to_attr="desa_list",
            )
        )
    )
    return [(k, k.desa_list) for k in kecamatan]


def desa_groups(region, kecamatan_id=None) -> list[tuple[str | None, list[Area]]]:
    """The desa choices: of one kecamatan, or every kecamatan's (grouped) when none (or junk) is given."""
    if kecamatan_id:
        try:
            return [(None, list(desa_of(region, int(kecamatan_id))))]
        except (TypeError, ValueError):
            pass
    return [(k.name, desa) for k, desa in kecamatan_with_desa(region)]


# --- people ---------------------------------------------------------------------------------------


def team_of(unit: Unit) -> list[TeamMember]:
    return list(
        TeamMember.objects.filter(unit=unit, is_active=True)
        .select_related("user")
        .order_by("role", "user__full_name", "user__username")
    )


def team_candidates(unit: Unit) -> QuerySet:
    """People who may join the unit's responsive team: active users with a role in the unit."""
    holders = RoleAssignment.objects.filter(unit=unit, role__in=UNIT_ROLES).values("user_id")
    current = TeamMember.objects.filter(unit=unit, is_active=True).values("user_id")
    return (
        get_user_model()
        .objects.filter(pk__in=holders, is_active=True)
        .exclude(pk__in=current)
        .order_by("full_name", "username")
    )


def _unit_chain(unit: Unit | None, depth: int = 20) -> list[int]:
    """The unit and the units above it (a role on a unit above counts, as in the permission rules)."""
    return [unit.pk, *_unit_chain(unit.parent, depth - 1)] if unit is not None and depth else []


def assignee_candidates(unit: Unit | None) -> QuerySet:
    """Who a report of `unit` can be assigned to: active members of its responsive team and its
    complaint handlers (a handler's role on a unit above counts, as in the permission rules)."""
    User = get_user_model()
    if unit is None:
        return User.objects.none()
    handlers = RoleAssignment.objects.filter(
        role=Role.COMPLAINT_HANDLER, unit_id__in=_unit_chain(unit)
    ).values("user_id")
    members = TeamMember.objects.filter(unit=unit, is_active=True).values("user_id")
    return (
        User.objects.filter(Q(pk__in=handlers) | Q(pk__in=members), is_active=True)
        .distinct()
        .order_by("full_name", "username")
    )


def assigners_of(unit: Unit, *, limit: int = 5) -> list:
    """Who assigns the reports of `unit` (its head and admin, on it or a unit above, and its team's
    coordinators), for the page that tells a handler whom to ask; at most `limit`, by name."""
    roles = (Role.UNIT_HEAD, Role.UNIT_ADMIN)
    heads = RoleAssignment.objects.filter(role__in=roles, unit_id__in=_unit_chain(unit))
    coordinators = TeamMember.objects.filter(unit=unit, is_active=True, role="koordinator")
    found = Q(pk__in=heads.values("user_id")) | Q(pk__in=coordinators.values("user_id"))
    users = get_user_model().objects.filter(found, is_active=True).distinct()
    return list(users.order_by("full_name", "username")[:limit])


def units_of_user(user) -> QuerySet[Unit]:
    """Units where the user holds a unit role (for the unit worklist's unit filter and team links)."""
    if is_sysadmin(user):
        return Unit.objects.none()
    ids = RoleAssignment.objects.filter(user=user, role__in=UNIT_ROLES, unit__isnull=False).values(
        "unit_id"
    )
    return Unit.objects.filter(Q(pk__in=ids) | Q(team_members__user=user)).distinct()


# --- routing suggestions (another package; the pages work without it) ---------------------------


def suggested_units(complaint, limit: int = 3) -> list[dict]:
    """The routing rules' and the classifier's top units (unit, confidence 0–1 or None, percent,
    by_rule), or nothing when routing is unavailable."""
    try:
        from tanggap.complaints import routing
    except ImportError:
        return []
    try:
        return [
            {
                "unit": unit,
                "confidence": confidence,
                "percent": None if confidence is None else round(confidence * 100),
                "by_rule": getattr(suggestion, "by_rule", False),
            }
            for suggestion in routing.suggest_units(complaint, limit=limit)
            for unit, confidence in [tuple(suggestion)]
        ]
    except Exception:  # noqa: BLE001 - a suggestion must never break the verifier's page
        log.exception("Unit suggestion failed for %s", complaint.tracking_code)
        return []


def similar_reports(complaint, limit: int = 5, *, within=None) -> list[tuple]:
    """Open reports that look like this one (possible duplicates) as (report, similarity), taken from
    `within` (what the user may see), or nothing."""
    try:
        from tanggap.complaints import routing
    except ImportError:
        return []
    try:
        return list(routing.similar_open_reports(complaint, limit=limit, within=within))
    except Exception:  # noqa: BLE001
        log.exception("Duplicate search failed for %s", complaint.tracking_code)
        return []
