"""What the survey pages share: the public rate limit and the submission step."""

from __future__ import annotations

import re

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from tanggap.core.env import env_str
from tanggap.core.errors import DomainError
from tanggap.surveys import services
from tanggap.surveys.forms import SurveyForm

_RATE = re.compile(r"^\d+/(s|sec|second|m|min|minute|h|hour|d|day)$")


def _rate(name: str, default: str) -> str:
    value = env_str(name, default).strip()
    if not _RATE.match(value):
        raise ImproperlyConfigured(
            f"Environment variable {name} must be a rate like 10/minute, got {value!r}."
        )
    return value


RATES = {"survey_public": _rate("API_SURVEY_RATE", "10/minute")}


class SurveyPublicThrottle(SimpleRateThrottle):
    """Questionnaire submissions, per signed-in user or, for anonymous callers, per client IP."""

    scope = "survey_public"

    def get_rate(self) -> str:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope) or RATES[self.scope]

    def get_cache_key(self, request, view) -> str:
        user = getattr(request, "user", None)
        ident = user.pk if user and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def submit_form(form: SurveyForm, **target):
    """Validate the form and submit it; on any refusal the form carries the message and None returns."""
    if form.is_spam():
        form.add_error(None, _("Isian tidak dapat dikirim. Muat ulang halaman lalu coba lagi."))
        return None
    if not form.is_valid():
        return None
    try:
        return services.survey_submit(**target, **form.submit_kwargs())
    except DomainError as exc:
        field = exc.field if exc.field in form.fields else None
        form.add_error(field, str(exc.message))
        return None
