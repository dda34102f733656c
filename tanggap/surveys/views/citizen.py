"""The citizen's questionnaire, no account needed: by invitation (a served ticket or an answered
complaint) or, where the unit allows it, without one; then the thank-you page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from tanggap.core.decorators import limit_posts, public_view
from tanggap.core.errors import DomainError
from tanggap.surveys import selectors, services
from tanggap.surveys.forms import SurveyForm
from tanggap.surveys.invitations import read_invitation
from tanggap.surveys.views.submission import SurveyPublicThrottle, submit_form


def _unavailable(request, message, *, status: int) -> HttpResponse:
    return render(request, "surveys/unavailable.html", {"message": message}, status=status)


@require_http_methods(["GET", "POST"])
@public_view
@limit_posts(SurveyPublicThrottle)
def take(request: HttpRequest, token: str) -> HttpResponse:
    """The questionnaire about one served ticket or answered complaint (the QR code's target)."""
    try:
        invitation = read_invitation(token)
    except DomainError as exc:
        status = 404 if exc.code == "survey_bad_token" else 400
        return _unavailable(request, exc.message, status=status)
    if selectors.source_answered(invitation.source_key):
        return _unavailable(request, services.already_answered_error().message, status=409)
    form = SurveyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and submit_form(form, invitation=invitation, channel="web"):
        return redirect("surveys:thanks")
    context = {
        "form": form,
        "unit": invitation.unit,
        "service": invitation.service,
        "served_on": invitation.served_on,
    }
    return render(request, "surveys/take.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@public_view
@limit_posts(SurveyPublicThrottle)
def take_unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The questionnaire without a ticket, only where the unit accepts it (the response is flagged)."""
    unit = selectors.survey_unit(unit_id)
    if not selectors.survey_settings_for(unit).allow_without_ticket:
        return render(request, "surveys/unit_closed.html", {"unit": unit})
    form = SurveyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and submit_form(form, unit=unit, channel="web"):
        return redirect("surveys:thanks")
    context = {"form": form, "unit": unit, "without_ticket": True}
    return render(request, "surveys/take.html", context, status=400 if form.errors else 200)


@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    """After a submission."""
    return render(request, "surveys/thanks.html")
