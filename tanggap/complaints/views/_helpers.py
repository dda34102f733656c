"""What the complaint pages share: the public-post rate limit, the reporter's access kept in the session,
the deadline tags, and the routing helper called defensively."""

from __future__ import annotations

import logging

from django.utils.translation import gettext_lazy as _

from tanggap.core.throttles import RATES, ClientRateThrottle  # noqa: F401 (RATES: tests patch it)

log = logging.getLogger(__name__)


# Filing, entering a secret, replying, rating and reopening: the writes a script could abuse (and the
# secret check it could brute-force). Rate: scope `complaint_public` in tanggap.core.throttles.
class ComplaintPageThrottle(ClientRateThrottle):
    """Public complaint writes, per signed-in user or, for anonymous callers, per client IP."""

    scope = "complaint_public"


# --- the reporter's access ----------------------------------------------------------------------

ACCESS_KEY = "complaints_reporter_access"
NEW_SECRET_KEY = "complaints_new_secret"
MAX_REMEMBERED = 20


def grant_reporter_access(request, complaint) -> None:
    """Remember in the session that this browser proved it holds the report's secret."""
    codes = [c for c in request.session.get(ACCESS_KEY, []) if c != complaint.tracking_code]
    if not codes:
        # A new privilege: a fresh session id, so a planted session cookie gains nothing.
        request.session.cycle_key()
    request.session[ACCESS_KEY] = [complaint.tracking_code, *codes][:MAX_REMEMBERED]


def forget_reporter_access(request, complaint) -> None:
    codes = [c for c in request.session.get(ACCESS_KEY, []) if c != complaint.tracking_code]
    request.session[ACCESS_KEY] = codes


def has_reporter_access(request, complaint) -> bool:
    """The session entered the secret, or the signed-in user filed the report."""
    if complaint.tracking_code in request.session.get(ACCESS_KEY, []):
        return True
    user = request.user
    return bool(
        user.is_authenticated
        and complaint.reporter_user_id is not None
        and complaint.reporter_user_id == user.pk
    )


def keep_new_secret(request, complaint, secret: str) -> None:
    """Hold the secret for the one confirmation page that shows it."""
    request.session[NEW_SECRET_KEY] = {"code": complaint.tracking_code, "secret": secret}


def pop_new_secret(request, complaint) -> str | None:
    """The secret, once, if this session just filed this report."""
    held = request.session.get(NEW_SECRET_KEY)
    if not held or held.get("code") != complaint.tracking_code:
        return None
    del request.session[NEW_SECRET_KEY]
    return held.get("secret")


# --- deadlines ----------------------------------------------------------------------------------

TARGET_LABELS = {
    "verify": _("Verifikasi"),
    "response": _("Tanggapan pertama"),
    "resolve": _("Penyelesaian"),
}
STATE_LABELS = {
    "on_track": (_("Sesuai jadwal"), "ok"),
    "due_soon": (_("Segera jatuh tempo"), "warn"),
    "breached": (_("Lewat tenggat"), "bad"),
    "met": (_("Terpenuhi"), "ok"),
    "met_late": (_("Terpenuhi, terlambat"), "warn"),
}


def deadline_tags(states) -> list[dict]:
    """The targets that apply, each with its label, state text and colour class."""
    tags = []
    for state in states:
        if state.state not in STATE_LABELS:
            continue
        text, tone = STATE_LABELS[state.state]
        tags.append(
            {
                "target": state.target,
                "label": TARGET_LABELS.get(state.target, state.target),
                "state": state.state,
                "text": text,
                "tone": tone,
                "due_at": state.due_at,
                "met_at": state.met_at,
            }
        )
    return tags


# --- routing suggestions (another module; the pages work without it) ----------------------------


def suggested_units(complaint, limit: int = 3) -> list[dict]:
    """The routing rules' and the classifier's top units (unit, confidence 0–1 or None, percent,
    by_rule), or nothing when routing is unavailable."""
    try:
        from tanggap.complaints import routing
    except ImportError:
        return []
    try:
        return [
            {
                "unit": unit,
                "confidence": confidence,
                "percent": None if confidence is None else round(confidence * 100),
                "by_rule": getattr(suggestion, "by_rule", False),
            }
            for suggestion in routing.suggest_units(complaint, limit=limit)
            for unit, confidence in [tuple(suggestion)]
        ]
    except Exception:  # noqa: BLE001 - a suggestion must never break the verifier's page
        log.exception("Unit suggestion failed for %s", complaint.tracking_code)
        return []


def similar_reports(complaint, limit: int = 5, *, within=None) -> list[tuple]:
    """Open reports that look like this one (possible duplicates) as (report, similarity), taken from
    `within` (what the user may see), or nothing."""
    try:
        from tanggap.complaints import routing
    except ImportError:
        return []
    try:
        return list(routing.similar_open_reports(complaint, limit=limit, within=within))
    except Exception:  # noqa: BLE001
        log.exception("Duplicate search failed for %s", complaint.tracking_code)
        return []


# --- the timeline -------------------------------------------------------------------------------

EVENT_LABELS = {
    "filed": _("Laporan diterima"),
    "dispatched": _("Diverifikasi dan diteruskan"),
    "info_requested": _("Petugas meminta keterangan"),
    "reporter_replied": _("Pelapor memberi keterangan"),
    "reporter_message": _("Pesan dari pelapor"),
    "transferred": _("Bukan kewenangan daerah (dialihkan)"),
    "merged": _("Digabung dengan laporan lain"),
    "duplicate_merged": _("Laporan duplikat digabung ke sini"),
    "archived": _("Diarsipkan"),
    "redispatched": _("Diteruskan ke unit lain"),
    "assigned": _("Ditindaklanjuti tim responsif"),
    "note": _("Catatan tindak lanjut"),
    "answered": _("Jawaban petugas"),
    "closed": _("Selesai"),
    "rated": _("Penilaian pelapor"),
    "reopened": _("Dibuka kembali oleh pelapor"),
}


def label_events(events, *, with_files: bool = True) -> list:
    """Give each step its label and the files to show with it (prefetched `attachments`)."""
    for event in events:
        event.label = EVENT_LABELS.get(event.action) or event.action.replace("_", " ").capitalize()
        event.shown_files = list(event.attachments.all()) if with_files else []
    return events
