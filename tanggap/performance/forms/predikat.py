"""The predikat distribution page's choices (GET): the unit, the year and a what-if rating of the unit;
and the region admin's form (POST) that records the unit's own rating of the year with its basis."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tanggap.performance.forms.agreements import YEAR_ATTRS, AgreementFilterForm
from tanggap.performance.services.unit_rating import BASIS_MAX
from tanggap.performance.skp import UnitRating

RATING_ERRORS = {
    "invalid_choice": _(
        "Predikat unit harus salah satu dari: istimewa, baik, butuh perbaikan, kurang, "
        "sangat kurang."
    )
}


class PredikatForm(AgreementFilterForm):
    """`unit` among those the user may read, `tahun` (this year when empty), `predikat_unit` (a what-if
    rating; empty: the stored rating of the year, else the default)."""

    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=None,
        required=False,
        empty_label=None,
        error_messages={"invalid_choice": _("Unit tidak ditemukan atau bukan wewenang Anda.")},
    )
    predikat_unit = forms.ChoiceField(
        label=_("Coba predikat kinerja unit lain"),
        choices=[("", _("— predikat yang ditetapkan —")), *UnitRating.choices],
        required=False,
        help_text=_(
            "Kosongkan untuk memakai predikat yang ditetapkan untuk unit dan tahun ini (bila belum "
            "ditetapkan, dipakai Baik). Pilihan lain hanya simulasi dan tidak mengubah apa pun."
        ),
        error_messages=RATING_ERRORS,
    )

    field_order = ["unit", "tahun", "predikat_unit"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class UnitRatingForm(forms.Form):
    """Set the unit's own rating of a year (POST): the service checks the year, rating and basis."""

    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=None,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _("Unit tidak ditemukan atau bukan wewenang Anda."),
            "required": _("Unit tidak ditemukan atau bukan wewenang Anda."),
        },
    )
    year = forms.CharField(
        label=_("Tahun"), required=False, max_length=6, widget=forms.HiddenInput(YEAR_ATTRS)
    )
    rating = forms.ChoiceField(
        label=_("Predikat kinerja unit"),
        choices=UnitRating.choices,
        error_messages={**RATING_ERRORS, "required": RATING_ERRORS["invalid_choice"]},
    )
    basis = forms.CharField(
        label=_("Dasar penetapan"),
        required=False,
        max_length=BASIS_MAX,
        help_text=_(
            "Keputusan atau hasil evaluasi yang menetapkan predikat ini, misalnya nomor dan judul "
            "keputusan kepala daerah."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
