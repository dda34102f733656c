"""What surveys add to other apps' pages: the invitation on a served ticket and an answered complaint (through
the hooks the queue and complaint pages call), the unit's IKM on a catalogue service's page, and the IKM
reports card on the staff dashboard."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tanggap.accounts.permissions import is_staff_member
from tanggap.core.registry import Link, Provider, WorkArea, hooks, service_actions, work_areas
from tanggap.surveys import invitations


def _ticket_feedback_url(*, ticket) -> str | None:
    return invitations.ticket_survey_url(ticket)


def _complaint_feedback_url(*, complaint) -> str | None:
    return invitations.complaint_survey_url(complaint)


def _service_ikm_link(*, request, service, places) -> list[Link]:
    """The satisfaction index of the unit providing the service (its public IKM page)."""
    return [
        Link(
            label=gettext("Indeks Kepuasan Masyarakat %(unit)s") % {"unit": service.unit.name},
            url=reverse("surveys:public_ikm_unit", args=[service.unit_id]),
            note=gettext("hasil survei kepuasan warga yang dilayani"),
        )
    ]


def register() -> None:
    service_actions.register(Provider(key="surveys.ikm", provide=_service_ikm_link, order=30))
    hooks.connect("ticket.feedback_url", _ticket_feedback_url)
    hooks.connect("complaint.feedback_url", _complaint_feedback_url)
    work_areas.register(
        WorkArea(
            key="surveys.ikm",
            title=_("Survei kepuasan (IKM)"),
            description=_("Laporan IKM per unit (PDF dan XLSX) dan perbandingan unit per wilayah"),
            url_name="surveys:report_index",
            allow=is_staff_member,
            order=60,
        )
    )
