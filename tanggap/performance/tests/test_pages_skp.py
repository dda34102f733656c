"""The SKP pages: the list, starting an SKP, one SKP with its results and the add-result form, the
superior's quarterly review and the year-end ratings; who may open each, what a POST changes, and what
bad input is refused with (in Indonesian, changing nothing)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from tanggap.core.registry import areas_for
from tanggap.performance.models import (
    AutoSource,
    PerformanceAgreement,
    Skp,
    SkpQuarterReview,
    SkpResult,
    SkpResultRealisation,
)
from tanggap.performance.tests.factories import (
    AgreementFactory,
    IndicatorFactory,
    SkpFactory,
    SkpResultFactory,
)

pytestmark = pytest.mark.django_db
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


@pytest.fixture(autouse=True)
def _in_2026():
    with time_machine.travel(dt.datetime(2026, 5, 4, 9, 0, tzinfo=JAKARTA), tick=False):
        yield


@pytest.fixture
def skp(people):
    """The staff member's 2026 SKP, appraised by the head of unit A (`boss`)."""
    return SkpFactory(official=people["staff"], superior=people["boss"], year=2026)


@pytest.fixture
def other_admin(other_region):
    from tanggap.accounts.models import Role
    from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory

    user = UserFactory(username="admin_lain")
    RoleAssignmentFactory(user=user, role=Role.REGION_ADMIN, region=other_region)
    return user


@pytest.fixture
def who(request, people, head_a, region_admin, citizen, other_admin):
    """The signed-in user named by the test's parameter."""

    def user_of(name):
        accounts = {
            "head_a": head_a,
            "region_admin": region_admin,
            "citizen": citizen,
            "other_admin": other_admin,
        }
        return accounts[name] if name in accounts else people[name].user

    return user_of


def html(response) -> str:
    return response.content.decode()


def urls(skp) -> dict[str, str]:
    return {
        "detail": reverse("performance:skp", args=[skp.pk]),
        "review": reverse("performance:skp_review", args=[skp.pk, 1]),
        "rating": reverse("performance:skp_rating", args=[skp.pk]),
    }


# --- who may open what ------------------------------------------------------------------------------

# The staff member, their superior, the unit head (role, not an official), an official of another unit,
# the region admin, a citizen, another region's admin.
MATRIX = {
    "staff": {"detail": 200, "review": 403, "rating": 403},
    "boss": {"detail": 200, "review": 200, "rating": 200},
    "head_a": {"detail": 200, "review": 403, "rating": 403},
    "b_staff": {"detail": 404, "review": 404, "rating": 404},
    "region_admin": {"detail": 200, "review": 403, "rating": 403},
    "citizen": {"detail": 403, "review": 403, "rating": 403},
    "other_admin": {"detail": 404, "review": 404, "rating": 404},
}


@pytest.mark.parametrize("name", MATRIX)
def test_each_skp_page_opens_only_for_who_may_see_it(client, skp, who, name):
    client.force_login(who(name))
    pages = urls(skp)
    got = {page: client.get(url).status_code for page, url in pages.items()}
    assert got == MATRIX[name]


LIST_SEES_STAFF = {
    "staff": True,
    "boss": True,
    "head_a": True,
    "b_staff": False,
    "region_admin": True,
    "other_admin": False,  # a region admin, of another region
}


@pytest.mark.parametrize("name", LIST_SEES_STAFF)
def test_the_list_shows_the_staff_members_skp_only_to_who_may_see_it(client, skp, who, name):
    client.force_login(who(name))
    response = client.get(reverse("performance:skp_list"))
    assert response.status_code == 200
    shown = reverse("performance:skp", args=[skp.pk]) in html(response)
    assert shown is LIST_SEES_STAFF[name]


def test_a_citizen_is_refused_the_list_and_the_create_button(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("performance:skp_list")).status_code == 403
    response = client.post(reverse("performance:skp_create"), {"official": 1, "year": 2026})
    assert response.status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, skp):
    for url in [reverse("performance:skp_list"), *urls(skp).values()]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/akun/masuk/" in response["Location"]


def test_the_superior_sees_the_teams_progress_and_who_has_no_skp_yet(client, people, skp):
    SkpResultFactory(skp=skp)
    SkpResultFactory(skp=skp)
    SkpQuarterReview.objects.create(skp=skp, quarter=2, reviewed_at=dt.datetime.now(tz=JAKARTA))
    skp.predikat = "baik"
    skp.save(update_fields=["predikat"])
    client.force_login(people["boss"].user)
    page = html(client.get(reverse("performance:skp_list")))
    assert "2 hasil kerja" in page
    assert "ditinjau s.d. triwulan 2" in page
    assert "Baik" in page
    # The peer (same unit) and the UPTD's head have no SKP: the superior may start one for them.
    assert people["peer"].name in page
    assert people["sub_head"].name in page
    assert page.count("Buat SKP 2026") >= 3  # the boss's own, the peer's, the UPTD head's


# --- starting an SKP -------------------------------------------------------------------------------


def test_an_official_starts_their_own_skp_with_their_superior_as_appraiser(client, people):
    staff = people["staff"]
    client.force_login(staff.user)
    response = client.post(reverse("performance:skp_create"), {"official": staff.pk, "year": 2026})
    skp = Skp.objects.get(official=staff, year=2026)
    assert response.status_code == 302
    assert response["Location"] == reverse("performance:skp", args=[skp.pk])
    assert skp.superior == people["boss"]


def test_the_superior_starts_a_team_members_skp(client, people):
    client.force_login(people["boss"].user)
    client.post(reverse("performance:skp_create"), {"official": people["peer"].pk, "year": 2026})
    assert Skp.objects.filter(official=people["peer"], year=2026, superior=people["boss"]).exists()


def test_an_official_of_another_unit_cannot_start_someone_elses_skp(client, people):
    client.force_login(people["b_staff"].user)
    response = client.post(
        reverse("performance:skp_create"),
        {"official": people["staff"].pk, "year": 2026},
        follow=True,
    )
    assert "Pegawai tidak ditemukan atau bukan wewenang Anda." in html(response)
    assert not Skp.objects.exists()


def test_a_second_skp_for_the_same_year_is_refused_in_indonesian(client, people, skp):
    client.force_login(people["staff"].user)
    response = client.post(
        reverse("performance:skp_create"),
        {"official": people["staff"].pk, "year": 2026},
        follow=True,
    )
    assert "sudah memiliki SKP tahun 2026" in html(response)
    assert Skp.objects.count() == 1


def test_the_create_button_refuses_a_get(client, people):
    client.force_login(people["staff"].user)
    assert client.get(reverse("performance:skp_create")).status_code == 405


# --- the SKP page and its results ------------------------------------------------------------------


def test_the_skp_page_masks_the_nip_and_shows_the_cascade_and_realisation(client, people, skp):
    agreement = AgreementFactory(
        unit=people["staff"].unit, year=2026, status=PerformanceAgreement.Status.SIGNED
    )
    indicator = IndicatorFactory(agreement=agreement, name="Indeks kepuasan masyarakat")
    result = SkpResultFactory(
        skp=skp, text="Layanan KTP", indicator=indicator, source=AutoSource.TICKETS_SERVED
    )
    review = SkpQuarterReview.objects.create(
        skp=skp,
        quarter=1,
        results_feedback="Capaian baik",
        behaviour_feedback={"akuntabel": "Laporan tepat waktu"},
        reviewed_at=dt.datetime.now(tz=JAKARTA),
    )
    SkpResultRealisation.objects.create(review=review, result=result, value=Decimal("42"))
    client.force_login(people["staff"].user)
    page = html(client.get(reverse("performance:skp", args=[skp.pk])))
    nip = people["staff"].nip
    assert nip not in page
    assert f"{nip[:4]}{'*' * 12}{nip[-2:]}" in page
    assert people["boss"].name in page
    assert "Indeks kepuasan masyarakat" in page
    assert "Otomatis" in page
    assert "<strong>42</strong>" in page
    assert "Capaian baik" in page
    assert "Akuntabel" in page and "Laporan tepat waktu" in page


def _result_post(**extra):
    return {
        "text": "Pelayanan KTP-el selesai tepat waktu",
        "target": "95,5",
        "measure": "%",
        "direction": "higher_is_better",
        "parent": "",
        "source": "",
        **extra,
    }


def test_the_official_adds_a_result_cascading_from_the_units_signed_agreement(
    client, people, skp, indicator
):
    client.force_login(people["staff"].user)
    url = reverse("performance:skp", args=[skp.pk])
    response = client.post(url, _result_post(parent=f"indikator-{indicator.pk}"))
    assert response.status_code == 302
    result = SkpResult.objects.get(skp=skp)
    assert result.indicator == indicator
    assert result.parent_result is None
    assert result.target == Decimal("95.5")


def test_a_result_cascades_from_the_superiors_result(client, people, skp):
    boss_skp = SkpFactory(official=people["boss"], superior=people["sub_head"], year=2026)
    parent = SkpResultFactory(skp=boss_skp, text="Kepuasan layanan dinas")
    client.force_login(people["staff"].user)
    page = html(client.get(reverse("performance:skp", args=[skp.pk])))
    assert "Kepuasan layanan dinas" in page  # offered as a parent
    client.post(
        reverse("performance:skp", args=[skp.pk]),
        _result_post(parent=f"atasan-{parent.pk}", source=AutoSource.TICKETS_SERVED),
    )
    result = SkpResult.objects.get(skp=skp)
    assert result.parent_result == parent
    assert result.source == AutoSource.TICKETS_SERVED


def test_a_parent_from_another_unit_is_refused_and_nothing_is_added(client, people, skp, unit_b):
    foreign = IndicatorFactory(
        agreement=AgreementFactory(
            unit=unit_b, year=2026, status=PerformanceAgreement.Status.SIGNED
        )
    )
    client.force_login(people["staff"].user)
    response = client.post(
        reverse("performance:skp", args=[skp.pk]), _result_post(parent=f"indikator-{foreign.pk}")
    )
    assert response.status_code == 400
    assert "Pilih indikator perjanjian kinerja unit atau hasil kerja atasan dari daftar." in html(
        response
    )
    assert not SkpResult.objects.exists()


def test_an_unsigned_agreements_indicator_is_not_offered(client, people, skp):
    draft = IndicatorFactory(
        agreement=AgreementFactory(unit=people["staff"].unit, year=2026),
        name="Indikator draf",
    )
    client.force_login(people["staff"].user)
    page = html(client.get(reverse("performance:skp", args=[skp.pk])))
    assert "Indikator draf" not in page
    client.post(
        reverse("performance:skp", args=[skp.pk]), _result_post(parent=f"indikator-{draft.pk}")
    )
    assert not SkpResult.objects.exists()


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("", "Bidang ini harus diisi."),
        ("abc", "Isian harus berupa angka"),
        ("NaN", "Isian harus berupa angka"),
        ("1,2.3", "Isian harus berupa angka"),
    ],
)
def test_a_bad_target_is_refused_in_indonesian(client, people, skp, target, message):
    client.force_login(people["staff"].user)
    response = client.post(reverse("performance:skp", args=[skp.pk]), _result_post(target=target))
    assert response.status_code == 400
    assert message in html(response)
    assert not SkpResult.objects.exists()


def test_readers_who_may_not_edit_get_no_form_and_their_post_is_refused(
    client, skp, region_admin, head_a
):
    url = reverse("performance:skp", args=[skp.pk])
    for user in (region_admin, head_a):
        client.force_login(user)
        assert "Tambah hasil kerja" not in html(client.get(url))
        assert client.post(url, _result_post()).status_code == 403
    assert not SkpResult.objects.exists()


# --- the quarterly review --------------------------------------------------------------------------


def _review_post(result, value="40", **extra):
    return {
        f"realisations.{result.pk}": value,
        "results_feedback": "Sesuai rencana",
        "behaviour_feedback.berorientasi_pelayanan": "Ramah kepada warga",
        "behaviour_feedback.kolaboratif": "Membantu rekan",
        **extra,
    }


def test_the_superior_writes_a_quarter_review(client, people, skp):
    result = SkpResultFactory(skp=skp)
    client.force_login(people["boss"].user)
    response = client.post(
        reverse("performance:skp_review", args=[skp.pk, 2]), _review_post(result, "40,5")
    )
    assert response.status_code == 302
    review = SkpQuarterReview.objects.get(skp=skp, quarter=2)
    assert review.results_feedback == "Sesuai rencana"
    assert review.behaviour_feedback == {
        "berorientasi_pelayanan": "Ramah kepada warga",
        "kolaboratif": "Membantu rekan",
    }
    assert review.realisations.get().value == Decimal("40.5")
    # The form shows what was written when opened again.
    again = html(client.get(reverse("performance:skp_review", args=[skp.pk, 2])))
    assert 'value="40.5"' in again and "Ramah kepada warga" in again


def test_the_review_page_lists_all_seven_berakhlak_values(client, people, skp):
    client.force_login(people["boss"].user)
    page = html(client.get(reverse("performance:skp_review", args=[skp.pk, 1])))
    for label in (
        "Berorientasi Pelayanan",
        "Akuntabel",
        "Kompeten",
        "Harmonis",
        "Loyal",
        "Adaptif",
        "Kolaboratif",
    ):
        assert label in page


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-3", "Realisasi tidak boleh negatif."),
        ("NaN", "Isian harus berupa angka"),
        ("Infinity", "Isian harus berupa angka"),
        ("tiga", "Isian harus berupa angka"),
    ],
)
def test_a_bad_realisation_is_refused_and_nothing_is_written(client, people, skp, value, message):
    result = SkpResultFactory(skp=skp)
    client.force_login(people["boss"].user)
    response = client.post(
        reverse("performance:skp_review", args=[skp.pk, 1]), _review_post(result, value)
    )
    assert response.status_code == 400
    assert message in html(response)
    assert not SkpQuarterReview.objects.exists()


def test_quarter_five_is_refused_in_indonesian(client, people, skp):
    result = SkpResultFactory(skp=skp)
    client.force_login(people["boss"].user)
    url = reverse("performance:skp_review", args=[skp.pk, 5])
    assert client.get(url).status_code == 400
    response = client.post(url, _review_post(result))
    assert response.status_code == 400
    assert "Triwulan harus 1, 2, 3, atau 4." in html(response)
    assert not SkpQuarterReview.objects.exists()


@pytest.mark.parametrize("name", ["staff", "head_a", "region_admin", "peer"])
def test_only_the_appraiser_may_write_a_review(client, skp, who, name):
    result = SkpResultFactory(skp=skp)
    client.force_login(who(name))
    response = client.post(
        reverse("performance:skp_review", args=[skp.pk, 1]), _review_post(result)
    )
    assert response.status_code in {403, 404}
    assert response.status_code == (404 if name == "peer" else 403)
    assert not SkpQuarterReview.objects.exists()


# --- the year-end ratings --------------------------------------------------------------------------


def test_the_superior_rates_the_year_and_the_page_shows_the_predikat(client, people, skp):
    client.force_login(people["boss"].user)
    url = reverse("performance:skp_rating", args=[skp.pk])
    response = client.post(url, {"hasil_kerja": "atas", "perilaku": "atas"}, follow=True)
    skp.refresh_from_db()
    assert skp.predikat == "sangat_baik"
    assert skp.status == Skp.Status.CLOSED
    assert (skp.hasil_kerja_rating, skp.perilaku_rating) == ("atas", "atas")
    assert "Sangat Baik" in html(response)
    # The official sees it on their SKP.
    client.force_login(people["staff"].user)
    assert "Sangat Baik" in html(client.get(reverse("performance:skp", args=[skp.pk])))


@pytest.mark.parametrize(
    "data",
    [
        {"hasil_kerja": "luar_biasa", "perilaku": "atas"},
        {"hasil_kerja": "atas", "perilaku": "Atas"},
        {"hasil_kerja": "atas"},
    ],
)
def test_a_rating_outside_the_three_values_is_refused(client, people, skp, data):
    client.force_login(people["boss"].user)
    response = client.post(reverse("performance:skp_rating", args=[skp.pk]), data)
    assert response.status_code == 400
    assert "Penilaian harus salah satu dari: di bawah, sesuai, atau di atas ekspektasi." in html(
        response
    )
    skp.refresh_from_db()
    assert skp.predikat == "" and skp.status == Skp.Status.DRAFT


@pytest.mark.parametrize("name", ["staff", "head_a", "region_admin"])
def test_only_the_appraiser_may_rate(client, skp, who, name):
    client.force_login(who(name))
    response = client.post(
        reverse("performance:skp_rating", args=[skp.pk]),
        {"hasil_kerja": "atas", "perilaku": "atas"},
    )
    assert response.status_code == 403
    skp.refresh_from_db()
    assert skp.predikat == ""


def test_a_rated_skp_takes_no_more_reviews(client, people, skp):
    result = SkpResultFactory(skp=skp)
    skp.status = Skp.Status.CLOSED
    skp.save(update_fields=["status"])
    client.force_login(people["boss"].user)
    response = client.post(
        reverse("performance:skp_review", args=[skp.pk, 4]), _review_post(result)
    )
    assert response.status_code == 400
    assert "SKP yang sudah dinilai tidak dapat diubah." in html(response)
    assert not SkpQuarterReview.objects.exists()


# --- query counts and the dashboard card ------------------------------------------------------------


def _team_with_skps(people, unit_a, names):
    from tanggap.attendance.tests.factories import official_with_account

    for name in names:
        member = official_with_account(unit_a, name)
        skp = SkpFactory(official=member, superior=people["boss"], year=2026)
        SkpResultFactory(skp=skp)
        SkpQuarterReview.objects.create(skp=skp, quarter=1, reviewed_at=dt.datetime.now(tz=JAKARTA))


def test_the_list_reads_a_fixed_number_of_queries(
    client, people, unit_a, django_assert_max_num_queries
):
    _team_with_skps(people, unit_a, [f"anggota_{i}" for i in range(2)])
    client.force_login(people["boss"].user)
    url = reverse("performance:skp_list")
    with django_assert_max_num_queries(15) as few:
        client.get(url)
    _team_with_skps(people, unit_a, [f"anggota_{i}" for i in range(2, 14)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert html(response).count("ditinjau s.d. triwulan 1") == 14


def test_the_skp_page_reads_a_fixed_number_of_queries(
    client, people, skp, django_assert_max_num_queries
):
    for quarter in (1, 2, 3):
        review = SkpQuarterReview.objects.create(
            skp=skp, quarter=quarter, reviewed_at=dt.datetime.now(tz=JAKARTA)
        )
        for _ in range(4):
            result = SkpResultFactory(skp=skp)
            SkpResultRealisation.objects.create(review=review, result=result, value=Decimal("1"))
    client.force_login(people["staff"].user)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("performance:skp", args=[skp.pk]))
    assert response.status_code == 200


def test_officials_get_the_skp_card_on_the_dashboard(people, citizen, region_admin):
    assert "performance.skp" in {a.key for a in areas_for(people["staff"].user)}
    assert "performance.skp" not in {a.key for a in areas_for(citizen)}
    assert "performance.skp" not in {a.key for a in areas_for(region_admin)}


def test_the_skp_pages_speak_english_by_the_switch(client, people, skp):
    from django.conf import settings

    client.force_login(people["staff"].user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = html(client.get(reverse("performance:skp_list")))
    assert "My SKP" in page
    detail = html(client.get(reverse("performance:skp", args=[skp.pk])))
    assert "Add a result" in detail
    assert "Cascades from" in detail


def test_an_automatic_result_is_shown_from_the_platform_and_never_typed(client, people, skp):
    from tanggap.performance.models import SkpAutoFigure

    typed = SkpResultFactory(skp=skp, text="Laporan bulanan")
    auto = SkpResultFactory(skp=skp, text="Tiket terlayani", source=AutoSource.TICKETS_SERVED)
    client.force_login(people["boss"].user)
    url = reverse("performance:skp_review", args=[skp.pk, 1])
    page = html(client.get(url))
    assert f'name="realisations.{typed.pk}"' in page
    assert f'name="realisations.{auto.pk}"' not in page
    assert "Belum dihitung; angka diambil dari catatan platform saat tinjauan disimpan." in page
    assert not SkpAutoFigure.objects.exists()  # a GET computes and writes nothing

    SkpAutoFigure.objects.create(
        result=auto,
        quarter=1,
        source=AutoSource.TICKETS_SERVED,
        value=Decimal("17"),
        figures={"served": 17},
        computed_at=dt.datetime(2026, 5, 3, 18, 40, tzinfo=JAKARTA),
    )
    assert "Realisasi dari catatan platform: <strong>17</strong>" in html(client.get(url))

    response = client.post(url, _review_post(typed, "3", **{f"realisations.{auto.pk}": "999"}))
    assert response.status_code == 302
    review = SkpQuarterReview.objects.get(skp=skp, quarter=1)
    values = {r.result_id: r.value for r in review.realisations.all()}
    assert values[typed.pk] == Decimal("3")
    # The automatic result takes the platform's figure of the quarter, not the posted 999.
    figure = SkpAutoFigure.objects.get(result=auto, quarter=1)
    assert values.get(auto.pk) == figure.value != Decimal("999")
