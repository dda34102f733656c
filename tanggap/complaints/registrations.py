"""What complaints add to shared pages: their cards on the staff dashboard, and on a catalogue service's page
"Laporkan masalah" (the filing form for that service) and the region's complaint figures."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tanggap.accounts.permissions import is_staff_member
from tanggap.core.registry import Link, Provider, WorkArea, service_actions, work_areas


def _service_links(*, request, service, places) -> list[Link]:
    """Report a problem with this service (the form filled in with its region and the service), and the
    region's public complaint figures."""
    region = service.region
    file_url = (
        reverse("complaints:file")
        + "?"
        + urlencode({"wilayah": region.slug, "layanan": service.slug})
    )
    return [
        Link(label=gettext("Laporkan masalah"), url=file_url, primary=True),
        Link(
            label=gettext("Transparansi pengaduan %(region)s") % {"region": region.name},
            url=reverse("complaints:transparency_region", args=[region.slug]),
            note=gettext("laporan masuk, selesai, dan ketepatan waktu per unit"),
        ),
    ]


def register() -> None:
    service_actions.register(Provider(key="complaints.report", provide=_service_links, order=20))
    work_areas.register(
        WorkArea(
            key="complaints.staff",
            title=_("Kelola pengaduan"),
            description=_("Verifikasi, tindak lanjut, jawaban, dan tenggat"),
            url_name="complaints:staff_home",
            allow=is_staff_member,
            order=50,
        )
    )
    work_areas.register(
        WorkArea(
            key="complaints.dashboard",
            title=_("Dasbor pengaduan"),
            description=_("Kepatuhan tenggat, kinerja unit dan petugas, akurasi penerusan"),
            url_name="complaints:dashboard_index",
            allow=is_staff_member,
            order=51,
        )
    )
