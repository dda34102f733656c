"""What surveys add to other apps' pages: the invitation on a served ticket and an answered complaint (through
the hooks the queue and complaint pages call), and the IKM card on the staff dashboard."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tanggap.accounts.permissions import is_staff_member
from tanggap.core.registry import WorkArea, hooks, work_areas
from tanggap.surveys import invitations


def _ticket_feedback_url(*, ticket) -> str | None:
    return invitations.ticket_survey_url(ticket)


def _complaint_feedback_url(*, complaint) -> str | None:
    return invitations.complaint_survey_url(complaint)


def register() -> None:
    hooks.connect("ticket.feedback_url", _ticket_feedback_url)
    hooks.connect("complaint.feedback_url", _complaint_feedback_url)
    work_areas.register(
        WorkArea(
            key="surveys.ikm",
            title=_("Survei kepuasan (IKM)"),
            description=_("Indeks kepuasan per unit; laporan resmi PDF dan XLSX dari halaman unit"),
            url_name="surveys:public_ikm",
            allow=is_staff_member,
            order=60,
        )
    )
