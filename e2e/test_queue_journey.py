"""A new user, on a phone, books a queue slot, checks in at the kiosk, watches their position, is called
at a counter by the officer, and sees the call on the display board; a unit's administrator registers an
entrance kiosk, pairs a tablet with its QR link and revokes it. Nothing is frozen: this runs on the real
clock, so the booking day depends on when the suite runs (see `booking_day`)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from e2e.conftest import ARTIFACTS, OFFICER, PASSWORD, POLL_WAIT, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def booking_day(queue_service) -> tuple[dt.date, bool]:
    """The day to book: today when a slot is still free, else the next working day (moved later)."""
    from tanggap.core.calendar import calendar_for
    from tanggap.queueing.selectors import available_slots, local_today

    today = local_today(queue_service.location)
    if any(s.free for s in available_slots(queue_service=queue_service, day=today)):
        return today, True
    cal = calendar_for(unit=queue_service.location)
    day = today
    for _ in range(30):
        day = cal.next_working_day(day)
        if any(s.free for s in available_slots(queue_service=queue_service, day=day)):
            return day, False
    pytest.fail("No free slot in the next 30 working days.")


def move_booking_to_today(code: str) -> None:
    """Only when today has no free slot (a weekend, a holiday, after closing time): put the booking on
    today so that the check-in and the call can happen now. A test-only shortcut through the ORM; the
    booking rules themselves are covered by the unit tests."""
    from django.utils import timezone

    from tanggap.queueing.models import Ticket
    from tanggap.queueing.selectors import local_today

    ticket = Ticket.objects.select_related("location__region").get(code=code)
    now = timezone.now().replace(second=0, microsecond=0)
    Ticket.objects.filter(pk=ticket.pk).update(
        service_day=local_today(ticket.location), slot_start=now
    )


def test_citizen_books_checks_in_and_is_called_at_a_counter(page, browser, kanigoro_queue):
    location, queue_service, counter = kanigoro_queue
    base = page.base_url
    ARTIFACTS.mkdir(exist_ok=True)

    # 1. On the phone: location → service → day → slot → contact details.
    page.goto(f"{base}/antrean/")
    assert page.locator("html").get_attribute("lang") == "id"
    page.get_by_label("Cari lokasi").fill("Kanigoro")
    page.get_by_role("button", name="Cari").click()
    page.get_by_role("link", name=re.compile("Kantor Kecamatan Kanigoro")).click()
    page.get_by_role("link", name=re.compile(queue_service.service.name)).click()
    page.wait_for_url(re.compile(r"/antrean/pesan/\d+/$"))
    day, is_today = booking_day(queue_service)
    if not is_today:
        page.locator(f'nav.q-days a[href="?tanggal={day.isoformat()}"]').click()
        page.wait_for_url(re.compile(rf"tanggal={day.isoformat()}"))
    page.screenshot(path=str(ARTIFACTS / "queue-1-slots.png"), full_page=True)
    page.locator("a.q-slot").first.click()
    page.wait_for_url(re.compile(r"/antrean/pesan/\d+/\d{12}/$"))
    assert page.get_by_role("heading", name="Yang perlu dibawa").is_visible()

    # A wrong NIK is refused with a message, and nothing is booked.
    page.get_by_label("Nama lengkap").fill("Dewi Lestari")
    page.get_by_label("Nomor HP/WhatsApp").fill("0812 3300 4455")
    page.get_by_label("NIK (opsional)").fill("12345")
    page.get_by_role("button", name="Pesan antrean").click()
    assert page.get_by_text("NIK harus terdiri dari 16 angka.").is_visible()
    page.get_by_label("NIK (opsional)").fill("")
    page.get_by_role("button", name="Pesan antrean").click()

    # 2. The ticket page: booked, no number yet, a QR code and what to bring.
    page.wait_for_url(re.compile(r"/antrean/tiket/[A-Z0-9]{8}/$"))
    code = re.search(r"/tiket/([A-Z0-9]{8})/", page.url).group(1)
    live = page.locator("#ticket-live")
    assert "belum check-in" in live.inner_text()
    assert page.locator(".q-qr svg").count() == 1
    assert page.locator("#bring ~ ul li").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "queue-2-ticket-booked.png"), full_page=True)
    if not is_today:
        move_booking_to_today(code)

    # 3. At the entrance kiosk (a tablet): type the booking code to check in.
    kiosk = browser.new_context(viewport={"width": 800, "height": 1280}, locale="id-ID").new_page()
    kiosk.goto(f"{base}/antrean/{location.pk}/kiosk/")
    kiosk.get_by_label("Kode pemesanan").fill(code.lower())
    kiosk.get_by_role("button", name="Check-in", exact=True).click()
    kiosk.wait_for_url(re.compile(rf"/kiosk/tiket/{code}/$"))
    number = kiosk.locator("#k-number").inner_text().strip()
    assert re.fullmatch(rf"{queue_service.prefix}-\d{{3}}", number)
    kiosk.screenshot(path=str(ARTIFACTS / "queue-3-kiosk-checked-in.png"), full_page=True)

    # 4. Back on the phone, the ticket page updates by itself: the number and the position.
    page.locator("#ticket-live .q-number", has_text=number).wait_for(timeout=POLL_WAIT)
    assert "Menunggu dipanggil" in live.inner_text()
    assert page.locator(".q-stats dd").first.inner_text().strip() == "1"
    page.screenshot(path=str(ARTIFACTS / "queue-4-ticket-waiting.png"), full_page=True)

    # The waiting-room TV, with the chime on, before the call.
    board = browser.new_context(viewport={"width": 1280, "height": 720}, locale="id-ID").new_page()
    board.goto(f"{base}/antrean/{location.pk}/layar/?bunyi=1")
    assert board.locator("body").get_attribute("data-chime") == "1"

    # 5. The officer (another device) signs in, picks the counter and calls the next citizen.
    officer = browser.new_context(
        viewport={"width": 1024, "height": 768}, locale="id-ID"
    ).new_page()
    sign_in(officer, base, OFFICER, PASSWORD, "/antrean/loket/")
    officer.wait_for_url(re.compile(r"/antrean/loket/$"))
    officer.locator(f'a[href="/antrean/loket/{counter.pk}/"]').click()
    officer.wait_for_url(re.compile(rf"/antrean/loket/{counter.pk}/$"))
    assert officer.locator("#counter-waiting").get_by_text(number).is_visible()
    officer.get_by_role("button", name="Panggil berikutnya").click()
    officer.locator(".c-current .q-number", has_text=number).wait_for()
    assert officer.get_by_role("button", name="Tidak hadir").is_disabled()  # grace period
    officer.screenshot(path=str(ARTIFACTS / "queue-5-counter-called.png"), full_page=True)

    # 6. The ticket page shows the counter to go to.
    page.locator("#ticket-live .q-counter", has_text=counter.name).wait_for(timeout=POLL_WAIT)
    assert "Anda dipanggil" in live.inner_text()
    page.screenshot(path=str(ARTIFACTS / "queue-6-ticket-called.png"), full_page=True)

    # 7. The display board shows the number at that counter, and chimed for the new call.
    board.locator(".b-latest .b-number", has_text=number).wait_for(timeout=POLL_WAIT)
    assert board.locator(".b-latest .b-counter").inner_text().strip() == counter.name
    board.locator("body[data-chimes]").wait_for(timeout=POLL_WAIT)
    board.screenshot(path=str(ARTIFACTS / "queue-7-board.png"))

    # 8. Service starts and ends at the counter; the citizen's page says so.
    officer.get_by_role("button", name="Mulai layani").click()
    officer.get_by_role("button", name="Selesai").click()
    officer.locator(".c-current", has_text="Belum ada tiket").wait_for()
    page.locator("#ticket-live", has_text="Selesai dilayani").wait_for(timeout=POLL_WAIT)
    for other in (kiosk, board, officer):
        other.context.close()


def test_kiosk_checks_in_a_booking_read_by_a_handheld_scanner(page, kanigoro_queue):
    """A USB/Bluetooth QR scanner types the ticket's address and Enter into the kiosk page."""
    from tanggap.queueing import selectors, services

    location, queue_service, _counter = kanigoro_queue
    day, is_today = booking_day(queue_service)
    slot = next(
        s for s in selectors.available_slots(queue_service=queue_service, day=day) if s.free
    )
    ticket = services.booking_create(
        queue_service=queue_service,
        slot_start=slot.start,
        contact_name="Pemindai",
        contact_phone="081277778888",
    )
    if not is_today:
        move_booking_to_today(ticket.code)
    page.set_viewport_size({"width": 800, "height": 1280})
    page.goto(f"{page.base_url}/antrean/{location.pk}/kiosk/")
    page.keyboard.type(f"https://tanggap.example/antrean/tiket/{ticket.code}/\n", delay=5)
    page.wait_for_url(re.compile(rf"/kiosk/tiket/{ticket.code}/$"))
    assert page.get_by_text("Check-in berhasil.").is_visible()
    assert re.fullmatch(r"[A-Z]+-\d{3}", page.locator("#k-number").inner_text().strip())


def test_admin_registers_a_kiosk_pairs_a_tablet_and_revokes_it(page, browser, kanigoro_queue):
    """Only a paired kiosk offers walk-in tickets; the pairing link needs no typing and no account."""
    from tanggap.queueing.models import Ticket

    location, queue_service, _counter = kanigoro_queue
    base = page.base_url
    ARTIFACTS.mkdir(exist_ok=True)
    tablet = browser.new_context(viewport={"width": 800, "height": 1280}, locale="id-ID").new_page()
    tablet.goto(f"{base}/antrean/{location.pk}/kiosk/")
    assert tablet.locator("#k-unpaired").is_visible()
    assert tablet.locator("button.k-btn").count() == 0

    # 1. The region's administrator registers "Kiosk lobi" and sees its token and pairing link once.
    admin = browser.new_context(viewport={"width": 1024, "height": 768}, locale="id-ID").new_page()
    kiosks_url = f"/antrean/atur/{location.pk}/kiosk/"
    sign_in(admin, base, "admin.blitar", PASSWORD, kiosks_url)
    admin.wait_for_url(re.compile(rf"{kiosks_url}$"))
    admin.get_by_label("Nama kiosk").fill("Kiosk lobi")
    admin.get_by_role("button", name="Daftarkan", exact=True).click()
    admin.locator("#kiosk-token").wait_for()
    token = admin.locator("#kiosk-token").inner_text().strip()
    pair_url = admin.locator("#pair-link").get_attribute("href")
    assert pair_url.endswith("#" + token) and admin.locator(".k-pair-qr svg").is_visible()
    admin.screenshot(path=str(ARTIFACTS / "kiosk-1-registered.png"), full_page=True)

    # 2. The tablet opens the link (as if the QR were scanned): paired, with the walk-in buttons.
    tablet.goto(pair_url)
    tablet.wait_for_url(re.compile(rf"/antrean/{location.pk}/kiosk/$"))
    assert "#" not in tablet.url
    assert tablet.get_by_text("Kiosk: Kiosk lobi").is_visible()
    assert tablet.get_by_text("Perangkat ini sekarang kiosk “Kiosk lobi”").is_visible()
    tablet.screenshot(path=str(ARTIFACTS / "kiosk-2-paired.png"), full_page=True)
    tablet.locator(f'button.k-btn[value="{queue_service.pk}"]').click()
    tablet.wait_for_load_state()
    if "/kiosk/tiket/" in tablet.url:  # within service hours: a ticket issued by this kiosk
        code = re.search(r"/kiosk/tiket/([A-Z0-9]{8})/", tablet.url).group(1)
        assert Ticket.objects.get(code=code).kiosk.name == "Kiosk lobi"
    else:  # evening, weekend or holiday: the hours rule answers, not a refusal of the kiosk
        assert tablet.locator(".msg-error").is_visible()
        assert "kiosk resmi" not in tablet.locator(".msg-error").inner_text()
    tablet.screenshot(path=str(ARTIFACTS / "kiosk-3-walk-in.png"), full_page=True)

    # 3. Revoked on the staff page, the tablet no longer offers walk-ins.
    admin.goto(f"{base}{kiosks_url}")
    admin.locator("tr", has_text="Kiosk lobi").get_by_role("button", name="Cabut").click()
    admin.get_by_text("Kiosk “Kiosk lobi” dicabut").wait_for()
    tablet.goto(f"{base}/antrean/{location.pk}/kiosk/")
    assert tablet.get_by_text("Kiosk ini sudah dicabut").is_visible()
    assert tablet.locator("button.k-btn").count() == 0
    admin.screenshot(path=str(ARTIFACTS / "kiosk-4-revoked.png"), full_page=True)
    for other in (tablet, admin):
        other.context.close()
