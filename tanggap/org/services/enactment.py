"""Enacting a rotation decree (SK mutasi): every listed official moves at once.

One transaction with a fixed number of queries, however many officials the decree lists (seed 000
rotated 25 in one ceremony; a province-wide decree can list hundreds). Checked first, as a whole: the
transition table (who may enact, and only a draft), then every move; nothing changes on a refusal.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.accounts.models import UNIT_ROLES, RoleAssignment
from tanggap.core.audit import audit_many, audit_record, snapshot
from tanggap.core.errors import DomainError
from tanggap.org.models import Official, PositionAssignment, RotationDecree, RotationEntry, Unit
from tanggap.org.permissions import require_region_manager
from tanggap.org.services.rotation import DECREE_FLOW, ENACT, require_draft

Status = RotationDecree.Status
# What a move changes on the official, recorded before/after in each official's audit row.
MOVE_FIELDS = ["unit", "position_title", "rank", "position_started_on"]


def _enact_problems(decree: RotationDecree, entries: list[RotationEntry]) -> list[str]:
    """Why the decree cannot take effect as it stands (checked before anything changes)."""
    open_starts = dict(
        PositionAssignment.objects.filter(
            official_id__in=[e.official_id for e in entries], end_date__isnull=True
        ).values_list("official_id", "start_date")
    )
    problems = []
    for entry in entries:
        official = entry.official
        started = max(
            official.position_started_on, open_starts.get(official.pk, official.position_started_on)
        )
        if official.status != Official.Status.ACTIVE:
            problems.append(_("%(name)s sudah tidak aktif.") % {"name": official})
        elif not entry.to_unit.is_active:
            problems.append(_("Unit tujuan %(unit)s sudah diarsipkan.") % {"unit": entry.to_unit})
        elif started >= decree.effective_date:
            problems.append(
                _("TMT SK harus setelah TMT jabatan %(name)s sekarang (%(date)s).")
                % {"name": official, "date": started.strftime("%d-%m-%Y")}
            )
    return problems


def _revoke_roles_left_behind(
    actor, entries: list[RotationEntry], *, region_id: int, note: str
) -> int:
    """End the unit roles a moved official's account held on the unit they leave (audited, one row each).

    A complaint handler rotated out of a unit must stop seeing its complaints; roles in the new unit
    are granted by the region admin afterwards."""
    left = Q(pk__in=[])
    for entry in entries:
        user_id = entry.official.user_id
        if user_id is not None and entry.from_unit_id != entry.to_unit_id:
            left |= Q(user_id=user_id, unit_id=entry.from_unit_id, role__in=UNIT_ROLES)
    roles = list(RoleAssignment.objects.filter(left))
    if not roles:
        return 0
    fields = ["user", "role", "region", "unit"]
    audit_many(
        actor=actor,
        action="role.revoked",
        items=[(role, snapshot(role, fields), None) for role in roles],
        region_id=region_id,
        note=note,
    )
    RoleAssignment.objects.filter(pk__in=[role.pk for role in roles]).delete()
    return len(roles)


@transaction.atomic
def rotation_decree_enact(*, actor, decree: RotationDecree) -> RotationDecree:
    """Enact a decree: every listed official moves at once, their position history closes and reopens.

    Each open position ends the day before the decree's TMT; a new one opens on the TMT, linked to the
    decree; the official's unit, position, rank and TMT jabatan change (tenure starts again); each
    entry keeps where the official came from; a unit whose head leaves it loses its head, and the
    unit roles held on the old unit end. The number of queries does not depend on how many officials
    the decree lists."""
    require_region_manager(actor, decree.region_id)
    locked = RotationDecree.objects.select_for_update().select_related("region").get(pk=decree.pk)
    require_draft(locked)  # the clearest words for the commonest refusal: enacting twice
    DECREE_FLOW.check_action(ENACT, locked.status, actor, locked)
    entries = list(locked.entries.select_related("official", "to_unit").order_by("pk"))
    if not entries:
        raise DomainError(_("SK belum memiliki entri mutasi."), code="empty_decree")
    problems = _enact_problems(locked, entries)
    if problems:
        raise DomainError(" ".join(problems), code="cannot_enact")

    effective = locked.effective_date
    now = timezone.now()
    officials, positions, moves = [], [], []
    for entry in entries:
        official = entry.official
        before = snapshot(official, MOVE_FIELDS)
        entry.from_unit_id = official.unit_id
        entry.from_position_title = official.position_title
        official.unit = entry.to_unit
        official.position_title = entry.to_position_title
        official.rank = entry.to_rank or official.rank
        official.position_started_on = effective
        official.updated_at = now
        officials.append(official)
        positions.append(
            PositionAssignment(
                official=official,
                unit=entry.to_unit,
                position_title=entry.to_position_title,
                rank=official.rank,
                start_date=effective,
                decree=locked,
                note=locked.number[:300],
            )
        )
        moves.append((official, before, snapshot(official, MOVE_FIELDS)))

    ids = [o.pk for o in officials]
    PositionAssignment.objects.filter(official_id__in=ids, end_date__isnull=True).update(
        end_date=effective - dt.timedelta(days=1)
    )
    PositionAssignment.objects.bulk_create(positions)
    Official.objects.bulk_update(officials, [*MOVE_FIELDS, "updated_at"])
    RotationEntry.objects.bulk_update(entries, ["from_unit", "from_position_title"])

    # A head who leaves a unit no longer heads it.
    left = Q(pk__in=[])
    for entry in entries:
        if entry.from_unit_id != entry.to_unit_id:
            left |= Q(pk=entry.from_unit_id, head_id=entry.official_id)
    headless = list(Unit.objects.filter(left).values_list("pk", flat=True))
    if headless:
        Unit.objects.filter(pk__in=headless).update(head=None, updated_at=now)
    revoked = _revoke_roles_left_behind(
        actor, entries, region_id=locked.region_id, note=locked.number
    )

    locked.status = Status.ENACTED
    locked.enacted_at = now
    locked.enacted_by = actor if getattr(actor, "is_authenticated", False) else None
    locked.save(update_fields=["status", "enacted_at", "enacted_by"])
    audit_many(
        actor=actor,
        action="official.rotated",
        items=moves,
        region_id=locked.region_id,
        note=locked.number,
    )
    audit_record(
        actor=actor,
        action="rotation_decree.enacted",
        target=locked,
        before={"status": Status.DRAFT},
        after={
            "status": Status.ENACTED,
            "officials_moved": len(entries),
            "units_left_without_head": headless,
            "unit_roles_revoked": revoked,
        },
    )
    decree.status, decree.enacted_at, decree.enacted_by = (
        locked.status,
        locked.enacted_at,
        locked.enacted_by,
    )
    return locked
