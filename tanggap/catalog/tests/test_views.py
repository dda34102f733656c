"""Catalogue pages: public pages render what a citizen needs, staff forms refuse bad input calmly,
nothing answers 500, and list pages use a fixed number of queries."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tanggap.catalog import documents, selectors
from tanggap.catalog.models import Service, StandardVersion
from tanggap.catalog.tests.factories import (
    ServiceCategoryFactory,
    enacted_service,
    mpp_with_booths,
    unit_with_head,
)
from tanggap.core.models import AuditEvent

Status = StandardVersion.Status


def _inline_code(html: str) -> list[str]:
    """Inline scripts, style blocks and style attributes: all blocked by the CSP."""
    found = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    found += re.findall(r"<style[\s>]", html)
    found += re.findall(r"\sstyle\s*=", html)
    return found


# --- public pages --------------------------------------------------------------------------------


def test_the_catalogue_lists_published_services(client, ktp, izin, drafted):
    response = client.get(reverse("catalog:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "KTP-el Baru" in html and "Izin Reklame" in html
    assert drafted.name not in html
    assert "Gratis" in html and "Rp 150.000" in html
    assert _inline_code(html) == []


def test_the_catalogue_searches_and_filters(client, ktp, izin):
    html = client.get(
        reverse("catalog:index"), {"q": "reklame", "wilayah": "kab-uji"}
    ).content.decode()
    assert "Izin Reklame" in html and "KTP-el Baru" not in html


@pytest.mark.parametrize(
    "params",
    [
        {"wilayah": "<script>", "page": "abc"},
        {"kategori": "x" * 500, "instansi": "ü", "lokasi": "../../etc"},
        {"page": "-1"},
        {"page": "99999"},
        {"q": "%" * 300},
    ],
)
def test_bad_filters_never_break_the_catalogue(client, ktp, params):
    response = client.get(reverse("catalog:index"), params)
    assert response.status_code == 200


def test_a_nul_in_a_filter_is_refused_with_a_clear_message(client, ktp):
    response = client.get(reverse("catalog:index"), {"q": "\x00"})
    assert response.status_code == 400
    assert "karakter yang tidak diizinkan" in response.content.decode()


def test_the_catalogue_is_paginated_and_keeps_filters_in_page_links(client, unit_a):
    for i in range(25):
        enacted_service(unit=unit_a, name=f"Layanan {i:02d}")
    first = client.get(reverse("catalog:index"), {"wilayah": "kab-uji"}).content.decode()
    assert "Layanan 00" in first and "Layanan 24" not in first
    assert "?wilayah=kab-uji&amp;page=2" in first
    second = client.get(
        reverse("catalog:index"), {"wilayah": "kab-uji", "page": 2}
    ).content.decode()
    assert "Layanan 24" in second


def _make_catalogue(region, unit_a, unit_b, n):
    category = ServiceCategoryFactory(region=region)
    for i in range(n):
        service = enacted_service(
            unit=unit_a if i % 2 else unit_b, name=f"Layanan {i:03d}", category=category
        )
        service.locations.add(unit_a)


def _count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url_name",
    [
        "catalog:index",
        "catalog:categories",
        "catalog:agencies",
        "catalog:locations",
        "catalog:mpp_list",
    ],
)
def test_public_list_pages_use_a_fixed_number_of_queries(client, region, unit_a, unit_b, url_name):
    _make_catalogue(region, unit_a, unit_b, 3)
    few = _count_queries(client, reverse(url_name), {"wilayah": "kab-uji"})
    _make_catalogue(region, unit_a, unit_b, 17)
    many = _count_queries(client, reverse(url_name), {"wilayah": "kab-uji"})
    assert few == many


def test_the_catalogue_page_stays_within_its_query_budget(
    client, region, unit_a, unit_b, django_assert_max_num_queries
):
    _make_catalogue(region, unit_a, unit_b, 30)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("catalog:index"), {"wilayah": "kab-uji", "q": "layanan"})
    assert response.status_code == 200
    page = response.context["page"]
    assert page.paginator.count == 30 and len(page.object_list) == 20
    html = response.content.decode()
    assert "Layanan 000" in html and "Layanan 019" in html and "Layanan 020" not in html
    next_link = re.search(r'<a rel="next" href="([^"]+)"', html).group(1)
    assert "q=layanan" in next_link and "wilayah=kab-uji" in next_link and "page=2" in next_link


def test_a_service_page_shows_the_six_public_components(client, ktp, unit_a):
    kecamatan = unit_with_head(region=unit_a.region, slug="kec", name="Kantor Kecamatan Kanigoro")
    ktp.locations.add(kecamatan)

    response = client.get(reverse("catalog:service", args=["kab-uji", "ktp-el-baru"]))
    html = response.content.decode()

    assert response.status_code == 200
    assert 'class="checklist"' in html and "Fotokopi Kartu Keluarga" in html
    assert "Serahkan berkas" in html  # procedure
    assert "1 hari kerja" in html  # time to complete
    assert "Gratis" in html  # cost
    assert "Dokumen hasil layanan" in html  # product
    assert "SP4N-LAPOR!" in html  # complaint handling
    assert "Dinas A" in html and "Kantor Kecamatan Kanigoro" in html
    assert "400.12/DUK-KTP/2024" in html
    assert reverse("catalog:maklumat_pdf", args=["kab-uji", "ktp-el-baru"]) in html
    assert _inline_code(html) == []


def test_a_service_page_has_a_server_made_qr_code_of_its_absolute_url(client, ktp, settings):
    settings.SITE_URL = "https://layanan.blitarkab.go.id"
    html = client.get(reverse("catalog:service", args=["kab-uji", "ktp-el-baru"])).content.decode()
    assert re.search(r'<svg role="img"[^>]*class="qr-code"', html)
    assert "<title>" in html.split('class="qr-code"')[1][:200]
    assert "https://layanan.blitarkab.go.id/layanan/kab-uji/ktp-el-baru/" in html


def test_a_paid_service_shows_its_cost_in_rupiah(client, izin):
    izin.standards.update(cost="2500.50")
    html = client.get(reverse("catalog:service", args=["kab-uji", "izin-reklame"])).content.decode()
    assert "Rp 2.500,50" in html and "Gratis" not in html


def test_an_old_version_stays_readable_and_is_marked_as_no_longer_in_force(client, ktp):
    ktp.standards.update(status=Status.SUPERSEDED)
    StandardVersion.objects.create(
        service=ktp,
        version=2,
        status=Status.ENACTED,
        requirements=["Kartu Keluarga asli"],
        procedure=["a"],
        product="p",
        complaint_handling="c",
        decree_number="400/2/2025",
        decree_date="2025-01-02",
    )
    current = client.get(
        reverse("catalog:service", args=["kab-uji", "ktp-el-baru"])
    ).content.decode()
    assert "Kartu Keluarga asli" in current and "Fotokopi Kartu Keluarga" not in current
    assert reverse("catalog:service_version", args=["kab-uji", "ktp-el-baru", 1]) in current

    old = client.get(reverse("catalog:service_version", args=["kab-uji", "ktp-el-baru", 1]))
    html = old.content.decode()
    assert old.status_code == 200
    assert "Fotokopi Kartu Keluarga" in html
    assert "tidak berlaku" in html
    assert 'class="notice-old"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/layanan/kab-uji/tidak-ada/",
        "/layanan/tidak-ada/ktp-el-baru/",
        "/layanan/kab-uji/ktp-el-baru/versi/7/",
        "/layanan/kab-uji/konsep/",
        "/layanan/kab-uji/konsep/maklumat.pdf",
        "/layanan/kab-uji/mpp/dinas-a/",
        "/layanan/tidak-ada/",
    ],
)
def test_unknown_or_unpublished_pages_answer_with_the_404_page(client, ktp, drafted, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_the_region_address_leads_to_the_filtered_catalogue(client, region):
    response = client.get("/layanan/kab-uji/")
    assert response.status_code == 302
    assert response["Location"] == "/layanan/?wilayah=kab-uji"


def test_the_maklumat_is_a_pdf(client, ktp):
    response = client.get(reverse("catalog:maklumat_pdf", args=["kab-uji", "ktp-el-baru"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 2000


def test_the_maklumat_html_carries_the_wording_head_decree_place_and_qr(region):
    unit = unit_with_head(
        region=region, slug="dukcapil", name="Dinas Kependudukan", head_name="Sri Wahyuni"
    )
    service = enacted_service(unit=unit, name="Akta Kelahiran", code="AKTA")
    service = selectors.service_get_public("kab-uji", service.slug)

    html = documents.maklumat_html(service, selectors.enacted_standard(service))

    assert documents.MAKLUMAT_TEXT in html
    assert "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan" in html
    assert "Dra. Sri Wahyuni, M.AP." in html and f"NIP. {unit.head.nip}" in html
    assert "400.12/AKTA/2024" in html and "1 Februari 2024" in html
    assert "Pemerintah Kabupaten Uji" in html and "Uji, 1 Februari 2024" in html
    assert "Akta Kelahiran" in html and "Dinas Kependudukan" in html
    assert 'src="data:image/png;base64,' in html
    assert "size: A4" in html


def test_a_maklumat_without_a_unit_head_leaves_the_signature_blank(ktp):
    html = documents.maklumat_html(ktp, ktp.standards.get())
    assert "NIP. ....." in html


def test_the_mpp_page_shows_every_agencys_counter(client, region, unit_a):
    mpp, (booth,) = mpp_with_booths(region=region, booths=[("gerai-a", "Gerai Dinas A")])
    enacted_service(unit=unit_a, name="KTP-el Baru").locations.add(booth)
    response = client.get(reverse("catalog:mpp", args=["kab-uji", "mpp"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Gerai Dinas A" in html and "KTP-el Baru" in html
    assert (
        client.get(reverse("catalog:mpp_list")).content.decode().count("Mal Pelayanan Publik") >= 2
    )


@pytest.mark.parametrize(
    "url_name", ["catalog:categories", "catalog:agencies", "catalog:locations", "catalog:mpp_list"]
)
def test_browse_pages_render_with_or_without_a_region(client, ktp, url_name):
    assert client.get(reverse(url_name)).status_code == 200
    assert client.get(reverse(url_name), {"wilayah": "tidak-ada"}).status_code == 200


def test_the_catalogue_live_search_uses_htmx_without_inline_code(client, ktp):
    html = client.get(reverse("catalog:index")).content.decode()
    assert 'hx-get="/layanan/"' in html and 'hx-select="#results"' in html
    assert 'id="results"' in html


# --- staff pages -------------------------------------------------------------------------------------


def test_staff_pages_ask_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("catalog:manage"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_staff_pages_show_the_403_page_to_people_without_catalogue_rights(client, handler_a, ktp):
    client.force_login(handler_a)
    for url in (reverse("catalog:manage"), reverse("catalog:service_manage", args=[ktp.pk])):
        response = client.get(url)
        assert response.status_code == 403
        assert "Akses ditolak" in response.content.decode()


def test_the_staff_list_shows_the_users_services_with_their_versions(
    client, unit_admin_a, ktp, drafted
):
    client.force_login(unit_admin_a)
    html = client.get(reverse("catalog:manage")).content.decode()
    assert "KTP-el Baru" in html and "v1 berlaku" in html
    assert "Layanan Konsep" in html and "v1 konsep" in html


def test_the_staff_list_uses_a_fixed_number_of_queries(
    client, unit_admin_a, region, unit_a, unit_b
):
    client.force_login(unit_admin_a)
    _make_catalogue(region, unit_a, unit_b, 4)
    few = _count_queries(client, reverse("catalog:manage"))
    _make_catalogue(region, unit_a, unit_b, 20)
    assert _count_queries(client, reverse("catalog:manage")) == few


def test_the_create_form_offers_only_units_the_user_manages(client, unit_admin_a, unit_b):
    client.force_login(unit_admin_a)
    html = client.get(reverse("catalog:service_create")).content.decode()
    unit_select = re.search(r'<select name="unit".*?</select>', html, re.S).group(0)
    assert "Dinas A" in unit_select and "Dinas B" not in unit_select


def test_creating_a_service_through_the_form(client, unit_admin_a, unit_a):
    client.force_login(unit_admin_a)
    response = client.post(
        reverse("catalog:service_create"),
        {"unit": unit_a.pk, "code": "BARU-1", "name": "Legalisir Dokumen"},
    )
    service = Service.objects.get(code="BARU-1")
    assert response.status_code == 302
    assert response["Location"] == reverse("catalog:standard_edit", args=[service.pk])


def test_editing_a_service_through_the_form(client, unit_admin_a, unit_a, ktp):
    client.force_login(unit_admin_a)
    url = reverse("catalog:service_edit", args=[ktp.pk])
    form = client.get(url)
    assert form.status_code == 200 and form.context["form"].initial["code"] == "DUK-KTP"
    response = client.post(
        url, {"unit": unit_a.pk, "code": "DUK-KTP", "name": "KTP-el Baru (rekam)", "locations": []}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("catalog:service_manage", args=[ktp.pk])
    ktp.refresh_from_db()
    assert ktp.name == "KTP-el Baru (rekam)"
    assert AuditEvent.objects.filter(action="catalog.service.updated").count() == 1


def test_a_refused_service_edit_shows_the_reason_on_the_form(
    client, unit_admin_a, unit_a, ktp, izin
):
    client.force_login(unit_admin_a)
    response = client.post(
        reverse("catalog:service_edit", args=[ktp.pk]),
        {"unit": unit_a.pk, "code": "IZN-REK", "name": "KTP-el Baru"},
    )
    assert response.status_code == 200
    assert "sudah dipakai" in str(response.context["form"].errors["code"])
    ktp.refresh_from_db()
    assert ktp.code == "DUK-KTP"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"unit": "999999", "code": "X", "name": "X"},
        {"unit": "abc", "code": "X", "name": "X"},
        {"unit": "UNIT_B", "code": "X", "name": "X"},
        {"unit": "UNIT_A", "code": "DUK-KTP", "name": "Duplikat"},
        {"unit": "UNIT_A", "code": "X" * 41, "name": "X"},
        {"unit": "UNIT_A", "code": "X", "name": "X", "locations": ["nope"]},
    ],
)
def test_bad_service_form_input_shows_errors_and_changes_nothing(
    client, unit_admin_a, unit_a, unit_b, ktp, data
):
    client.force_login(unit_admin_a)
    units = {"UNIT_A": unit_a.pk, "UNIT_B": unit_b.pk}
    data = {k: units.get(v, v) if isinstance(v, str) else v for k, v in data.items()}
    audit_before = AuditEvent.objects.count()
    response = client.post(reverse("catalog:service_create"), data)
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()
    assert Service.objects.count() == 1
    assert AuditEvent.objects.count() == audit_before


def test_editing_the_draft_saves_all_components(client, unit_admin_a, drafted):
    client.force_login(unit_admin_a)
    url = reverse("catalog:standard_edit", args=[drafted.pk])
    assert 'name="performance_evaluation"' in client.get(url).content.decode()
    data = {
        "requirements": "KTP-el\r\nKK",
        "procedure": "Datang\r\nDilayani",
        "duration_value": "3",
        "duration_unit": "working_days",
        "cost": "10.000",
        "product": "Surat",
        "complaint_handling": "LAPOR!",
        "legal_basis": "UU 25/2009",
        "staff_count": "2 orang",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    draft = drafted.standards.get()
    assert draft.requirements == ["KTP-el", "KK"]
    assert (draft.duration_value, int(draft.cost), draft.staff_count) == (3, 10000, "2 orang")


@pytest.mark.parametrize(
    "bad",
    [
        {"cost": "sepuluh ribu"},
        {"cost": "-1"},
        {"duration_value": "-2"},
        {"duration_value": "x"},
        {"duration_unit": "abad"},
        {"duration_note": "x" * 400},
    ],
)
def test_bad_draft_input_shows_errors_and_changes_nothing(client, unit_admin_a, drafted, bad):
    client.force_login(unit_admin_a)
    data = {
        "duration_value": "1",
        "duration_unit": "working_days",
        "cost": "0",
        "requirements": "Baru",
    }
    data.update(bad)
    response = client.post(reverse("catalog:standard_edit", args=[drafted.pk]), data)
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()
    assert drafted.standards.get().requirements == ["Fotokopi KK", "KTP-el asli"]


def test_an_adminduk_draft_with_a_cost_is_refused_with_the_law_in_the_message(
    client, unit_admin_a, ktp
):
    client.force_login(unit_admin_a)
    client.post(reverse("catalog:standard_new_version", args=[ktp.pk]))
    response = client.post(
        reverse("catalog:standard_edit", args=[ktp.pk]),
        {"duration_value": "1", "duration_unit": "working_days", "cost": "5000"},
    )
    assert response.status_code == 200
    assert "UU 24/2013 Pasal 79A" in response.content.decode()
    assert ktp.standards.get(status=Status.DRAFT).cost == 0


def test_new_version_then_enact_through_the_pages(client, unit_admin_a, ktp):
    client.force_login(unit_admin_a)
    response = client.post(reverse("catalog:standard_new_version", args=[ktp.pk]))
    assert response.status_code == 302
    enact_url = reverse("catalog:standard_enact", args=[ktp.pk])

    bad = client.post(enact_url, {"decree_number": "", "decree_date": "32-13-2025"})
    assert bad.status_code == 200 and 'class="errorlist"' in bad.content.decode()
    assert ktp.standards.filter(status=Status.ENACTED).get().version == 1

    good = client.post(enact_url, {"decree_number": "400/9/2025", "decree_date": "2025-02-03"})
    assert good.status_code == 302
    assert ktp.standards.get(status=Status.ENACTED).version == 2
    assert ktp.standards.get(version=1).status == Status.SUPERSEDED


def test_a_second_new_version_request_is_refused_with_a_message(client, unit_admin_a, ktp):
    client.force_login(unit_admin_a)
    client.post(reverse("catalog:standard_new_version", args=[ktp.pk]))
    response = client.post(reverse("catalog:standard_new_version", args=[ktp.pk]), follow=True)
    assert response.status_code == 200
    assert "sudah memiliki konsep" in response.content.decode()
    assert ktp.standards.count() == 2


def test_the_version_view_shows_a_line_diff(client, unit_admin_a, head_a, ktp):
    client.force_login(unit_admin_a)
    client.post(reverse("catalog:standard_new_version", args=[ktp.pk]))
    ktp.standards.filter(version=2).update(
        requirements=["Fotokopi Kartu Keluarga", "Akta kelahiran"]
    )
    html = client.get(reverse("catalog:standard_version", args=[ktp.pk, 2])).content.decode()
    assert re.search(r'class="added"><ins>.*Akta kelahiran</ins>', html)
    assert re.search(r'class="removed"><del>.*Surat pengantar tidak diperlukan</del>', html)
    assert (
        client.get(
            reverse("catalog:standard_version", args=[ktp.pk, 2]), {"banding": "x"}
        ).status_code
        == 200
    )
    assert client.get(reverse("catalog:standard_version", args=[ktp.pk, 9])).status_code == 404


def test_archiving_through_the_page_needs_a_reason(client, unit_admin_a, ktp):
    client.force_login(unit_admin_a)
    client.post(reverse("catalog:service_archive", args=[ktp.pk]), {"reason": ""})
    ktp.refresh_from_db()
    assert ktp.is_active
    client.post(
        reverse("catalog:service_archive", args=[ktp.pk]), {"reason": "Tidak lagi dilayani"}
    )
    ktp.refresh_from_db()
    assert not ktp.is_active
    assert (
        client.get(reverse("catalog:service", args=["kab-uji", "ktp-el-baru"])).status_code == 404
    )


def test_restoring_through_the_page_brings_the_service_back_once(client, unit_admin_a, ktp):
    client.force_login(unit_admin_a)
    url = reverse("catalog:service_restore", args=[ktp.pk])
    client.post(reverse("catalog:service_archive", args=[ktp.pk]), {"reason": "Sementara"})
    restored = client.post(url, follow=True)
    ktp.refresh_from_db()
    assert ktp.is_active and ktp.archived_reason == ""
    assert "Layanan dipulihkan." in restored.content.decode()
    again = client.post(url, follow=True)
    assert "masih aktif" in again.content.decode()


def test_the_unit_head_may_enact_but_not_edit(client, head_a, ktp):
    client.force_login(head_a)
    assert client.get(reverse("catalog:service_manage", args=[ktp.pk])).status_code == 200
    assert client.get(reverse("catalog:service_edit", args=[ktp.pk])).status_code == 403
    assert client.post(reverse("catalog:standard_new_version", args=[ktp.pk])).status_code == 403
    assert ktp.standards.count() == 1


def test_staff_pages_for_unknown_ids_answer_404(client, unit_admin_a):
    client.force_login(unit_admin_a)
    assert client.get(reverse("catalog:service_manage", args=[424242])).status_code == 404


def test_staff_forms_speak_english_to_english_readers(client, unit_admin_a, unit_a):
    client.force_login(unit_admin_a)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("catalog:service_create"), {"unit": unit_a.pk, "code": "", "name": ""}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in html
    assert "Service name" in html


def test_a_service_page_reads_in_english_for_english_readers(client, ktp, izin):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("catalog:service", args=["kab-uji", "ktp-el-baru"])).content.decode()
    assert '<html lang="en">' in html
    assert "Requirements" in html and "Free" in html and "1 working day" in html
    assert "1 working days" not in html
    izin.standards.update(duration_value=3, duration_unit="hours")
    assert (
        "3 hours"
        in client.get(reverse("catalog:service", args=["kab-uji", "izin-reklame"])).content.decode()
    )


def test_the_mpp_page_uses_a_fixed_number_of_queries(client, region, unit_a, unit_b):
    mpp, booths = mpp_with_booths(region=region, booths=[("g1", "Gerai 1"), ("g2", "Gerai 2")])

    def add(n):
        for i in range(n):
            enacted_service(unit=unit_a if i % 2 else unit_b, name=f"Layanan {i}").locations.add(
                booths[i % 2]
            )

    add(2)
    few = _count_queries(client, reverse("catalog:mpp", args=["kab-uji", "mpp"]))
    add(12)
    assert _count_queries(client, reverse("catalog:mpp", args=["kab-uji", "mpp"])) == few
