"""Request-scoped helpers: a request id that log lines and audit rows carry."""

from __future__ import annotations

import contextvars
import uuid

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)


def current_request_id() -> str | None:
    """The id of the request being served, if any."""
    return _request_id.get()


class RequestIdMiddleware:
    """Gives each request an id (or keeps a proxy's X-Request-ID) and echoes it in the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if 0 < len(incoming) <= 64 and incoming.isascii() else uuid.uuid4().hex
        token = _request_id.set(rid)
        request.request_id = rid
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = rid
        return response


class LanguageMiddleware(LocaleMiddleware):
    """Bahasa Indonesia unless the visitor chose another language with the switch (cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language; a public-service site in
    Indonesia speaks Indonesian first, whatever language the phone was set to.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
