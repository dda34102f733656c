"""The dashboards' period (GET parameters)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from tanggap.complaints.reports.figures import check_period

DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class PeriodForm(forms.Form):
    """The dashboard's period (GET parameters)."""

    start = forms.DateField(label=gettext_lazy("Dari tanggal"), widget=DATE_INPUT)
    end = forms.DateField(label=gettext_lazy("Sampai tanggal"), widget=DATE_INPUT)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end"):
            try:
                check_period(data["start"], data["end"])
            except ValueError as exc:
                raise forms.ValidationError(str(exc)) from None
        return data
