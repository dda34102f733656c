"""How the complaint pages label deadlines and timeline steps."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tanggap.complaints.models import Complaint, DeadlineUnit
from tanggap.complaints.sla import TARGET_FIELDS, policy_of
from tanggap.core.calendar import DEFAULT_TZ

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


# What each target asks of whom, and the moment its clock starts.
TARGET_MEANINGS = {
    "verify": _("Admin instansi memeriksa laporan dan meneruskannya ke unit yang berwenang."),
    "response": _(
        "Unit memberi tanggapan pertama kepada pelapor: catatan publik, pertanyaan atau jawaban."
    ),
    "resolve": _("Unit menjawab pelapor dengan hasil tindak lanjutnya."),
}
TARGET_STARTS = {
    "verify": _("sejak laporan diterima"),
    "response": _("sejak laporan diteruskan ke unit"),
    "resolve": _("sejak laporan diteruskan ke unit"),
}


def target_amount(value: int, unit: str) -> str:
    """A policy's target in words: "5 hari kerja", "72 jam"."""
    if unit == DeadlineUnit.WORKING_DAYS:
        text = ngettext("%(n)s hari kerja", "%(n)s hari kerja", value)
    elif unit == DeadlineUnit.WORKING_HOURS:
        text = ngettext("%(n)s jam kerja", "%(n)s jam kerja", value)
    else:
        text = ngettext("%(n)s jam", "%(n)s jam", value)
    return text % {"n": value}


def deadline_rules(complaint: Complaint, *, zone: str) -> list[dict]:
    """For each deadline the report has: what it means and how it was computed ("72 jam sejak laporan
    diteruskan ke unit (23 November 2026, 10.00 WIB)"), from the policy the report runs on."""
    policy = policy_of(complaint)
    starts = {
        "verify": complaint.created_at,
        "response": complaint.dispatched_at,
        "resolve": None if complaint.reopen_count else complaint.dispatched_at,
    }
    rules = []
    for target, (due_field, _met, value_attr, unit_attr) in TARGET_FIELDS.items():
        if getattr(complaint, due_field) is None:
            continue
        since = TARGET_STARTS[target]
        if target == "resolve" and complaint.reopen_count:
            since = _("sejak laporan dibuka kembali oleh pelapor")
        rule = f"{target_amount(getattr(policy, value_attr), getattr(policy, unit_attr))} {since}"
        start = starts[target]
        if start is not None:
            local = start.astimezone(ZoneInfo(complaint.region.timezone or DEFAULT_TZ))
            when = formats.date_format(local, "DATETIME_FORMAT")
            rule += f" ({when} {zone})"
        rules.append(
            {
                "target": target,
                "label": TARGET_LABELS[target],
                "meaning": TARGET_MEANINGS[target],
                "rule": rule,
            }
        )
    return rules


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
    "taken": _("Diambil petugas unit"),
    "note": _("Catatan tindak lanjut"),
    "answered": _("Jawaban petugas"),
    "answered_privately": _("Jawaban disampaikan kepada pelapor"),
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
