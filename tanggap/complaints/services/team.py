"""A unit's responsive team (tim responsif): who handles its reports. Members leave by being set
inactive, never deleted, so past assignments stay readable."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tanggap.accounts.permissions import user_region_ids
from tanggap.complaints.models import TeamMember
from tanggap.complaints.permissions import can_manage_team
from tanggap.complaints.services.checks import require_permission
from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError

__all__ = ["team_member_add", "team_member_remove"]


@transaction.atomic
def team_member_add(*, actor, unit, user, role: str = TeamMember.Role.MEMBER) -> TeamMember:
    """Add a person to the unit's team, or bring a former member back (with the given role)."""
    require_permission(
        can_manage_team(actor, unit),
        _("Hanya kepala unit, admin unit atau admin daerah yang dapat mengatur tim responsif."),
    )
    if role not in TeamMember.Role.values:
        raise DomainError(_("Peran dalam tim tidak dikenal."), field="role")
    if user is None or not user.is_active:
        raise DomainError(_("Pilih akun petugas yang aktif."), field="user")
    if unit.region_id not in user_region_ids(user):
        raise DomainError(
            _("%(name)s bukan petugas atau pegawai di daerah ini.")
            % {"name": user.get_full_name() or user.get_username()},
            field="user",
        )
    member = TeamMember.objects.select_for_update().filter(unit=unit, user=user).first()
    if member is None:
        old = None
        member = TeamMember.objects.create(unit=unit, user=user, role=role, is_active=True)
    else:
        if member.is_active and member.role == role:
            raise DomainError(_("Orang ini sudah anggota tim dengan peran itu."), field="user")
        old = snapshot(member, ["role", "is_active"])
        member.role = role
        member.is_active = True
        member.save(update_fields=["role", "is_active"])
    audit_record(
        actor=actor,
        action="complaint.team_member_added",
        target=member,
        before=old,
        after=snapshot(member, ["unit", "user", "role", "is_active"]),
        region_id=unit.region_id,
    )
    return member


@transaction.atomic
def team_member_remove(*, actor, member: TeamMember) -> TeamMember:
    """Take a person off the team (kept as an inactive member); their open assignments stay with them
    until the unit head re-assigns them."""
    member = TeamMember.objects.select_for_update().select_related("unit").get(pk=member.pk)
    require_permission(
        can_manage_team(actor, member.unit),
        _("Hanya kepala unit, admin unit atau admin daerah yang dapat mengatur tim responsif."),
    )
    if not member.is_active:
        raise DomainError(_("Orang ini sudah tidak aktif di tim."), field="member")
    member.is_active = False
    member.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action="complaint.team_member_removed",
        target=member,
        before={"is_active": True},
        after={"is_active": False},
        region_id=member.unit.region_id,
    )
    return member
