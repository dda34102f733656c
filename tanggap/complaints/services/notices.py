"""Who hears about a report's steps, and the messages they get (sent by tasks, after commit).

Reporters hear about every step they can read on their timeline that they did not take themselves.
Staff hear about what needs them: a dispatched report (the unit's head and team coordinators), an
assignment (the assignee), the reporter's replies, reopenings and ratings (the assignee, else the team).
Messages to staff never carry the reporter's name, contact or words, so an anonymous reporter stays
anonymous whatever the report's privacy setting.
"""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tanggap.accounts.models import Role, RoleAssignment
from tanggap.complaints.models import Complaint, ComplaintEvent, TeamMember
from tanggap.core.calendar import zone_name
from tanggap.core.notify import notify

__all__ = [
    "event_notify",
    "format_moment",
    "inspectorate_for",
    "region_admins",
    "region_verifiers",
    "send_to_users",
    "unit_heads",
    "unit_team",
]

logger = logging.getLogger("tanggap.complaints")
V = ComplaintEvent.Visibility

# Steps the reporter is told about (when they can read them and did not take them).
REPORTER_ACTIONS = frozenset(
    {
        "dispatched",
        "redispatched",
        "info_requested",
        "transferred",
        "merged",
        "archived",
        "assigned",
        "note",
        "answered",
        "closed",
    }
)
# Steps the handlers are told about: the reporter's moves.
REPORTER_MOVES = frozenset({"reporter_replied", "reporter_message", "reopened", "rated", "closed"})


# --- recipients ----------------------------------------------------------------------------------


def _users(ids) -> list:
    User = get_user_model()
    return list(User.objects.filter(pk__in=set(ids), is_active=True).order_by("pk"))


def unit_heads(unit) -> list:
    """The head of the unit (role holders and the head official's account); when the unit has none,
    the head of the unit above it."""
    current, depth = unit, 0
    while current is not None and depth < 10:
        ids = set(
            RoleAssignment.objects.filter(role=Role.UNIT_HEAD, unit=current).values_list(
                "user_id", flat=True
            )
        )
        head = current.head if current.head_id else None
        if head is not None and head.user_id:
            ids.add(head.user_id)
        if ids:
            return _users(ids)
        current, depth = current.parent, depth + 1
    return []


def unit_team(unit, *, coordinators_only: bool = False) -> list:
    """The unit's active responsive team (or only its coordinators); without a team, its complaint
    handlers."""
    members = TeamMember.objects.filter(unit=unit, is_active=True)
    if coordinators_only:
        members = members.filter(role=TeamMember.Role.COORDINATOR)
    ids = set(members.values_list("user_id", flat=True))
    if not ids and not coordinators_only:
        ids = set(
            RoleAssignment.objects.filter(role=Role.COMPLAINT_HANDLER, unit=unit).values_list(
                "user_id", flat=True
            )
        )
    return _users(ids)


def region_admins(region_id: int) -> list:
    """The region's administrators (they answer for verification that ran late)."""
    ids = RoleAssignment.objects.filter(role=Role.REGION_ADMIN, region_id=region_id).values_list(
        "user_id", flat=True
    )
    return _users(ids)


def region_verifiers(region_id: int) -> list:
    """The region's complaint verifiers; the region admins when there are none."""
    for role in (Role.COMPLAINT_VERIFIER, Role.REGION_ADMIN):
        ids = RoleAssignment.objects.filter(role=role, region_id=region_id).values_list(
            "user_id", flat=True
        )
        users = _users(ids)
        if users:
            return users
    return []


def inspectorate_for(region):
    """The region's inspectorate (Inspektorat Daerah): the active unit whose slug is
    COMPLAINT_INSPECTORATE_SLUG (default "inspektorat"), else an OPD named Inspektorat."""
    from tanggap.org.models import Unit

    slug = getattr(settings, "COMPLAINT_INSPECTORATE_SLUG", "inspektorat")
    units = Unit.objects.filter(region=region, is_active=True)
    return (
        units.filter(slug=slug).first()
        or units.filter(kind=Unit.Kind.OPD, name__icontains="inspektorat").order_by("pk").first()
    )


# --- formatting --------------------------------------------------------------------------------


def format_moment(moment, region) -> str:
    """A moment in the region's zone, e.g. "25/11/2026 10.00 WIB"."""
    zone = getattr(region, "timezone", "") or "Asia/Jakarta"
    local = timezone.localtime(moment, ZoneInfo(zone))
    return f"{local:%d/%m/%Y %H.%M} {zone_name(zone)}"


def _link(name: str, code: str) -> str:
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    try:
        return base + reverse(name, kwargs={"code": code})
    except NoReverseMatch:
        return base


def _language_of(user) -> str:
    return getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE


def send_to_users(users, *, subject, body) -> list[str]:
    """Send a message to each user with an e-mail address, in the user's own language.

    `subject` and `body` are callables, so each text is translated inside that user's language."""
    sent = []
    for user in users:
        if not user.email:
            continue
        with translation.override(_language_of(user)):
            notify(to_email=user.email, subject=subject(), body=body())
        sent.append(user.email)
    return sent


# --- the event notification ---------------------------------------------------------------------


def _tell_reporter(event: ComplaintEvent, complaint: Complaint) -> bool:
    email = complaint.reporter_email or getattr(complaint.reporter_user, "email", "") or ""
    phone = complaint.reporter_phone
    if not (email or phone):
        return False
    language = getattr(complaint.reporter_user, "preferred_language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = _("Laporan %(code)s: %(status)s") % {
            "code": complaint.tracking_code,
            "status": complaint.get_status_display(),
        }
        text = event.text  # in the reporter's language
        lines = [text] if text else []
        if event.action == "info_requested":
            lines.insert(0, _("Petugas meminta keterangan tambahan:"))
            lines.append(_("Balas melalui halaman laporan Anda agar laporan dapat dilanjutkan."))
        lines.append(
            _("Lihat laporan di %(url)s dengan kode lacak %(code)s dan kode rahasia Anda.")
            % {
                "code": complaint.tracking_code,
                "url": _link("complaints:reporter", complaint.tracking_code),
            }
        )
        body = "\n\n".join(lines)
    return notify(to_phone=phone, to_email=email, subject=subject, body=body)


def _staff_recipients(event: ComplaintEvent, complaint: Complaint) -> list:
    if event.action in ("dispatched", "redispatched") and complaint.unit_id:
        return _users(
            [u.pk for u in unit_heads(complaint.unit)]
            + [u.pk for u in unit_team(complaint.unit, coordinators_only=True)]
        )
    if event.action == "assigned" and complaint.assignee_id:
        return _users([complaint.assignee_id])
    if event.by_reporter and event.action in REPORTER_MOVES:
        if complaint.assignee_id:
            return _users([complaint.assignee_id])
        if complaint.unit_id:
            return unit_team(complaint.unit) or unit_heads(complaint.unit)
        return region_verifiers(complaint.region_id)
    return []


def _staff_text(event: ComplaintEvent, complaint: Complaint) -> tuple:
    """(subject, body) callables for staff: the step and the report, never who reported it."""
    code, title = complaint.tracking_code, complaint.title[:120]

    def subject():
        texts = {
            "dispatched": _("Laporan baru untuk unit Anda: %(code)s"),
            "redispatched": _("Laporan diteruskan ke unit Anda: %(code)s"),
            "assigned": _("Laporan ditugaskan kepada Anda: %(code)s"),
            "reporter_replied": _("Pelapor menjawab pertanyaan: %(code)s"),
            "reporter_message": _("Pesan baru dari pelapor: %(code)s"),
            "reopened": _("Laporan dibuka kembali oleh pelapor: %(code)s"),
            "rated": _("Pelapor memberi penilaian: %(code)s"),
            "closed": _("Pelapor menutup laporan: %(code)s"),
        }
        return texts.get(event.action, _("Laporan %(code)s")) % {"code": code}

    def body():
        lines = [f"{code} · {title}"]
        if event.action == "rated" and complaint.rating:
            lines.append(_("Nilai: %(n)s dari 5.") % {"n": complaint.rating})
        for due, label in (
            (complaint.response_due_at, _("Tenggat tanggapan pertama")),
            (complaint.resolve_due_at, _("Tenggat penyelesaian")),
        ):
            if due and event.action in ("dispatched", "redispatched", "assigned", "reopened"):
                lines.append(f"{label}: {format_moment(due, complaint.region)}")
        lines.append(_link("complaints:staff_detail", code))
        return "\n".join(lines)

    return subject, body


def event_notify(event_id: int) -> int:
    """Send the messages one timeline step calls for; returns how many people were notified."""
    event = (
        ComplaintEvent.objects.select_related(
            "complaint__region", "complaint__unit__head", "complaint__reporter_user"
        )
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return 0
    complaint = event.complaint
    count = 0
    reporter_visible = event.visibility in (V.PUBLIC, V.REPORTER)
    if reporter_visible and not event.by_reporter and event.action in REPORTER_ACTIONS:
        count += int(bool(_tell_reporter(event, complaint)))
    recipients = [u for u in _staff_recipients(event, complaint) if u.pk != event.actor_id]
    if recipients:
        subject, body = _staff_text(event, complaint)
        count += len(send_to_users(recipients, subject=subject, body=body))
    return count
