"""Every write to user accounts and roles: one transaction, one permission check, one audit row each."""

from __future__ import annotations

import secrets
import string

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tanggap.accounts.models import REGION_ROLES, UNIT_ROLES, Role, RoleAssignment, User
from tanggap.accounts.permissions import (
    can_assign_role,
    can_manage_region,
    can_manage_user,
    forget_roles,
)
from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError, PermissionDenied

# Letters and digits that cannot be mistaken for each other when read aloud or copied from paper.
_PASSWORD_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")
TEMP_PASSWORD_LENGTH = 14
_USER_FIELDS = ["username", "full_name", "is_active"]


def make_temporary_password() -> str:
    """A random one-time password for a new account (to be changed at first sign-in)."""
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(TEMP_PASSWORD_LENGTH))


@transaction.atomic
def user_create_for_official(*, actor, official, username: str = "") -> tuple[User, str]:
    """Open an account for an official (username defaults to the NIP) and return it with its temporary password.

    The password is stored only as a hash; the caller shows it once to the person handing it over."""
    if not can_manage_region(actor, official.region_id):
        raise PermissionDenied()
    if official.user_id is not None:
        raise DomainError(_("Pegawai ini sudah memiliki akun."), code="has_account")
    if official.status != official.Status.ACTIVE:
        raise DomainError(
            _("Pegawai yang tidak aktif tidak dapat dibuatkan akun."), code="archived"
        )
    username = (username or official.nip).strip()
    username_field = User._meta.get_field("username")
    try:
        username = username_field.clean(username, None)
    except ValidationError as exc:  # letters, digits and @/./+/-/_ only, at most 150
        raise DomainError(
            _("Nama pengguna hanya boleh berisi huruf, angka, dan @ . + - _"), field="username"
        ) from exc
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(
            _("Nama pengguna ini sudah dipakai."), field="username", code="username_taken"
        )
    password = make_temporary_password()
    user = User(username=username, full_name=official.display_name[:200], preferred_language="id")
    user.set_password(password)
    user.save()
    official.user = user
    official.save(update_fields=["user", "updated_at"])
    audit_record(
        actor=actor,
        action="user.created",
        target=user,
        after=snapshot(user, _USER_FIELDS) | {"official": official.pk},
        region_id=official.region_id,
    )
    return user, password


def _role_scope(*, role: str, region, unit):
    """The region a role is held in, after checking it has the scope its kind needs."""
    if role not in Role.values:
        raise DomainError(_("Peran tidak dikenal."), field="role")
    if role == Role.SYSADMIN:
        if region is not None or unit is not None:
            raise DomainError(
                _("Admin sistem berlaku untuk semua wilayah, tanpa wilayah atau unit."),
                field="role",
            )
        return None
    if role in UNIT_ROLES:
        if unit is None:
            raise DomainError(_("Peran ini memerlukan unit."), field="unit")
        if region is not None and region.pk != unit.region_id:
            raise DomainError(_("Unit harus berada di wilayah yang dipilih."), field="unit")
        if not unit.is_active:
            raise DomainError(_("Unit ini sudah diarsipkan."), field="unit")
        return unit.region
    if role in REGION_ROLES:
        if region is None:
            raise DomainError(_("Peran ini memerlukan wilayah."), field="region")
        if unit is not None:
            raise DomainError(_("Peran tingkat wilayah tidak terikat pada unit."), field="unit")
        return region
    raise DomainError(_("Peran tidak dikenal."), field="role")


@transaction.atomic
def role_assign(*, actor, user: User, role: str, region=None, unit=None) -> RoleAssignment:
    """Give a user a role: unit roles in a unit, region roles in a region, sysadmin everywhere."""
    region = _role_scope(role=role, region=region, unit=unit)
    if not can_assign_role(actor, role, region):
        raise PermissionDenied()
    if not user.is_active:
        raise DomainError(_("Akun ini nonaktif."), code="inactive")
    exists = RoleAssignment.objects.filter(user=user, role=role, region=region, unit=unit).exists()
    if exists:
        raise DomainError(
            _("Pengguna ini sudah memiliki peran tersebut."), field="role", code="duplicate"
        )
    assignment = RoleAssignment.objects.create(user=user, role=role, region=region, unit=unit)
    forget_roles(user)
    audit_record(
        actor=actor,
        action="role.assigned",
        target=assignment,
        after=snapshot(assignment, ["user", "role", "region", "unit"]),
        region_id=assignment.region_id,
    )
    return assignment


@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment) -> None:
    """Take a role away (the audit row keeps what it was); nobody revokes their own role."""
    if not can_assign_role(actor, assignment.role, assignment.region_id):
        raise PermissionDenied()
    if actor is not None and assignment.user_id == actor.pk:
        raise DomainError(_("Anda tidak dapat mencabut peran Anda sendiri."), code="own_role")
    before = snapshot(assignment, ["user", "role", "region", "unit"])
    audit_record(
        actor=actor,
        action="role.revoked",
        target=assignment,
        before=before,
        region_id=assignment.region_id,
    )
    user = assignment.user
    assignment.delete()
    forget_roles(user)


@transaction.atomic
def user_deactivate(*, actor, user: User, reason: str) -> User:
    """Stop an account from signing in (it is kept, with its roles and history, never deleted)."""
    if not can_manage_user(actor, user):
        raise PermissionDenied()
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Alasan wajib diisi."), field="reason")
    if not user.is_active:
        raise DomainError(_("Akun ini sudah nonaktif."), code="inactive")
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action="user.deactivated",
        target=user,
        before={"is_active": True},
        after={"is_active": False},
        note=reason,
        region_id=_home_region_id(user),
    )
    return user


@transaction.atomic
def user_reactivate(*, actor, user: User) -> User:
    """Let a deactivated account sign in again."""
    if not can_manage_user(actor, user):
        raise PermissionDenied()
    if user.is_active:
        raise DomainError(_("Akun ini sudah aktif."), code="active")
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action="user.reactivated",
        target=user,
        before={"is_active": False},
        after={"is_active": True},
        region_id=_home_region_id(user),
    )
    return user


def _home_region_id(user: User) -> int | None:
    official = getattr(user, "official", None)
    if official is not None:
        return official.region_id
    return (
        RoleAssignment.objects.filter(user=user, region__isnull=False)
        .values_list("region_id", flat=True)
        .first()
    )


@transaction.atomic
def user_password_change(*, actor, user: User, password: str) -> User:
    """A person replaces their own (e.g. temporary) password; the audit row records the change, never the password."""
    if actor is None or actor.pk != user.pk:
        raise PermissionDenied()
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="new_password1") from exc
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(
        actor=actor, action="user.password_changed", target=user, region_id=_home_region_id(user)
    )
    return user
