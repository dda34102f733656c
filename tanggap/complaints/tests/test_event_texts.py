"""A report's history reads in its reader's language: steps store a text code and parameters (never a
sentence), the page, the API and Open311 render them at display time, old stored sentences are turned
into codes by the migration, and times read 09.34 in Indonesian and 09:34 in English with the zone
right after the time."""

from __future__ import annotations

import importlib
import re

import pytest
import time_machine
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import translation

from tanggap.complaints.models import ComplaintEvent
from tanggap.complaints.models.event_texts import EVENT_TEXTS, event_sentence
from tanggap.complaints.services import (
    complaint_answer,
    complaint_assign,
    complaint_close,
    complaint_note,
    complaint_verify_dispatch,
)
from tanggap.complaints.tests.factories import file_report, make_verifier, wib

pytestmark = pytest.mark.django_db

# Indonesian words of the system's sentences that an English page must never show.
INDONESIAN = re.compile(
    r"Laporan diterima|melalui|Situs web|diverifikasi|diteruskan|ditindaklanjuti|tim responsif|"
    r"dinyatakan selesai|Jawaban petugas|Catatan tindak lanjut|Pelapor"
)


@pytest.fixture
def history(region, unit_a, handler_a, head_a):
    """A report filed on the web, dispatched, assigned, noted, answered and closed (Monday 09.34)."""
    verifier = make_verifier(region)
    with time_machine.travel(wib(2026, 11, 23, 9, 34), tick=False):
        complaint = file_report(region)
        complaint = complaint_verify_dispatch(actor=verifier, complaint=complaint, unit=unit_a)
        complaint = complaint_assign(actor=head_a, complaint=complaint, assignee=handler_a)
        complaint_note(
            actor=handler_a, complaint=complaint, message="Tim sudah meninjau lokasi pagi ini."
        )
        complaint = complaint_answer(
            actor=handler_a, complaint=complaint, message="Lubang sudah ditambal, terima kasih."
        )
        complaint = complaint_close(complaint=complaint, actor=handler_a)
    return complaint, verifier


def test_system_steps_are_stored_as_codes_and_free_text_as_written(history):
    complaint, _verifier = history
    steps = {e.action: e for e in complaint.events.all()}
    assert steps["filed"].text_code == "filed" and steps["filed"].params == {"channel": "web"}
    assert steps["filed"].message == ""
    assert steps["dispatched"].params == {"unit": "Dinas A"} and steps["dispatched"].message == ""
    assert steps["closed"].text_code == "closed_by_staff"
    assert steps["note"].text_code == "" and steps["note"].message.startswith("Tim sudah")
    assert steps["answered"].message == "Lubang sudah ditambal, terima kasih."
    assert all(e.text_code in ("", *EVENT_TEXTS) for e in complaint.events.all())


def test_every_sentence_has_an_english_translation():
    with translation.override("en"):
        for code in EVENT_TEXTS:
            text = event_sentence(code, {"channel": "web", "target": "resolve", "n": 4})
            assert text and not INDONESIAN.search(text), (code, text)


def test_the_staff_history_renders_in_each_readers_language(client, history):
    complaint, verifier = history
    client.force_login(verifier)
    url = reverse("complaints:staff_detail", args=[complaint.tracking_code])
    indonesian = client.get(url).content.decode()
    assert "Laporan diterima melalui Situs web." in indonesian
    assert "Laporan diverifikasi dan diteruskan ke Dinas A." in indonesian
    assert "23 Nov 2026, 09.34 WIB" in indonesian
    assert "Dilaporkan 23 November 2026, 09.34 WIB lewat Situs web" in indonesian
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert "Report received through Website." in english
    assert "The report was verified and dispatched to Dinas A." in english
    assert "23 Nov 2026, 09:34 WIB" in english and "09.34" not in english
    assert "Reported 23 November 2026, 09:34 WIB through Website" in english
    history_html = english.split('id="history-title"', 1)[1]
    # What people wrote stays as written; nothing the system wrote is Indonesian.
    system_text = history_html.replace("Tim sudah meninjau lokasi pagi ini.", "").replace(
        "Lubang sudah ditambal, terima kasih.", ""
    )
    assert not INDONESIAN.search(re.sub(r"<[^>]+>", " ", system_text)), INDONESIAN.search(
        system_text
    )


def test_the_public_page_and_the_api_render_in_the_readers_language(client, history):
    complaint, verifier = history
    client.cookies["django_language"] = "en"
    page = client.get(reverse("complaints:public", args=[complaint.tracking_code])).content
    assert "Report received through Website." in page.decode()
    client.force_login(verifier)
    body = client.get(
        f"/api/complaints/{complaint.tracking_code}/", HTTP_ACCEPT_LANGUAGE="en"
    ).json()
    messages = [step["message"] for step in body["timeline"]]
    assert "Report received through Website." in messages
    assert not any(INDONESIAN.search(m) for m in messages if not m.startswith(("Tim", "Lubang")))


def test_the_migration_turns_stored_sentences_into_codes_and_keeps_free_text(region, unit_a):
    migration = importlib.import_module("tanggap.complaints.migrations.0003_event_texts_to_codes")
    complaint = file_report(region)
    complaint.events.all().delete()

    def step(action, message):
        return ComplaintEvent.objects.create(
            complaint=complaint, action=action, message=message, at=wib(2026, 11, 23, 9, 0)
        )

    filed = step("filed", "Laporan diterima melalui Situs web.")
    english = step("dispatched", "The report was verified and dispatched to Dinas A.")
    team = step("assigned", "Laporan ditindaklanjuti oleh tim responsif Dinas A.")
    came = step("note", "Dari Dinas B. Salah alamat, ini urusan Dinas A.")
    escalated = step("escalation_breach", "Lewat tenggat penyelesaian: laporan LPR-ABCDEFGH")
    rated = step("rated", "Pelapor memberi nilai 4 dari 5 dan menyatakan laporan selesai.")
    note = step("note", "Laporan diterima melalui Situs web.")  # an officer's words: kept
    answer = step("answered", "Laporan diverifikasi dan diteruskan ke Dinas A.")  # kept
    migration.forwards(django_apps, None)
    for event in (filed, english, team, came, escalated, rated, note, answer):
        event.refresh_from_db()
    assert (filed.text_code, filed.params, filed.message) == ("filed", {"channel": "web"}, "")
    assert (english.text_code, english.params) == ("dispatched", {"unit": "Dinas A"})
    assert (team.text_code, team.params) == ("team_handles", {"unit": "Dinas A"})
    assert (came.text_code, came.params) == ("came_from", {"unit": "Dinas B"})
    assert came.message == "Salah alamat, ini urusan Dinas A."
    assert escalated.params == {"target": "resolve", "code": "LPR-ABCDEFGH"}
    assert (rated.text_code, rated.params) == ("rated_closed", {"n": "4"})
    assert note.text_code == "" and note.message == "Laporan diterima melalui Situs web."
    assert answer.text_code == "" and answer.message.startswith("Laporan diverifikasi")
    with translation.override("en"):
        assert filed.text == "Report received through Website."
        assert escalated.text == "Missed the resolution deadline: report LPR-ABCDEFGH"
        assert came.text == "From Dinas B. Salah alamat, ini urusan Dinas A."


def test_a_step_with_broken_parameters_still_renders(region):
    complaint = file_report(region)
    event = complaint.events.get()
    event.params = {}
    assert event.text == "Laporan diterima melalui —."
    event.text_code = "no_such_code"
    assert event.text == ""
