"""The handling unit's work on a report: assign to a team member, follow-up notes, the answer, closing."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.db.models import Min
from django.utils.translation import gettext as _

from tanggap.accounts.models import Role
from tanggap.accounts.permissions import has_unit_role
from tanggap.complaints.models import Complaint, ComplaintEvent, SlaPolicy, TeamMember
from tanggap.complaints.selectors import shown_on_public_page
from tanggap.complaints.services.attachments import attachment_check, attachment_store
from tanggap.complaints.services.audit_trail import audit_move, audit_snapshot
from tanggap.complaints.services.checks import clean_text, now_or
from tanggap.complaints.services.public_text import public_text_check, public_text_confirmed
from tanggap.complaints.services.workflow import (
    ANSWER,
    ASSIGN,
    CLOSE,
    CLOSE_EXPIRED,
    NOTE,
    REPORTER_CLOSE,
    TAKE,
    check_move,
    complaint_event_add,
    complaint_transition,
    copy_saved_state,
    lock_complaint,
    mark_first_response,
    notify_after_commit,
)
from tanggap.complaints.sla import DEFAULT_POLICY, reporter_window_ends
from tanggap.core.errors import DomainError, InvalidTransition

__all__ = [
    "ANSWER_VISIBILITIES",
    "complaint_answer",
    "complaint_assign",
    "complaint_close",
    "complaint_close_expired",
    "complaint_note",
    "complaint_take",
    "is_eligible_assignee",
]

logger = logging.getLogger("tanggap.complaints")
# The public step of a report that someone of the unit now holds (assigned or taken).
TEAM_HANDLES = "team_handles"
S = Complaint.Status
V = ComplaintEvent.Visibility


def is_eligible_assignee(user, unit) -> bool:
    """An active member of the unit's responsive team, or a complaint handler of the unit."""
    if user is None or not getattr(user, "is_active", False) or unit is None:
        return False
    if TeamMember.objects.filter(unit=unit, user=user, is_active=True).exists():
        return True
    return has_unit_role(user, unit, {Role.COMPLAINT_HANDLER})


@transaction.atomic
def complaint_assign(*, actor, complaint: Complaint, assignee, now=None) -> Complaint:
    """Give a dispatched report to a member of the unit's responsive team (or re-assign it)."""
    original, complaint = complaint, lock_complaint(complaint)
    check_move(
        ASSIGN,
        complaint,
        actor,
        not_permitted=_(
            "Hanya kepala unit, admin unit atau koordinator tim yang dapat menugaskan laporan."
        ),
        not_now=_("Laporan berstatus “%(status)s” tidak dapat ditugaskan."),
    )
    if not is_eligible_assignee(assignee, complaint.unit):
        raise DomainError(
            _("Petugas harus anggota aktif tim responsif atau petugas pengaduan unit ini."),
            field="assignee",
        )
    if complaint.assignee_id == assignee.pk:
        raise DomainError(_("Laporan sudah ditugaskan kepada petugas itu."), field="assignee")
    at = now_or(now)
    old = audit_snapshot(complaint)
    previous = complaint.assignee
    complaint.assignee = assignee
    name = assignee.get_full_name() or assignee.get_username()
    if complaint.status == S.DISPATCHED:
        text_code, visibility = TEAM_HANDLES, V.PUBLIC
        params = {"unit": complaint.unit.name if complaint.unit else ""}
    else:
        old_name = (previous.get_full_name() or previous.get_username()) if previous else "—"
        text_code, visibility = "reassigned", V.INTERNAL
        params = {"old": old_name, "new": name}
    complaint_transition(
        complaint,
        S.IN_PROGRESS,
        action="assigned",
        actor=actor,
        text_code=text_code,
        params=params,
        visibility=visibility,
        fields=("assignee",),
        at=at,
    )
    audit_move(actor=actor, action="complaint.assigned", complaint=complaint, old=old, note=name)
    return copy_saved_state(original, complaint)


@transaction.atomic
def complaint_take(*, actor, complaint: Complaint, now=None) -> Complaint:
    """A complaint handler (or responsive-team member) of the handling unit takes a dispatched report
    nobody holds yet: it becomes theirs and is in progress, as if their unit's head had assigned it."""
    original, complaint = complaint, lock_complaint(complaint)
    check_move(
        TAKE,
        complaint,
        actor,
        not_permitted=_(
            "Hanya petugas pengaduan atau anggota tim responsif unit yang menangani laporan ini "
            "yang dapat mengambilnya."
        ),
        not_now=_("Laporan berstatus “%(status)s” tidak dapat diambil."),
    )
    at = now_or(now)
    old = audit_snapshot(complaint)
    complaint.assignee = actor
    complaint_transition(
        complaint,
        S.IN_PROGRESS,
        action="taken",
        actor=actor,
        text_code=TEAM_HANDLES,
        params={"unit": complaint.unit.name if complaint.unit else ""},
        visibility=V.PUBLIC,
        fields=("assignee",),
        at=at,
    )
    name = actor.get_full_name() or actor.get_username()
    audit_move(actor=actor, action="complaint.taken", complaint=complaint, old=old, note=name)
    return copy_saved_state(original, complaint)


@transaction.atomic
def complaint_note(
    *,
    actor,
    complaint: Complaint,
    message: str,
    visibility: str = "internal",
    confirm_public: bool = False,
    now=None,
) -> ComplaintEvent:
    """A follow-up update: internal for the staff, or public (the reporter and, unless the report is
    rahasia, everyone). The first public staff message is the unit's first response. A note for the
    public page is screened for personal data (refused unless `confirm_public`)."""
    original, complaint = complaint, lock_complaint(complaint)
    check_move(
        NOTE,
        complaint,
        actor,
        not_permitted=_("Anda tidak menangani laporan ini."),
        not_now=_("Laporan berstatus “%(status)s” sudah selesai; catatan tidak dapat ditambahkan."),
    )
    if visibility not in V.values:
        raise DomainError(_("Pilih siapa yang dapat membaca catatan ini."), field="visibility")
    message = clean_text(
        message,
        field="message",
        min_len=3,
        max_len=4000,
        message=_("Tuliskan isi catatan."),
    )
    found = []
    if shown_on_public_page(complaint, visibility):
        found = public_text_check(
            actor=actor,
            complaint=complaint,
            text=message,
            field="message",
            confirmed=confirm_public,
            can_withhold=True,
        )
    at = now_or(now)
    if visibility != V.INTERNAL:
        old = audit_snapshot(complaint)
        fields = mark_first_response(complaint, at)
        if fields:
            complaint.save(update_fields=[*fields, "updated_at"])
            audit_move(actor=actor, action="complaint.first_response", complaint=complaint, old=old)
    event = complaint_event_add(
        complaint, action="note", actor=actor, message=message, visibility=visibility, at=at
    )
    public_text_confirmed(
        actor=actor, complaint=complaint, found=found, step="note", event_id=event.pk
    )
    if visibility != V.INTERNAL:
        notify_after_commit(event)
    copy_saved_state(original, complaint)
    return event


# Who may read an answer: everyone (the public page, unless the report is rahasia) or only the reporter.
ANSWER_VISIBILITIES = (V.PUBLIC, V.REPORTER)


@transaction.atomic
def complaint_answer(
    *,
    actor,
    complaint: Complaint,
    message: str,
    files=(),
    visibility: str = V.PUBLIC,
    confirm_public: bool = False,
    now=None,
) -> Complaint:
    """The unit's answer to the reporter (with attachments); the reporter may now rate it, respond or
    reopen it within the response window.

    A public answer of a report that is not rahasia goes on the public page, so it is screened for
    personal data (refused unless `confirm_public`). A reporter-only answer leaves the public page a
    step saying an answer was given, without its text."""
    original, complaint = complaint, lock_complaint(complaint)
    check_move(
        ANSWER,
        complaint,
        actor,
        not_permitted=_("Anda tidak menangani laporan ini."),
        not_now=_(
            "Laporan berstatus “%(status)s” tidak dapat dijawab; tugaskan dahulu ke petugas."
        ),
    )
    if visibility not in ANSWER_VISIBILITIES:
        raise DomainError(_("Pilih siapa yang dapat membaca jawaban ini."), field="visibility")
    message = clean_text(
        message,
        field="message",
        min_len=10,
        max_len=8000,
        message=_("Tuliskan jawaban untuk pelapor (paling sedikit 10 huruf)."),
    )
    found = []
    if shown_on_public_page(complaint, visibility):
        found = public_text_check(
            actor=actor,
            complaint=complaint,
            text=message,
            field="message",
            confirmed=confirm_public,
            can_withhold=True,
        )
    checked = attachment_check(files)
    at = now_or(now)
    old = audit_snapshot(complaint)
    complaint.answered_at = at
    fields = ["answered_at"]
    if complaint.first_response_at is None:
        complaint.first_response_at = at
        fields.append("first_response_at")
    event = complaint_transition(
        complaint,
        S.ANSWERED,
        action="answered",
        actor=actor,
        message=message,
        visibility=visibility,
        fields=tuple(dict.fromkeys(fields)),
        at=at,
    )
    if visibility != V.PUBLIC:
        complaint_event_add(
            complaint,
            action="answered_privately",
            actor=actor,
            text_code="answered_privately",
            visibility=V.PUBLIC,
            at=at,
        )
    attachment_store(complaint=complaint, checked=checked, by_reporter=False, event=event)
    audit_move(actor=actor, action="complaint.answered", complaint=complaint, old=old)
    public_text_confirmed(
        actor=actor, complaint=complaint, found=found, step="answer", event_id=event.pk
    )
    return copy_saved_state(original, complaint)


@transaction.atomic
def complaint_close(
    *, complaint: Complaint, actor=None, by_reporter: bool = False, now=None
) -> Complaint:
    """Close an answered report: by the reporter, by the handling staff, or by the system once the
    reporter's response window has passed (actor None, by_reporter False)."""
    original, complaint = complaint, lock_complaint(complaint)
    at = now_or(now)
    action = REPORTER_CLOSE if by_reporter else (CLOSE_EXPIRED if actor is None else CLOSE)
    check_move(
        action,
        complaint,
        None if by_reporter else actor,
        not_permitted=_("Anda tidak menangani laporan ini."),
        not_now=_("Laporan berstatus “%(status)s” tidak dapat ditutup."),
    )
    if action == CLOSE_EXPIRED:
        ends = reporter_window_ends(complaint)
        if ends is None or at < ends:
            raise InvalidTransition(_("Masa tanggapan pelapor belum berakhir."))
    old = audit_snapshot(complaint)
    complaint.closed_at = at
    if by_reporter:
        text_code = "closed_by_reporter"
    elif actor is None:
        text_code = "closed_expired"
    else:
        text_code = "closed_by_staff"
    complaint_transition(
        complaint,
        S.CLOSED,
        action="closed",
        actor=None if by_reporter else actor,
        by_reporter=by_reporter,
        text_code=text_code,
        visibility=V.PUBLIC,
        fields=("closed_at",),
        at=at,
    )
    if not by_reporter:
        audit_move(actor=actor, action="complaint.closed", complaint=complaint, old=old)
    return copy_saved_state(original, complaint)


def complaint_close_expired(*, now=None, limit: int = 500) -> int:
    """Close answered reports whose reporter-response window has passed; returns how many were closed.

    Each report closes in its own transaction (one failure does not undo the others); the window's
    length comes from each report's policy, so the query takes the shortest window as its bound and each
    report is checked exactly before closing."""
    at = now_or(now)
    shortest = SlaPolicy.objects.aggregate(m=Min("reporter_response_days"))["m"]
    days = min(d for d in (shortest, DEFAULT_POLICY.reporter_response_days) if d is not None)
    candidates = (
        Complaint.objects.filter(status=S.ANSWERED, answered_at__lte=at - dt.timedelta(days=days))
        .select_related("sla_policy")
        .order_by("answered_at")[:limit]
    )
    closed = 0
    for complaint in candidates:
        ends = reporter_window_ends(complaint)
        if ends is None or at < ends:
            continue
        try:
            complaint_close(complaint=complaint, now=at)
        except DomainError:  # answered again, reopened or closed meanwhile
            continue
        closed += 1
    if closed:
        logger.info("closed %s answered reports after the reporter window", closed)
    return closed
