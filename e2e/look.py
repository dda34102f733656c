"""What `test_pages_look.py` checks on a page, and how it crawls: overflow, axe-core, console errors, the
page's language, and the links a person can follow.

Each check returns `Problem`s instead of asserting, so one visit reports everything wrong with a page and
the test can set aside the problems other work is known to fix (KNOWN_OTHERS in the test file)."""

from __future__ import annotations

import gettext
import re
from collections import deque
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_URL_PATH = "/__e2e__/axe.min.js"  # served by a Playwright route, never by the site
VIEWPORTS = {"phone": {"width": 360, "height": 780}, "desktop": {"width": 1280, "height": 800}}
LANGUAGE_COOKIE = "django_language"
SERIOUS = ("serious", "critical")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one page: where (page key, viewport, language), which rule, and the detail."""

    page: str
    viewport: str
    lang: str
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.page} [{self.viewport}, {self.lang}] {self.rule}: {self.detail}"


# --- the translation catalogues ---------------------------------------------------------------------

PLACEHOLDER = re.compile(r"%\([^)]*\)[sd]|%[sd]|\{[^}]*\}|<[^>]*>")


def _fragments(text: str) -> list[str]:
    """The literal runs of a catalogue string between its placeholders, whitespace collapsed."""
    return [" ".join(part.split()) for part in PLACEHOLDER.split(text)]


def _telling(fragment: str) -> bool:
    """Long enough, and several words, to say which language a page is in."""
    return len(fragment) >= 12 and len(fragment.split()) >= 2


def catalogue_phrases(names: list[str]) -> tuple[set[str], set[str]]:
    """(Indonesian phrases, English phrases) that give a page's language away.

    Read from every app's compiled English catalogue: a source string (Indonesian) whose translation
    differs, and the translation (English). A phrase found verbatim in the other language's strings (a
    proper name kept in both, say), or in one of `names` (what a region calls its units, services and
    categories: data, the same in every language), tells nothing and is left out."""
    indonesian: set[str] = set()
    english: set[str] = set()
    for mo in sorted(ROOT.glob("tanggap/*/locale/en/LC_MESSAGES/django.mo")):
        with mo.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        for key, translated in catalog.items():
            msgid = key[0] if isinstance(key, tuple) else key
            msgid = msgid.split("\x04", 1)[-1]  # drop a context
            if not msgid or not translated or msgid == translated:
                continue
            for source in msgid.split("\x00"):  # singular and plural
                indonesian.update(f for f in _fragments(source) if _telling(f))
            english.update(f for f in _fragments(translated) if _telling(f))
    all_indonesian = "\n".join(indonesian)
    all_english = "\n".join(english)
    all_names = "\n".join(names)
    return (
        {p for p in indonesian if p not in all_english and p not in all_names},
        {p for p in english if p not in all_indonesian and p not in all_names},
    )


# --- one visit ------------------------------------------------------------------------------------

WIDE_ELEMENTS = """(limit) => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0) continue;
    const spill = el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible';
    if (spill && box.left + el.scrollWidth > width + 1) {
      out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} text to ${Math.round(box.left + el.scrollWidth)}px`);
      if (out.length >= limit) break;
      continue;
    }
    if (box.right <= width + 1) continue;
    const parent = el.parentElement;
    if (parent && parent.getBoundingClientRect().right > width + 1 && parent !== document.body) continue;
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.classList.length ? '.' + [...el.classList].join('.') : '');
    out.push(`${name} to ${Math.round(box.right)}px`);
    if (out.length >= limit) break;
  }
  return out;
}"""

TEXT_NODES = """() => {
  const main = document.querySelector('main');
  if (!main) return [];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  const out = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    const parent = node.parentElement;
    if (text.length < 12 || !parent || !parent.checkVisibility()) continue;
    if (parent.closest('script, style, template, [aria-hidden="true"]')) continue;
    out.push(text);
  }
  return out;
}"""

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
    count: v.nodes.length,
  }));
}"""


class Looker:
    """Checks pages in one browser context; it watches the console of the one page it drives."""

    def __init__(self, page, base_url: str, phrases: tuple[set[str], set[str]]):
        self.page = page
        self.base_url = base_url
        self.phrases = phrases
        self.console: list[str] = []
        page.on(
            "console",
            lambda message: (
                self.console.append(message.text[:200]) if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: self.console.append(f"uncaught: {str(error)[:200]}"))
        page.route(f"{base_url}{AXE_URL_PATH}", lambda route: route.fulfill(path=str(AXE)))

    def set_language(self, lang: str) -> None:
        self.page.context.add_cookies(
            [{"name": LANGUAGE_COOKIE, "value": lang, "url": self.base_url}]
        )

    def axe(self, problem, path: str) -> None:
        self.page.add_script_tag(url=self.base_url + AXE_URL_PATH)
        for violation in self.page.evaluate(AXE_RUN):
            if violation["impact"] in SERIOUS:
                problem(
                    f"axe:{violation['id']}",
                    f"{path} {violation['impact']}, {violation['count']} node(s): "
                    + "; ".join(violation["targets"]),
                )

    def leaks(self, texts: list[str], lang: str) -> list[str]:
        """Phrases of the other language's catalogue that make up, begin or end a piece of text in
        <main>. Anchoring them to the text's edges leaves alone data that is Indonesian in every
        language (a service standard's paragraphs, a unit named "Kantor Kecamatan Kanigoro"), where a
        catalogue phrase sits inside a longer text; `phrases` already leaves out what the demo's names
        contain."""
        other = self.phrases[0] if lang == "en" else self.phrases[1]
        found = set()
        for text in texts:
            for phrase in other:
                if text.startswith(phrase) or text.endswith(phrase):
                    found.add(phrase)
        return sorted(found)

    def look(
        self, key: str, path: str, *, viewport: str, lang: str, axe: bool = True
    ) -> list[Problem]:
        """Open `path` at this viewport in this language and return everything wrong with it."""
        page = self.page
        page.set_viewport_size(VIEWPORTS[viewport])
        self.set_language(lang)
        self.console.clear()
        problems: list[Problem] = []

        def problem(rule: str, detail: str) -> None:
            problems.append(Problem(key, viewport, lang, rule, detail))

        response = page.goto(self.base_url + path, wait_until="load")
        if response is None or response.status != 200:
            problem(
                "status",
                f"{path} answered {response.status if response else 'nothing'}: {page.inner_text('main')[:200]!r}",
            )
            return problems

        width = page.evaluate("document.documentElement.scrollWidth")
        if width > VIEWPORTS[viewport]["width"]:
            wide = ", ".join(page.evaluate(WIDE_ELEMENTS, 4))
            problem("overflow", f"{path} is {width}px wide ({wide})")

        if axe:
            self.axe(problem, path)
        html_lang = page.evaluate("document.documentElement.lang")
        if html_lang != lang:
            problem("lang", f"{path} has <html lang={html_lang!r}>")
        leaks = self.leaks(page.evaluate(TEXT_NODES), lang)
        if leaks:
            problem("language", f"{path}: " + " | ".join(leaks[:5]))

        if self.console:
            problem("console", f"{path}: " + " | ".join(self.console[:3]))
        return problems


# --- reachability -----------------------------------------------------------------------------------

SKIP_PREFIXES = (
    "/i18n/",
    "/jsi18n/",
    "/static/",
    "/media/",
    "/django-admin/",
    "/api/",
    "/open311/",
    "/akun/keluar/",
)
SKIP_SUFFIXES = (".pdf", ".csv", ".xlsx", ".json", ".png", ".svg", ".txt")
SKIP_PARTS = ("/unduh.", "/cetak/")  # downloads and print views are followed, not crawled on


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def crawl(request, base_url: str, start: str, *, resolve, limit: int = 250, per_name: int = 3):
    """Follow same-origin links (GET only) from `start`; return {url name: first path seen}.

    `request` is a Playwright APIRequestContext (it shares the browser context's cookies, so a signed-in
    context crawls as that user). A page counts as reached once a fetched page links to it; pages are
    fetched breadth first, at most `per_name` per URL name and `limit` in all, so long lists of officials or
    services do not swamp the walk. Downloads and print views are reached but not fetched."""
    origin = urlsplit(base_url)
    reached: dict[str, str] = {}
    fetched_per_name: dict[str, int] = {}
    queue: deque[tuple[str, str]] = deque()
    seen: set[str] = set()

    def found(link: str) -> None:
        if link in seen:
            return
        seen.add(link)
        name = resolve(link)
        if name is None:
            return
        reached.setdefault(name, link)
        if link.startswith(SKIP_PREFIXES) or link.endswith(SKIP_SUFFIXES):
            return
        if not any(part in link for part in SKIP_PARTS):
            queue.append((link, name))

    found(start)
    fetched = 0
    while queue and fetched < limit:
        path, name = queue.popleft()
        if fetched_per_name.get(name, 0) >= per_name:
            continue
        fetched_per_name[name] = fetched_per_name.get(name, 0) + 1
        fetched += 1
        response = request.get(base_url + path, max_redirects=0)
        if 300 <= response.status < 400:
            target = urlsplit(urljoin(base_url + path, response.headers.get("location", "")))
            if target.netloc == origin.netloc:
                found(target.path + (f"?{target.query}" if target.query else ""))
            continue
        if response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            continue
        parser = _Links()
        parser.feed(response.text())
        for href in parser.hrefs:
            url = urlsplit(urljoin(base_url + path, urldefrag(href)[0]))
            if url.scheme in ("http", "https") and url.netloc == origin.netloc:
                found(url.path + (f"?{url.query}" if url.query else ""))
    return reached
