"""Journeys that connect (issue 10), on a phone: from KTP-el's catalogue page a citizen takes a queue
number at Kanigoro, books, and later finds the ticket again under "Tiket Anda" and by its code on another
device; the service page's other links (report a problem, complaint figures, IKM), the home page's and the
footer's, and the staff's way to the official IKM report all lead to pages that open.
Nothing is frozen: the booking day depends on when the suite runs (see test_queue_journey.booking_day)."""

from __future__ import annotations

import re

import pytest

from e2e.conftest import ARTIFACTS, LOCATION, PASSWORD, SERVICE, sign_in
from e2e.test_queue_journey import booking_day

pytestmark = pytest.mark.django_db(transaction=True)

SERVICE_PAGE = f"/layanan/{LOCATION[0]}/{SERVICE}/"
PHONE = {"width": 360, "height": 780}


def opens(page, href: str) -> None:
    """Following `href` from `page`'s browser answers 200 (after any redirect)."""
    response = page.context.request.get(page.base_url + href if href.startswith("/") else href)
    assert response.status == 200, (href, response.status)


def test_service_page_to_a_booked_ticket_and_back_to_it(page, browser, kanigoro_queue):
    location, queue_service, _counter = kanigoro_queue
    base = page.base_url
    ARTIFACTS.mkdir(exist_ok=True)

    # 1. KTP-el's page: its places with opening hours, and "Ambil antrean".
    page.goto(base + SERVICE_PAGE)
    places = page.locator("ul.places > li")
    assert places.count() == 25
    kanigoro = places.filter(has_text=location.name)
    assert re.search(r"Jam layanan: \w+–\w+, \d\d\.\d\d–\d\d\.\d\d WIB", kanigoro.inner_text())
    assert kanigoro.get_by_role("link", name="Ambil antrean di sini").count() == 1
    page.screenshot(path=str(ARTIFACTS / "connect-1-service.png"), full_page=True)
    page.get_by_role("link", name="Ambil antrean", exact=True).click()

    # 2. The places that queue KTP-el; search for Kanigoro and pick it: the booking page of KTP-el there.
    page.wait_for_url(re.compile(r"/antrean/\?layanan=\d+$"))
    heading = f"Pilih lokasi untuk {queue_service.service.name}"
    assert page.get_by_role("heading", name=heading).is_visible()
    page.get_by_label("Cari lokasi").fill("Kanigoro")
    page.get_by_role("button", name="Cari", exact=True).click()
    page.get_by_role("link", name=re.compile(location.name)).click()
    page.wait_for_url(re.compile(rf"/antrean/pesan/{queue_service.pk}/$"))
    assert page.get_by_role("heading", name=queue_service.service.name).is_visible()

    # 3. A day, a slot, who is coming: booked.
    day, is_today = booking_day(queue_service)
    if not is_today:
        page.locator(f'nav.q-days a[href="?tanggal={day.isoformat()}"]').click()
        page.wait_for_url(re.compile(rf"tanggal={day.isoformat()}"))
    page.locator("a.q-slot").first.click()
    page.wait_for_url(re.compile(r"/antrean/pesan/\d+/\d{12}/$"))
    page.get_by_label("Nama lengkap").fill("Rina Wulandari")
    page.get_by_label("Nomor HP/WhatsApp").fill("0812 4400 5511")
    page.get_by_role("button", name="Pesan antrean").click()
    page.wait_for_url(re.compile(r"/antrean/tiket/[A-Z0-9]{8}/$"))
    code = re.search(r"/tiket/([A-Z0-9]{8})/", page.url).group(1)
    page.screenshot(path=str(ARTIFACTS / "connect-2-ticket.png"), full_page=True)

    # 4. The page is closed; /antrean/ and the home page list the ticket under "Tiket Anda".
    page.goto(base + "/antrean/")
    mine = page.locator("section", has=page.get_by_role("heading", name="Tiket Anda"))
    assert mine.locator("code", has_text=code).is_visible()
    assert "Dipesan" in mine.inner_text()
    page.screenshot(path=str(ARTIFACTS / "connect-3-your-tickets.png"), full_page=True)
    page.goto(base + "/")
    home_mine = page.locator("section", has=page.get_by_role("heading", name="Tiket Anda"))
    home_mine.get_by_role("link", name=re.compile(queue_service.service.name)).click()
    page.wait_for_url(re.compile(rf"/antrean/tiket/{code}/$"))

    # 5. On another phone nothing is remembered; the code finds the ticket.
    other = browser.new_context(viewport=PHONE, locale="id-ID").new_page()
    other.goto(base + "/antrean/")
    assert other.get_by_role("heading", name="Tiket Anda").count() == 0
    other.get_by_text("Sudah punya tiket? Cari dengan kode").click()
    other.get_by_label("Kode tiket").fill("ZZZZ9999")
    other.get_by_role("button", name="Cari tiket").click()
    assert other.get_by_text("Tiket dengan kode itu tidak ditemukan").is_visible()
    other.get_by_label("Kode tiket").fill(code.lower())
    other.get_by_role("button", name="Cari tiket").click()
    other.wait_for_url(re.compile(rf"/antrean/tiket/{code}/$"))
    other.goto(base + "/antrean/")
    assert (
        other.locator("section", has_text="Tiket Anda").locator("code", has_text=code).is_visible()
    )
    other.screenshot(path=str(ARTIFACTS / "connect-4-found-by-code.png"), full_page=True)
    other.context.close()


def test_the_service_page_home_page_and_footer_links_lead_somewhere(page, demo):
    base = page.base_url

    # "Laporkan masalah": the filing form, for this region, with KTP-el chosen.
    page.goto(base + SERVICE_PAGE)
    links = {
        "transparency": page.get_by_role("link", name=re.compile("^Transparansi pengaduan Kab")),
        "ikm": page.get_by_role("link", name=re.compile("^Indeks Kepuasan Masyarakat Dinas")),
    }
    for link in links.values():
        opens(page, link.get_attribute("href"))
    page.get_by_role("link", name="Laporkan masalah").click()
    page.wait_for_url(re.compile(r"/pengaduan/lapor/\?wilayah=kab-blitar&layanan=ktp-el-baru$"))
    chosen = page.get_by_label("Layanan terkait (opsional)")
    assert chosen.locator("option:checked").inner_text() == "Penerbitan KTP-el Baru"

    # The home page and every page's footer: the complaint figures and the public IKM.
    page.goto(base + "/")
    for name in ("Transparansi pengaduan", "Indeks Kepuasan Masyarakat"):
        main_link = page.locator("main").get_by_role("link", name=name)
        footer_link = page.locator("footer").get_by_role("link", name=name)
        assert main_link.get_attribute("href") == footer_link.get_attribute("href")
        opens(page, main_link.get_attribute("href"))
    assert page.locator('footer a[href^="/api/"]').count() == 0
    page.locator("main").get_by_role("link", name="Transparansi pengaduan").click()
    page.wait_for_url(re.compile(r"/pengaduan/transparansi/"))

    # /pengaduan/ links the transparency page.
    page.goto(base + "/pengaduan/")
    href = page.get_by_role("link", name="Lihat transparansi pengaduan").get_attribute("href")
    opens(page, href)


def test_a_unit_head_reaches_the_official_ikm_report_by_clicking(page, demo):
    base = page.base_url
    sign_in(page, base, "kadis.dukcapil", PASSWORD, "/dasbor/")
    page.wait_for_url(re.compile(r"/dasbor/$"))
    page.get_by_role("link", name="Survei kepuasan (IKM)").click()
    page.wait_for_url(re.compile(r"/survei/laporan/$"))
    page.screenshot(path=str(ARTIFACTS / "connect-5-ikm-reports.png"), full_page=True)
    pdf = page.get_by_role("link", name=re.compile("^PDF laporan IKM Dinas Kependudukan")).first
    with page.expect_download() as download:
        pdf.click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.get_by_role("link", name="Dinas Kependudukan dan Pencatatan Sipil", exact=True).click()
    page.wait_for_url(re.compile(r"/survei/laporan/unit/\d+/$"))
    # The unit's public IKM page offers the same official report to its head.
    unit_id = re.search(r"/unit/(\d+)/", page.url).group(1)
    page.goto(f"{base}/survei/ikm/{unit_id}/")
    href = page.get_by_role("link", name="Unduh XLSX").get_attribute("href")
    assert href == f"/survei/laporan/unit/{unit_id}/unduh.xlsx"
    opens(page, href)
