"""What the reporter does after filing: answer a question, rate the answer, reopen it.

The reporter has no staff account: the caller has already proved who they are (the tracking code and
secret, or the account that filed the report), so these services take no actor. The timeline names them
only as "Pelapor", whatever the report's privacy.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tanggap.complaints.models import Complaint, ComplaintEvent
from tanggap.complaints.services.attachments import attachment_check, attachment_store
from tanggap.complaints.services.checks import clean_text, now_or
from tanggap.complaints.services.workflow import (
    RATE,
    REOPEN,
    REPORTER_MESSAGE,
    check_move,
    complaint_event_add,
    complaint_transition,
    copy_saved_state,
    lock_complaint,
    notify_after_commit,
)
from tanggap.complaints.sla import pause_end, policy_of, reporter_window_ends, target_due
from tanggap.core.errors import DomainError

__all__ = ["complaint_rate", "complaint_reopen", "complaint_reporter_reply"]

S = Complaint.Status
V = ComplaintEvent.Visibility


@transaction.atomic
def complaint_reporter_reply(
    *, complaint: Complaint, message: str, files=(), now=None
) -> ComplaintEvent:
    """The reporter writes to the handlers; when the report was waiting for them it resumes where it
    was, and every unmet deadline moves back by the time the clock stood still."""
    original, complaint = complaint, lock_complaint(complaint)
    if complaint.status != S.NEEDS_INFO:  # a paused report resumes (checked as a move below)
        check_move(
            REPORTER_MESSAGE,
            complaint,
            None,
            not_now=_("Laporan berstatus “%(status)s” sudah selesai; pesan tidak dapat dikirim."),
        )
    message = clean_text(
        message,
        field="message",
        min_len=3,
        max_len=4000,
        message=_("Tuliskan pesan Anda."),
    )
    checked = attachment_check(files)
    at = now_or(now)
    if complaint.status == S.NEEDS_INFO:
        resume_to = complaint.status_before_pause or S.NEW
        fields = pause_end(complaint, at=at)
        event = complaint_transition(
            complaint,
            resume_to,
            action="reporter_replied",
            by_reporter=True,
            message=message,
            visibility=V.REPORTER,
            fields=tuple(fields),
            at=at,
        )
    else:
        event = complaint_event_add(
            complaint,
            action="reporter_message",
            by_reporter=True,
            message=message,
            visibility=V.REPORTER,
            at=at,
        )
        notify_after_commit(event)
    attachment_store(complaint=complaint, checked=checked, by_reporter=True, event=event)
    copy_saved_state(original, complaint)
    return event


def _rating(value) -> int:
    try:
        rating = int(value)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise DomainError(_("Pilih nilai 1 sampai 5."), field="rating")
    return rating


@transaction.atomic
def complaint_rate(*, complaint: Complaint, rating, comment: str = "", now=None) -> Complaint:
    """The reporter's verdict on the answer (1–5, once); rating an answered report closes it."""
    original, complaint = complaint, lock_complaint(complaint)
    check_move(
        RATE,
        complaint,
        None,
        not_now=_("Laporan berstatus “%(status)s” belum dapat dinilai."),
    )
    if complaint.rated_at is not None:
        raise DomainError(
            _("Anda sudah memberi penilaian untuk laporan ini."), code="already_rated"
        )
    value = _rating(rating)
    comment = clean_text(comment, field="comment", min_len=0, max_len=1000, message=None)
    at = now_or(now)
    complaint.rating = value
    complaint.rating_comment = comment
    complaint.rated_at = at
    fields = ("rating", "rating_comment", "rated_at")
    if complaint.status == S.ANSWERED:
        complaint.closed_at = at
        complaint_transition(
            complaint,
            S.CLOSED,
            action="rated",
            by_reporter=True,
            text_code="rated_closed",
            params={"n": value},
            visibility=V.PUBLIC,
            fields=(*fields, "closed_at"),
            at=at,
        )
    else:
        complaint.save(update_fields=[*fields, "updated_at"])
        event = complaint_event_add(
            complaint,
            action="rated",
            by_reporter=True,
            text_code="rated",
            params={"n": value},
            visibility=V.PUBLIC,
            at=at,
        )
        notify_after_commit(event)
    return copy_saved_state(original, complaint)


@transaction.atomic
def complaint_reopen(*, complaint: Complaint, reason: str, now=None) -> Complaint:
    """The reporter is not satisfied with the answer: within the response window the report goes back to
    the handler with a new resolve deadline."""
    original, complaint = complaint, lock_complaint(complaint)
    check_move(
        REOPEN,
        complaint,
        None,
        not_now=_("Laporan berstatus “%(status)s” tidak dapat dibuka kembali."),
    )
    at = now_or(now)
    ends = reporter_window_ends(complaint)
    if ends is None or at > ends:
        raise DomainError(
            _("Batas waktu membuka kembali laporan (%(days)s hari setelah jawaban) sudah lewat.")
            % {"days": policy_of(complaint).reporter_response_days},
            code="reopen_window_passed",
        )
    reason = clean_text(
        reason,
        field="reason",
        min_len=10,
        max_len=4000,
        message=_(
            "Jelaskan mengapa jawaban belum menyelesaikan masalah (paling sedikit 10 huruf)."
        ),
    )
    complaint.reopen_count += 1
    complaint.answered_at = None
    complaint.closed_at = None
    complaint.resolve_due_at = target_due(
        at, policy=policy_of(complaint), target="resolve", complaint=complaint
    )
    complaint_transition(
        complaint,
        S.IN_PROGRESS,
        action="reopened",
        by_reporter=True,
        message=reason,
        visibility=V.PUBLIC,
        fields=("reopen_count", "answered_at", "closed_at", "resolve_due_at"),
        at=at,
    )
    return copy_saved_state(original, complaint)
