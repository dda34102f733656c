"""What accounts adds to shared pages: the user-management card, the password card, the user's roles."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tanggap.accounts.models import Role
from tanggap.accounts.permissions import holds_any_role, is_sysadmin
from tanggap.accounts.selectors import role_assignments_of
from tanggap.core.registry import Section, WorkArea, dashboard_sections, hooks, work_areas


def _my_roles(request) -> dict:
    user = request.user
    return {"assignments": role_assignments_of(user), "is_sysadmin": is_sysadmin(user)}


def register() -> None:
    # Core's system pages (the outbox) ask who is a system administrator: a Django superuser or the role.
    hooks.connect("user.is_system_admin", lambda user: is_sysadmin(user) or None)
    work_areas.register(
        WorkArea(
            key="accounts.users",
            title=_("Akun dan peran"),
            description=_("Buat akun pegawai, beri atau cabut peran"),
            url_name="users:user_list",
            allow=lambda user: holds_any_role(user, {Role.REGION_ADMIN}),
            order=30,
        )
    )
    work_areas.register(
        WorkArea(
            key="accounts.password",
            title=_("Ganti kata sandi"),
            description="",
            url_name="accounts:password_change",
            allow=lambda user: True,
            order=999,
        )
    )
    dashboard_sections.register(
        Section(key="accounts.roles", template="accounts/_dashboard_roles.html", context=_my_roles)
    )
