"""What the queue adds to shared pages: its cards on the staff dashboard."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tanggap.accounts.models import Role
from tanggap.accounts.permissions import holds_any_role, is_staff_member
from tanggap.core.registry import WorkArea, work_areas
from tanggap.queueing.permissions import CONFIG_ROLES, COUNTER_ROLES

# Who sees the work areas on the dashboard: the roles that run counters or configure queues somewhere.
COUNTER_HOLDERS = {Role.REGION_ADMIN, *COUNTER_ROLES}
CONFIG_HOLDERS = {Role.REGION_ADMIN, *CONFIG_ROLES}


def register() -> None:
    work_areas.register(
        WorkArea(
            key="queueing.counters",
            title=_("Layar loket"),
            description=_("Panggil, layani, lewati, dan alihkan antrean"),
            url_name="queueing:counter_picker",
            allow=lambda user: holds_any_role(user, COUNTER_HOLDERS),
            order=40,
        )
    )
    work_areas.register(
        WorkArea(
            key="queueing.config",
            title=_("Atur antrean"),
            description=_("Jam layanan, slot, layanan antrean, loket, dan kiosk"),
            url_name="queueing:config_list",
            allow=lambda user: holds_any_role(user, CONFIG_HOLDERS),
            order=41,
        )
    )
    work_areas.register(
        WorkArea(
            key="queueing.reports",
            title=_("Laporan antrean dan perencana loket"),
            description=_("Waktu tunggu, waktu layanan, dan kebutuhan loket"),
            url_name="queueing:reports_index",
            allow=is_staff_member,
            order=42,
        )
    )
