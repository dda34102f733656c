"""The questionnaire form (the instrument's nine elements in the current language, and the profile) and a
unit's survey settings form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tanggap.surveys.instrument import load_instrument
from tanggap.surveys.models import SurveyResponse, SurveySettings
from tanggap.surveys.services import AGE_MAX, AGE_MIN, COMMENT_MAX, current_language

R = SurveyResponse


def _choices_with_blank(choices) -> list:
    return [("", _("— pilih —")), *choices]


class SurveyForm(forms.Form):
    """Nine questions (official wording from the instrument data), the respondent profile, a comment.

    The element fields are named by element key (persyaratan, prosedur, ...), as the answers are stored.
    """

    sex = forms.ChoiceField(
        label=_("Jenis kelamin"),
        choices=R.Sex.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih jenis kelamin.")},
    )
    age = forms.IntegerField(
        label=_("Usia (tahun)"),
        min_value=AGE_MIN,
        max_value=AGE_MAX,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Isi usia Anda."),
            "invalid": _("Usia diisi dengan angka."),
            "min_value": _("Usia paling rendah %(limit_value)s tahun."),
            "max_value": _("Usia paling tinggi %(limit_value)s tahun."),
        },
    )
    education = forms.ChoiceField(
        label=_("Pendidikan terakhir"),
        choices=_choices_with_blank(R.Education.choices),
        error_messages={"required": _("Pilih pendidikan terakhir.")},
    )
    occupation = forms.ChoiceField(
        label=_("Pekerjaan"),
        choices=_choices_with_blank(R.Occupation.choices),
        error_messages={"required": _("Pilih pekerjaan.")},
    )
    comment = forms.CharField(
        label=_("Saran dan masukan (opsional)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # A honeypot: hidden from people, filled by naive bots.
    website = forms.CharField(
        label=_("Jangan isi kolom ini"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lang = current_language()
        self.elements = load_instrument().elements
        element_fields = {}
        for element in self.elements:
            labels = element.answer_labels(lang)
            field = forms.TypedChoiceField(
                label=element.question.get(lang) or element.question["id"],
                choices=[(str(n), label) for n, label in enumerate(labels, start=1)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Pilih salah satu jawaban.")},
            )
            field.element = element
            field.element_name = element.label(lang)
            element_fields[element.key] = field
        # The questions come first, then the profile and the comment.
        self.fields = {**element_fields, **self.fields}

    def is_spam(self) -> bool:
        return bool((self.data.get("website") or "").strip())

    def element_fields(self) -> list:
        return [self[element.key] for element in self.elements]

    def profile_fields(self) -> list:
        return [self[name] for name in ("sex", "age", "education", "occupation")]

    def submit_kwargs(self) -> dict:
        """The cleaned data as survey_submit takes it."""
        data = self.cleaned_data
        return {
            "answers": {element.key: data[element.key] for element in self.elements},
            "sex": data["sex"],
            "age": data["age"],
            "education": data["education"],
            "occupation": data["occupation"],
            "comment": data.get("comment", ""),
        }


class SurveySettingsForm(forms.Form):
    """How a unit takes surveys: without a ticket or not, and the IKM weighting."""

    allow_without_ticket = forms.BooleanField(
        label=_("Terima survei tanpa tiket atau laporan"),
        required=False,
        help_text=_("Jawaban seperti ini ditandai dan dapat dikecualikan dari laporan."),
    )
    weighting = forms.ChoiceField(
        label=_("Pembobotan IKM"),
        choices=SurveySettings._meta.get_field("weighting").choices,
        widget=forms.RadioSelect,
    )
