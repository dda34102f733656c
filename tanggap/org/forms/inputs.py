"""What the org forms share: date, time and working-day inputs, and the model form that only reads input.

Model forms here are never saved and never bound to an existing record (binding would change the
record in memory before the service compares old and new values): views pass `cleaned_data` to a
service. Uniqueness is the services' job, so model-level unique checks are skipped.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

WEEKDAYS = [
    ("0", gettext_lazy("Senin")),
    ("1", gettext_lazy("Selasa")),
    ("2", gettext_lazy("Rabu")),
    ("3", gettext_lazy("Kamis")),
    ("4", gettext_lazy("Jumat")),
    ("5", gettext_lazy("Sabtu")),
    ("6", gettext_lazy("Minggu")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class WorkDaysField(forms.MultipleChoiceField):
    """Working weekdays as checkboxes, cleaned to the model's '0,1,2,3,4' text."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=WEEKDAYS, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, str):
            return [v for v in value.split(",") if v]
        return value

    def clean(self, value):
        return ",".join(sorted(super().clean(value)))


class ServiceInputForm(forms.ModelForm):
    """A model form used only to read input for a service: no instance, no unique checks, no save."""

    def validate_unique(self):
        """Uniqueness is checked by the service, with messages that name the clash."""

    def save(self, commit=True):  # pragma: no cover - a guard, never called
        raise NotImplementedError("Pass cleaned_data to a service instead.")
