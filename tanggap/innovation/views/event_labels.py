"""Indonesian labels for the workflow events shown in the histories of an innovation, an assessment, a
proposal, a jury review and a replication request."""

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

PROPOSAL_EVENT_LABELS = {
    "create": _("Draf proposal dibuat"),
    "submit": _("Diajukan"),
    "withdraw": _("Ditarik"),
    "pass_admin": _("Lolos seleksi administrasi"),
    "fail_admin": _("Tidak lolos seleksi administrasi"),
    "select": _("Masuk Top N"),
    "not_select": _("Tidak masuk Top N"),
}
REVIEW_EVENT_LABELS = {
    "assign": _("Ditugaskan"),
    "score": _("Draf nilai disimpan"),
    "send": _("Nilai dikirim"),
    "return": _("Dikembalikan untuk dibahas"),
    "cancel": _("Dibatalkan"),
    "declare_conflict": _("Konflik kepentingan dinyatakan"),
}

REPLICATION_EVENT_LABELS = {
    "request": _("Permintaan replikasi diajukan"),
    "accept": _("Diterima, pendampingan berjalan"),
    "decline": _("Ditolak"),
    "record_replication": _("Replikasi dicatat"),
    "cancel": _("Dibatalkan peminta"),
}


def labelled(events, labels=EVENT_LABELS) -> list:
    """The events, each with `label` (the action's Indonesian label, else the action itself)."""
    events = list(events)
    for event in events:
        event.label = labels.get(event.action, event.action)
    return events
