"""A slow 3G line for Chromium (DevTools network emulation) and what one page visit costs on it: the time
to the load event and the bytes that crossed the network. Shared by the 3G budget test
(e2e/test_3g_budget.py) and bench/pages_3g.py."""

from __future__ import annotations

from dataclasses import dataclass, field

# 400 kbit/s each way (DevTools counts bytes per second) and 2 s added to every request: a rural 3G cell.
THREE_G = {
    "offline": False,
    "latency": 2000,
    "downloadThroughput": 50_000,
    "uploadThroughput": 50_000,
}


@dataclass
class Visit:
    """One navigation: load event (ms after the navigation began), bytes on the wire (headers included,
    as Chromium counts them), and the requests that went to the network."""

    url: str
    status: int
    load_ms: float
    bytes: int
    fetched: list[tuple[str, int]] = field(default_factory=list)

    def describe(self) -> str:
        parts = ", ".join(f"{url.split('/', 3)[-1] or '/'} {size} B" for url, size in self.fetched)
        return f"{self.url} ({self.status}): {self.load_ms:.0f} ms, {self.bytes} B ({parts})"


def emulate_3g(page):
    """A DevTools session on `page` with the slow line and the browser cache on; returns the session."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
    cdp.send("Network.emulateNetworkConditions", THREE_G)
    return cdp


def visit(page, cdp, url: str, *, timeout_ms: float = 60_000) -> Visit:
    """Open `url` in `page` and wait for the load event; count what came over the network until then."""
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cached: set[str] = set()

    def sent(event):
        urls[event["requestId"]] = event["request"]["url"]

    def from_cache(event):
        cached.add(event["requestId"])

    def received(event):
        response = event["response"]
        if response.get("fromDiskCache") or response.get("fromPrefetchCache"):
            cached.add(event["requestId"])

    def finished(event):
        sizes[event["requestId"]] = int(event["encodedDataLength"])

    handlers = {
        "Network.requestWillBeSent": sent,
        "Network.requestServedFromCache": from_cache,
        "Network.responseReceived": received,
        "Network.loadingFinished": finished,
    }
    for name, handler in handlers.items():
        cdp.on(name, handler)
    try:
        response = page.goto(url, wait_until="load", timeout=timeout_ms)
        load_ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventStart")
    finally:
        for name, handler in handlers.items():
            cdp.remove_listener(name, handler)
    # Only what this navigation asked for: a request of the page before (its favicon) may end now.
    fetched = [
        (urls[rid], size)
        for rid, size in sizes.items()
        if rid in urls and rid not in cached and size
    ]
    return Visit(
        url, response.status if response else 0, load_ms, sum(size for _, size in fetched), fetched
    )


def _phone(browser):
    return browser.new_context(viewport={"width": 360, "height": 780}, locale="id-ID")


def first_and_repeat(browser, url: str) -> tuple[Visit, Visit]:
    """A first visit (new browser profile, empty cache) and a repeat visit (same profile, second
    navigation) of `url`."""
    context = _phone(browser)
    try:
        page = context.new_page()
        cdp = emulate_3g(page)
        first = visit(page, cdp, url)
        page.goto("about:blank")
        repeat = visit(page, cdp, url)
        return first, repeat
    finally:
        context.close()


def after(browser, before_url: str, url: str) -> Visit:
    """A visit of `url` by someone who opened `before_url` first (another page of the site)."""
    context = _phone(browser)
    try:
        page = context.new_page()
        cdp = emulate_3g(page)
        visit(page, cdp, before_url)
        return visit(page, cdp, url)
    finally:
        context.close()


def book_a_ticket(queue_service):
    """A booked ticket of `queue_service` on the first day with a free slot (today or later)."""
    from tanggap.core.calendar import calendar_for
    from tanggap.queueing.selectors import available_slots, local_today
    from tanggap.queueing.services import booking_create

    day = local_today(queue_service.location)
    cal = calendar_for(unit=queue_service.location)
    for _ in range(30):
        free = [s for s in available_slots(queue_service=queue_service, day=day) if s.free]
        if free:
            return booking_create(
                queue_service=queue_service,
                slot_start=free[0].start,
                contact_name="Dewi Lestari",
                contact_phone="0812 3300 4455",
            )
        day = cal.next_working_day(day)
    raise RuntimeError("no free slot in the next 30 working days")
