"""The citizen's complaint pages: filing, tracking behind the secret, answering, rating and reopening;
the public page; a signed-in citizen's list; the files a viewer may open; the public posts' rate limit."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tanggap.complaints import services
from tanggap.complaints.models import Attachment, Complaint
from tanggap.complaints.tests.factories import (
    MONDAY_MORNING,
    S,
    dispatched,
    file_report,
    file_via_page,
    form_data,
    photo,
    png_bytes,
    secret_from,
)
from tanggap.org.tests.factories import AreaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("monday_morning", "fresh_rate_limits")]

NOW = MONDAY_MORNING


@pytest.fixture
def kecamatan(region):
    return AreaFactory(region=region, kind="kecamatan", name="Kanigoro", code="99.01.01")


@pytest.fixture
def desa(kecamatan):
    return AreaFactory(
        region=kecamatan.region,
        kind="desa",
        name="Gogodeso",
        code="99.01.01.2001",
        parent=kecamatan,
    )


@pytest.fixture
def other_desa(region):
    other = AreaFactory(region=region, kind="kecamatan", name="Sanankulon", code="99.01.02")
    return AreaFactory(
        region=region, kind="desa", name="Bendosari", code="99.01.02.2001", parent=other
    )


# --- the citizen ---------------------------------------------------------------------------------


def test_landing_explains_types_steps_and_deadlines(client, region):
    page = client.get(reverse("complaints:landing")).content.decode()
    assert "Permintaan informasi" in page and "Aspirasi" in page
    assert "paling lambat 3 hari kerja" in page
    assert "paling lambat 72 jam" in page  # the first response: the 3×24-hour promise
    assert "dalam 5 hari kerja" in page  # the answer: SP4N-LAPOR!'s five working days
    assert "Rahasia" in page and "Anonim" in page


def test_filing_page_asks_for_a_region_first_when_there_are_several(client, region, other_region):
    response = client.get(reverse("complaints:file"))
    assert response.status_code == 200
    assert f"?wilayah={region.slug}" in response.content.decode()
    assert "report_type" not in response.content.decode()
    page = client.get(reverse("complaints:file"), {"wilayah": region.slug}).content.decode()
    assert 'name="report_type"' in page and 'name="privacy"' in page


def test_new_citizen_files_with_a_photo_and_sees_the_code_and_secret_once(
    client, region, kecamatan, desa, category
):
    url = reverse("complaints:file")
    response = client.post(
        url,
        form_data(
            category=category.pk,
            kecamatan=kecamatan.pk,
            desa=desa.pk,
            latitude="-8.095400",
            longitude="112.160900",
            files=[photo(), photo("kedua.png", png_bytes(), "image/png")],
        ),
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:filed", args=[complaint.tracking_code])
    assert complaint.channel == "web" and complaint.desa == desa and complaint.category == category
    assert complaint.reporter_phone == "6281234567890"
    assert complaint.attachments.count() == 2
    assert set(complaint.attachments.values_list("by_reporter", flat=True)) == {True}
    first = client.get(response["Location"]).content.decode()
    secret = secret_from(first)
    assert complaint.tracking_code in first
    assert services.secret_matches(complaint, secret)
    again = client.get(response["Location"]).content.decode()
    assert secret not in again and "sudah ditampilkan sebelumnya" in again
    # The browser that filed is remembered: the reporter's page opens without typing the secret.
    assert (
        client.get(reverse("complaints:reporter", args=[complaint.tracking_code])).status_code
        == 200
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Bidang ini harus diisi"),
        ({"description": "pendek"}, "15"),
        ({"reporter_phone": "nomor saya"}, "HP"),
        ({"latitude": "-8.1"}, "lintang dan bujur keduanya"),
        ({"latitude": "123", "longitude": "112"}, "90"),
        ({"privacy": "semua-orang"}, "privacy"),
    ],
)
def test_bad_filing_input_shows_a_message_and_saves_nothing(client, region, changes, message):
    response = client.post(reverse("complaints:file"), form_data(**changes))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page
    if message != "privacy":
        assert message in page or message.lower() in page.lower()
    assert not Complaint.objects.exists()


def test_a_file_that_is_not_what_its_name_says_files_nothing(client, region):
    fake = SimpleUploadedFile(
        "foto.jpg", b"MZ\x90\x00 this is a program", content_type="image/jpeg"
    )
    response = client.post(reverse("complaints:file"), form_data(files=[photo(), fake]))
    assert response.status_code == 400
    assert "tidak diterima" in response.content.decode()
    assert not Complaint.objects.exists() and not Attachment.objects.exists()


def test_desa_of_another_kecamatan_is_refused(client, region, kecamatan, other_desa):
    response = client.post(
        reverse("complaints:file"), form_data(kecamatan=kecamatan.pk, desa=other_desa.pk)
    )
    assert response.status_code == 400
    assert "tidak ada di kecamatan" in response.content.decode()
    assert not Complaint.objects.exists()


def test_honeypot_filled_by_a_script_saves_nothing(client, region):
    response = client.post(reverse("complaints:file"), form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_desa_options_follow_the_chosen_kecamatan(client, region, kecamatan, desa, other_desa):
    response = client.get(
        reverse("complaints:desa_options"), {"wilayah": region.slug, "kecamatan": kecamatan.pk}
    )
    page = response.content.decode()
    assert "Gogodeso" in page and "Bendosari" not in page
    everything = client.get(reverse("complaints:desa_options"), {"wilayah": region.slug})
    assert "<optgroup" in everything.content.decode()


def test_reporter_page_needs_the_secret(client, region):
    complaint, secret = file_via_page(client)
    code = complaint.tracking_code
    reporter_url = reverse("complaints:reporter", args=[code])
    client.cookies.clear()  # another phone
    response = client.get(reporter_url)
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("complaints:track")
    )
    wrong = client.post(reverse("complaints:track"), {"code": code, "secret": "SALAHSALAH"})
    assert wrong.status_code == 400 and "salah" in wrong.content.decode()
    assert client.get(reporter_url).status_code == 302
    # Typed loosely: lower case, without the prefix, with spaces.
    right = client.post(
        reverse("complaints:track"), {"code": code[4:].lower(), "secret": f" {secret.lower()} "}
    )
    assert right.status_code == 302 and right["Location"] == reporter_url
    page = client.get(reporter_url).content.decode()
    assert complaint.title in page and "Laporan diterima" in page
    # Forgetting it on a shared phone closes the page again.
    client.post(reverse("complaints:reporter_forget", args=[code]))
    assert client.get(reporter_url).status_code == 302


def test_unknown_code_and_wrong_secret_get_the_same_answer(client, region):
    complaint, _secret = file_via_page(client)
    client.cookies.clear()
    unknown = client.post(reverse("complaints:track"), {"code": "LPR-ZZZZZZZZ", "secret": "X"})
    wrong = client.post(
        reverse("complaints:track"), {"code": complaint.tracking_code, "secret": "X"}
    )
    assert unknown.status_code == wrong.status_code == 400
    assert client.get(reverse("complaints:reporter", args=["LPR-ZZZZZZZZ"])).status_code == 302


def test_reporter_answers_a_question_and_the_report_resumes(client, region, verifier):
    complaint, _secret = file_via_page(client)
    services.complaint_request_info(
        actor=verifier, complaint=complaint, question="Di RT/RW berapa tepatnya lubang itu?"
    )
    url = reverse("complaints:reporter", args=[complaint.tracking_code])
    page = client.get(url).content.decode()
    assert "Di RT/RW berapa tepatnya lubang itu?" in page and "Kirim jawaban" in page
    action = reverse("complaints:reporter_action", args=[complaint.tracking_code, "balas"])
    empty = client.post(action, {"message": ""})
    assert empty.status_code == 400
    complaint.refresh_from_db()
    assert complaint.status == S.NEEDS_INFO
    response = client.post(
        action, {"message": "RT 02 RW 05, depan SDN 1.", "files": [photo()], "website": ""}
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == S.NEW
    assert complaint.attachments.filter(event__action="reporter_replied").count() == 1


def test_reporter_rates_then_reopens_within_ten_days(client, region, verifier, unit_a, handler_a):
    complaint, _secret = file_via_page(client)
    services.complaint_verify_dispatch(actor=verifier, complaint=complaint, unit=unit_a)
    services.complaint_assign(actor=verifier, complaint=complaint, assignee=handler_a)
    services.complaint_answer(
        actor=handler_a, complaint=complaint, message="Jalan sudah ditambal oleh UPT jalan."
    )
    url = reverse("complaints:reporter", args=[complaint.tracking_code])
    page = client.get(url).content.decode()
    assert "Jalan sudah ditambal oleh UPT jalan." in page
    assert 'type="radio" name="rating" value="5"' in page
    rate = reverse("complaints:reporter_action", args=[complaint.tracking_code, "nilai"])
    assert client.post(rate, {"rating": "9"}).status_code == 400
    assert client.post(rate, {"rating": "4", "comment": "Cepat."}).status_code == 302
    complaint.refresh_from_db()
    assert complaint.rating == 4 and complaint.status == S.CLOSED
    reopen = reverse("complaints:reporter_action", args=[complaint.tracking_code, "buka-kembali"])
    assert client.post(reopen, {"reason": "pendek"}).status_code == 400
    response = client.post(reopen, {"reason": "Tambalannya sudah berlubang lagi setelah hujan."})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == S.IN_PROGRESS and complaint.reopen_count == 1


def test_reopening_after_the_window_is_refused_with_a_message(
    client, region, verifier, unit_a, handler_a
):
    complaint, _secret = file_via_page(client)
    services.complaint_verify_dispatch(actor=verifier, complaint=complaint, unit=unit_a)
    services.complaint_assign(actor=verifier, complaint=complaint, assignee=handler_a)
    services.complaint_answer(actor=handler_a, complaint=complaint, message="Sudah ditangani.")
    with time_machine.travel(NOW + dt.timedelta(days=11), tick=False):
        page = client.get(reverse("complaints:reporter", args=[complaint.tracking_code]))
        assert "Buka kembali laporan" not in page.content.decode()
        response = client.post(
            reverse("complaints:reporter_action", args=[complaint.tracking_code, "buka-kembali"]),
            {"reason": "Masih berlubang sampai sekarang."},
        )
    assert response.status_code == 400 and "sudah lewat" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == S.ANSWERED


def test_reporter_actions_without_the_secret_go_to_the_secret_form(client, region):
    complaint = file_report(region)
    response = client.post(
        reverse("complaints:reporter_action", args=[complaint.tracking_code, "tutup"])
    )
    assert response.status_code == 302 and reverse("complaints:track") in response["Location"]


def test_public_page_shows_no_personal_data_and_rahasia_has_none(client, region, verifier, unit_a):
    public = dispatched(region, verifier, unit_a, reporter_phone="081234567890")
    page = client.get(reverse("complaints:public", args=[public.tracking_code])).content.decode()
    assert public.title in page and "Diverifikasi dan diteruskan" in page
    assert (
        "Siti Pelapor" not in page and "6281234567890" not in page and "siti@contoh.id" not in page
    )
    secret = file_report(region, is_confidential=True)
    assert client.get(reverse("complaints:public", args=[secret.tracking_code])).status_code == 404


def test_public_page_hides_the_text_until_verified(client, region):
    complaint = file_report(region, description="Petugas meminta uang Rp50.000 di loket tiga.")
    page = client.get(reverse("complaints:public", args=[complaint.tracking_code])).content.decode()
    assert "Rp50.000" not in page and "setelah laporan diverifikasi" in page


def test_signed_in_citizen_lists_only_their_reports(client, region, citizen):
    assert client.get(reverse("complaints:mine")).status_code == 302
    client.force_login(citizen)
    mine, _secret = file_via_page(client)
    other = file_report(region, title="Laporan orang lain sekali")
    page = client.get(reverse("complaints:mine")).content.decode()
    assert mine.tracking_code in page and other.tracking_code not in page
    assert mine.reporter_user == citizen
    client.cookies.clear()
    client.force_login(citizen)  # a new session: the account itself opens the report
    assert client.get(reverse("complaints:reporter", args=[mine.tracking_code])).status_code == 200


def test_attachments_open_for_the_reporter_and_staff_only(
    client, region, verifier, handler_b, unit_a, handler_a
):
    complaint, _secret = file_via_page(client, files=[photo()])
    attachment = complaint.attachments.get()
    url = reverse("complaints:attachment", args=[attachment.pk])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"KameraUji" not in b"".join(response.streaming_content)  # metadata stripped
    client.cookies.clear()
    assert client.get(url).status_code == 404
    client.force_login(handler_b)
    assert client.get(url).status_code == 404
    client.force_login(verifier)
    assert client.get(url).status_code == 200


def test_public_posts_are_rate_limited(client, region, monkeypatch):
    from rest_framework.settings import api_settings

    from tanggap.complaints.views import throttles

    monkeypatch.setitem(throttles.RATES, "complaint_public", "2/minute")
    monkeypatch.setattr(api_settings, "DEFAULT_THROTTLE_RATES", {"anon": "1000/minute"})
    url = reverse("complaints:track")
    codes = [
        client.post(url, {"code": "LPR-AAAAAAAA", "secret": "X"}).status_code for _ in range(3)
    ]
    assert codes[:2] == [400, 400] and codes[2] == 429
    assert client.get(url).status_code == 200  # reading is not limited
