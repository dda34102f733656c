"""The sentences the system writes on a report's timeline, stored as a code and its parameters and turned
into a sentence when shown, in the reader's language.

A step stores `text_code` (one of EVENT_TEXTS) and `params`; what an officer or the reporter wrote
(an answer, a note, a question, a reason) stays in `message` as written. A step's text is the sentence
of its code followed by that free text, so a stored step never fixes the language of its reader: the
same step reads "Laporan diterima melalui Situs web." in Indonesian and "Report received via Website."
in English.

A parameter that is itself a code (the channel, a deadline target) is turned into its label in the
reader's language too; names (units, destinations, tracking codes) are shown as stored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _


def _channel(value: str) -> str:
    from tanggap.complaints.models.choices import Channel

    try:
        return str(Channel(value).label)
    except ValueError:
        return value


# The deadline targets as the escalation steps name them (Escalation.Target's labels).
TARGETS = {
    "verify": _("Verifikasi"),
    "response": _("Tanggapan pertama"),
    "resolve": _("Penyelesaian"),
}


def _target(value: str) -> str:
    label = TARGETS.get(value)
    return str(label).lower() if label is not None else value


# code: (the sentence, {parameter: how its stored value is shown})
EVENT_TEXTS: dict[str, tuple[Any, Mapping[str, Callable[[str], str]]]] = {
    "filed": (_("Laporan diterima melalui %(channel)s."), {"channel": _channel}),
    "dispatched": (_("Laporan diverifikasi dan diteruskan ke %(unit)s."), {}),
    "redispatched": (_("Laporan diteruskan ke %(unit)s."), {}),
    "redispatched_from": (_("Bukan kewenangan %(old)s; diteruskan ke %(unit)s."), {}),
    "came_from": (_("Dari %(unit)s."), {}),
    "team_handles": (_("Laporan ditindaklanjuti oleh tim responsif %(unit)s."), {}),
    "reassigned": (_("Penugasan dialihkan dari %(old)s kepada %(new)s."), {}),
    "answered_privately": (
        _("Jawaban disampaikan langsung kepada pelapor; isinya tidak ditampilkan di sini."),
        {},
    ),
    "transferred": (_("Bukan kewenangan daerah ini; laporan dialihkan ke %(dest)s."), {}),
    "merged": (
        _("Laporan yang sama sudah ada; laporan ini digabung dan ditindaklanjuti bersama."),
        {},
    ),
    "duplicate_merged": (_("Laporan %(code)s digabung ke laporan ini."), {}),
    "archived": (_("Laporan diarsipkan: %(reason)s"), {}),
    "closed_by_reporter": (_("Pelapor menyatakan laporan selesai."), {}),
    "closed_expired": (_("Laporan ditutup otomatis: masa tanggapan pelapor telah berakhir."), {}),
    "closed_by_staff": (_("Laporan dinyatakan selesai."), {}),
    "rated": (_("Pelapor memberi nilai %(n)s dari 5."), {}),
    "rated_closed": (_("Pelapor memberi nilai %(n)s dari 5 dan menyatakan laporan selesai."), {}),
    "escalation_warning": (
        _("Tenggat %(target)s segera tiba: laporan %(code)s"),
        {"target": _target},
    ),
    "escalation_breach": (_("Lewat tenggat %(target)s: laporan %(code)s"), {"target": _target}),
    "escalation_inspectorate": (
        _("Eskalasi ke Inspektorat: laporan %(code)s lewat tenggat %(target)s"),
        {"target": _target},
    ),
}


def event_sentence(code: str, params: Mapping[str, Any] | None = None) -> str:
    """The sentence of `code` with its parameters, in the active language ("" for an unknown code; a
    step with missing parameters shows its sentence with a dash, never an error)."""
    known = EVENT_TEXTS.get(code or "")
    if known is None:
        return ""
    sentence, shown = known
    params = params or {}

    class _Values(dict):
        def __missing__(self, key):
            return "—"

    values = _Values(
        {key: shown.get(key, str)(str(value)) for key, value in params.items() if value is not None}
    )
    try:
        return str(sentence) % values
    except (TypeError, ValueError):
        return str(sentence)


def event_text(*, code: str, params: Mapping[str, Any] | None, message: str) -> str:
    """What a step says: the sentence of its code, then the free text written with it."""
    return " ".join(part for part in (event_sentence(code, params), message or "") if part)
