"""Browser journeys: Playwright drives Debian's Chromium against a live test server with the demo data.

Shared by the journeys: the browser, the demo data, a phone-sized page, signing in, and Kantor Kecamatan
Kanigoro's KTP-el queue with its Loket 1 and officer (the queue and survey journeys)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the live server's ORM calls happen in its own
# thread, but fixtures that load data run here, so Django must allow it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db):
    """The demo regions, loaded into the test database the live server reads."""
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)


@pytest.fixture
def page(browser, live_server, demo):
    context = browser.new_context(
        viewport={"width": 360, "height": 780}, accept_downloads=True, locale="id-ID"
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    context.close()


LOCATION = ("kab-blitar", "kecamatan-kanigoro")
SERVICE = "ktp-el-baru"
OFFICER, PASSWORD = "loket.kanigoro", "tanggap-demo-2026"
POLL_WAIT = 20_000  # ms: the ticket page polls every 10 s, the board every 3 s


def sign_in(page, base: str, username: str, password: str, next_url: str) -> None:
    page.goto(f"{base}/akun/masuk/?next={next_url}")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()


@pytest.fixture
def kanigoro_queue(demo):
    """Kantor Kecamatan Kanigoro's KTP-el queue and its Loket 1.

    The demo loader creates them; until it does (or if it changes), make the few rows a journey needs.
    """
    from tanggap.catalog.models import Service
    from tanggap.org.models import Unit
    from tanggap.queueing.models import Counter, QueueService, Ticket

    location = Unit.objects.select_related("region").get(region__slug=LOCATION[0], slug=LOCATION[1])
    service = Service.objects.get(region=location.region, slug=SERVICE)
    queue_service = QueueService.objects.filter(location=location, service=service).first()
    if queue_service is None:
        taken = set(QueueService.objects.filter(location=location).values_list("prefix", flat=True))
        queue_service = QueueService.objects.create(
            region=location.region,
            location=location,
            service=service,
            prefix=next(p for p in "AKTXYZ" if p not in taken),
        )
    QueueService.objects.filter(pk=queue_service.pk).update(is_active=True, allow_booking=True)
    counter, _ = Counter.objects.get_or_create(
        location=location, name="Loket 1", defaults={"region": location.region}
    )
    counter.services.add(queue_service)
    Counter.objects.filter(pk=counter.pk).update(is_open=True)
    # Nobody else waits for this counter today, so "call next" calls our citizen.
    assert not Ticket.objects.filter(location=location, status="waiting").exists()
    return location, queue_service, counter
