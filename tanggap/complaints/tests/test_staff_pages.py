"""The staff's complaint pages: who may open what, the verifier's and unit's worklists, the detail page
and its actions, the officer's entry of other channels, the team roster, query counts."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from tanggap.complaints import services
from tanggap.complaints.models import Complaint, TeamMember
from tanggap.complaints.tests.factories import (
    MONDAY_MORNING,
    S,
    dispatched,
    file_report,
    file_via_page,
    form_data,
    join_team,
    photo,
    secret_from,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("monday_morning", "fresh_rate_limits")]

NOW = MONDAY_MORNING


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
    assert "Tanggapan pertama: Lewat tenggat" in later  # 72 clock hours have passed
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
