"""The attendance and leave journey on a 360 px phone against the demo data (issue 11).

Dukcapil's unit admin opens the QR screen of Kantor Dinas Dukcapil; an official of Dukcapil points the
phone's camera at it on Kerja Saya and is checked in (the phone's browser has a fake camera that shows the
screenshot of that QR screen; headless Chromium has no BarcodeDetector, so the page decodes with the
vendored jsQR), and the six-character code under the QR, typed again, is refused as already used.
The official then requests annual leave on the next working days, the head of Dukcapil (the official's
direct superior) approves it, the official sees it approved and the balance reduced, and the monthly
recap shows today's check-in as a day present and, for the month of the leave, the leave days by type.

The check-in uses the server's clock. Only the recap of the leave's month moves the clock (time_machine,
ticking) to the day after the leave, because the recap counts days up to today and the leave lies ahead.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from e2e.camera import browser_with_camera, y4m_from_png
from e2e.conftest import ARTIFACTS, PASSWORD, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

REGION, UNIT = "kab-blitar", "dukcapil"
UNIT_ADMIN = "admin.dukcapil"  # manages Dukcapil's office location: may show its QR screen
OFFICIAL = "pengaduan.dukcapil"  # an official of Dukcapil
SUPERIOR = (
    "kadis.dukcapil"  # heads Dukcapil: the official's direct superior, and a unit head (role)
)
REGION_ADMIN = "admin.blitar"
PHONE = {"width": 360, "height": 780}
JAKARTA = ZoneInfo("Asia/Jakarta")  # Kabupaten Blitar's time zone


def phone(browser, base: str):
    """A page in a browser context of its own (its own cookies: one person per phone)."""
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = base
    return page


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"attendance-{name}.png"), full_page=True)


def leave_days(official, today: dt.date) -> tuple[dt.date, dt.date]:
    """The next two working days after today on the official's calendar, in today's year when it has
    two left (so the page's balance of the year shows the days taken), else the next year's first two.
    The demo draws leave only up to today, so these days have none."""
    from tanggap.attendance.leave_rules import staff_calendar

    calendar = staff_calendar(official)
    days, day = [], today + dt.timedelta(days=1)
    while len(days) < 2:
        if calendar.is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    if days[1].year != today.year:
        first = calendar.next_working_day(dt.date(today.year + 1, 1, 1))
        days = [first, calendar.next_working_day(first + dt.timedelta(days=1))]
    return days[0], days[1]


def recap_row(page, official):
    """The official's figures in the recap table (by the NIP under the name), as label → text."""
    row = page.locator("#recap-officials tbody tr", has_text=official.nip)
    cells = row.locator("td[data-label]")
    return {
        cells.nth(i).get_attribute("data-label"): cells.nth(i).inner_text().strip()
        for i in range(cells.count())
    }


def test_an_official_scans_the_office_qr_takes_leave_and_the_recap_counts_both(
    browser, live_server, demo, tmp_path
):
    import time_machine
    from django.utils import timezone

    from tanggap.attendance.leave_rules import staff_calendar
    from tanggap.attendance.models import AttendanceEvent, LeaveRequest, OfficeLocation
    from tanggap.attendance.reports.recap import month_recap
    from tanggap.attendance.selectors import annual_balance
    from tanggap.org.models import Official, Unit

    base = live_server.url
    unit = Unit.objects.select_related("region").get(region__slug=REGION, slug=UNIT)
    location = OfficeLocation.objects.get(unit=unit, is_active=True)
    official = Official.objects.get(user__username=OFFICIAL)
    assert official.unit_id == unit.pk and unit.head.user.username == SUPERIOR
    today = timezone.localdate()
    month = today.replace(day=1)
    start, end = leave_days(official, today)
    assert not LeaveRequest.objects.filter(official=official, start__lte=end, end__gte=start)
    assert not AttendanceEvent.objects.filter(
        official=official, recorded_at__date__gte=today
    ).exists()

    def present_this_month() -> int:
        recap = month_recap(region=unit.region, unit=unit, month=month)
        return next(r for r in recap.officials if r.official.pk == official.pk).figures.present

    present_before = present_this_month()
    counts_today = staff_calendar(official).is_working_day(today)
    # The day after the leave, when the recap of its month counts it; the annual leave the demo already
    # has in that month.
    after = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(10, 0), tzinfo=JAKARTA)
    leave_month = start.replace(day=1)
    recap = month_recap(region=unit.region, unit=unit, month=leave_month, now=after)
    row = next(r for r in recap.officials if r.official.pk == official.pk)
    annual_before = row.figures.leave["cuti_tahunan"]

    admin = phone(browser, base)
    boss = phone(browser, base)
    camera = None
    try:
        # 1-2. The unit admin opens the office's QR screen; the official's phone camera sees it (the
        # screenshot of the QR becomes the fake camera's picture) and Kerja Saya's scan checks in.
        qr_url = f"/kerja/lokasi/{location.pk}/qr/"
        sign_in(admin, base, UNIT_ADMIN, PASSWORD, qr_url)
        admin.wait_for_url(re.compile(re.escape(qr_url) + "$"))
        assert admin.locator("#qr-live svg").count() == 1
        code = admin.locator("#qr-code").inner_text().strip()
        assert re.fullmatch(r"[A-Z2-9]{6}", code), code
        shot(admin, "1-qr-screen")
        video = y4m_from_png(admin.locator("#qr-live svg").screenshot(), tmp_path / "qr.y4m")
        camera = browser_with_camera(browser, video)
        worker = phone(camera, base)

        sign_in(worker, base, OFFICIAL, PASSWORD, "/kerja/")
        worker.wait_for_url(re.compile(r"/kerja/$"))
        assert "Belum ada presensi hari ini." in worker.locator("#today-events").inner_text()
        assert worker.evaluate("'BarcodeDetector' in window") is False  # so jsQR decodes
        worker.get_by_role("button", name="Pindai dengan kamera").click()
        worker.get_by_text("Presensi masuk tercatat pukul").wait_for()
        assert location.name in worker.locator(".messages").inner_text()
        today_events = worker.locator("#today-events").inner_text()
        assert "Masuk" in today_events and location.name in today_events
        scanned = AttendanceEvent.objects.get(official=official, recorded_at__date__gte=today)
        assert (scanned.method, scanned.location_id) == ("qr", location.pk)
        shot(worker, "2-checked-in")

        # The same code again is refused, with the message, and writes nothing.
        worker.get_by_label("Kode di layar kantor").fill(code)
        worker.get_by_role("button", name="Kirim kode").click()
        worker.get_by_text("Kode QR ini sudah Anda pakai.").wait_for()
        assert (
            AttendanceEvent.objects.filter(official=official, location=location)
            .filter(recorded_at__date__gte=today)
            .count()
            == 1
        )
        shot(worker, "2-code-refused")

        # 3. The official requests two days of annual leave and sees the request pending.
        balance = annual_balance(official, today.year)
        worker.goto(f"{base}/kerja/")
        worker.get_by_role("link", name="Ajukan cuti").click()
        worker.wait_for_url(re.compile(r"/kerja/cuti/ajukan/$"))
        worker.get_by_label("Jenis cuti").select_option(label="Cuti tahunan")
        worker.get_by_label("Mulai").fill(start.isoformat())
        worker.get_by_label("Sampai").fill(end.isoformat())
        worker.get_by_label("Alasan").fill("Menghadiri pernikahan saudara di Malang")
        shot(worker, "3-leave-form")
        worker.get_by_role("button", name="Kirim permohonan").click()
        worker.wait_for_url(re.compile(r"/kerja/$"))
        worker.get_by_text(
            "Permohonan Cuti tahunan 2 hari kerja terkirim ke atasan Anda."
        ).wait_for()
        mine = worker.locator("#leave-requests li").first
        assert "Cuti tahunan" in mine.inner_text() and "2 hari kerja" in mine.inner_text()
        assert mine.locator(".tag").inner_text().strip() == "Menunggu persetujuan"
        pending = worker.locator("#leave-balance li strong").nth(2).inner_text()
        assert pending == ("2" if start.year == today.year else "0")  # held back from this year
        shot(worker, "3-leave-pending")

        # 4. The superior approves it on their approvals page.
        sign_in(boss, base, SUPERIOR, PASSWORD, "/kerja/cuti/persetujuan/")
        boss.wait_for_url(re.compile(r"/kerja/cuti/persetujuan/$"))
        item = boss.locator("#pending li", has_text=official.display_name)
        assert "Cuti tahunan" in item.inner_text() and "2 hari kerja" in item.inner_text()
        item.get_by_role("button", name="Setujui").click()
        boss.get_by_text(f"Cuti {official.name} disetujui.").wait_for()
        assert boss.locator("#pending li", has_text=official.display_name).count() == 0
        shot(boss, "4-approved")

        worker.goto(f"{base}/kerja/")
        mine = worker.locator("#leave-requests li").first
        assert mine.locator(".tag").inner_text().strip() == "Disetujui"
        stats = worker.locator("#leave-balance li strong")
        if start.year == today.year:  # the page shows this year's balance
            assert stats.nth(1).inner_text() == str(balance - 2)  # saldo
        assert stats.nth(2).inner_text() == "0"  # menunggu persetujuan
        shot(worker, "4-leave-approved")

        # 5. The unit head's recap of this month counts today's check-in as a day present.
        boss.goto(f"{base}/kerja/rekap/?unit={unit.pk}&bulan={month:%Y-%m}")
        figures = recap_row(boss, official)
        assert int(figures["Hadir"]) == present_before + (1 if counts_today else 0)
        shot(boss, "5-recap-today")
    finally:
        for page in (admin, boss):
            page.context.close()
        if camera is not None:
            camera.close()  # with the official's phone

    # The recap of the leave's month, read the day after the leave by the region admin, shows the
    # leave days by type.
    with time_machine.travel(after, tick=True):
        admin = phone(browser, base)
        try:
            sign_in(admin, base, REGION_ADMIN, PASSWORD, "/kerja/rekap/")
            admin.goto(f"{base}/kerja/rekap/?unit={unit.pk}&bulan={leave_month:%Y-%m}")
            figures = recap_row(admin, official)
            assert f"Cuti tahunan: {annual_before + 2}" in figures["Cuti/izin"], figures
            shot(admin, "5-recap-leave")
        finally:
            admin.context.close()
