"""What the survey pages share: the public rate limit and the submission step."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tanggap.core.errors import DomainError
from tanggap.core.forms import add_domain_error
from tanggap.core.throttles import RATES, ClientRateThrottle  # noqa: F401 (RATES: tests patch it)
from tanggap.surveys import services
from tanggap.surveys.forms import SurveyForm


class SurveyPublicThrottle(ClientRateThrottle):
    """Questionnaire submissions, per signed-in user or, for anonymous callers, per client IP."""

    scope = "survey_public"


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
        add_domain_error(form, exc)
        return None
