"""The predikat distribution page's choices (GET): the unit, the year and the unit's own rating."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tanggap.performance.forms.agreements import AgreementFilterForm
from tanggap.performance.skp import UnitRating

# The unit's own rating is not held by the platform (module doc of views/predikat.py): until it is
# chosen, the page checks against "Baik", the rating most units receive.
DEFAULT_UNIT_RATING = UnitRating.BAIK


class PredikatForm(AgreementFilterForm):
    """`unit` among those the user may read, `tahun` (this year when empty), `predikat_unit`."""

    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=None,
        required=False,
        empty_label=None,
        error_messages={"invalid_choice": _("Unit tidak ditemukan atau bukan wewenang Anda.")},
    )
    predikat_unit = forms.ChoiceField(
        label=_("Predikat kinerja unit"),
        choices=UnitRating.choices,
        required=False,
        help_text=_(
            "Hasil evaluasi kinerja organisasi unit ini, yang belum tercatat di Tanggap: pilih sesuai "
            "penetapan pejabat pembina kepegawaian. Bila belum dipilih, dipakai Baik."
        ),
        error_messages={
            "invalid_choice": _(
                "Predikat unit harus salah satu dari: istimewa, baik, butuh perbaikan, kurang, "
                "sangat kurang."
            )
        },
    )

    field_order = ["unit", "tahun", "predikat_unit"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean_predikat_unit(self) -> str:
        return self.cleaned_data.get("predikat_unit") or DEFAULT_UNIT_RATING
