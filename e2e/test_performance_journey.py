"""The performance journey on a 360 px phone against the demo data (issue 11).

The head of Dinas Dukcapil sets next year's perjanjian kinerja: one indicator whose target does not rise
over last year's realisation (flagged, seed 003), then signs it. An official of Dukcapil makes their SKP
for that year and adds a result cascading from the indicator. The head (the official's direct superior and
appraiser) writes the first quarter's review with feedback on the results and the seven BerAKHLAK values,
then gives the year-end ratings, which give the predikat by the matrix. For a unit rated Sangat Kurang,
the unit's distribution (one Sangat Baik of one) breaks the rules and the predikat page shows the warning.

Next year (today's year + 1) keeps the journey clear of the demo's agreements and SKPs of this year.
"""

from __future__ import annotations

import re

import pytest

from e2e.conftest import ARTIFACTS, PASSWORD, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

REGION, UNIT = "kab-blitar", "dukcapil"
HEAD = "kadis.dukcapil"  # heads Dukcapil (unit head role): sets the agreement, appraises its staff
OFFICIAL = "pengaduan.dukcapil"  # an official of Dukcapil
PHONE = {"width": 360, "height": 780}
INDICATOR = "Persentase dokumen kependudukan terbit dalam 1 hari kerja"
RESULT = "Dokumen kependudukan yang saya proses terbit dalam 1 hari kerja"


def phone(browser, base: str):
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15000)
    return page


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"performance-{name}.png"), full_page=True)


def test_an_agreement_cascades_into_an_skp_reviewed_rated_and_checked_against_the_rules(
    browser, live_server, demo
):
    from django.utils import timezone

    from tanggap.org.models import Official, Unit
    from tanggap.performance.models import Indicator, PerformanceAgreement, Skp, SkpQuarterReview

    base = live_server.url
    year = timezone.localdate().year + 1
    unit = Unit.objects.get(region__slug=REGION, slug=UNIT)
    official = Official.objects.get(user__username=OFFICIAL)
    assert official.unit_id == unit.pk and unit.head.user.username == HEAD
    assert not PerformanceAgreement.objects.filter(unit=unit, year=year).exists()
    assert not Skp.objects.filter(official=official, year=year).exists()

    head = phone(browser, base)
    worker = phone(browser, base)
    try:
        # 1. The unit head creates the agreement as a draft, adds an indicator, and signs it.
        sign_in(head, base, HEAD, PASSWORD, "/kinerja/perjanjian/")
        head.wait_for_url(re.compile(r"/kinerja/perjanjian/$"))
        create = head.locator("form", has=head.get_by_role("button", name="Buat draf"))
        create.get_by_label("Unit").select_option(label=unit.name)
        create.get_by_label("Tahun").fill(str(year))
        create.get_by_role("button", name="Buat draf").click()
        head.get_by_text("Perjanjian kinerja dibuat sebagai draf.").wait_for()
        agreement = PerformanceAgreement.objects.get(unit=unit, year=year)
        assert agreement.status == PerformanceAgreement.Status.DRAFT

        form = head.locator("#indicator-form")
        form.locator("#id_name").fill(INDICATOR)
        form.locator("#id_measure").fill("%")
        form.get_by_label("Baseline (realisasi tahun lalu)").fill("92,5")
        form.locator("#id_target_year").fill("90")  # below last year's realisation
        for quarter, target in zip(("I", "II", "III", "IV"), ("85", "88", "89", "90"), strict=True):
            form.get_by_label(f"Target triwulan {quarter}", exact=True).fill(target)
        form.get_by_label("Kode sasaran RPJMD/Renstra").fill("S2.1")
        form.locator("#id_plan_goal").fill(
            "Meningkatnya kualitas pelayanan administrasi kependudukan"
        )
        form.get_by_role("button", name="Tambahkan").click()
        head.get_by_text("Indikator ditambahkan.").wait_for()
        row = head.locator("tr", has_text=INDICATOR).first
        assert "Target tidak naik dari realisasi tahun lalu" in row.inner_text()
        shot(head, "1-agreement-draft")
        head.get_by_role("button", name="Tandatangani perjanjian kinerja").click()
        head.wait_for_load_state()
        agreement.refresh_from_db()
        assert agreement.status == PerformanceAgreement.Status.SIGNED
        assert head.locator("#sign-button").count() == 0
        indicator = Indicator.objects.get(agreement=agreement)
        shot(head, "1-agreement-signed")

        # 2. The official makes the SKP for that year and adds a result cascading from the indicator.
        sign_in(worker, base, OFFICIAL, PASSWORD, f"/kinerja/skp/?tahun={year}")
        worker.wait_for_url(re.compile(r"/kinerja/skp/\?tahun=\d+$"))
        worker.locator("#mine-title").wait_for()
        worker.get_by_role("button", name=f"Buat SKP {year}").first.click()
        worker.wait_for_url(re.compile(r"/kinerja/skp/\d+/$"))
        skp = Skp.objects.get(official=official, year=year)
        assert skp.superior_id == unit.head_id
        worker.locator("#id_text").fill(RESULT)
        worker.locator("#id_target").fill("95")
        worker.locator("#id_measure").fill("%")
        worker.get_by_label("Diturunkan dari").select_option(f"indikator-{indicator.pk}")
        worker.get_by_role("button", name="Tambah", exact=True).click()
        worker.get_by_text("Hasil kerja ditambahkan.").wait_for()
        results = worker.locator("#results").inner_text()
        assert RESULT in results
        assert f"Diturunkan dari indikator perjanjian kinerja unit: {INDICATOR}" in results
        (result,) = skp.results.all()
        assert result.indicator_id == indicator.pk
        shot(worker, "2-skp-cascaded")

        # 3. The head writes the first quarter's review.
        head.goto(f"{base}/kinerja/skp/{skp.pk}/")
        head.get_by_role("link", name="Tinjau triwulan I", exact=True).click()
        head.wait_for_url(re.compile(rf"/kinerja/skp/{skp.pk}/triwulan/1/$"))
        head.get_by_label(RESULT).fill("93,4")
        head.get_by_label("Umpan balik hasil kerja").fill(
            "Hampir mencapai target; percepat verifikasi berkas yang tidak lengkap."
        )
        head.get_by_label("Berorientasi Pelayanan").fill("Ramah dan sigap melayani warga di loket.")
        head.get_by_label("Kolaboratif").fill("Aktif berkoordinasi dengan kecamatan.")
        shot(head, "3-review-form")
        head.get_by_role("button", name="Simpan tinjauan").click()
        head.wait_for_url(re.compile(rf"/kinerja/skp/{skp.pk}/$"))
        reviews = head.locator("#reviews").inner_text()
        assert "Triwulan 1" in reviews and "percepat verifikasi" in reviews
        assert "Ramah dan sigap melayani warga di loket." in reviews
        review = SkpQuarterReview.objects.get(skp=skp, quarter=1)
        assert review.behaviour_feedback["kolaboratif"] == "Aktif berkoordinasi dengan kecamatan."
        assert "TW1 93,4" in head.locator("#results").inner_text()

        # 4. The year-end ratings give the predikat by the matrix: atas × atas → Sangat Baik.
        head.get_by_role("link", name="Penilaian akhir tahun").click()
        head.wait_for_url(re.compile(rf"/kinerja/skp/{skp.pk}/nilai/$"))
        head.locator("fieldset", has_text="Penilaian hasil kerja").get_by_label(
            "Di Atas Ekspektasi"
        ).check()
        head.locator("fieldset", has_text="Penilaian perilaku kerja").get_by_label(
            "Di Atas Ekspektasi"
        ).check()
        head.get_by_role("button", name="Simpan penilaian").click()
        head.get_by_text("Sangat Baik").first.wait_for()
        skp.refresh_from_db()
        assert (skp.hasil_kerja_rating, skp.perilaku_rating, skp.predikat) == (
            "atas",
            "atas",
            "sangat_baik",
        )
        shot(head, "4-predikat")

        # 5. For a unit rated Sangat Kurang, one Sangat Baik of one breaks the rules: the warning shows.
        head.goto(
            f"{base}/kinerja/predikat/?unit={unit.pk}&tahun={year}&predikat_unit=sangat_kurang"
        )
        warning = head.locator("#distribution-warning")
        warning.wait_for()
        assert "Sangat Baik" in warning.inner_text()
        assert head.locator("#distribution-ok").count() == 0
        counts = head.locator("#predikat-counts").inner_text()
        assert "Sangat Baik" in counts
        shot(head, "5-distribution-warning")
    finally:
        for page in (head, worker):
            page.context.close()
