"""The verifier's (admin instansi's) decisions on a report: dispatch, ask, transfer, merge, archive,
and handing a report on to another unit."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tanggap.complaints.models import Complaint, ComplaintEvent
from tanggap.complaints.selectors import shown_on_public_page
from tanggap.complaints.services.audit_trail import audit_move, audit_snapshot
from tanggap.complaints.services.checks import clean_text, now_or
from tanggap.complaints.services.public_text import (
    archive_message,
    public_text_check,
    public_text_confirmed,
    transfer_message,
)
from tanggap.complaints.services.workflow import (
    ARCHIVE,
    ASK_REPORTER,
    MERGE,
    REDISPATCH,
    TRANSFER,
    VERIFY,
    check_move,
    complaint_event_add,
    complaint_transition,
    copy_saved_state,
    lock_complaint,
    mark_first_response,
)
from tanggap.complaints.sla import dispatch_deadlines, pause_end, policy_for
from tanggap.core.errors import DomainError

__all__ = [
    "ARCHIVE_REASONS",
    "complaint_archive",
    "complaint_merge",
    "complaint_redispatch",
    "complaint_request_info",
    "complaint_transfer_out",
    "complaint_verify_dispatch",
]

S = Complaint.Status
V = ComplaintEvent.Visibility

# Suggested reasons for the archive form (SP4N-LAPOR! practice); any reason of 5+ letters is accepted.
ARCHIVE_REASONS = (
    "Laporan terlalu umum, tidak dapat ditindaklanjuti",
    "Bukan laporan pelayanan publik (tidak relevan)",
    "Pelapor tidak melengkapi keterangan",
    "Laporan berisi SARA, ujaran kebencian atau fitnah",
)


def _check_unit(complaint: Complaint, unit) -> None:
    if unit is None or unit.region_id != complaint.region_id:
        raise DomainError(_("Unit tujuan tidak dikenal di daerah ini."), field="unit")
    if not unit.is_active:
        raise DomainError(_("Unit tujuan sudah tidak aktif."), field="unit")


def _internal_note(complaint: Complaint, *, actor, note: str, at) -> None:
    """A verifier's note for the unit: a separate internal step, never on the public timeline."""
    if note:
        complaint_event_add(
            complaint,
            action="note",
            actor=actor,
            message=note,
            visibility=V.INTERNAL,
            at=at,
        )


def _note(note: str) -> str:
    return clean_text(note, field="note", min_len=0, max_len=2000, message=None)


@transaction.atomic
def complaint_verify_dispatch(
    *, actor, complaint: Complaint, unit, category=None, note: str = "", now=None
) -> Complaint:
    """Verify a new report and dispatch it to the unit that handles it; the response and resolve deadlines
    start now, on that unit's working calendar, with the policy of the report's (new) category."""
    original, complaint = complaint, lock_complaint(complaint)
    check_move(
        VERIFY,
        complaint,
        actor,
        not_permitted=_("Hanya verifikator (admin instansi) yang dapat meneruskan laporan."),
        not_now=_("Laporan berstatus “%(status)s” tidak dapat diverifikasi dan diteruskan."),
    )
    _check_unit(complaint, unit)
    if category is not None and category.region_id != complaint.region_id:
        raise DomainError(_("Kategori tidak dikenal di daerah ini."), field="category")
    note = _note(note)
    at = now_or(now)
    old = audit_snapshot(complaint)
    fields = ["unit", "category", "sla_policy", "verified_at", "dispatched_at", "assignee"]
    fields += pause_end(complaint, at=at)
    if category is not None:
        complaint.category = category
    complaint.unit = unit
    complaint.assignee = None
    policy = policy_for(
        region=complaint.region, category=complaint.category, report_type=complaint.report_type
    )
    complaint.sla_policy = policy if policy.pk else None
    complaint.verified_at = complaint.verified_at or at
    complaint.dispatched_at = at
    for name, value in dispatch_deadlines(complaint, policy=policy, at=at).items():
        setattr(complaint, name, value)
        fields.append(name)
    complaint_transition(
        complaint,
        S.DISPATCHED,
        action="dispatched",
        actor=actor,
        text_code="dispatched",
        params={"unit": unit.name},
        visibility=V.PUBLIC,
        fields=tuple(dict.fromkeys(fields)),
        at=at,
    )
    _internal_note(complaint, actor=actor, note=note, at=at)
    audit_move(actor=actor, action="complaint.dispatched", complaint=complaint, old=old, note=note)
    return copy_saved_state(original, complaint)


@transaction.atomic
def complaint_request_info(*, actor, complaint: Complaint, question: str, now=None) -> Complaint:
    """Ask the reporter for details: the report waits for them and its deadlines stop counting."""
    original, complaint = complaint, lock_complaint(complaint)
    check_move(
        ASK_REPORTER,
        complaint,
        actor,
        not_permitted=_("Hanya verifikator yang dapat meminta keterangan atas laporan baru.")
        if complaint.status == S.NEW
        else _("Anda tidak menangani laporan ini."),
        not_now=_("Laporan berstatus “%(status)s” tidak dapat dimintai keterangan."),
    )
    question = clean_text(
        question,
        field="question",
        min_len=10,
        max_len=2000,
        message=_("Tuliskan pertanyaan untuk pelapor (paling sedikit 10 huruf)."),
    )
    at = now_or(now)
    old = audit_snapshot(complaint)
    complaint.status_before_pause = complaint.status
    complaint.paused_at = at
    fields = ["status_before_pause", "paused_at", *mark_first_response(complaint, at)]
    complaint_transition(
        complaint,
        S.NEEDS_INFO,
        action="info_requested",
        actor=actor,
        message=question,
        visibility=V.REPORTER,
        fields=tuple(fields),
        at=at,
    )
    audit_move(actor=actor, action="complaint.info_requested", complaint=complaint, old=old)
    return copy_saved_state(original, complaint)


def _screen_public(complaint: Complaint, *, actor, text: str, field: str, confirmed: bool) -> list:
    """The screen of a public step's text (archive reason, transfer destination) when the report has a
    public page; these steps have no choice that is not public."""
    if not shown_on_public_page(complaint, V.PUBLIC):
        return []
    return public_text_check(
        actor=actor, complaint=complaint, text=text, field=field, confirmed=confirmed
    )


@transaction.atomic
def complaint_transfer_out(
    *,
    actor,
    complaint: Complaint,
    destination: str,
    note: str = "",
    confirm_public: bool = False,
    now=None,
) -> Complaint:
    """Not this region's authority: record where the report belongs and close it as transferred. The
    destination goes on the public page, so it is screened for personal data (see public_text)."""
    original, complaint = complaint, lock_complaint(complaint)
    check_move(
        TRANSFER,
        complaint,
        actor,
        not_permitted=_("Hanya verifikator yang dapat menyatakan laporan bukan kewenangan daerah."),
        not_now=_("Laporan berstatus “%(status)s” tidak dapat dialihkan."),
    )
    destination = clean_text(
        destination,
        field="destination",
        min_len=3,
        max_len=200,
        message=_("Sebutkan instansi yang berwenang."),
    )
    note = _note(note)
    public = transfer_message(destination)
    found = _screen_public(
        complaint, actor=actor, text=public, field="destination", confirmed=confirm_public
    )
    at = now_or(now)
    old = audit_snapshot(complaint)
    complaint.closing_reason = (_("Dialihkan ke %(dest)s") % {"dest": destination})[:300]
    complaint.verified_at = complaint.verified_at or at
    event = complaint_transition(
        complaint,
        S.TRANSFERRED,
        action="transferred",
        actor=actor,
        text_code="transferred",
        params={"dest": destination},
        visibility=V.PUBLIC,
        fields=("closing_reason", "verified_at"),
        at=at,
    )
    _internal_note(complaint, actor=actor, note=note, at=at)
    audit_move(actor=actor, action="complaint.transferred", complaint=complaint, old=old, note=note)
    public_text_confirmed(
        actor=actor, complaint=complaint, found=found, step="transfer", event_id=event.pk
    )
    return copy_saved_state(original, complaint)


def _lock_pair(a: Complaint, b: Complaint) -> tuple[Complaint, Complaint]:
    """Lock two reports in id order (two merges crossing each other never deadlock)."""
    if a.pk == b.pk:
        same = lock_complaint(a)
        return same, same
    first, second = sorted((a.pk, b.pk))
    locked = {first: lock_complaint(first), second: lock_complaint(second)}
    return locked[a.pk], locked[b.pk]


@transaction.atomic
def complaint_merge(*, actor, complaint: Complaint, into: Complaint, now=None) -> Complaint:
    """Close a duplicate by merging it into the open report about the same matter."""
    if into is None:
        raise DomainError(_("Pilih laporan tujuan penggabungan."), field="into")
    original = complaint
    complaint, target = _lock_pair(complaint, into)
    check_move(
        MERGE,
        complaint,
        actor,
        not_permitted=_("Anda tidak berwenang menggabungkan laporan ini."),
        not_now=_("Laporan berstatus “%(status)s” tidak dapat digabungkan."),
    )
    if target.pk == complaint.pk:
        raise DomainError(_("Laporan tidak dapat digabung ke dirinya sendiri."), field="into")
    if target.region_id != complaint.region_id:
        raise DomainError(_("Laporan tujuan ada di daerah lain."), field="into")
    if target.status not in Complaint.OPEN:
        raise DomainError(
            _("Laporan tujuan %(code)s sudah tidak terbuka.") % {"code": target.tracking_code},
            field="into",
        )
    at = now_or(now)
    old = audit_snapshot(complaint)
    complaint.merged_into = target
    complaint.closing_reason = (_("Duplikat dari %(code)s") % {"code": target.tracking_code})[:300]
    if complaint.status == S.NEW:
        complaint.verified_at = complaint.verified_at or at
    complaint_transition(
        complaint,
        S.MERGED,
        action="merged",
        actor=actor,
        text_code="merged",
        visibility=V.PUBLIC,
        fields=("merged_into", "closing_reason", "verified_at"),
        at=at,
    )
    complaint_event_add(
        target,
        action="duplicate_merged",
        actor=actor,
        text_code="duplicate_merged",
        params={"code": complaint.tracking_code},
        visibility=V.INTERNAL,
        at=at,
    )
    audit_move(actor=actor, action="complaint.merged", complaint=complaint, old=old)
    return copy_saved_state(original, complaint)


@transaction.atomic
def complaint_archive(
    *, actor, complaint: Complaint, reason: str, confirm_public: bool = False, now=None
) -> Complaint:
    """Archive a report that cannot be followed up (too general, irrelevant, never completed), with the
    reason shown to the reporter and on the public page (so screened for personal data)."""
    original, complaint = complaint, lock_complaint(complaint)
    check_move(
        ARCHIVE,
        complaint,
        actor,
        not_permitted=_("Hanya verifikator yang dapat mengarsipkan laporan."),
        not_now=_("Laporan berstatus “%(status)s” tidak dapat diarsipkan."),
    )
    reason = clean_text(
        reason,
        field="reason",
        min_len=5,
        max_len=300,
        message=_("Tuliskan alasan pengarsipan."),
    )
    public = archive_message(reason)
    found = _screen_public(
        complaint, actor=actor, text=public, field="reason", confirmed=confirm_public
    )
    at = now_or(now)
    old = audit_snapshot(complaint)
    fields = ["closing_reason", "verified_at", *pause_end(complaint, at=at)]
    complaint.closing_reason = reason
    complaint.verified_at = complaint.verified_at or at
    event = complaint_transition(
        complaint,
        S.ARCHIVED,
        action="archived",
        actor=actor,
        text_code="archived",
        params={"reason": reason},
        visibility=V.PUBLIC,
        fields=tuple(dict.fromkeys(fields)),
        at=at,
    )
    audit_move(actor=actor, action="complaint.archived", complaint=complaint, old=old, note=reason)
    public_text_confirmed(
        actor=actor, complaint=complaint, found=found, step="archive", event_id=event.pk
    )
    return copy_saved_state(original, complaint)


@transaction.atomic
def complaint_redispatch(
    *, actor, complaint: Complaint, unit, note: str = "", now=None
) -> Complaint:
    """Hand a dispatched report to another unit (wrong unit). The deadlines stay: the reporter's clock
    does not restart because the report moved between units."""
    original, complaint = complaint, lock_complaint(complaint)
    check_move(
        REDISPATCH,
        complaint,
        actor,
        not_permitted=_("Anda tidak berwenang meneruskan laporan ini ke unit lain."),
        not_now=_("Laporan berstatus “%(status)s” tidak dapat diteruskan ke unit lain."),
    )
    _check_unit(complaint, unit)
    if unit.pk == complaint.unit_id:
        raise DomainError(_("Laporan sudah ada di unit itu."), field="unit")
    note = _note(note)
    at = now_or(now)
    old = audit_snapshot(complaint)
    previous = complaint.unit
    complaint.unit = unit
    complaint.assignee = None
    complaint_transition(
        complaint,
        S.DISPATCHED,
        action="redispatched",
        actor=actor,
        text_code="redispatched",
        params={"unit": unit.name},
        visibility=V.PUBLIC,
        fields=("unit", "assignee"),
        at=at,
    )
    if previous is not None:
        complaint_event_add(
            complaint,
            action="note",
            actor=actor,
            text_code="came_from",
            params={"unit": previous.name},
            message=note,
            visibility=V.INTERNAL,
            at=at,
        )
    else:
        _internal_note(complaint, actor=actor, note=note, at=at)
    audit_move(
        actor=actor, action="complaint.redispatched", complaint=complaint, old=old, note=note
    )
    return copy_saved_state(original, complaint)
