"""The demo accounts: one per role, all with the one published demo password, and their loading."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from tanggap.accounts.models import Role, RoleAssignment, User
from tanggap.demo.sync import Tally, fill_if_empty, sync_rows
from tanggap.org.models import Official, Region, Unit

# Published in the README and printed by `load_demo`: never use these accounts outside a demo.
DEMO_PASSWORD = "tanggap-demo-2026"
EMAIL_DOMAIN = "demo.invalid"


@dataclass(frozen=True)
class DemoAccount:
    """A demo login: its role and scope. Accounts tied to an official take the official's name."""

    username: str
    role: str
    region: str | None = None
    unit: str | None = None
    full_name: str = ""

    @property
    def email(self) -> str:
        return f"{self.username}@{EMAIL_DOMAIN}"

    @property
    def scope(self) -> str:
        if self.unit:
            return f"{self.region}/{self.unit}"
        return self.region or "semua wilayah"


DEMO_ACCOUNTS = (
    DemoAccount("sysadmin", Role.SYSADMIN, full_name="Admin Sistem (demo)"),
    DemoAccount(
        "admin.blitar", Role.REGION_ADMIN, "kab-blitar", full_name="Admin Kabupaten Blitar (demo)"
    ),
    DemoAccount("admin.dukcapil", Role.UNIT_ADMIN, "kab-blitar", "dukcapil"),
    DemoAccount("kadis.dukcapil", Role.UNIT_HEAD, "kab-blitar", "dukcapil"),
    DemoAccount("loket.kanigoro", Role.FRONT_DESK, "kab-blitar", "kecamatan-kanigoro"),
    DemoAccount("pengaduan.dukcapil", Role.COMPLAINT_HANDLER, "kab-blitar", "dukcapil"),
    DemoAccount("admin.mpp", Role.UNIT_ADMIN, "kab-blitar", "mpp"),
    DemoAccount(
        "evaluator.blitar",
        Role.EVALUATOR,
        "kab-blitar",
        full_name="Evaluator Kabupaten Blitar (demo)",
    ),
    DemoAccount(
        "pimpinan.blitar",
        Role.LEADER_VIEWER,
        "kab-blitar",
        full_name="Pimpinan Kabupaten Blitar (demo)",
    ),
    DemoAccount(
        "admin.kotablitar", Role.REGION_ADMIN, "kota-blitar", full_name="Admin Kota Blitar (demo)"
    ),
    DemoAccount(
        "brida.kabblitar",
        Role.INNOVATION_OFFICER,
        "kab-blitar",
        full_name="BRIDA Kabupaten Blitar (demo)",
    ),
    DemoAccount(
        "brida.kotablitar",
        Role.INNOVATION_OFFICER,
        "kota-blitar",
        full_name="Bappeda Kota Blitar (demo)",
    ),
    DemoAccount(
        "inovasi.jatim",
        Role.INNOVATION_OFFICER,
        "prov-jatim",
        full_name="Panitia Inovasi Provinsi Jawa Timur (demo)",
    ),
)


def demo_accounts_load(
    *,
    regions: dict[str, Region],
    units: dict[str, dict[str, Unit]],
    linked: dict[str, Official],
    tally: Tally,
) -> list[tuple[DemoAccount, User, Official | None]]:
    """Create missing demo users and role assignments; link each to its official while unlinked.

    `linked` maps a username to the official it belongs to. A password is set only when the user is
    created, so a password changed in the demo survives the next load.
    """
    usernames = [a.username for a in DEMO_ACCOUNTS]
    have = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    password = make_password(DEMO_PASSWORD) if set(usernames) - have else None
    rows = []
    for account in DEMO_ACCOUNTS:
        official = linked.get(account.username)
        row = {
            "username": account.username,
            "full_name": official.display_name if official else account.full_name,
            "email": account.email,
        }
        if account.username not in have:
            row.update(
                password=password,
                is_active=True,
                is_staff=account.role == "sysadmin",
                is_superuser=account.role == "sysadmin",
            )
        rows.append(row)
    users = sync_rows(
        User,
        rows,
        key=("username",),
        existing=User.objects.filter(username__in=usernames),
        tally=tally,
        create_only={"password", "is_active", "is_staff", "is_superuser"},
    )

    result = []
    assignments = []
    held = set(
        RoleAssignment.objects.filter(user__username__in=usernames).values_list(
            "user_id", "role", "region_id", "unit_id"
        )
    )
    for account in DEMO_ACCOUNTS:
        user = users[(account.username,)]
        region = regions[account.region] if account.region else None
        unit = units[account.region][account.unit] if account.unit else None
        key = (user.pk, str(account.role), region.pk if region else None, unit.pk if unit else None)
        if key not in held:
            assignments.append(
                RoleAssignment(user=user, role=account.role, region=region, unit=unit)
            )
        result.append((account, user, linked.get(account.username)))
    RoleAssignment.objects.bulk_create(assignments)
    tally.add(RoleAssignment._meta.label, created=len(assignments))

    taken = set(Official.objects.filter(user__isnull=False).values_list("user_id", flat=True))
    links = {o.pk: u.pk for (_, u, o) in result if o is not None and u.pk not in taken}
    fill_if_empty(
        [o for (_, _, o) in result if o is not None],
        "user_id",
        links,
        tally=tally,
        label=Official._meta.label,
    )
    return result
