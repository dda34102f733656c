"""A jury round from submission to published results, on a 360 px phone against the demo data (issue 12,
"Done when": "a jury round runs from submission to published results").

The innovation office of Kabupaten Blitar (BRIDA) creates a blind region round (2 reviews per proposal,
Top 1), adds a category, the rubric (weights summing to 90 first: refused with a message), a stage, and
opens it. The head of Dukcapil proposes an eligible implemented innovation (an ineligible one is listed
with its reason) and submits it; the MPP's unit administrator submits a second proposal so the ranking has
two entries. The office screens both, starts the jury scoring, adds two outside experts on the round's
jury page and runs the assignment. Each juror scores every rubric item and sends. The office publishes;
the public results page (signed out) shows the ranking and the Top N, and the winner's certificate is a
PDF.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from e2e.conftest import ARTIFACTS, PASSWORD, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

REGION = "kab-blitar"
OFFICE = "brida.kabblitar"
OWNERS = (("kadis.dukcapil", "dukcapil"), ("admin.mpp", "mpp"))  # (account, unit slug)
JURORS = ("juri.akademisi1", "juri.praktisi")
PHONE = {"width": 360, "height": 780}
ROUND = "Lomba Inovasi Daerah Kabupaten Blitar (uji jalan)"
CATEGORY = "Pelayanan publik"
RUBRIC_90 = "kebaruan | Kebaruan | 30\nmanfaat | Manfaat bagi warga | 40\nkeberlanjutan | Keberlanjutan | 20"
RUBRIC = "kebaruan | Kebaruan | 30\nmanfaat | Manfaat bagi warga | 40\nkeberlanjutan | Keberlanjutan | 30"
# Each juror's scores, per owner: Dukcapil's proposal scores higher, so it is the Top 1.
SCORES = {"dukcapil": ("90", "85", "80"), "mpp": ("70", "65", "60")}


def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15000)
    return page


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"round-{name}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name}: the page is {width} px wide on a 360 px phone"


def form_with(page, button: str):
    return page.locator("form", has=page.get_by_role("button", name=button, exact=True))


def exact(label: str) -> re.Pattern:
    """A label matched whole (a required field's label ends with an asterisk)."""
    return re.compile(rf"^{re.escape(label)}(\s*\*)?$")


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def qualifying(unit, opens_on: dt.date):
    """The unit's innovations that may enter a round opening on `opens_on` (stage penerapan, assessed
    "memenuhi", implemented at least a year before), and the others."""
    from tanggap.innovation.models import Assessment, Innovation

    done = set(
        Assessment.objects.filter(
            innovation__unit=unit,
            status=Assessment.Status.DONE,
            result=Assessment.Result.MEMENUHI,
        ).values_list("innovation_id", flat=True)
    )
    good, bad = [], []
    for innovation in Innovation.objects.filter(unit=unit, is_active=True).order_by("name", "pk"):
        ok = (
            innovation.stage == Innovation.Stage.PENERAPAN
            and innovation.pk in done
            and innovation.implemented_on is not None
            and _years_after(innovation.implemented_on, 1) <= opens_on
        )
        (good if ok else bad).append(innovation)
    return good, bad


def test_a_jury_round_runs_from_submission_to_published_results(browser, live_server, demo):
    from django.utils import timezone

    from tanggap.innovation.models import Proposal, Review, Round, Score
    from tanggap.org.models import Unit

    base = live_server.url
    today = timezone.localdate()
    units = {slug: Unit.objects.get(region__slug=REGION, slug=slug) for _, slug in OWNERS}
    picks = {}
    for username, slug in OWNERS:
        good, bad = qualifying(units[slug], today)
        if good:
            picks[username] = (slug, good[0], bad)
    assert "kadis.dukcapil" in picks, "the demo has no qualifying innovation of Dukcapil"
    dukcapil_bad = picks["kadis.dukcapil"][2]
    assert dukcapil_bad, "the demo has no ineligible innovation of Dukcapil to list"
    owners = [u for u, _ in OWNERS if u in picks]

    office = phone(browser)
    pages = [office]
    try:
        # 1. The office creates the round, its category, rubric and stage, and opens it.
        sign_in(office, base, OFFICE, PASSWORD, "/inovasi/lomba/baru/")
        office.wait_for_url(re.compile(r"/inovasi/lomba/baru/$"))
        office.get_by_label("Penyelenggara").select_option(label="Kabupaten Blitar")
        office.get_by_label("Nama lomba").fill(ROUND)
        office.get_by_label(exact("Tahun")).fill(str(today.year))
        office.get_by_label(exact("Gaya")).select_option(value=Round.Style.LOCAL)
        office.get_by_label("Pendaftaran dibuka").fill(today.isoformat())
        office.get_by_label("Pendaftaran ditutup").fill((today + dt.timedelta(days=30)).isoformat())
        office.get_by_label("Penilaian per proposal").fill("2")
        office.get_by_label("Jumlah Top N").fill("1")
        blind = office.get_by_label("Penilaian buta")
        if not blind.is_checked():
            blind.check()
        shot(office, "1-new")
        office.get_by_role("button", name="Simpan").click()
        office.get_by_text("Lomba dibuat sebagai draf.").wait_for()
        round_ = Round.objects.get(name=ROUND)
        office.wait_for_url(re.compile(rf"/inovasi/lomba/{round_.pk}/$"))

        add = form_with(office, "Tambah kategori")
        add.get_by_label(exact("Kode")).fill("pelayanan")
        add.get_by_label("Nama kategori").fill(CATEGORY)
        add.get_by_role("button", name="Tambah kategori").click()
        office.get_by_text("Kategori ditambahkan.").wait_for()

        form_with(office, "Simpan rubrik").get_by_label("Kriteria").fill(RUBRIC_90)
        office.get_by_role("button", name="Simpan rubrik").click()
        office.get_by_text(re.compile(r"Jumlah bobot kriteria harus 100% \(sekarang 90")).wait_for()
        shot(office, "1-rubric-90")
        assert not round_.rubric.exists()
        form_with(office, "Simpan rubrik").get_by_label("Kriteria").fill(RUBRIC)
        office.get_by_role("button", name="Simpan rubrik").click()
        office.get_by_text("Rubrik penilaian disimpan.").wait_for()

        stage = form_with(office, "Tambah tahap")
        stage.get_by_label(exact("Jenis")).select_option(value="administrasi")
        stage.get_by_label("Nama tahap").fill("Seleksi administrasi")
        stage.get_by_label(exact("Mulai")).fill(today.isoformat())
        stage.get_by_label(exact("Selesai")).fill((today + dt.timedelta(days=40)).isoformat())
        stage.get_by_role("button", name="Tambah tahap").click()
        office.get_by_text("Tahap ditambahkan.").wait_for()
        shot(office, "1-draft")
        office.get_by_role("button", name="Buka pendaftaran").click()
        office.get_by_text("Status lomba diperbarui.").wait_for()
        round_.refresh_from_db()
        assert round_.status == Round.Status.OPEN
        assert round_.blind and round_.reviews_per_proposal == 2 and round_.top_n == 1
        assert [i.weight for i in round_.rubric.all()] == [30, 40, 30]

        # 2. Each unit proposes an eligible innovation and submits it.
        proposals = {}
        for username in owners:
            slug, innovation, bad = picks[username]
            owner = phone(browser)
            pages.append(owner)
            sign_in(owner, base, username, PASSWORD, f"/inovasi/lomba/{round_.pk}/")
            owner.wait_for_url(re.compile(rf"/inovasi/lomba/{round_.pk}/$"))
            owner.get_by_role("link", name="Ajukan proposal").click()
            owner.wait_for_url(re.compile(rf"/inovasi/lomba/{round_.pk}/proposal/baru/$"))
            if username == "kadis.dukcapil":
                listed = owner.locator("#ineligible").inner_text()
                assert bad[0].name in listed
                assert re.search(r"Tahapan inovasi|diterapkan minimal|belum dinilai", listed)
                shot(owner, "2-propose")
            owner.get_by_label(exact("Inovasi")).select_option(value=str(innovation.pk))
            owner.get_by_label(exact("Kategori")).select_option(label=CATEGORY)
            owner.get_by_label("Judul proposal").fill(f"{innovation.name} untuk warga Blitar")
            owner.get_by_role("button", name="Buat draf proposal").click()
            owner.get_by_text("Proposal dibuat sebagai draf.").first.wait_for()
            owner.get_by_role("button", name="Ajukan", exact=True).click()
            owner.get_by_text("Proposal diajukan.").wait_for()
            proposal = Proposal.objects.get(round=round_, innovation=innovation)
            assert proposal.status == Proposal.Status.SUBMITTED
            assert proposal.unit_id == units[slug].pk
            proposals[slug] = proposal
            shot(owner, f"2-submitted-{slug}")

        # 3. The office screens, starts the jury scoring, adds the jurors and assigns them.
        office.goto(f"{base}/inovasi/lomba/{round_.pk}/")
        office.get_by_role("button", name="Mulai seleksi administrasi").click()
        office.get_by_text("Status lomba diperbarui.").wait_for()
        for proposal in proposals.values():
            office.get_by_role("link", name=re.compile(re.escape(proposal.code))).click()
            office.wait_for_url(re.compile(rf"/proposal/{proposal.pk}/$"))
            office.get_by_role("button", name="Lolos", exact=True).click()
            office.get_by_text("Hasil seleksi administrasi dicatat.").wait_for()
            office.get_by_role("link", name=ROUND).click()
            office.wait_for_url(re.compile(rf"/inovasi/lomba/{round_.pk}/$"))
        office.get_by_role("button", name="Mulai penilaian juri").click()
        office.get_by_text("Status lomba diperbarui.").wait_for()
        shot(office, "3-review")
        office.get_by_role("link", name="Juri lomba").click()
        office.wait_for_url(re.compile(rf"/inovasi/lomba/{round_.pk}/juri/$"))
        for username in JURORS:
            office.get_by_label("Nama pengguna akun juri").fill(username)
            office.get_by_label("Keahlian").fill("Pelayanan publik")
            office.get_by_role("button", name="Tambah juri").click()
            office.get_by_text("Juri ditambahkan.").wait_for()
        office.get_by_role("button", name="Susun penugasan juri").click()
        office.get_by_text("Penugasan juri disusun.").wait_for()
        shot(office, "3-jury")
        reviews = Review.objects.filter(round=round_)
        assert reviews.count() == 2 * len(proposals)
        assert set(reviews.values_list("juror__user__username", flat=True)) == set(JURORS)

        # 4. Each juror scores every rubric item of each assigned proposal and sends.
        by_proposal = {p.pk: slug for slug, p in proposals.items()}
        for username in JURORS:
            juror = phone(browser)
            pages.append(juror)
            sign_in(juror, base, username, PASSWORD, "/inovasi/juri/")
            juror.wait_for_url(re.compile(r"/inovasi/juri/$"))
            for review in Review.objects.filter(round=round_, juror__user__username=username):
                juror.goto(f"{base}/inovasi/juri/")
                proposal = review.proposal
                juror.get_by_role(
                    "link", name=f"{proposal.code} {proposal.title}", exact=True
                ).click()
                juror.wait_for_url(re.compile(rf"/inovasi/juri/{review.pk}/$"))
                juror.get_by_text("Penilaian buta: instansi pengusul tidak ditampilkan.").wait_for()
                assert proposal.unit.name not in juror.content()
                values = SCORES[by_proposal[proposal.pk]]
                for n, value in enumerate(values):
                    juror.get_by_label("Nilai (0–100)").nth(n).fill(value)
                juror.get_by_role("button", name="Kirim penilaian").click()
                juror.get_by_text("Penilaian dikirim.").wait_for()
            shot(juror, f"4-sent-{username}")
        assert not Review.objects.filter(round=round_).exclude(status=Review.Status.SUBMITTED)

        # 5. The office publishes; the public page shows the ranking, the Top N and its certificate.
        office.goto(f"{base}/inovasi/lomba/{round_.pk}/hasil/")
        shot(office, "5-before-publish")
        office.get_by_role("button", name="Umumkan hasil").click()
        office.get_by_text("Hasil lomba diumumkan.").wait_for()

        public = phone(browser)
        pages.append(public)
        public.goto(f"{base}/inovasi/lomba/{round_.pk}/hasil/")
        rows = public.locator("#ranking tbody tr")
        assert rows.count() == len(proposals)
        first = rows.nth(0).inner_text()
        assert first.strip().startswith("1")
        assert proposals["dukcapil"].title in first and "Top N" in first
        if "mpp" in proposals:
            second = rows.nth(1).inner_text()
            assert proposals["mpp"].title in second and "Top N" not in second
        shot(public, "5-published")
        certificate = rows.nth(0).get_by_role("link", name="Sertifikat")
        box = certificate.bounding_box()
        assert box["x"] + box["width"] <= PHONE["width"], "the certificate link is off-screen"
        href = certificate.get_attribute("href")
        response = public.request.get(f"{base}{href}")
        assert response.status == 200
        assert response.headers["content-type"] == "application/pdf"
        assert response.body().startswith(b"%PDF")

        # The database agrees.
        round_.refresh_from_db()
        assert round_.status == Round.Status.PUBLISHED and round_.published_at is not None
        winner = Proposal.objects.get(pk=proposals["dukcapil"].pk)
        assert winner.status == Proposal.Status.WINNER and winner.rank == 1
        if "mpp" in proposals:
            other = Proposal.objects.get(pk=proposals["mpp"].pk)
            assert other.status == Proposal.Status.NOT_SELECTED and other.rank == 2
            assert other.final_score < winner.final_score
        assert set(Review.objects.filter(round=round_).values_list("status", flat=True)) == {
            Review.Status.SUBMITTED
        }
        assert Score.objects.filter(review__round=round_).count() == 3 * 2 * len(proposals)
    finally:
        for page in pages:
            page.context.close()
