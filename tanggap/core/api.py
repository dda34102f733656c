"""API plumbing every app shares: domain errors become JSON {code, message} with the right HTTP status,
and the staff authentication (session first, answering 401 to anonymous callers; HTTP Basic for scripts)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, status
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from tanggap.core.authentication import BasicAuthentication
from tanggap.core.errors import DomainError


def exception_handler(exc, context):
    """Answer domain and validation errors as JSON with a code and a message; never a 500 for bad input."""
    if isinstance(exc, DomainError):
        body = {"code": exc.code, "message": str(exc.message)}
        if exc.field:
            body["field"] = exc.field
        return Response(body, status=exc.status)
    if isinstance(exc, DjangoValidationError):
        return Response(
            {
                "code": "invalid",
                "message": " ".join(exc.messages),
                "errors": exc.message_dict if hasattr(exc, "error_dict") else None,
            },
            status=status.HTTP_400_BAD_REQUEST,
        )
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "code" not in response.data:
        detail = response.data.get("detail")
        code = getattr(detail, "code", None) or (
            "invalid" if response.status_code == 400 else "error"
        )
        if detail is not None:
            response.data = {"code": code, "message": str(detail)}
        else:
            response.data = {
                "code": "invalid",
                "message": str(_first_message(response.data)),
                "errors": response.data,
            }
    return response


def _first_message(data) -> str:
    if isinstance(data, dict):
        for value in data.values():
            return _first_message(value)
    if isinstance(data, list) and data:
        return _first_message(data[0])
    return str(data)


class StaffSessionAuthentication(authentication.SessionAuthentication):
    """Session login that answers 401 (not 403) to anonymous callers.

    DRF only answers 401 when the first authenticator names a scheme. `Basic` would make browsers
    pop up a password dialog over the counter page when its session expires, so the scheme is `Session`.
    """

    def authenticate_header(self, request) -> str:
        return 'Session realm="tanggap"'


class StaffSessionScheme(OpenApiAuthenticationExtension):
    target_class = StaffSessionAuthentication
    name = "staffSessionAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}


# Staff endpoints: the signed-in session (pages' own fetches), or HTTP Basic for scripts.
STAFF_AUTHENTICATION = [StaffSessionAuthentication, BasicAuthentication]


MAX_PAGE_SIZE = 200
MAX_OFFSET = 2**31 - 1


class CappedLimitOffsetPagination(LimitOffsetPagination):
    """`?limit=` and `?offset=`: at most MAX_PAGE_SIZE rows a page; anything but a whole number within range
    is a 400 with a clear message (never a database overflow)."""

    max_limit = MAX_PAGE_SIZE

    def _parameter(self, request, name: str, maximum: int) -> int | None:
        raw = request.query_params.get(name)
        if raw is None or raw == "":
            return None
        if not (raw.isascii() and raw.isdigit()) or int(raw) > maximum:
            raise ValidationError(
                {name: _("Harus bilangan bulat 0 sampai %(max)s.") % {"max": maximum}}
            )
        return int(raw)

    def get_limit(self, request):
        limit = self._parameter(request, self.limit_query_param, MAX_OFFSET)
        if limit is None or limit == 0:
            return self.default_limit
        return min(limit, self.max_limit)

    def get_offset(self, request):
        return self._parameter(request, self.offset_query_param, MAX_OFFSET) or 0
