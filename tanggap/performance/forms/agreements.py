"""The forms of the agreement pages: the year filter, a new agreement, an indicator, a quarter's
realisation. Figures and years stay text here: the services read them (a decimal comma included) and
refuse them with the message the page shows on the field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tanggap.core.errors import DomainError
from tanggap.performance.achievement import Direction
from tanggap.performance.models import QUARTERS
from tanggap.performance.services.figures import parse_year

FIGURE_ATTRS = {"inputmode": "decimal", "autocomplete": "off"}
ROMAN = ("I", "II", "III", "IV")
YEAR_ATTRS = {"inputmode": "numeric", "autocomplete": "off", "maxlength": 4}


def _figure(label, *, required: bool = False, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=40,
        help_text=help_text,
        widget=forms.TextInput(attrs=FIGURE_ATTRS),
    )


class AgreementFilterForm(forms.Form):
    """The list's year (GET ?tahun=)."""

    tahun = forms.CharField(label=_("Tahun"), required=False, widget=forms.TextInput(YEAR_ATTRS))

    def clean_tahun(self) -> int | None:
        value = (self.cleaned_data.get("tahun") or "").strip()
        if not value:
            return None
        try:
            return parse_year(value)
        except DomainError as exc:
            raise forms.ValidationError(str(exc.message)) from None


class AgreementCreateForm(forms.Form):
    """A new draft agreement of a unit the user manages, for a year."""

    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=None,
        error_messages={
            "required": _("Pilih unit."),
            "invalid_choice": _("Unit tidak ditemukan atau bukan wewenang Anda."),
        },
    )
    year = forms.CharField(label=_("Tahun"), widget=forms.TextInput(YEAR_ATTRS))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class IndicatorForm(forms.Form):
    """One indicator of a draft agreement."""

    name = forms.CharField(label=_("Indikator"), max_length=300)
    measure = forms.CharField(
        label=_("Satuan"), max_length=60, help_text=_("Misalnya %, orang, hari, dokumen.")
    )
    direction = forms.ChoiceField(
        label=_("Arah"),
        choices=Direction.choices,
        initial=Direction.HIGHER_IS_BETTER,
        error_messages={
            "invalid_choice": _(
                "Arah indikator harus 'makin tinggi makin baik' atau 'makin rendah makin baik'."
            )
        },
    )
    baseline = _figure(
        _("Baseline (realisasi tahun lalu)"),
        help_text=_("Dipakai untuk menandai target yang tidak naik dari tahun lalu."),
    )
    target_year = _figure(_("Target tahunan"), required=True)
    target_q1 = _figure(_("Target triwulan I"))
    target_q2 = _figure(_("Target triwulan II"))
    target_q3 = _figure(_("Target triwulan III"))
    target_q4 = _figure(_("Target triwulan IV"))
    plan_goal_code = forms.CharField(
        label=_("Kode sasaran RPJMD/Renstra"), max_length=60, required=False
    )
    plan_goal = forms.CharField(label=_("Sasaran RPJMD/Renstra"), max_length=300, required=False)
    evidence_required = forms.BooleanField(
        label=_("Realisasi wajib disertai bukti dukung"), required=False, initial=True
    )

    def service_kwargs(self) -> dict:
        """indicator_add's arguments from the cleaned data (the four quarters as one tuple)."""
        data = dict(self.cleaned_data)
        data["quarter_targets"] = tuple(data.pop(f"target_q{q}") for q in QUARTERS)
        return data


class RealisationForm(forms.Form):
    """An indicator's realisation for one quarter, with its evidence (a file or a link)."""

    indicator = forms.ModelChoiceField(
        queryset=None,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Indikator tidak ditemukan."),
            "invalid_choice": _("Indikator tidak ditemukan."),
        },
    )
    quarter = forms.ChoiceField(
        label=_("Triwulan"),
        choices=[(str(q), roman) for q, roman in zip(QUARTERS, ROMAN, strict=True)],
        error_messages={
            "required": _("Triwulan harus 1, 2, 3, atau 4."),
            "invalid_choice": _("Triwulan harus 1, 2, 3, atau 4."),
        },
    )
    value = _figure(_("Realisasi"), required=True)
    evidence_file = forms.FileField(
        label=_("Berkas bukti"),
        required=False,
        help_text=_("Foto (JPEG, PNG, WebP) atau PDF, paling besar 5 MB."),
    )
    evidence_url = forms.CharField(
        label=_("atau tautan bukti"),
        required=False,
        max_length=500,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators
