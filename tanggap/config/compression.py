"""Compressed pages for visitors who carry no credential (brotli, else gzip).

A rural 3G line moves about 50 KB a second after a 2 s wait; the service page's 16 KB of HTML is 4 KB
compressed. Compression and secrets do not mix, though (BREACH): when a response reflects what an
attacker sends (a search term, a form value) next to a secret that stays the same from one response to
the next, the compressed length tells the attacker, guess by guess, how much of the secret they matched.
The rule (docs/adr/0009-compressed-pages.md):

* Compressed: the request carries no credential. No Authorization header, no cookie but the CSRF and
  language cookies and a session cookie whose session holds nothing. Such a page shows only what anyone
  with its URL sees; the secrets it may hold are the URL's own (a ticket's or report's code, which an
  attacker able to request the page already knows) and the CSRF token, which Django masks anew in every
  response.
* Not compressed: a signed-in officer's pages (dashboards, personal data of citizens), and any visitor
  whose session remembers something (the reports filed from this browser, a kiosk's pairing) or who sends
  any other cookie: we cannot tell that such a page has no secret of that visitor.
"""

from __future__ import annotations

import gzip

import brotli
from django.conf import settings
from django.utils.cache import patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile

COMPRESSIBLE_TYPES = ("text/html", "application/json")
MIN_LENGTH = 200  # bytes: below this the encoding costs more than it saves
_ENCODING_RE = _lazy_re_compile(r"\s*([a-z*]+)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$", 0)


def accepted(header: str) -> set[str]:
    """The content codings `header` (Accept-Encoding) accepts, without those it refuses with q=0."""
    codings = set()
    for item in header.lower().split(","):
        match = _ENCODING_RE.match(item)
        if match is None:
            continue
        coding, q = match.groups()
        try:
            weight = float(q) if q is not None else 1.0
        except ValueError:
            continue
        if weight > 0:
            codings.add(coding)
    return codings


def carries_credential(request) -> bool:
    """Whether the request brings something that may make its page show that visitor's own secrets."""
    if "authorization" in request.headers:
        return True
    harmless = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    for name in request.COOKIES:
        if name == settings.SESSION_COOKIE_NAME:
            continue
        if name not in harmless:
            return True
    session = getattr(request, "session", None)
    if session is None:
        return settings.SESSION_COOKIE_NAME in request.COOKIES
    # A signed-in user's session holds their id; an anonymous visitor's session holds what the site
    # remembers about them. Reading it marks the response Vary: Cookie, which it does depend on.
    return bool(session.keys())


class CompressPublicPagesMiddleware:
    """Brotli or gzip for HTML and JSON answers to requests that carry no credential."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type not in COMPRESSIBLE_TYPES or response.streaming:
            return response
        if response.has_header("Content-Encoding"):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if len(response.content) < MIN_LENGTH or carries_credential(request):
            return response
        codings = accepted(request.headers.get("Accept-Encoding", ""))
        if "br" in codings:
            # Quality 5: within a few per cent of the best ratio for pages of a few KB, at a fraction of
            # the time of quality 11.
            body, coding = brotli.compress(response.content, quality=5), "br"
        elif "gzip" in codings:
            body, coding = gzip.compress(response.content, compresslevel=6, mtime=0), "gzip"
        else:
            return response
        if len(body) >= len(response.content):
            return response
        response.content = body
        response["Content-Length"] = str(len(body))
        response["Content-Encoding"] = coding
        # The compressed bytes differ from the plain ones: a strong validator must say so.
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response["ETag"] = "W/" + etag
        return response
