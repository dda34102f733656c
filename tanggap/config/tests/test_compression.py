"""Pages are compressed for visitors who carry no credential, and only for them (BREACH; the rule is in
tanggap/config/compression.py and docs/adr/0009-compressed-pages.md)."""

from __future__ import annotations

import gzip
import re

import brotli
import pytest
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse

from tanggap.config.compression import (
    CompressPublicPagesMiddleware,
    accepted,
    carries_credential,
)

BR = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
PAGE = "/pengaduan/"  # a public page with a form (CSRF token) and enough HTML to compress


def body(response) -> bytes:
    coding = response.get("Content-Encoding")
    if coding == "br":
        return brotli.decompress(response.content)
    if coding == "gzip":
        return gzip.decompress(response.content)
    return response.content


def csrf_tokens(html: bytes) -> set[str]:
    return set(re.findall(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html))


@pytest.mark.django_db
def test_anonymous_page_is_sent_brotli_compressed_and_unpacks_to_the_page(client):
    response = client.get(PAGE, **BR)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert "Accept-Encoding" in response["Vary"]
    html = body(response)
    assert int(response["Content-Length"]) == len(response.content) < len(html) / 2
    assert b"</html>" in html
    plain = client.get(PAGE)  # no Accept-Encoding: the same page, as it is
    assert not plain.has_header("Content-Encoding")
    assert b"</html>" in plain.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "expected"),
    [("gzip", "gzip"), ("br;q=0, gzip", "gzip"), ("identity", None), ("", None)],
)
def test_coding_follows_accept_encoding(client, accept, expected):
    response = client.get(PAGE, HTTP_ACCEPT_ENCODING=accept)
    assert response.get("Content-Encoding") == expected
    assert b"</html>" in body(response)


@pytest.mark.django_db
def test_csrf_token_differs_in_every_compressed_response(client):
    """What makes compressing a page with a form safe: Django masks the token anew each time."""
    first = csrf_tokens(body(client.get(PAGE, **BR)))
    second = csrf_tokens(body(client.get(PAGE, **BR)))
    assert first and second
    assert first.isdisjoint(second)


@pytest.mark.django_db
def test_signed_in_officer_pages_are_not_compressed(client, handler_a):
    client.force_login(handler_a)
    for url in (PAGE, reverse("core:dashboard")):
        response = client.get(url, **BR)
        assert response.status_code == 200
        assert not response.has_header("Content-Encoding"), url
        assert "Accept-Encoding" in response["Vary"]
        assert "Cookie" in response["Vary"]


@pytest.mark.django_db
def test_visitor_whose_session_remembers_something_gets_no_compression(client):
    session = client.session
    session["complaints_mine"] = ["ABC123"]
    session.save()
    response = client.get(PAGE, **BR)
    assert not response.has_header("Content-Encoding")


@pytest.mark.django_db
def test_any_other_cookie_or_an_authorization_header_stops_compression(client):
    assert client.get(PAGE, HTTP_AUTHORIZATION="Kiosk abc", **BR).get("Content-Encoding") is None
    client.cookies["tanggap_kiosk_device"] = "paired"
    assert client.get(PAGE, **BR).get("Content-Encoding") is None


@pytest.mark.django_db
def test_csrf_and_language_cookies_keep_compression(client, settings):
    client.cookies[settings.CSRF_COOKIE_NAME] = "x" * 32
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get(PAGE, **BR)["Content-Encoding"] == "br"


def _through_middleware(rf, response):
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    request = rf.get("/", HTTP_ACCEPT_ENCODING="br")
    request.session = SessionStore()
    return CompressPublicPagesMiddleware(lambda _request: response)(request)


def test_json_is_compressed_small_streamed_images_and_encoded_answers_are_not(rf):
    rows = [{"code": f"T{i:04d}", "status": "waiting"} for i in range(50)]
    json = _through_middleware(rf, JsonResponse({"results": rows}))
    assert json["Content-Encoding"] == "br"
    assert b"T0049" in body(json)
    assert _through_middleware(rf, HttpResponse("<p>ok</p>")).get("Content-Encoding") is None
    streamed = _through_middleware(rf, StreamingHttpResponse(iter(["<p>x</p>" * 100])))
    assert streamed.get("Content-Encoding") is None
    image = _through_middleware(rf, HttpResponse(b"\x89PNG" * 100, content_type="image/png"))
    assert image.get("Content-Encoding") is None
    done = HttpResponse(b"x" * 500, headers={"Content-Encoding": "gzip"})
    assert _through_middleware(rf, done).content == b"x" * 500


def test_accept_encoding_parsing():
    assert accepted("gzip, deflate, br") == {"gzip", "deflate", "br"}
    assert accepted("br;q=0, gzip;q=0.5") == {"gzip"}
    assert accepted("BR ; q=1.0") == {"br"}
    assert accepted("gzip;q=x, ,;;") == set()


def test_no_session_and_no_cookie_is_no_credential(rf):
    request = rf.get("/")
    assert not carries_credential(request)
    request.COOKIES["sessionid"] = "abc"  # a session cookie, but no session loaded to check it
    assert carries_credential(request)
