"""Timeline steps written before text codes existed: a sentence the system wrote (in Indonesian, or in
English when the officer's page was in English) becomes its code and parameters, so it is shown in each
reader's language. Only a step whose action and whole text match a known sentence is changed; what
people wrote (notes, answers, questions, reasons, the reporter's messages) stays as written.

The sentences are copied here as they were when this migration was written (the live ones may change).
"""

from __future__ import annotations

import re

from django.db import migrations

# code: (the step's action, [the Indonesian sentence, its English translation])
SENTENCES = {
    "filed": (
        "filed",
        ["Laporan diterima melalui %(channel)s.", "Report received through %(channel)s."],
    ),
    "dispatched": (
        "dispatched",
        [
            "Laporan diverifikasi dan diteruskan ke %(unit)s.",
            "The report was verified and dispatched to %(unit)s.",
        ],
    ),
    "redispatched": (
        "redispatched",
        ["Laporan diteruskan ke %(unit)s.", "The report was forwarded to %(unit)s."],
    ),
    # The demo history's wording of a report handed on to the right unit.
    "redispatched_from": ("redispatched", ["Bukan kewenangan %(old)s; diteruskan ke %(unit)s."]),
    "team_handles": (
        "assigned",
        [
            "Laporan ditindaklanjuti oleh tim responsif %(unit)s.",
            "The report is being followed up by the responsive team of %(unit)s.",
        ],
    ),
    "reassigned": (
        "assigned",
        [
            "Penugasan dialihkan dari %(old)s kepada %(new)s.",
            "Assignment moved from %(old)s to %(new)s.",
        ],
    ),
    "answered_privately": (
        "answered_privately",
        [
            "Jawaban disampaikan langsung kepada pelapor; isinya tidak ditampilkan di sini.",
            "The answer was given to the reporter directly; its text is not shown here.",
        ],
    ),
    "transferred": (
        "transferred",
        [
            "Bukan kewenangan daerah ini; laporan dialihkan ke %(dest)s.",
            "Not this region's authority; the report was transferred to %(dest)s.",
        ],
    ),
    "merged": (
        "merged",
        [
            "Laporan yang sama sudah ada; laporan ini digabung dan ditindaklanjuti bersama.",
            "The same report already exists; this report was merged and is followed up together "
            "with it.",
        ],
    ),
    "duplicate_merged": (
        "duplicate_merged",
        [
            "Laporan %(code)s digabung ke laporan ini.",
            "Report %(code)s was merged into this report.",
        ],
    ),
    "archived": ("archived", ["Laporan diarsipkan: %(reason)s", "Report archived: %(reason)s"]),
    "closed_by_reporter": (
        "closed",
        ["Pelapor menyatakan laporan selesai.", "The reporter marked the report as resolved."],
    ),
    "closed_expired": (
        "closed",
        [
            "Laporan ditutup otomatis: masa tanggapan pelapor telah berakhir.",
            "Report closed automatically: the reporter's response period has ended.",
        ],
    ),
    "closed_by_staff": (
        "closed",
        ["Laporan dinyatakan selesai.", "The report was marked as resolved."],
    ),
    "rated_closed": (
        "rated",
        [
            "Pelapor memberi nilai %(n)s dari 5 dan menyatakan laporan selesai.",
            "The reporter rated the answer %(n)s out of 5 and marked the report as resolved.",
        ],
    ),
    "rated": (
        "rated",
        ["Pelapor memberi nilai %(n)s dari 5.", "The reporter rated the answer %(n)s out of 5."],
    ),
    "escalation_warning": (
        "escalation_warning",
        [
            "Tenggat %(target)s segera tiba: laporan %(code)s",
            "Deadline for %(target)s approaching: report %(code)s",
        ],
    ),
    "escalation_breach": (
        "escalation_breach",
        [
            "Lewat tenggat %(target)s: laporan %(code)s",
            "Missed the %(target)s deadline: report %(code)s",
        ],
    ),
    "escalation_inspectorate": (
        "escalation_inspectorate",
        [
            "Eskalasi ke Inspektorat: laporan %(code)s lewat tenggat %(target)s",
            "Escalated to the Inspectorate: report %(code)s missed its %(target)s deadline",
        ],
    ),
}
# A parameter stored as a label becomes the code the label stands for.
CHANNELS = {
    "situs web": "web",
    "website": "web",
    "telepon": "telepon",
    "phone": "telepon",
    "whatsapp": "whatsapp",
    "sms": "sms",
    "surat": "surat",
    "letter": "surat",
    "datang langsung": "loket",
    "in person": "loket",
    "pemantauan media/media sosial": "media",
    "media/social media monitoring": "media",
    "aplikasi pihak ketiga (open311)": "open311",
    "third-party app (open311)": "open311",
    "api": "api",
}
TARGETS = {
    "verifikasi": "verify",
    "verification": "verify",
    "tanggapan pertama": "response",
    "first response": "response",
    "penyelesaian": "resolve",
    "resolution": "resolve",
}
DECODE = {"channel": CHANNELS, "target": TARGETS}
# The verifier's redispatch note: "Dari <unit>." and the verifier's own words after it.
CAME_FROM = re.compile(r"^(?:Dari|From) (?P<unit>[^\n]+?)\.(?: (?P<rest>.*))?$", re.DOTALL)


def _pattern(sentence: str) -> re.Pattern:
    escaped = re.escape(sentence)
    return re.compile("^" + re.sub(r"%\\\(([a-z]+)\\\)s", r"(?P<\1>.+?)", escaped) + "$", re.DOTALL)


PATTERNS = {
    code: (action, [_pattern(s) for s in sentences])
    for code, (action, sentences) in SENTENCES.items()
}


def _decoded(params: dict) -> dict:
    out = {}
    for key, value in params.items():
        table = DECODE.get(key)
        out[key] = table.get(value.strip().lower(), value) if table else value
    return out


def match(action: str, message: str) -> tuple[str, dict, str] | None:
    """(code, params, remaining free text) of a stored sentence, or None when it is not one."""
    text = (message or "").strip()
    if not text:
        return None
    if action == "note":
        found = CAME_FROM.match(text)
        if found:
            return "came_from", {"unit": found["unit"]}, (found["rest"] or "").strip()
        return None
    for code, (code_action, patterns) in PATTERNS.items():
        if code_action != action:
            continue
        for pattern in patterns:
            found = pattern.match(text)
            if found:
                return code, _decoded(found.groupdict()), ""
    return None


def forwards(apps, schema_editor):
    ComplaintEvent = apps.get_model("complaints", "ComplaintEvent")
    actions = {action for action, _sentences in SENTENCES.values()} | {"note"}
    steps = ComplaintEvent.objects.filter(text_code="", action__in=actions).exclude(message="")
    batch = []
    for event in steps.only("pk", "action", "message").iterator(chunk_size=2000):
        found = match(event.action, event.message)
        if found is None:
            continue
        event.text_code, event.params, event.message = found
        batch.append(event)
        if len(batch) >= 1000:
            ComplaintEvent.objects.bulk_update(batch, ["text_code", "params", "message"])
            batch = []
    if batch:
        ComplaintEvent.objects.bulk_update(batch, ["text_code", "params", "message"])


def backwards(apps, schema_editor):
    """Write the Indonesian sentence back into the message (the code's parameters as stored)."""
    ComplaintEvent = apps.get_model("complaints", "ComplaintEvent")
    labels = {"channel": {v: k for k, v in CHANNELS.items()}, "target": {}}
    batch = []
    for event in ComplaintEvent.objects.exclude(text_code="").iterator(chunk_size=2000):
        if event.text_code == "came_from":
            sentence = "Dari %(unit)s."
        elif event.text_code in SENTENCES:
            sentence = SENTENCES[event.text_code][1][0]
        else:
            continue
        values = {k: labels.get(k, {}).get(v, v) for k, v in (event.params or {}).items()}
        try:
            text = sentence % values
        except (KeyError, TypeError, ValueError):
            text = sentence
        event.message = " ".join(part for part in (text, event.message) if part)
        event.text_code, event.params = "", {}
        batch.append(event)
    ComplaintEvent.objects.bulk_update(batch, ["text_code", "params", "message"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0002_event_text_code")]

    operations = [migrations.RunPython(forwards, backwards)]
