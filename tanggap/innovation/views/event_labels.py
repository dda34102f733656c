"""Indonesian labels for the workflow events shown in an innovation's and an assessment's history."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "register": _("Didaftarkan"),
    "update": _("Diperbarui"),
    "start_trial": _("Mulai uji coba"),
    "implement": _("Mulai penerapan"),
    "photo": _("Foto diganti"),
    "record_replication": _("Replikasi dicatat"),
    "replication": _("Replikasi dicatat"),
    "evidence_add": _("Bukti dukung ditambahkan"),
    "evidence_remove": _("Bukti dukung dihapus"),
    "start": _("Penilaian dimulai"),
    "decide": _("Kriteria diputuskan"),
    "validate_evidence": _("Bukti dukung divalidasi"),
    "finish": _("Penilaian selesai"),
    "reopen": _("Penilaian dibuka kembali"),
}


def labelled(events) -> list:
    """The events, each with `label` (the action's Indonesian label, else the action itself)."""
    events = list(events)
    for event in events:
        event.label = EVENT_LABELS.get(event.action, event.action)
    return events
