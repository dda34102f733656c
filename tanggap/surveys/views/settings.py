"""A unit's survey settings page: whether surveys without a ticket are taken, and the IKM weighting."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.org.models import Unit
from tanggap.surveys.models import SurveySettings
from tanggap.surveys.services import survey_settings_for, survey_settings_update


class SurveySettingsForm(forms.Form):
    allow_without_ticket = forms.BooleanField(
        label=gettext_lazy("Terima survei tanpa tiket atau laporan"),
        required=False,
        help_text=gettext_lazy("Jawaban seperti ini ditandai dan dapat dikecualikan dari laporan."),
    )
    weighting = forms.ChoiceField(
        label=gettext_lazy("Pembobotan IKM"),
        choices=SurveySettings._meta.get_field("weighting").choices,
        widget=forms.RadioSelect,
    )


@login_required
def survey_settings(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Show and change how the unit takes surveys (unit head, unit admin, region admin)."""
    unit = get_object_or_404(Unit.objects.select_related("region"), pk=unit_id)
    current = survey_settings_for(unit)
    initial = {"allow_without_ticket": current.allow_without_ticket, "weighting": current.weighting}
    form = SurveySettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            survey_settings_update(actor=request.user, unit=unit, **form.cleaned_data)
        except PermissionDenied as exc:
            raise HttpForbidden(str(exc.message)) from None
        except DomainError as exc:
            form.add_error(exc.field, str(exc.message))
        else:
            messages.success(
                request, _("Pengaturan survei %(unit)s disimpan.") % {"unit": unit.name}
            )
            return redirect("surveys:report_unit", unit_id=unit.pk)
    return render(request, "surveys/settings.html", {"unit": unit, "form": form})
