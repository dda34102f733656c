"""Survey invitations: a signed token that a served ticket or an answered complaint hands to the citizen.

The token names the ticket or complaint only so that the survey page can check that the citizen was
served and that nobody answered for it yet. A response never stores the ticket or complaint: it keeps
`source_key`, a keyed hash (HMAC-SHA256 with SECRET_KEY) that staff cannot follow back to the citizen.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tanggap.core.errors import DomainError

SALT = "tanggap.survey"
MAX_AGE = dt.timedelta(
    days=30
)  # a token, and the service it invites a survey about, expire together
TICKET, COMPLAINT = "ticket", "complaint"
_KINDS = {"t": TICKET, "c": COMPLAINT}

BAD_TOKEN = _(
    "Tautan survei ini tidak dikenal. Pindai kembali kode QR pada tiket atau laporan Anda."
)
EXPIRED = _("Masa pengisian survei untuk layanan ini sudah berakhir (30 hari setelah dilayani).")
NOT_SERVED_TICKET = _("Survei dapat diisi setelah Anda selesai dilayani di loket.")
NOT_ANSWERED_COMPLAINT = _("Survei dapat diisi setelah laporan Anda ditanggapi.")


@dataclass(frozen=True)
class Invitation:
    """What a survey is about: where and what was served, and the duplicate-prevention key."""

    source: str  # "ticket" or "complaint"
    source_key: str
    region: object  # org.Region
    unit: object  # org.Unit: the unit that served (a ticket's location; a complaint's unit)
    location: object | None  # org.Unit where the citizen was served, when known
    service: object | None  # catalog.Service
    served_on: dt.date | None
    eligible: bool


def source_key(kind: str, pk: int) -> str:
    """The keyed hash stored with a response instead of the ticket or complaint id."""
    message = f"{kind}:{pk}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _local_date(moment: dt.datetime | None, region) -> dt.date | None:
    if moment is None:
        return None
    return timezone.localtime(moment, ZoneInfo(region.timezone)).date()


def invitation_for_ticket(ticket) -> str:
    """A signed token for the survey about a queue ticket."""
    return signing.dumps(["t", ticket.pk], salt=SALT, compress=True)


def invitation_for_complaint(complaint) -> str:
    """A signed token for the survey about a complaint."""
    return signing.dumps(["c", complaint.pk], salt=SALT, compress=True)


def survey_url(token: str) -> str:
    """The questionnaire's absolute address (printed and carried by QR codes)."""
    return settings.SITE_URL.rstrip("/") + reverse("surveys:take", args=[token])


def ticket_survey_url(ticket) -> str | None:
    """The survey address to show on a ticket's pages, only once the ticket is done."""
    if ticket.status != "done":
        return None
    return survey_url(invitation_for_ticket(ticket))


def complaint_survey_url(complaint) -> str | None:
    """The survey address to show on a reporter's page, only once the complaint is answered."""
    if complaint.status not in ("ditanggapi", "selesai") or complaint.unit_id is None:
        return None
    return survey_url(invitation_for_complaint(complaint))


def invitation_from_ticket(ticket) -> Invitation:
    """The invitation of a ticket (its location, service and region already loaded, ideally)."""
    location = ticket.location
    return Invitation(
        source=TICKET,
        source_key=source_key(TICKET, ticket.pk),
        region=location.region,
        unit=location,
        location=location,
        service=ticket.queue_service.service,
        served_on=_local_date(ticket.finished_at, location.region),
        eligible=ticket.status == "done" and ticket.finished_at is not None,
    )


def invitation_from_complaint(complaint) -> Invitation:
    """The invitation of a complaint: the unit that answered it and the service it concerned."""
    served_at = complaint.answered_at or complaint.closed_at
    return Invitation(
        source=COMPLAINT,
        source_key=source_key(COMPLAINT, complaint.pk),
        region=complaint.region,
        unit=complaint.unit,
        location=None,
        service=complaint.service,
        served_on=_local_date(served_at, complaint.region),
        eligible=complaint.status in ("ditanggapi", "selesai")
        and complaint.unit_id is not None
        and served_at is not None,
    )


def _load(kind: str, pk: int):
    # Imported here: the queue and complaint apps import this module for their pages.
    if kind == TICKET:
        from tanggap.queueing.models import Ticket

        return (
            Ticket.objects.select_related("queue_service__service", "location__region")
            .filter(pk=pk)
            .first()
        )
    from tanggap.complaints.models import Complaint

    return Complaint.objects.select_related("region", "unit", "service").filter(pk=pk).first()


def read_invitation(token: str, *, now: dt.datetime | None = None) -> Invitation:
    """The invitation a token carries; a DomainError for a bad or expired token or a citizen not yet
    served (nothing to survey yet)."""
    try:
        kind, pk = signing.loads(token or "", salt=SALT, max_age=MAX_AGE)
        kind = _KINDS[kind]
        pk = int(pk)
    except signing.SignatureExpired:
        raise DomainError(EXPIRED, code="survey_expired") from None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise DomainError(BAD_TOKEN, code="survey_bad_token") from None
    record = _load(kind, pk)
    if record is None:
        raise DomainError(BAD_TOKEN, code="survey_bad_token")
    if kind == TICKET:
        invitation = invitation_from_ticket(record)
        served_at = record.finished_at
        not_yet = NOT_SERVED_TICKET
    else:
        invitation = invitation_from_complaint(record)
        served_at = record.answered_at or record.closed_at
        not_yet = NOT_ANSWERED_COMPLAINT
    if not invitation.eligible:
        raise DomainError(not_yet, code="survey_not_served")
    if served_at < (now or timezone.now()) - MAX_AGE:
        raise DomainError(EXPIRED, code="survey_expired")
    return invitation
