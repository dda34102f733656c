"""How the complaint pages label deadlines and timeline steps."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

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
