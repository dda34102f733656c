"""What an officer writes that a report's public page will show, and the screen it passes first.

A step is on the public page when the report is not rahasia and the step is public
(`selectors.shown_on_public_page`, the rule the public timeline applies; Open311's status notes show the
same steps). Officers write such text in an answer, a public follow-up note, an archive reason and a
transfer's destination. Before it is written it is screened for personal data
(`tanggap.core.personal_data`): the reporter's name, phone and e-mail in any spelling, and any e-mail
address, mobile number or 16-digit (NIK/KK) number, since a third person's data is just as bad. A find
refuses the send (DomainError `personal_data`, nothing written) unless the officer confirmed that the text
must be public as it is; a confirmed send is written to the audit trail with what was found, masked.

The staff page shows the same text before sending (`public_preview`), from the same functions.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tanggap.complaints.models import Complaint
from tanggap.complaints.models.event_texts import event_sentence
from tanggap.complaints.permissions import can_see_reporter_identity
from tanggap.core.audit import audit_record
from tanggap.core.errors import DomainError
from tanggap.core.personal_data import EMAIL, NAME, NIK, PHONE, PersonalData, find_personal_data

__all__ = [
    "PERSONAL_DATA",
    "archive_message",
    "describe_personal_data",
    "personal_data_in",
    "public_text_check",
    "public_text_confirmed",
    "transfer_message",
]

# The DomainError code of a refused send (the API's `code`).
PERSONAL_DATA = "personal_data"

KIND_LABELS = {
    (NAME, True): gettext_lazy("nama pelapor"),
    (PHONE, True): gettext_lazy("nomor HP pelapor"),
    (PHONE, False): gettext_lazy("nomor HP"),
    (EMAIL, True): gettext_lazy("surel pelapor"),
    (EMAIL, False): gettext_lazy("alamat surel"),
    (NIK, True): gettext_lazy("NIK pelapor"),
    (NIK, False): gettext_lazy("nomor 16 angka (NIK/KK)"),
}


def archive_message(reason: str) -> str:
    """The public step of an archived report: its reason (the sentence its stored code shows)."""
    return event_sentence("archived", {"reason": reason})


def transfer_message(destination: str) -> str:
    """The public step of a report transferred to another authority."""
    return event_sentence("transferred", {"dest": destination})


def _reporter_identifiers(complaint: Complaint, actor) -> dict[str, list[str]]:
    """The reporter's own name, phone and e-mail to look for: only when the actor may see who the
    reporter is. Otherwise (the handling unit of an anonymous report) the screen looks for shapes only,
    or its answer ("this is the reporter's name") would tell the unit who filed the report."""
    if not can_see_reporter_identity(actor, complaint):
        return {}
    user = complaint.reporter_user
    return {
        "known_names": [complaint.reporter_name, user.get_full_name() if user else ""],
        "known_phones": [complaint.reporter_phone],
        "known_emails": [complaint.reporter_email, user.email if user else ""],
    }


def personal_data_in(*, actor, complaint: Complaint, text: str) -> list[PersonalData]:
    """The personal data in `text`, as screened before it goes on the report's public page."""
    return find_personal_data(text or "", **_reporter_identifiers(complaint, actor))


def describe_personal_data(found: list[PersonalData]) -> str:
    """What was found, masked, in the reader's language: "nama pelapor S*** A*****; nomor HP 0813****1111"."""
    return "; ".join(f"{KIND_LABELS[(item.kind, item.known)]} {item.masked}" for item in found)


def public_text_check(
    *,
    actor,
    complaint: Complaint,
    text: str,
    field: str,
    confirmed: bool,
    can_withhold: bool = False,
) -> list[PersonalData]:
    """Screen text about to go on the public page; returns what it found (for public_text_confirmed).

    DomainError `personal_data` (naming what was found, masked) unless `confirmed`. `can_withhold` says
    the step has a choice that is not public, which the message then offers."""
    found = personal_data_in(actor=actor, complaint=complaint, text=text)
    if found and not confirmed:
        values = {"found": describe_personal_data(found)}
        if can_withhold:
            message = _(
                "Teks ini akan tampil di halaman publik laporan dan memuat data pribadi: %(found)s. "
                "Hapus atau samarkan data itu, pilih agar tidak tampil di halaman publik, atau "
                "nyatakan bahwa Anda sudah memeriksanya dan tetap mengirimnya publik."
            )
        else:
            message = _(
                "Teks ini akan tampil di halaman publik laporan dan memuat data pribadi: %(found)s. "
                "Hapus atau samarkan data itu, atau nyatakan bahwa Anda sudah memeriksanya dan "
                "tetap mengirimnya publik."
            )
        raise DomainError(message % values, code=PERSONAL_DATA, field=field)
    return found


def public_text_confirmed(
    *, actor, complaint: Complaint, found: list[PersonalData], step: str, event_id: int | None
) -> None:
    """The audit row of a public text sent although the screen found personal data in it: who
    confirmed, on which step, and what was found (masked)."""
    if not found:
        return
    audit_record(
        actor=actor,
        action="complaint.public_text_confirmed",
        target=complaint,
        after={
            "step": step,
            "event": event_id,
            "personal_data": [
                {"kind": item.kind, "masked": item.masked, "reporter": item.known} for item in found
            ],
        },
        note=f"{step}: " + ", ".join(f"{item.kind} {item.masked}" for item in found),
        region_id=complaint.region_id,
    )
