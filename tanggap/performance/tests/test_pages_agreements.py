"""The perjanjian kinerja pages and the predikat distribution page: who may open them (unit head, unit
admin, an official of the unit, another unit's head, the region admin), the manager's writes through the
forms, bad input shown in Indonesian without a change, the distribution warning, and query counts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tanggap.accounts.models import Role
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.attendance.tests.factories import official_with_account
from tanggap.complaints.tests.factories import png_bytes
from tanggap.core.models import AuditEvent
from tanggap.org.tests.factories import OfficialFactory
from tanggap.performance.models import Indicator, PerformanceAgreement, Realisation
from tanggap.performance.tests.factories import AgreementFactory, IndicatorFactory, SkpFactory

pytestmark = pytest.mark.django_db
S = PerformanceAgreement.Status


@pytest.fixture
def head_b(unit_b):
    user = UserFactory(username="kepala_b")
    RoleAssignmentFactory(user=user, role=Role.UNIT_HEAD, unit=unit_b, region=unit_b.region)
    return user


@pytest.fixture
def member_a(unit_a):
    """An official of unit A with an account and no role."""
    return official_with_account(unit_a, "pegawai_a").user


@pytest.fixture
def draft(unit_a):
    return AgreementFactory(unit=unit_a, year=2026)


@pytest.fixture
def signed(unit_a):
    agreement = AgreementFactory(unit=unit_a, year=2025, status=S.SIGNED)
    IndicatorFactory(agreement=agreement, name="Persentase layanan tepat waktu")
    return agreement


def html(response) -> str:
    return response.content.decode()


def as_user(client, user):
    client.force_login(user)
    return client


def detail(agreement) -> str:
    return reverse("performance:agreement", args=[agreement.pk])


def writes() -> tuple[int, int, int, int]:
    return (
        PerformanceAgreement.objects.count(),
        Indicator.objects.count(),
        Realisation.objects.count(),
        AuditEvent.objects.count(),
    )


# --- who may open what -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who, list_status, detail_status, manages",
    [
        ("head_a", 200, 200, True),
        ("unit_admin_a", 200, 200, True),
        ("region_admin", 200, 200, True),
        ("leader", 200, 200, False),
        ("member_a", 403, 403, False),
        ("head_b", 200, 404, False),
        ("citizen", 403, 403, False),
    ],
)
def test_the_agreement_pages_open_for_the_unit_and_region_only(
    client, request, draft, who, list_status, detail_status, manages
):
    IndicatorFactory(agreement=draft)
    as_user(client, request.getfixturevalue(who))
    listing = client.get(reverse("performance:agreements"))
    assert listing.status_code == list_status
    if list_status == 200:
        assert (detail(draft) in html(listing)) == (detail_status == 200)
    page = client.get(detail(draft))
    assert page.status_code == detail_status
    if detail_status == 200:
        body = html(page)
        assert ('id="indicator-form"' in body) == manages
        assert ('id="sign-button"' in body) == manages


@pytest.mark.parametrize("who, status", [("leader", 403), ("head_b", 404), ("member_a", 403)])
def test_who_may_not_manage_is_refused_every_write_and_nothing_changes(
    client, request, draft, who, status
):
    IndicatorFactory(agreement=draft)
    indicator = IndicatorFactory(
        agreement=AgreementFactory(unit=draft.unit, year=2025, status=S.SIGNED)
    )
    before = writes()
    as_user(client, request.getfixturevalue(who))
    posts = [
        (reverse("performance:agreement_indicator_add", args=[draft.pk]), {"name": "X"}),
        (reverse("performance:agreement_sign", args=[draft.pk]), {}),
        (
            reverse("performance:agreement_realisation", args=[indicator.agreement.pk]),
            {
                "indicator": indicator.pk,
                "quarter": "1",
                "value": "5",
                "evidence_url": "https://a.b",
            },
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == status
    assert writes() == before
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_the_list_shows_the_create_form_only_to_who_manages_a_unit(client, head_a, leader):
    assert "Buat perjanjian kinerja" in html(
        as_user(client, head_a).get(reverse("performance:agreements"))
    )
    assert "Buat perjanjian kinerja" not in html(
        as_user(client, leader).get(reverse("performance:agreements"))
    )


def test_the_list_filters_by_year(client, head_a, draft, signed):
    page = html(as_user(client, head_a).get(reverse("performance:agreements"), {"tahun": "2025"}))
    assert detail(signed) in page and detail(draft) not in page
    bad = as_user(client, head_a).get(reverse("performance:agreements"), {"tahun": "tahun lalu"})
    assert bad.status_code == 400
    assert "Tahun harus berupa angka antara 2000 dan 2100." in html(bad)


# --- the manager's writes ---------------------------------------------------------------------------


def test_a_unit_head_creates_an_agreement_adds_an_indicator_signs_and_records_realisation(
    client, head_a, unit_a
):
    as_user(client, head_a)
    response = client.post(reverse("performance:agreements"), {"unit": unit_a.pk, "year": "2026"})
    agreement = PerformanceAgreement.objects.get(unit=unit_a, year=2026)
    assert response.status_code == 302 and response["Location"] == detail(agreement)

    response = client.post(
        reverse("performance:agreement_indicator_add", args=[agreement.pk]),
        {
            "name": "Indeks Kepuasan Masyarakat",
            "measure": "indeks",
            "direction": "higher_is_better",
            "baseline": "82,5",
            "target_year": "85",
            "target_q1": "83",
            "target_q2": "84",
            "target_q3": "84,5",
            "target_q4": "85",
            "plan_goal_code": "RPJMD 2.1",
            "plan_goal": "Meningkatnya kualitas pelayanan publik",
            "evidence_required": "on",
        },
    )
    assert response.status_code == 302
    indicator = agreement.indicators.get()
    assert indicator.baseline == Decimal("82.5") and indicator.target_q3 == Decimal("84.5")
    assert indicator.plan_goal_code == "RPJMD 2.1" and indicator.evidence_required

    client.post(reverse("performance:agreement_sign", args=[agreement.pk]))
    agreement.refresh_from_db()
    assert agreement.status == S.SIGNED and agreement.signed_at is not None

    response = client.post(
        reverse("performance:agreement_realisation", args=[agreement.pk]),
        {
            "indicator": indicator.pk,
            "quarter": "1",
            "value": "87,15",
            "evidence_url": "https://ppid.example.go.id/ikm-tw1.pdf",
        },
    )
    assert response.status_code == 302
    realisation = indicator.realisations.get()
    assert realisation.quarter == 1 and realisation.value == Decimal("87.15")
    page = html(client.get(detail(agreement)))
    # 87.15 / 83 = 105.0%; the goal and the evidence link are shown.
    assert "105" in page and "Meningkatnya kualitas pelayanan publik" in page
    assert "https://ppid.example.go.id/ikm-tw1.pdf" in page
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "performance_agreement.created",
        "performance_indicator.added",
        "performance_agreement.signed",
        "performance_realisation.recorded",
    } <= actions


def test_a_realisation_with_an_evidence_file_is_served_to_readers_only(
    client, head_a, leader, head_b, signed
):
    indicator = signed.indicators.get()
    photo = SimpleUploadedFile("bukti.png", png_bytes(), content_type="image/png")
    response = as_user(client, head_a).post(
        reverse("performance:agreement_realisation", args=[signed.pk]),
        {"indicator": indicator.pk, "quarter": "2", "value": "88", "evidence_file": photo},
    )
    assert response.status_code == 302
    realisation = indicator.realisations.get()
    assert realisation.evidence_name == "bukti.png"
    url = reverse("performance:realisation_evidence", args=[realisation.pk])
    assert url in html(client.get(detail(signed)))
    served = as_user(client, leader).get(url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert as_user(client, head_b).get(url).status_code == 404


def test_the_flag_and_the_buttons_follow_the_state(client, unit_admin_a, draft, signed):
    IndicatorFactory(agreement=draft, baseline=Decimal(90), target_year=Decimal(90))
    as_user(client, unit_admin_a)
    page = html(client.get(detail(draft)))
    assert "Target tidak naik dari realisasi tahun lalu" in page
    assert 'id="sign-button"' in page and "Catat realisasi" not in page
    page = html(client.get(detail(signed)))
    assert 'id="sign-button"' not in page and 'id="indicator-form"' not in page
    assert "Catat realisasi" in page
    assert "Target tidak naik" not in page


# --- bad input: an Indonesian message and nothing changes ---------------------------------------


@pytest.mark.parametrize(
    "data, message",
    [
        ({"year": "dua ribu"}, "Tahun harus berupa angka antara 2000 dan 2100."),
        ({"year": "1999"}, "Tahun harus berupa angka antara 2000 dan 2100."),
        ({"year": "2025"}, "Unit ini sudah memiliki perjanjian kinerja tahun 2025."),
        ({"unit": "unit_b", "year": "2026"}, "Unit tidak ditemukan atau bukan wewenang Anda."),
        ({"unit": "abc", "year": "2026"}, "Unit tidak ditemukan atau bukan wewenang Anda."),
    ],
)
def test_a_bad_new_agreement_is_refused(client, head_a, unit_a, unit_b, signed, data, message):
    data = {"unit": unit_a.pk, **data}
    if data["unit"] == "unit_b":
        data["unit"] = unit_b.pk
    before = writes()
    response = as_user(client, head_a).post(reverse("performance:agreements"), data)
    assert response.status_code == 400
    assert message in html(response)
    assert writes() == before


GOOD_INDICATOR = {
    "name": "Jumlah layanan",
    "measure": "layanan",
    "direction": "higher_is_better",
    "target_year": "100",
}


@pytest.mark.parametrize(
    "change, message",
    [
        ({"target_year": "sembilan puluh"}, "Isian harus berupa angka, misalnya 85 atau 12,5."),
        ({"target_q2": "1.000,5"}, "Isian harus berupa angka, misalnya 85 atau 12,5."),
        ({"baseline": "1e400"}, "Angka terlalu besar."),
        ({"target_q1": "1,23456"}, "Angka paling banyak memiliki empat angka desimal."),
        ({"direction": "naik"}, "Arah indikator harus"),
        ({"name": "   "}, "wajib"),
    ],
)
def test_a_bad_indicator_shows_the_message_and_adds_nothing(client, head_a, draft, change, message):
    before = writes()
    response = as_user(client, head_a).post(
        reverse("performance:agreement_indicator_add", args=[draft.pk]),
        {**GOOD_INDICATOR, **change},
    )
    assert response.status_code == 400
    assert message in html(response)
    assert writes() == before


def test_a_signed_agreement_takes_no_indicator_and_an_empty_one_cannot_be_signed(
    client, head_a, draft, signed
):
    as_user(client, head_a)
    before = writes()
    response = client.post(
        reverse("performance:agreement_indicator_add", args=[signed.pk]), GOOD_INDICATOR
    )
    assert response.status_code == 400
    assert "sudah ditandatangani tidak dapat diubah" in html(response)
    response = client.post(reverse("performance:agreement_sign", args=[draft.pk]), follow=True)
    assert "Tambahkan sedikitnya satu indikator sebelum menandatangani." in html(response)
    draft.refresh_from_db()
    assert draft.status == S.DRAFT
    assert writes() == before


@pytest.mark.parametrize(
    "change, message",
    [
        ({"quarter": "5"}, "Triwulan harus 1, 2, 3, atau 4."),
        ({"quarter": ""}, "Triwulan harus 1, 2, 3, atau 4."),
        ({"value": "banyak"}, "Isian harus berupa angka, misalnya 85 atau 12,5."),
        ({"evidence_url": ""}, "Indikator ini wajib disertai bukti dukung"),
        ({"evidence_url": "javascript:alert(1)"}, "Tautan bukti harus alamat web yang lengkap"),
        ({"indicator": "999999"}, "Indikator tidak ditemukan."),
    ],
)
def test_a_bad_realisation_shows_the_message_and_records_nothing(
    client, head_a, signed, change, message
):
    indicator = signed.indicators.get()
    data = {
        "indicator": indicator.pk,
        "quarter": "1",
        "value": "80",
        "evidence_url": "https://x.id",
    }
    before = writes()
    response = as_user(client, head_a).post(
        reverse("performance:agreement_realisation", args=[signed.pk]), {**data, **change}
    )
    assert response.status_code == 400
    assert message in html(response)
    assert writes() == before


def test_a_disguised_evidence_file_is_refused(client, head_a, signed):
    indicator = signed.indicators.get()
    fake = SimpleUploadedFile("bukti.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    before = writes()
    response = as_user(client, head_a).post(
        reverse("performance:agreement_realisation", args=[signed.pk]),
        {"indicator": indicator.pk, "quarter": "1", "value": "80", "evidence_file": fake},
    )
    assert response.status_code == 400
    assert "tidak diterima" in html(response)
    assert writes() == before


def test_realisation_waits_for_the_signature(client, head_a, draft):
    indicator = IndicatorFactory(agreement=draft)
    before = writes()
    response = as_user(client, head_a).post(
        reverse("performance:agreement_realisation", args=[draft.pk]),
        {"indicator": indicator.pk, "quarter": "1", "value": "80", "evidence_url": "https://x.id"},
    )
    assert response.status_code == 400
    assert "Realisasi dicatat setelah perjanjian kinerja ditandatangani." in html(response)
    assert writes() == before


# --- query counts -----------------------------------------------------------------------------------


def _filled(unit, year, indicators):
    agreement = AgreementFactory(unit=unit, year=year, status=S.SIGNED)
    for _n in range(indicators):
        indicator = IndicatorFactory(agreement=agreement)
        for quarter in (1, 2, 3, 4):
            Realisation.objects.create(
                indicator=indicator,
                quarter=quarter,
                value=Decimal(80 + quarter),
                evidence_url="https://x.id",
                recorded_at="2026-01-05T01:00:00Z",
            )
    return agreement


def test_the_detail_and_list_pages_run_a_bounded_number_of_queries(
    client, head_a, unit_a, django_assert_max_num_queries
):
    small = _filled(unit_a, 2024, 1)
    big = _filled(unit_a, 2025, 12)
    for year in range(2000, 2020):
        AgreementFactory(unit=unit_a, year=year)
    as_user(client, head_a)
    client.get(detail(small))  # warm the session and the role cache
    with django_assert_max_num_queries(12):
        assert client.get(detail(big)).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("performance:agreements")).status_code == 200


# --- the predikat distribution ----------------------------------------------------------------------


def _rated(unit, predikats: list[str], year=2026):
    superior = OfficialFactory(unit=unit)
    for value in predikats:
        SkpFactory(
            official=OfficialFactory(unit=unit), superior=superior, year=year, predikat=value
        )


@pytest.mark.parametrize(
    "who, status",
    [
        ("head_a", 200),
        ("region_admin", 200),
        ("unit_admin_a", 403),
        ("member_a", 403),
        ("head_b", 404),
        ("citizen", 403),
    ],
)
def test_the_predikat_page_opens_for_the_units_head_and_the_region_admin(
    client, request, unit_a, who, status
):
    as_user(client, request.getfixturevalue(who))
    response = client.get(reverse("performance:predikat"), {"unit": unit_a.pk, "tahun": "2026"})
    assert response.status_code == status


def test_the_official_who_heads_the_unit_reads_its_predikat(client, unit_a):
    head = official_with_account(unit_a, "kepala_unit_a")
    unit_a.head = head
    unit_a.save(update_fields=["head"])
    response = as_user(client, head.user).get(reverse("performance:predikat"))
    assert response.status_code == 200
    assert unit_a.name in html(response)


def test_a_breaking_distribution_shows_each_broken_rule_as_a_warning(client, head_a, unit_a):
    _rated(unit_a, ["baik"] * 8 + ["sangat_baik"] * 2)
    response = as_user(client, head_a).get(
        reverse("performance:predikat"), {"unit": unit_a.pk, "tahun": "2026"}
    )
    page = html(response)
    assert response.status_code == 200
    assert 'id="distribution-warning"' in page
    assert "paling banyak 70% pegawai berpredikat Baik; saat ini 8 dari 10 pegawai." in page
    assert "sedikitnya satu pegawai berpredikat Butuh Perbaikan atau Kurang/Misconduct" in page
    assert "(bawaan)" in page  # the unit's rating was not chosen: the default is said


def test_a_good_distribution_shows_no_warning(client, head_a, unit_a):
    _rated(unit_a, ["baik"] * 6 + ["sangat_baik"] * 2 + ["butuh_perbaikan"] * 2)
    page = html(
        as_user(client, head_a).get(
            reverse("performance:predikat"),
            {"unit": unit_a.pk, "tahun": "2026", "predikat_unit": "baik"},
        )
    )
    assert 'id="distribution-warning"' not in page
    assert 'id="distribution-ok"' in page
    assert "yang Anda pilih" in page


def test_the_units_rating_changes_the_rules(client, head_a, unit_a):
    _rated(unit_a, ["baik"] * 10)
    page = html(
        as_user(client, head_a).get(
            reverse("performance:predikat"),
            {"unit": unit_a.pk, "tahun": "2026", "predikat_unit": "istimewa"},
        )
    )
    assert 'id="distribution-warning"' not in page


@pytest.mark.parametrize(
    "params, message",
    [
        ({"predikat_unit": "luar_biasa"}, "Predikat unit harus salah satu dari"),
        ({"tahun": "20x6"}, "Tahun harus berupa angka antara 2000 dan 2100."),
    ],
)
def test_bad_predikat_choices_get_a_message(client, head_a, unit_a, params, message):
    response = as_user(client, head_a).get(
        reverse("performance:predikat"), {"unit": unit_a.pk, **params}
    )
    assert response.status_code == 400
    assert message in html(response)


def test_the_dashboard_shows_the_cards_to_who_they_concern(client, head_a, unit_admin_a):
    page = html(as_user(client, head_a).get(reverse("core:dashboard")))
    assert reverse("performance:agreements") in page and reverse("performance:predikat") in page
    page = html(as_user(client, unit_admin_a).get(reverse("core:dashboard")))
    assert reverse("performance:agreements") in page
    assert reverse("performance:predikat") not in page
