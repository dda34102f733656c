"""What officers write for a report's public page (issue 9, defect 9): the page says whether a message
will be public and shows exactly what the public page will show; the services screen public text for the
reporter's personal data (name, phone in any format, e-mail) and for any NIK-like number, e-mail or mobile
number, and refuse it (nothing written) unless the officer confirms; the API cannot bypass the screen; a
confirmed send is in the audit trail."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tanggap.complaints import services
from tanggap.complaints.models import Complaint, ComplaintEvent
from tanggap.complaints.tests.factories import S, World, file_report
from tanggap.core.errors import DomainError
from tanggap.core.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("monday_morning", "fresh_rate_limits")]

V = ComplaintEvent.Visibility
REPORTER = {
    "reporter_name": "Siti Aminah Wulandari",
    "reporter_phone": "0812 3456 7890",
    "reporter_email": "siti.aminah@contoh.id",
}
CLEAN = "Lubang sudah ditambal oleh UPT Jalan hari ini. Terima kasih atas laporannya."
# Answers that each carry one piece of personal data, and the masked form the refusal names.
LEAKS = {
    "name": (
        "Yth. Ibu Aminah, lubang sudah ditambal oleh UPT Jalan hari ini.",
        "nama pelapor A*****",
    ),
    "full name": ("Terima kasih, SITI AMINAH; lubang sudah ditambal.", "nama pelapor S*** A*****"),
    "phone": (
        "Petugas sudah menelepon +62 812-3456-7890 kemarin.",
        "nomor HP pelapor 0812****7890",
    ),
    "e-mail": (
        "Salinan surat dikirim ke Siti.Aminah@CONTOH.id hari ini.",
        "surel pelapor S***@CONTOH.id",
    ),
    "NIK": (
        "Data KTP 3505 1241 0790 0001 sudah diperbaiki di Dukcapil.",
        "nomor 16 angka (NIK/KK) 3505**********01",
    ),
    "another person's mobile": (
        "Silakan hubungi Pak RT di 0813-9999-1111 untuk jadwalnya.",
        "nomor HP 0813****1111",
    ),
}


@pytest.fixture
def in_progress(world: World):
    """A report of unit A, not rahasia, assigned to the handler."""

    def make(**fields) -> Complaint:
        complaint = file_report(world.region, **{**REPORTER, **fields})
        complaint = services.complaint_verify_dispatch(
            actor=world.verifier, complaint=complaint, unit=world.unit_a
        )
        return services.complaint_assign(
            actor=world.verifier, complaint=complaint, assignee=world.handler
        )

    return make


def steps(complaint: Complaint) -> list[tuple[str, str]]:
    return list(complaint.events.order_by("at", "id").values_list("action", "visibility"))


def confirmations(complaint: Complaint):
    return AuditEvent.objects.filter(
        action="complaint.public_text_confirmed", target_id=str(complaint.pk)
    )


def public_page(client, complaint: Complaint) -> str:
    client.logout()
    return client.get(reverse("complaints:public", args=[complaint.tracking_code])).content.decode()


# --- the services ------------------------------------------------------------------------------------


@pytest.mark.parametrize("leak", LEAKS, ids=list(LEAKS))
def test_a_public_answer_with_personal_data_is_refused_until_the_officer_confirms(
    world, in_progress, leak
):
    message, named = LEAKS[leak]
    complaint = in_progress()
    before = steps(complaint)
    with pytest.raises(DomainError) as refused:
        services.complaint_answer(actor=world.handler, complaint=complaint, message=message)
    assert refused.value.code == "personal_data" and refused.value.field == "message"
    assert named in str(refused.value.message)
    assert "halaman publik" in str(refused.value.message)
    complaint.refresh_from_db()
    assert complaint.status == S.IN_PROGRESS and complaint.answered_at is None
    assert steps(complaint) == before  # nothing written: no event
    assert not confirmations(complaint).exists()

    services.complaint_answer(
        actor=world.handler, complaint=complaint, message=message, confirm_public=True
    )
    complaint.refresh_from_db()
    assert complaint.status == S.ANSWERED
    assert steps(complaint)[-1] == ("answered", V.PUBLIC)
    audit = confirmations(complaint).get()
    assert audit.actor_id == world.handler.pk
    assert audit.after["step"] == "answer"
    assert audit.after["event"] == complaint.events.get(action="answered").pk
    assert [named.endswith(item["masked"]) for item in audit.after["personal_data"]] == [True]


def test_a_clean_answer_is_sent_without_confirmation_and_shown_publicly(client, world, in_progress):
    complaint = in_progress()
    services.complaint_answer(actor=world.handler, complaint=complaint, message=CLEAN)
    complaint.refresh_from_db()
    assert complaint.status == S.ANSWERED and not confirmations(complaint).exists()
    assert "Lubang sudah ditambal oleh UPT Jalan" in public_page(client, complaint)


def test_words_that_only_contain_the_name_and_an_offices_landline_pass(world, in_progress):
    complaint = in_progress()
    services.complaint_answer(
        actor=world.handler,
        complaint=complaint,
        message="Petugas Wulandarinya dan Pak Aminahan (nama lain) sudah menambal; hubungi (0342) 801234.",
    )
    assert Complaint.objects.get(pk=complaint.pk).status == S.ANSWERED


def test_a_reporter_only_answer_needs_no_confirmation_and_stays_off_the_public_page(
    client, world, in_progress
):
    complaint = in_progress()
    message = "Yth. Ibu Siti Aminah, lubang sudah ditambal oleh UPT Jalan hari ini."
    services.complaint_answer(
        actor=world.handler, complaint=complaint, message=message, visibility=V.REPORTER
    )
    complaint.refresh_from_db()
    assert complaint.status == S.ANSWERED
    assert ("answered", V.REPORTER) in steps(complaint)
    assert ("answered_privately", V.PUBLIC) in steps(complaint)
    page = public_page(client, complaint)
    assert "Aminah" not in page and "Jawaban disampaikan kepada pelapor" in page


def test_an_internal_answer_is_not_a_choice(world, in_progress):
    complaint = in_progress()
    with pytest.raises(DomainError) as refused:
        services.complaint_answer(
            actor=world.handler, complaint=complaint, message=CLEAN, visibility=V.INTERNAL
        )
    assert refused.value.field == "visibility"


def test_a_rahasia_report_has_no_public_page_so_its_answer_is_not_screened(world, in_progress):
    complaint = in_progress(is_confidential=True)
    message, _named = LEAKS["full name"]
    services.complaint_answer(actor=world.handler, complaint=complaint, message=message)
    assert Complaint.objects.get(pk=complaint.pk).status == S.ANSWERED


def test_the_screen_does_not_tell_the_unit_of_an_anonymous_report_who_filed_it(world, in_progress):
    """The handling unit may not know an anonymous reporter: a refusal saying "the reporter's name"
    would tell it. The shapes (any mobile number, e-mail, NIK) are still refused, without "pelapor"."""
    complaint = in_progress(is_anonymous=True)
    with pytest.raises(DomainError) as refused:
        services.complaint_note(
            actor=world.handler,
            complaint=complaint,
            message="Sudah ditelepon ke 0812 3456 7890.",
            visibility=V.PUBLIC,
        )
    assert "nomor HP 0812****7890" in str(refused.value.message)
    assert "pelapor" not in str(refused.value.message)
    services.complaint_note(
        actor=world.handler,
        complaint=complaint,
        message="Ibu Aminah sudah kami temui.",
        visibility=V.PUBLIC,
    )
    # The verifier may see who filed it: the same text is refused for them.
    with pytest.raises(DomainError) as refused:
        services.complaint_note(
            actor=world.verifier,
            complaint=complaint,
            message="Ibu Aminah sudah kami temui.",
            visibility=V.PUBLIC,
        )
    assert "nama pelapor A*****" in str(refused.value.message)


def test_a_public_note_is_screened_and_an_internal_one_is_not(world, in_progress):
    complaint = in_progress()
    message = "Sudah bertemu Ibu Siti di lokasi."
    before = steps(complaint)
    with pytest.raises(DomainError):
        services.complaint_note(
            actor=world.handler, complaint=complaint, message=message, visibility=V.PUBLIC
        )
    assert steps(complaint) == before
    services.complaint_note(
        actor=world.handler, complaint=complaint, message=message, visibility=V.INTERNAL
    )
    services.complaint_note(
        actor=world.handler,
        complaint=complaint,
        message=message,
        visibility=V.PUBLIC,
        confirm_public=True,
    )
    assert steps(complaint)[-2:] == [("note", V.INTERNAL), ("note", V.PUBLIC)]
    assert confirmations(complaint).get().after["step"] == "note"


def test_archive_reasons_and_transfer_destinations_are_screened_too(world):
    archived = file_report(world.region, **REPORTER)
    with pytest.raises(DomainError) as refused:
        services.complaint_archive(
            actor=world.verifier, complaint=archived, reason="Pelapor (0812-3456-7890) tidak hadir"
        )
    assert refused.value.field == "reason"
    assert Complaint.objects.get(pk=archived.pk).status == S.NEW
    services.complaint_archive(
        actor=world.verifier,
        complaint=archived,
        reason="Pelapor (0812-3456-7890) tidak hadir",
        confirm_public=True,
    )
    assert Complaint.objects.get(pk=archived.pk).status == S.ARCHIVED

    transferred = file_report(world.region, **REPORTER)
    with pytest.raises(DomainError) as refused:
        services.complaint_transfer_out(
            actor=world.verifier,
            complaint=transferred,
            destination="BPN, u.p. siti.aminah@contoh.id",
        )
    assert refused.value.field == "destination"
    assert Complaint.objects.get(pk=transferred.pk).status == S.NEW
    services.complaint_transfer_out(
        actor=world.verifier, complaint=transferred, destination="Kantor Pertanahan (BPN)"
    )
    assert Complaint.objects.get(pk=transferred.pk).status == S.TRANSFERRED


# --- the page ----------------------------------------------------------------------------------------


def detail(client, complaint: Complaint) -> str:
    response = client.get(reverse("complaints:staff_detail", args=[complaint.tracking_code]))
    assert response.status_code == 200
    return response.content.decode()


def answer_url(complaint: Complaint, *, preview: bool = False) -> str:
    url = reverse("complaints:staff_action", args=[complaint.tracking_code, "jawab"])
    return f"{url}?pratinjau=1" if preview else url


def test_the_answer_form_says_it_will_be_public_on_a_report_that_is_not_rahasia(
    client, world, in_progress
):
    complaint = in_progress()
    client.force_login(world.handler)
    page = detail(client, complaint)
    assert "Jawaban ini akan tampil di halaman publik laporan" in page
    assert reverse("complaints:public", args=[complaint.tracking_code]) in page
    assert "Pratinjau tampilan publik" in page
    assert "Hanya pelapor dan petugas — tidak tampil di halaman publik" in page


def test_the_answer_form_of_a_rahasia_report_says_there_is_no_public_page(
    client, world, in_progress
):
    complaint = in_progress(is_confidential=True)
    client.force_login(world.handler)
    page = detail(client, complaint)
    assert "Laporan ini rahasia: tidak ada halaman publik" in page
    assert "akan tampil di halaman publik" not in page
    assert "Pratinjau tampilan publik" not in page
    assert reverse("complaints:public", args=[complaint.tracking_code]) not in page
    assert 'name="visibility" value="reporter"' not in page


def test_the_preview_shows_exactly_the_public_text_and_sends_nothing(client, world, in_progress):
    complaint = in_progress()
    before = steps(complaint)
    client.force_login(world.handler)
    message = "  Lubang sudah ditambal.\nTerima kasih.  "
    response = client.post(answer_url(complaint, preview=True), {"message": message})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Pratinjau: persis seperti yang akan tampil di halaman publik" in page
    assert '<p class="cp-message">Lubang sudah ditambal.<br>Terima kasih.</p>' in page
    assert "Jawaban petugas" in page and "Dinas A" in page
    assert "memuat data pribadi" not in page
    assert steps(complaint) == before
    assert Complaint.objects.get(pk=complaint.pk).status == S.IN_PROGRESS


def test_the_preview_names_the_personal_data_masked_and_offers_the_confirmation(
    client, world, in_progress
):
    complaint = in_progress()
    client.force_login(world.handler)
    message = "Yth. Ibu Siti Aminah, silakan hubungi kami di 0812-3456-7890."
    page = client.post(answer_url(complaint, preview=True), {"message": message}).content.decode()
    assert "Teks ini memuat data pribadi:" in page
    assert "nama pelapor S*** A*****" in page and "nomor HP pelapor 0812****7890" in page
    assert "Saya sudah memeriksa; kirim tetap publik" in page
    assert 'name="confirm_public"' in page
    assert Complaint.objects.get(pk=complaint.pk).status == S.IN_PROGRESS


def test_a_reporter_only_preview_says_the_text_stays_off_the_public_page(
    client, world, in_progress
):
    complaint = in_progress()
    client.force_login(world.handler)
    page = client.post(
        answer_url(complaint, preview=True),
        {"message": "Yth. Ibu Siti Aminah, lubang sudah ditambal.", "visibility": "reporter"},
    ).content.decode()
    assert "Dengan pilihan ini, teks tidak tampil di halaman publik." in page
    assert "memuat data pribadi" not in page


def test_sending_an_answer_with_personal_data_from_the_page_needs_the_confirmation(
    client, world, in_progress
):
    complaint = in_progress()
    client.force_login(world.handler)
    message = "Yth. Ibu Aminah, lubang sudah ditambal oleh UPT Jalan hari ini."
    before = steps(complaint)
    refused = client.post(answer_url(complaint), {"message": message})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "memuat data pribadi: nama pelapor A*****" in page
    assert "Saya sudah memeriksa; kirim tetap publik" in page
    assert steps(complaint) == before

    sent = client.post(answer_url(complaint), {"message": message, "confirm_public": "on"})
    assert sent.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == S.ANSWERED and confirmations(complaint).count() == 1


def test_the_officer_may_send_it_to_the_reporter_only_from_the_page(client, world, in_progress):
    complaint = in_progress()
    client.force_login(world.handler)
    message = "Yth. Ibu Aminah, lubang sudah ditambal oleh UPT Jalan hari ini."
    sent = client.post(answer_url(complaint), {"message": message, "visibility": "reporter"})
    assert sent.status_code == 302
    assert complaint.events.get(action="answered").visibility == V.REPORTER
    assert "Aminah" not in public_page(client, complaint)


def test_a_rahasia_reports_answer_is_sent_from_the_page_without_confirmation(
    client, world, in_progress
):
    complaint = in_progress(is_confidential=True)
    client.force_login(world.handler)
    message = "Yth. Ibu Aminah, lubang sudah ditambal oleh UPT Jalan hari ini."
    assert client.post(answer_url(complaint), {"message": message}).status_code == 302
    assert Complaint.objects.get(pk=complaint.pk).status == S.ANSWERED


def test_the_note_form_shows_the_preview_only_for_a_public_note(client, world, in_progress):
    complaint = in_progress()
    client.force_login(world.handler)
    url = reverse("complaints:staff_action", args=[complaint.tracking_code, "catatan"])
    data = {"message": "Sudah bertemu Ibu Siti di lokasi."}
    internal = client.post(f"{url}?pratinjau=1", {**data, "visibility": "internal"})
    assert "Dengan pilihan ini, teks tidak tampil di halaman publik." in internal.content.decode()
    public = client.post(f"{url}?pratinjau=1", {**data, "visibility": "public"}).content.decode()
    assert "nama pelapor S***" in public
    assert client.post(url, {**data, "visibility": "public"}).status_code == 400
    assert not complaint.events.filter(action="note").exists()


def test_the_public_page_no_longer_claims_what_it_cannot_promise(client, world, in_progress):
    complaint = in_progress()
    page = public_page(client, complaint)
    assert "tidak memuat nama, kontak, atau lampiran pelapor" not in page
    assert "Halaman ini tidak menampilkan nama dan kontak yang diisi pelapor" in page


# --- the API -----------------------------------------------------------------------------------------


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_the_api_cannot_bypass_the_screen(world, in_progress):
    complaint = in_progress()
    api = api_as(world.handler)
    url = f"/api/complaints/{complaint.tracking_code}/answer/"
    message = "Yth. Ibu Siti, KTP 3505124107900001 sudah dicetak ulang."
    before = steps(complaint)
    refused = api.post(url, {"message": message}, format="json")
    assert refused.status_code == 400
    body = refused.json()
    assert body["code"] == "personal_data"
    assert "nama pelapor S***" in body["message"] and "3505**********01" in body["message"]
    assert steps(complaint) == before

    note = api.post(
        f"/api/complaints/{complaint.tracking_code}/note/",
        {"message": message, "visibility": "public"},
        format="json",
    )
    assert note.status_code == 400 and note.json()["code"] == "personal_data"
    assert steps(complaint) == before

    sent = api.post(url, {"message": message, "confirm_public": True}, format="json")
    assert sent.status_code == 200 and sent.json()["status"] == S.ANSWERED
    assert confirmations(complaint).count() == 1


def test_the_api_may_answer_the_reporter_only(client, world, in_progress):
    complaint = in_progress()
    response = api_as(world.handler).post(
        f"/api/complaints/{complaint.tracking_code}/answer/",
        {"message": "Yth. Ibu Siti, lubang sudah ditambal.", "visibility": "reporter"},
        format="json",
    )
    assert response.status_code == 200
    answered = [e for e in response.json()["timeline"] if e["action"] == "answered"]
    assert answered and answered[0]["visibility"] == "reporter"
    assert "Ibu Siti" not in public_page(client, complaint)


def test_the_api_archive_is_screened(world):
    complaint = file_report(world.region, **REPORTER)
    response = api_as(world.verifier).post(
        f"/api/complaints/{complaint.tracking_code}/archive/",
        {"reason": "Ibu Siti Aminah tidak dapat dihubungi"},
        format="json",
    )
    assert response.status_code == 400 and response.json()["code"] == "personal_data"
    assert Complaint.objects.get(pk=complaint.pk).status == S.NEW
