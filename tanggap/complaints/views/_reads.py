"""Reads the complaint pages need beyond selectors.py: the regions that take reports, a report by its
code for the reporter's pages, a citizen's own reports, area choices, a unit's team candidates and the
attachments a viewer may open. Each is scoped like a selector."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet

from tanggap.accounts.models import UNIT_ROLES, Role, RoleAssignment
from tanggap.accounts.permissions import is_sysadmin, region_ids_with
from tanggap.complaints.models import Attachment, Complaint, ComplaintEvent, TeamMember
from tanggap.core.errors import NotFound
from tanggap.org.models import Area, Region, Unit

V = ComplaintEvent.Visibility


def regions_public() -> QuerySet[Region]:
    """Regions that take reports."""
    return Region.objects.filter(is_active=True).order_by("name")


def region_public(slug: str | None) -> Region | None:
    if not slug:
        return None
    return regions_public().filter(slug=slug[:64]).first()


# Roles that take reports from other channels; evaluators and leadership read but change nothing.
RECORDING_ROLES = frozenset(Role) - {Role.EVALUATOR, Role.LEADER_VIEWER, Role.SYSADMIN}


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


def desa_groups(form, region) -> list[tuple[str | None, list[Area]]]:
    """The desa choices: of the chosen kecamatan, or every kecamatan's (grouped) when none is chosen."""
    kecamatan_id = form["kecamatan"].value() if form.is_bound else None
    if kecamatan_id:
        try:
            return [(None, list(desa_of(region, int(kecamatan_id))))]
        except (TypeError, ValueError):
            pass
    return [(k.name, desa) for k, desa in kecamatan_with_desa(region)]


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
    if attachment.event_id is None:
        return V.REPORTER
    return attachment.event.visibility


def report_attachments(complaint: Complaint) -> list[Attachment]:
    """Files attached to the report itself (not to a later step)."""
    return list(complaint.attachments.filter(event__isnull=True))


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


def assignee_candidates(unit: Unit | None) -> QuerySet:
    """Who a report of `unit` can be assigned to: active members of its responsive team and its
    complaint handlers (a handler's role on a unit above counts, as in the permission rules)."""
    User = get_user_model()
    if unit is None:
        return User.objects.none()
    chain, current = [], unit
    while current is not None and len(chain) < 20:
        chain.append(current.pk)
        current = current.parent
    handlers = RoleAssignment.objects.filter(role=Role.COMPLAINT_HANDLER, unit_id__in=chain).values(
        "user_id"
    )
    members = TeamMember.objects.filter(unit=unit, is_active=True).values("user_id")
    return (
        User.objects.filter(Q(pk__in=handlers) | Q(pk__in=members), is_active=True)
        .distinct()
        .order_by("full_name", "username")
    )


def unit_in_region(region_id: int, unit_id) -> Unit | None:
    return Unit.objects.filter(region_id=region_id, pk=unit_id).first()


def units_of_user(user) -> QuerySet[Unit]:
    """Units where the user holds a unit role (for the unit worklist's unit filter and team links)."""
    if is_sysadmin(user):
        return Unit.objects.none()
    ids = RoleAssignment.objects.filter(user=user, role__in=UNIT_ROLES, unit__isnull=False).values(
        "unit_id"
    )
    return Unit.objects.filter(Q(pk__in=ids) | Q(team_members__user=user)).distinct()


def complaint_in_region(region_id: int, code: str) -> Complaint | None:
    return Complaint.objects.filter(region_id=region_id, tracking_code=code).first()
