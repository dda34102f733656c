"""The innovation journey on a 360 px phone against the demo data (issue 12, "Done when").

An official of Dukcapil writes an idea (the form suggests the demo's similar ideas and innovations while
they type) and sends it. The innovation office of Kabupaten Blitar accepts it from its review queue: it
becomes a registered innovation at stage Inisiatif, and the author sees every step on the idea's page.
The head of Dukcapil (the owning unit) adds evidence: a link on one SID indicator, a photo on another; a
text file named .pdf is refused. The office notes the region's index, validates the evidence (one valid,
one not, with a reason), decides the five criteria and finishes the assessment: the innovation is counted
and the index changes (IID averages the innovations' SID scores, so one thinly documented innovation
lowers the demo's average), and the what-if form shows the higher index its complete evidence would give.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest

from e2e.conftest import ARTIFACTS, PASSWORD, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

REGION, UNIT = "kab-blitar", "dukcapil"
AUTHOR = "pengaduan.dukcapil"  # an official of Dukcapil
OFFICE = "brida.kabblitar"  # the innovation office (BRIDA) of Kabupaten Blitar
OWNER = "kadis.dukcapil"  # head of Dukcapil, the unit concerned
PHONE = {"width": 360, "height": 780}
TITLE = "Antrean daring akta kelahiran lewat WhatsApp"
PROBLEM = "Warga antre di loket Dukcapil sejak subuh untuk mengurus akta kelahiran bayi."
LINK = "https://dukcapil.blitarkab.go.id/antrean-akta"


def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15000)
    return page


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"innovation-{name}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name}: the page is {width} px wide on a 360 px phone"


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def evidence_form(page):
    return page.locator("form", has=page.get_by_role("button", name="Tambah bukti"))


def index_value(page) -> Decimal:
    return Decimal(page.locator("#index").inner_text().strip().replace(",", "."))


def counted(page) -> int:
    text = page.get_by_text(re.compile(r"^Inovasi dihitung")).inner_text()
    return int(re.search(r"(\d+)\s*$", text).group(1))


def test_an_idea_becomes_an_innovation_whose_evidence_is_assessed_and_moves_the_index(
    browser, live_server, demo
):
    from tanggap.innovation.criteria import AssessmentStatus, Criterion
    from tanggap.innovation.models import (
        Assessment,
        Evidence,
        Idea,
        IndexSnapshot,
        Indicator,
        Innovation,
    )
    from tanggap.innovation.selectors.registry import current_scheme
    from tanggap.org.models import Unit

    base = live_server.url
    unit = Unit.objects.get(region__slug=REGION, slug=UNIT)
    assert unit.head.user.username == OWNER
    scheme = current_scheme()
    sid = [
        i
        for i in Indicator.objects.filter(scheme=scheme, aspect=Indicator.Aspect.SID).order_by(
            "order", "id"
        )
        if len(i.levels) >= 2
    ]
    good, bad = sid[0], sid[1]
    snapshots_before = IndexSnapshot.objects.filter(region=unit.region, scheme=scheme).count()

    author, office, owner = phone(browser), phone(browser), phone(browser)
    try:
        # 1. The official writes the idea; similar ideas/innovations appear while they type.
        sign_in(author, base, AUTHOR, PASSWORD, "/inovasi/ide/baru/")
        author.wait_for_url(re.compile(r"/inovasi/ide/baru/$"))
        author.get_by_label("Judul ide").fill(TITLE)
        author.get_by_label("Masalah yang ingin diatasi").fill(PROBLEM)
        author.locator("#similar li").first.wait_for()
        assert author.locator("#similar li").count() >= 1
        shot(author, "1-similar")
        author.get_by_label("Perubahan yang diusulkan").fill(
            "Warga mengambil nomor antrean akta lewat WhatsApp dan datang sesuai jam yang dipilih."
        )
        author.get_by_label("Siapa yang mendapat manfaat").fill("Orang tua bayi baru lahir")
        author.get_by_label("Unit terkait").select_option(label=unit.name)
        author.get_by_role("button", name="Kirim ke tim inovasi").click()
        author.wait_for_url(re.compile(r"/inovasi/ide/\d+/$"))
        assert "Diajukan" in author.locator("#idea-status").inner_text()
        idea = Idea.objects.get(title=TITLE)
        assert idea.status == Idea.Status.SUBMITTED and idea.unit_id == unit.pk
        shot(author, "1-submitted")

        # 2. The office accepts it from the review queue: a registered innovation at stage Inisiatif.
        sign_in(office, base, OFFICE, PASSWORD, "/inovasi/ide/telaah/")
        office.wait_for_url(re.compile(r"/inovasi/ide/telaah/$"))
        office.locator("#queue").get_by_role("link", name=TITLE).click()
        office.wait_for_url(re.compile(rf"/inovasi/ide/{idea.pk}/$"))
        accept = office.locator("form", has=office.get_by_role("button", name="Terima ide"))
        accept.get_by_label("Bentuk inovasi").select_option(value=Innovation.Form.PELAYANAN_PUBLIK)
        accept.get_by_label("Jenis").select_option(value=Innovation.Kind.DIGITAL)
        accept.get_by_label("Inisiator").select_option(value=Innovation.Initiator.ASN)
        accept.get_by_label("Urusan pemerintahan").select_option(value=Innovation.Affair.ADMINDUK)
        shot(office, "2-accept")
        accept.get_by_role("button", name="Terima ide").click()
        office.get_by_text(re.compile("Ide diterima dan terdaftar sebagai inovasi")).wait_for()
        assert "Diterima" in office.locator("#idea-status").inner_text()
        idea.refresh_from_db()
        assert idea.status == Idea.Status.ACCEPTED
        innovation = Innovation.objects.get(idea=idea)
        assert innovation.stage == Innovation.Stage.INISIATIF and innovation.unit_id == unit.pk
        assert innovation.affair == Innovation.Affair.ADMINDUK
        link = office.locator("#idea-innovation").get_by_role("link")
        assert "Inisiatif" in office.locator("#idea-innovation").inner_text()
        assert link.get_attribute("href").endswith(f"/inovasi/registri/{innovation.pk}/")

        author.reload()
        assert "Diterima" in author.locator("#idea-status").inner_text()
        timeline = author.locator("#idea-timeline").inner_text()
        for step in ("Ide ditulis", "Diajukan ke tim inovasi", "Diterima untuk uji coba"):
            assert step in timeline, step
        assert innovation.code in author.locator("#idea-innovation").inner_text()
        shot(author, "2-accepted")

        # 3. The owning unit's head adds evidence from the registry: a link, a photo; a fake PDF is refused.
        sign_in(owner, base, OWNER, PASSWORD, "/inovasi/registri/")
        owner.wait_for_url(re.compile(r"/inovasi/registri/$"))
        owner.get_by_label("Cari").fill("akta kelahiran WhatsApp")
        owner.get_by_role("button", name="Tampilkan").click()
        owner.locator("#innovations").get_by_role("link", name=innovation.name).click()
        owner.wait_for_url(re.compile(rf"/inovasi/registri/{innovation.pk}/$"))
        owner.get_by_role("link", name="Bukti dukung").click()
        owner.wait_for_url(re.compile(rf"/inovasi/registri/{innovation.pk}/bukti/$"))

        evidence_form(owner).get_by_label("Indikator").select_option(value=str(good.pk))
        evidence_form(owner).get_by_label("Pilihan bukti (nomor)").fill(str(len(good.levels)))
        evidence_form(owner).get_by_label("Tautan").fill(LINK)
        owner.get_by_role("button", name="Tambah bukti").click()
        owner.get_by_text("Bukti ditambahkan dan menunggu validasi.").wait_for()

        evidence_form(owner).get_by_label("Indikator").select_option(value=str(bad.pk))
        evidence_form(owner).get_by_label("Pilihan bukti (nomor)").fill("1")
        evidence_form(owner).get_by_label("Berkas atau foto").set_input_files(
            {
                "name": "surat.pdf",
                "mimeType": "application/pdf",
                "buffer": b"bukan pdf, teks biasa\n",
            }
        )
        owner.get_by_role("button", name="Tambah bukti").click()
        owner.get_by_text(re.compile("surat.pdf")).first.wait_for()
        shot(owner, "3-refused")
        assert Evidence.objects.filter(innovation=innovation).count() == 1

        evidence_form(owner).get_by_label("Indikator").select_option(value=str(bad.pk))
        evidence_form(owner).get_by_label("Pilihan bukti (nomor)").fill("1")
        evidence_form(owner).get_by_label("Berkas atau foto").set_input_files(
            {"name": "loket.png", "mimeType": "image/png", "buffer": png_bytes()}
        )
        owner.get_by_role("button", name="Tambah bukti").click()
        owner.get_by_text("Bukti ditambahkan dan menunggu validasi.").wait_for()
        assert owner.locator("#evidence").get_by_role("link", name="loket.png").count() == 1
        shot(owner, "3-evidence")
        by_indicator = {e.indicator_id: e for e in Evidence.objects.filter(innovation=innovation)}
        assert set(by_indicator) == {good.pk, bad.pk}
        assert all(e.status == Evidence.Status.PENDING for e in by_indicator.values())
        assert by_indicator[bad.pk].content_type == "image/png"

        # 4. The office notes the index, assesses the innovation, and the index moves.
        office.goto(f"{base}/inovasi/indeks/")
        before, counted_before = index_value(office), counted(office)
        shot(office, "4-index-before")
        office.goto(f"{base}/inovasi/penilaian/{innovation.pk}/")
        office.get_by_role("button", name="Mulai penilaian").click()
        office.get_by_text("Penilaian dimulai.").wait_for()

        rows = office.locator("#evidence > li")
        row = rows.filter(has_text=good.name)
        row.get_by_label("Valid", exact=True).check()
        row.get_by_role("button", name="Simpan").click()
        office.get_by_text("Validasi bukti dukung dicatat.").wait_for()
        row = office.locator("#evidence > li").filter(has_text=bad.name)
        row.get_by_label("Tidak valid", exact=True).check()
        row.get_by_label("Alasan (wajib bila tidak valid)").fill("Foto tidak menunjukkan layanan.")
        row.get_by_role("button", name="Simpan").click()
        office.get_by_text("Validasi bukti dukung dicatat.").wait_for()

        shot(office, "4-assessing")
        for criterion in Criterion:
            item = office.locator("#criteria > li").filter(has_text=str(criterion.label))
            item.get_by_label("Ya", exact=True).check()
            item.get_by_role("button", name="Simpan").click()
            office.get_by_text("Kriteria dicatat.").wait_for()
        office.get_by_role("button", name="Selesaikan penilaian").click()
        office.get_by_text("Status penilaian diperbarui.").wait_for()
        assert office.locator("#result").inner_text().strip() == "Memenuhi kategori inovasi"
        shot(office, "4-assessed")

        office.goto(f"{base}/inovasi/indeks/")
        after = index_value(office)
        # IID averages the SID score over the counted innovations: one with a single valid piece of
        # evidence counts (count score) but lowers the average of the demo's well-documented ones.
        assert after != before
        assert counted(office) == counted_before + 1
        office.locator("#whatif-details summary").click()
        office.get_by_label(innovation.name).check()
        office.get_by_role("button", name="Hitung bila bukti lengkap").click()
        office.locator("#what-if").wait_for()
        what_if = office.locator("#what-if strong").inner_text().strip().replace(",", ".")
        assert Decimal(what_if) > after  # complete evidence would raise it
        assert index_value(office) == after
        shot(office, "4-index-after")

        evidence = {e.indicator_id: e for e in Evidence.objects.filter(innovation=innovation)}
        assert evidence[good.pk].status == Evidence.Status.VALID
        assert evidence[bad.pk].status == Evidence.Status.INVALID
        assert evidence[bad.pk].reason == "Foto tidak menunjukkan layanan."
        assessment = Assessment.objects.get(innovation=innovation, scheme=scheme)
        assert assessment.status == Assessment.Status.DONE
        assert assessment.result == AssessmentStatus.MEMENUHI
        latest = IndexSnapshot.objects.filter(region=unit.region, scheme=scheme).latest(
            "computed_at", "pk"
        )
        assert IndexSnapshot.objects.filter(region=unit.region, scheme=scheme).count() > (
            snapshots_before
        )
        assert latest.index == after
    finally:
        for page in (author, office, owner):
            page.context.close()
