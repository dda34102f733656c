"""Complaint pages: the citizen's filing, tracking behind the secret, answering, rating and reopening;
the public page; the officer's entry of other channels; the verifier's and unit's worklists; the staff
detail page and its actions; the team roster. Each page for the right users and refused for others."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tanggap.complaints import services
from tanggap.complaints.models import Attachment, Complaint, ComplaintCategory, TeamMember
from tanggap.complaints.tests.factories import (
    S,
    file_report,
    join_team,
    jpeg_with_gps,
    make_verifier,
    png_bytes,
    wib,
)
from tanggap.org.tests.factories import AreaFactory

pytestmark = pytest.mark.django_db

NOW = wib(2026, 11, 23, 9, 0)  # a Monday morning


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The rate limit counts posts per client in the cache: every test starts with a clean count."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def verifier(region):
    return make_verifier(region)


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


@pytest.fixture
def category(region, unit_a):
    return ComplaintCategory.objects.create(
        region=region, slug="jalan", name="Jalan dan jembatan", default_unit=unit_a
    )


def form_data(**changes) -> dict:
    data = {
        "report_type": "pengaduan",
        "title": "Jalan berlubang di depan SD",
        "description": "Lubang besar di jalan desa membahayakan anak-anak yang berangkat sekolah.",
        "reporter_name": "Siti Pelapor",
        "reporter_phone": "0812 3456 7890",
        "reporter_email": "siti@contoh.id",
        "privacy": "publik",
        "website": "",
    }
    data.update(changes)
    return data


def photo(name="lubang.jpg", content=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content or jpeg_with_gps(), content_type=content_type)


def secret_from(page: str) -> str:
    return re.search(r'id="secret-code">([A-Z0-9]+)<', page).group(1)


def file_via_page(client, **changes) -> tuple[Complaint, str]:
    """File through the page; returns the report and the secret shown on the confirmation."""
    response = client.post(reverse("complaints:file"), form_data(**changes))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"]).content.decode()
    complaint = Complaint.objects.latest("id")
    return complaint, secret_from(page)


def dispatched(region, verifier, unit, **kwargs) -> Complaint:
    complaint = file_report(region, **kwargs)
    return services.complaint_verify_dispatch(actor=verifier, complaint=complaint, unit=unit)


# --- the citizen ---------------------------------------------------------------------------------


def test_landing_explains_types_steps_and_deadlines(client, region):
    page = client.get(reverse("complaints:landing")).content.decode()
    assert "Permintaan informasi" in page and "Aspirasi" in page
    assert "paling lambat 3 hari kerja" in page
    assert "paling lambat 5 hari kerja" in page
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


# --- staff: who may open what ----------------------------------------------------------------------

STAFF_URLS = [
    reverse("complaints:staff_home"),
    reverse("complaints:record"),
    reverse("complaints:verify_list"),
    reverse("complaints:unit_list"),
]


@pytest.mark.parametrize("url", STAFF_URLS)
def test_staff_pages_send_visitors_to_sign_in_and_refuse_citizens(client, citizen, url):
    response = client.get(url)
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    client.force_login(citizen)
    assert client.get(url).status_code == 403


def test_verifier_worklist_is_for_verifiers(client, region, verifier, handler_a, unit_a):
    new = file_report(region, title="Lampu jalan mati di perempatan")
    sent = dispatched(region, verifier, unit_a, title="Sudah diteruskan ke unit A")
    client.force_login(handler_a)
    assert client.get(reverse("complaints:verify_list")).status_code == 403
    client.force_login(verifier)
    page = client.get(reverse("complaints:verify_list")).content.decode()
    assert new.tracking_code in page and sent.tracking_code not in page
    assert "Verifikasi: Sesuai jadwal" in page
    assert reverse("complaints:suggestions", args=[new.tracking_code]) in page


def test_unit_worklist_shows_the_units_reports_with_deadline_states(
    client, region, verifier, handler_a, handler_b, unit_a, unit_b
):
    mine = dispatched(region, verifier, unit_a, title="Untuk unit A")
    theirs = dispatched(region, verifier, unit_b, title="Untuk unit B")
    client.force_login(verifier)
    assert client.get(reverse("complaints:unit_list")).status_code == 403  # no unit
    client.force_login(handler_a)
    page = client.get(reverse("complaints:unit_list")).content.decode()
    assert mine.tracking_code in page and theirs.tracking_code not in page
    assert "Tanggapan pertama: Sesuai jadwal" in page
    with time_machine.travel(NOW + dt.timedelta(days=4), tick=False):
        later = client.get(reverse("complaints:unit_list")).content.decode()
    assert "Penyelesaian: Lewat tenggat" in later  # 72 clock hours have passed
    assert 'class="tag bad"' in later


def test_detail_page_is_hidden_from_other_units(
    client, region, verifier, handler_a, handler_b, unit_a
):
    complaint = dispatched(region, verifier, unit_a)
    url = reverse("complaints:staff_detail", args=[complaint.tracking_code])
    client.force_login(handler_b)
    assert client.get(url).status_code == 404
    client.force_login(handler_a)
    assert client.get(url).status_code == 200


def test_anonymous_reporter_is_hidden_from_the_handling_unit(
    client, region, verifier, handler_a, unit_a
):
    complaint = dispatched(
        region, verifier, unit_a, is_anonymous=True, reporter_phone="081234567890"
    )
    url = reverse("complaints:staff_detail", args=[complaint.tracking_code])
    client.force_login(handler_a)
    page = client.get(url).content.decode()
    assert (
        "Siti Pelapor" not in page and "6281234567890" not in page and "siti@contoh.id" not in page
    )
    assert "Identitas pelapor disembunyikan" in page
    client.force_login(verifier)
    page = client.get(url).content.decode()
    assert "Siti Pelapor" in page and "6281234567890" in page


def test_detail_page_offers_only_the_users_actions(
    client, region, verifier, handler_a, head_a, unit_a
):
    new = file_report(region)
    client.force_login(verifier)
    page = client.get(reverse("complaints:staff_detail", args=[new.tracking_code])).content.decode()
    for action in ("verifikasi", "minta-keterangan", "alihkan", "gabungkan", "arsipkan"):
        assert f'id="aksi-{action}"' in page
    assert 'id="aksi-jawab"' not in page
    sent = dispatched(region, verifier, unit_a)
    client.force_login(handler_a)
    page = client.get(
        reverse("complaints:staff_detail", args=[sent.tracking_code])
    ).content.decode()
    assert 'id="aksi-verifikasi"' not in page and 'id="aksi-tugaskan"' not in page
    assert 'id="aksi-catatan"' in page
    client.force_login(head_a)
    page = client.get(
        reverse("complaints:staff_detail", args=[sent.tracking_code])
    ).content.decode()
    assert 'id="aksi-tugaskan"' in page


# --- staff: actions -------------------------------------------------------------------------------


def act(client, complaint, action, data=None):
    return client.post(
        reverse("complaints:staff_action", args=[complaint.tracking_code, action]), data or {}
    )


def test_verifier_dispatches_and_the_unit_assigns_answers_and_closes(
    client, region, verifier, head_a, handler_a, unit_a
):
    complaint = file_report(region)
    client.force_login(verifier)
    assert act(client, complaint, "verifikasi", {"unit": unit_a.pk}).status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == S.DISPATCHED and complaint.unit == unit_a
    join_team(unit_a, handler_a)
    client.force_login(head_a)
    assert act(client, complaint, "tugaskan", {"assignee": handler_a.pk}).status_code == 302
    client.force_login(handler_a)
    note = {"message": "Sudah dicek ke lokasi.", "visibility": "internal"}
    assert act(client, complaint, "catatan", note).status_code == 302
    answer = {"message": "Jalan sudah ditambal hari ini.", "files": [photo("hasil.jpg")]}
    assert act(client, complaint, "jawab", answer).status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == S.ANSWERED
    assert complaint.attachments.filter(by_reporter=False).count() == 1
    assert act(client, complaint, "tutup").status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == S.CLOSED


def test_refused_staff_input_changes_nothing(client, region, verifier, unit_a):
    complaint = file_report(region)
    client.force_login(verifier)
    short = act(client, complaint, "minta-keterangan", {"question": "Di mana?"})
    assert short.status_code == 400 and "paling sedikit 10 huruf" in short.content.decode()
    unknown = act(client, complaint, "gabungkan", {"into": "LPR-ZZZZZZZZ"})
    assert unknown.status_code == 400 and "tidak ada di daerah ini" in unknown.content.decode()
    no_unit = act(client, complaint, "verifikasi", {"unit": ""})
    assert no_unit.status_code == 400
    complaint.refresh_from_db()
    assert complaint.status == S.NEW and complaint.events.count() == 1


def test_verifier_transfers_merges_and_archives(client, region, verifier):
    first, second, third, fourth = (
        file_report(region, title=f"Laporan nomor {n}") for n in range(4)
    )
    client.force_login(verifier)
    act(client, first, "alihkan", {"destination": "Kantor Pertanahan", "note": ""})
    act(client, second, "gabungkan", {"into": fourth.tracking_code[4:].lower()})
    act(client, third, "arsipkan", {"reason": "Terlalu umum"})
    statuses = dict(Complaint.objects.values_list("pk", "status"))
    assert statuses[first.pk] == S.TRANSFERRED
    assert statuses[second.pk] == S.MERGED
    assert statuses[third.pk] == S.ARCHIVED


def test_handler_may_not_take_verifier_actions(client, region, handler_a, verifier, unit_a):
    complaint = file_report(region)
    client.force_login(handler_a)
    assert (
        act(client, complaint, "verifikasi", {"unit": unit_a.pk}).status_code == 404
    )  # not visible
    sent = dispatched(region, verifier, unit_a)
    assert act(client, sent, "arsipkan", {"reason": "Terlalu umum"}).status_code == 403
    assert act(client, sent, "tugaskan", {"assignee": handler_a.pk}).status_code == 403
    sent.refresh_from_db()
    assert sent.status == S.DISPATCHED


def test_stale_action_says_so_and_changes_nothing(client, region, verifier, unit_a):
    complaint = dispatched(region, verifier, unit_a)
    client.force_login(verifier)
    response = act(client, complaint, "arsipkan", {"reason": "Terlalu umum"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "tidak tersedia lagi" in page
    complaint.refresh_from_db()
    assert complaint.status == S.DISPATCHED


def test_unknown_action_is_not_found(client, region, verifier):
    complaint = file_report(region)
    client.force_login(verifier)
    assert act(client, complaint, "hapus").status_code == 404


# --- officer entry of other channels ------------------------------------------------------------


def test_officer_records_a_phone_report_and_gets_the_codes_to_pass_on(client, region, front_desk_a):
    client.force_login(front_desk_a)
    page = client.get(reverse("complaints:record")).content.decode()
    assert 'name="channel"' in page and "Pemantauan media" in page
    response = client.post(reverse("complaints:record"), form_data(channel="telepon"))
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.channel == "telepon"
    filed = complaint.events.get()
    assert not filed.by_reporter and filed.actor == front_desk_a
    shown = client.get(response["Location"]).content.decode()
    assert "Sampaikan kedua kode ini kepada pelapor" in shown
    assert services.secret_matches(complaint, secret_from(shown))
    # The officer's browser is not the reporter's: the reporter page still needs the secret.
    assert (
        client.get(reverse("complaints:reporter", args=[complaint.tracking_code])).status_code
        == 302
    )


def test_media_monitoring_needs_the_source_link(client, region, front_desk_a):
    client.force_login(front_desk_a)
    refused = client.post(reverse("complaints:record"), form_data(channel="media"))
    assert refused.status_code == 400 and "tautan sumbernya" in refused.content.decode()
    assert not Complaint.objects.exists()
    ok = client.post(
        reverse("complaints:record"),
        form_data(channel="media", source_url="https://berita.example/jalan-rusak"),
    )
    assert ok.status_code == 302
    assert Complaint.objects.get().source_url == "https://berita.example/jalan-rusak"


# --- the team roster --------------------------------------------------------------------------------


def test_unit_head_adds_and_removes_team_members(client, unit_a, head_a, handler_a, handler_b):
    url = reverse("complaints:team", args=[unit_a.pk])
    client.force_login(handler_b)
    assert client.get(url).status_code == 403
    client.force_login(handler_a)
    page = client.get(url).content.decode()
    assert "Tambah anggota" not in page
    assert client.post(url, {"user": handler_a.pk, "role": "anggota"}).status_code == 403
    client.force_login(head_a)
    assert client.post(url, {"user": handler_a.pk, "role": "koordinator"}).status_code == 302
    member = TeamMember.objects.get(unit=unit_a, user=handler_a)
    assert member.role == "koordinator" and member.is_active
    bad = client.post(url, {"user": handler_b.pk, "role": "anggota"})  # not a candidate
    assert bad.status_code == 400
    remove = reverse("complaints:team_remove", args=[unit_a.pk, member.pk])
    assert client.post(remove).status_code == 302
    member.refresh_from_db()
    assert not member.is_active


# --- query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url_name", "persona"),
    [("verify_list", "verifier"), ("unit_list", "handler_a"), ("staff_home", "verifier")],
)
def test_worklists_take_a_fixed_number_of_queries(
    client,
    region,
    verifier,
    handler_a,
    unit_a,
    category,
    url_name,
    persona,
    request,
    django_assert_max_num_queries,
):
    def add(n):
        for i in range(n):
            complaint = file_report(region, title=f"Laporan uji {i}", category=category)
            if url_name == "unit_list":
                services.complaint_verify_dispatch(actor=verifier, complaint=complaint, unit=unit_a)

    client.force_login(request.getfixturevalue(persona))
    url = reverse(f"complaints:{url_name}")
    add(2)
    with django_assert_max_num_queries(12) as few:
        assert client.get(url).status_code == 200
    add(10)
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200


def test_pages_carry_no_inline_script_or_style(client, region, verifier, unit_a):
    complaint, _secret = file_via_page(client)
    urls = [
        reverse("complaints:landing"),
        reverse("complaints:file"),
        reverse("complaints:track"),
        reverse("complaints:reporter", args=[complaint.tracking_code]),
        reverse("complaints:public", args=[complaint.tracking_code]),
    ]
    client.force_login(verifier)
    urls += [
        reverse("complaints:verify_list"),
        reverse("complaints:staff_detail", args=[complaint.tracking_code]),
    ]
    for url in urls:
        page = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), url
        assert not re.search(r"\sstyle=", page), url
        assert not re.search(r"\son[a-z]+=", page), url


def test_assignment_offers_the_units_handlers_and_team_only(
    client, region, verifier, head_a, handler_a, handler_b, unit_a
):
    complaint = dispatched(region, verifier, unit_a)
    client.force_login(head_a)
    page = client.get(reverse("complaints:staff_detail", args=[complaint.tracking_code]))
    select = re.search(r'<select name="assignee".*?</select>', page.content.decode(), re.S).group(0)
    assert handler_a.get_full_name() in select and handler_b.get_full_name() not in select


def test_evaluators_read_but_do_not_record(client, region, evaluator):
    client.force_login(evaluator)
    assert client.get(reverse("complaints:staff_home")).status_code == 200
    assert client.get(reverse("complaints:record")).status_code == 403


def test_officer_reloading_the_confirmation_sees_no_secret(client, region, front_desk_a):
    client.force_login(front_desk_a)
    response = client.post(reverse("complaints:record"), form_data(channel="surat"))
    first = client.get(response["Location"]).content.decode()
    again = client.get(response["Location"])
    assert 'id="secret-code"' in first
    assert again.status_code == 200 and 'id="secret-code"' not in again.content.decode()
