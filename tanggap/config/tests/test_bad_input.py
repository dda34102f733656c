"""Input no view should see is refused with a 400 before any view runs, on every app's pages and API
(issue 9: NUL characters reached PostgreSQL, deep JSON overflowed the parser, huge page sizes overflowed)."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request

from tanggap.complaints.models import Complaint
from tanggap.core.api import MAX_PAGE_SIZE, CappedLimitOffsetPagination
from tanggap.core.badinput import MAX_JSON_DEPTH, json_depth_exceeds
from tanggap.core.identity import nik_digest, normalize_phone, validate_nik
from tanggap.org.nip import parse_nip

pytestmark = pytest.mark.django_db

NUL_GETS = [
    "/pengaduan/publik/%00/",
    "/antrean/tiket/%00/",
    "/antrean/?q=%00",
    "/pengaduan/lapor/?wilayah=%00",
    "/layanan/?q=ktp%00",
    "/open311/v2/requests.json?jurisdiction_id=%00",
    "/api/org/units/?region=%00",
    "/api/complaints/%00/",
    "/api/catalog/services/?x%00=1",
]


@pytest.mark.parametrize("url", NUL_GETS)
def test_a_nul_in_the_path_or_query_is_refused_with_a_clear_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    if url.startswith(("/api/", "/open311/")):
        assert response.json()["code"] == "bad_input"
    else:
        assert "tidak diizinkan" in response.content.decode()


def test_a_nul_in_a_staff_search_is_refused(admin_client):
    assert admin_client.get("/akun/pengguna/?q=%00").status_code == 400


def test_a_nul_in_a_posted_form_changes_nothing(client):
    response = client.post(
        "/open311/v2/requests.json",
        {"api_key": "x", "jurisdiction_id": "kab-uji", "description": "abc\x00def"},
    )
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_a_nul_escape_in_a_json_body_is_refused(client):
    body = json.dumps({"code": "ABC\u0000", "secret": "x"})
    response = client.post("/api/complaints/track/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "bad_input"


def test_deeply_nested_json_is_refused_before_parsing(client):
    body = "[" * 50_000 + "]" * 50_000
    response = client.post("/api/complaints/track/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "bad_input"


def test_the_depth_scan_ignores_brackets_inside_strings():
    inside = json.dumps({"text": "[" * 500, "list": [[1, 2], {"a": [3]}]}).encode()
    assert not json_depth_exceeds(inside)
    assert json_depth_exceeds(b"[" * (MAX_JSON_DEPTH + 1) + b"]" * (MAX_JSON_DEPTH + 1))
    assert not json_depth_exceeds(b"[" * MAX_JSON_DEPTH + b"]" * MAX_JSON_DEPTH)


@pytest.mark.parametrize("limit", ["9223372036854775807", "-1", "sepuluh", "1e3", "²"])
def test_a_nonsense_page_size_is_a_400(client, limit):
    response = client.get("/api/catalog/services/", {"limit": limit})
    assert response.status_code == 400
    assert "limit" in response.json()["errors"]


def test_huge_offsets_are_a_400_not_a_database_overflow(client):
    response = client.get("/api/catalog/services/", {"offset": "99999999999999999999"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "value", ["99999999999999999999", "-9223372036854775809", " 1" + "0" * 25, "9" * 5001]
)
def test_a_number_beyond_any_database_integer_is_refused_in_query_and_form(admin_client, value):
    response = admin_client.get("/api/catalog/services/", {"limit": value})
    assert response.status_code == 400
    assert response.json()["code"] == "bad_input"
    # A multiple-choice field looks its ids up with pk__in, which Django does not guard on SQLite.
    response = admin_client.post("/pengaduan/kelola/catat/", {"kecamatan": value, "title": "x"})
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_the_largest_database_integer_and_long_texts_of_digits_with_words_pass_through():
    from tanggap.core.badinput import _has_huge_integer

    assert not _has_huge_integer(["9223372036854775807", "3505014101900001", "NIK 1" + "0" * 30])
    assert _has_huge_integer(["9223372036854775808"])
    assert _has_huge_integer(["9" * 10001])  # beyond what int() converts from a string
    assert not _has_huge_integer(["0" * 5000 + "7"])


def test_a_page_never_holds_more_than_the_cap():
    paginator = CappedLimitOffsetPagination()
    request = Request(RequestFactory().get("/", {"limit": "100000"}))
    assert paginator.get_limit(request) == MAX_PAGE_SIZE
    with pytest.raises(ApiValidationError):
        paginator.get_limit(Request(RequestFactory().get("/", {"limit": "١٠"})))


def test_a_nik_in_other_digits_is_read_as_ascii_or_refused():
    ascii_nik = "3505014101900001"
    # Full-width and superscript digits are the same number once normalised (NFKC): one person, one hash.
    fullwidth = ascii_nik.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert validate_nik(fullwidth) == ascii_nik
    assert nik_digest(validate_nik(fullwidth)) == nik_digest(ascii_nik)
    superscript = "35050141019000" + "⁰¹"
    assert validate_nik(superscript) == ascii_nik
    # Arabic-Indic digits pass str.isdigit() but are not ASCII digits: refused, never hashed differently.
    arabic = ascii_nik.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    with pytest.raises(ValidationError):
        validate_nik(arabic)


def test_nip_and_phone_accept_ascii_digits_only():
    with pytest.raises(ValidationError):
        parse_nip("١٩٨٥٠٣١٢٢٠١٠٠١١٠٠٢")
    with pytest.raises(ValidationError):
        normalize_phone("٠٨١٢٣٤٥٦٧٨٩")
    assert normalize_phone("０８１２ ３４５６ ７８９０") == "6281234567890"


@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_unknown_api_paths_answer_json_404(client, method):
    """Issue 9, defect 16: an unknown /api/ path answered an HTML page (a CSRF page for a POST)."""
    response = getattr(client, method)("/api/tidak-ada/sama-sekali/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "not_found" and response.json()["message"]


def test_unknown_pages_keep_the_html_404(client):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_pages_that_open_a_record_by_code_are_throttled_per_client(client, monkeypatch):
    """Issue 9, defect 11: ticket and report look-ups served 700 of 700 requests to one client."""
    from django.core.cache import cache

    from tanggap.core.throttles import RATES

    monkeypatch.setitem(RATES, "code_lookup", "3/minute")
    cache.clear()
    for url in (
        "/antrean/tiket/AAAA1111/",
        "/antrean/tiket/AAAA1111/status/",
        "/pengaduan/publik/AAAA1111/",
        "/pengaduan/lacak/AAAA1111/",
    ):
        cache.clear()
        statuses = [client.get(url, REMOTE_ADDR="10.9.8.7").status_code for _ in range(4)]
        assert 429 not in statuses[:3] and statuses[3] == 429, (url, statuses)
        assert client.get(url, REMOTE_ADDR="10.9.8.8").status_code != 429


@pytest.mark.parametrize("field", ["username", "password"])
def test_a_very_long_sign_in_is_a_form_error_not_a_database_error(client, field):
    """django-axes records a failed sign-in's username in 255 characters: PostgreSQL refused longer ones."""
    from axes.models import AccessAttempt

    data = {"username": "petugas", "password": "rahasia", field: "A" * 12_000}
    response = client.post("/akun/masuk/", data)
    assert response.status_code == 200
    assert "Pastikan" in response.content.decode() or "Ensure" in response.content.decode()
    assert not AccessAttempt.objects.filter(username__startswith="AAAA").exists()
