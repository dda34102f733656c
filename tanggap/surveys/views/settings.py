"""A unit's survey settings page: whether surveys without a ticket are taken, and the IKM weighting."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tanggap.accounts.permissions import is_staff_member
from tanggap.core.decorators import staff_view
from tanggap.core.forms import run_form
from tanggap.surveys import selectors
from tanggap.surveys.forms import SurveySettingsForm
from tanggap.surveys.services import survey_settings_update


@staff_view(is_staff_member)
def survey_settings(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Show and change how the unit takes surveys (unit head, unit admin, region admin)."""
    unit = selectors.unit_for_settings(unit_id, user=request.user)
    current = selectors.survey_settings_for(unit)
    initial = {"allow_without_ticket": current.allow_without_ticket, "weighting": current.weighting}
    form = SurveySettingsForm(request.POST or None, initial=initial)
    ok, _saved = run_form(request, form, survey_settings_update, actor=request.user, unit=unit)
    if ok:
        messages.success(request, _("Pengaturan survei %(unit)s disimpan.") % {"unit": unit.name})
        return redirect("surveys:report_unit", unit_id=unit.pk)
    return render(request, "surveys/settings.html", {"unit": unit, "form": form})
