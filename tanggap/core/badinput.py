"""Input no page or endpoint should ever see, refused in one place before any view runs (answer 400).

- NUL characters in the path, the query string, a form field or a JSON body: PostgreSQL refuses them in text
  and would turn them into a server error.
- JSON nested deeper than `MAX_JSON_DEPTH`: Python's parser recurses and would overflow.
- A query or form value that is a whole number beyond any database integer (above 2**63 - 1): as a record's
  id it overflows the database driver (SQLite raises, and `pk__in` look-ups are not guarded by Django). No
  field of the platform takes such a number (a NIK has 16 digits, a NIP 18).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from tanggap.core.views import error_response

MAX_JSON_DEPTH = 64
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
MAX_INTEGER = 2**63 - 1
_LONG_NUMBER = re.compile(r"[+-]?[0-9]{19,}")


def json_depth_exceeds(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether brackets outside strings nest deeper than `limit` (a scan, no parse)."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return False
    depth, in_string, escaped = 0, False, False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
    return False


def _has_nul(values) -> bool:
    return any("\x00" in value for value in values)


def _is_huge_integer(value: str) -> bool:
    text = value.strip()
    if not _LONG_NUMBER.fullmatch(text):
        return False
    # More than 19 digits is beyond any database integer: decided without int(), which refuses strings
    # of more than 4,300 digits.
    digits = text.lstrip("+-").lstrip("0")
    return len(digits) > 19 or int(digits or "0") > MAX_INTEGER


def _has_huge_integer(values) -> bool:
    return any(_is_huge_integer(value) for value in values)


def _huge_integer_field(data) -> str | None:
    """The first field of a QueryDict holding a number beyond any database integer."""
    for key, values in data.lists():
        if _has_huge_integer(values):
            return key[:40]
    return None


def refusal(request) -> str | None:
    """Why the request is refused, or None when it may go on."""
    if "\x00" in request.path or any(
        _has_nul([key, *values]) for key, values in request.GET.lists()
    ):
        return _("Alamat atau parameter berisi karakter yang tidak diizinkan.")
    if (name := _huge_integer_field(request.GET)) is not None:
        return _("Parameter %(name)s berisi angka yang terlalu besar.") % {"name": name}
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    content_type = request.META.get("CONTENT_TYPE", "")
    if content_type.startswith(FORM_TYPES):
        if any(_has_nul([key, *values]) for key, values in request.POST.lists()):
            return _("Isian berisi karakter yang tidak diizinkan.")
        if (name := _huge_integer_field(request.POST)) is not None:
            return _("Isian %(name)s berisi angka yang terlalu besar.") % {"name": name}
    elif "json" in content_type:
        body = request.body
        if b"\x00" in body or b"\\u0000" in body:
            return _("Isian berisi karakter yang tidak diizinkan.")
        if json_depth_exceeds(body):
            return _("Data JSON bersarang terlalu dalam.")
    return None


class BadInputMiddleware:
    """Answer 400 (JSON for the API and Open311, the error page elsewhere) to input no view should see."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        message = refusal(request)
        if message is None:
            return self.get_response(request)
        return error_response(request, 400, "bad_input", message)
