"""The forms of the SKP pages: start an SKP, add a result (hasil kerja) and what it cascades from, the
superior's quarterly review and the year-end ratings. The services check every value again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tanggap.performance.achievement import Direction
from tanggap.performance.models import AutoSource
from tanggap.performance.skp import Behaviour, Rating

INDICATOR, PARENT = "indikator", "atasan"


class SkpCreateForm(forms.Form):
    """Whose SKP (the signed-in official or a team member) and for which year (hidden on the button)."""

    official = forms.ModelChoiceField(
        queryset=None,
        error_messages={"invalid_choice": _("Pegawai tidak ditemukan atau bukan wewenang Anda.")},
    )
    year = forms.CharField(max_length=8)

    def __init__(self, *args, officials, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["official"].queryset = officials


class SkpResultForm(forms.Form):
    """One result with its target; `parent` is an indicator of the unit's agreement, a result of the
    superior's SKP, or empty (a result of the official's own)."""

    text = forms.CharField(label=_("Hasil kerja"), max_length=300)
    target = forms.CharField(
        label=_("Target"), max_length=30, help_text=_("Angka, misalnya 100 atau 92,5.")
    )
    measure = forms.CharField(
        label=_("Satuan"), max_length=60, help_text=_("Misalnya: layanan, %, dokumen.")
    )
    direction = forms.ChoiceField(
        label=_("Arah"), choices=Direction.choices, initial=Direction.HIGHER_IS_BETTER
    )
    parent = forms.ChoiceField(
        label=_("Diturunkan dari"),
        required=False,
        error_messages={
            "invalid_choice": _(
                "Pilih indikator perjanjian kinerja unit atau hasil kerja atasan dari daftar."
            )
        },
    )
    source = forms.ChoiceField(
        label=_("Sumber realisasi"),
        choices=AutoSource.choices,
        required=False,
        help_text=_("Otomatis: realisasi diambil dari catatan platform, bukan diketik."),
    )

    def __init__(self, *args, indicators, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self._indicators = {str(i.pk): i for i in indicators}
        self._parents = {str(r.pk): r for r in parents}
        choices: list = [("", _("Tidak diturunkan (hasil kerja mandiri)"))]
        if indicators:
            choices.append(
                (
                    _("Indikator perjanjian kinerja unit"),
                    [(f"{INDICATOR}-{i.pk}", i.name) for i in indicators],
                )
            )
        if parents:
            choices.append(
                (_("Hasil kerja SKP atasan"), [(f"{PARENT}-{r.pk}", r.text) for r in parents])
            )
        self.fields["parent"].choices = choices

    def clean(self):
        data = super().clean()
        kind, _dash, pk = (data.pop("parent", "") or "").partition("-")
        data["indicator"] = self._indicators.get(pk) if kind == INDICATOR else None
        data["parent_result"] = self._parents.get(pk) if kind == PARENT else None
        return data


def _realisation_field(name: str) -> str:
    return f"realisations.{name}"


class QuarterReviewForm(forms.Form):
    """A quarter's review: one realisation field per result (`realisations.<id>`, the service's own
    field names, so its refusals land on the field), feedback on the results and on each behaviour."""

    results_feedback = forms.CharField(
        label=_("Umpan balik hasil kerja"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, results, **kwargs):
        super().__init__(*args, **kwargs)
        self.result_fields = []
        for result in results:
            name = _realisation_field(str(result.pk))
            self.fields[name] = forms.CharField(
                label=result.text,
                required=False,
                max_length=30,
                help_text=_("Target %(target)s %(measure)s")
                % {"target": f"{result.target.normalize():f}", "measure": result.measure},
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
            self.result_fields.append(name)
        self.behaviour_fields = []
        for behaviour in Behaviour:
            name = f"behaviour_feedback.{behaviour.value}"
            self.fields[name] = forms.CharField(
                label=behaviour.label,
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.behaviour_fields.append(name)

    def service_arguments(self) -> dict:
        """The cleaned data as skp_quarter_review_write takes it (blank realisations left out)."""
        data = self.cleaned_data
        return {
            "realisations": {
                int(name.rsplit(".", 1)[1]): data[name]
                for name in self.result_fields
                if (data.get(name) or "").strip()
            },
            "results_feedback": data.get("results_feedback", ""),
            "behaviour_feedback": {
                name.rsplit(".", 1)[1]: data[name]
                for name in self.behaviour_fields
                if (data.get(name) or "").strip()
            },
        }


RATING_ERROR = _("Penilaian harus salah satu dari: di bawah, sesuai, atau di atas ekspektasi.")


class RatingForm(forms.Form):
    """The year-end ratings, each di atas / sesuai / di bawah ekspektasi."""

    hasil_kerja = forms.ChoiceField(
        label=_("Penilaian hasil kerja"),
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": RATING_ERROR, "required": RATING_ERROR},
    )
    perilaku = forms.ChoiceField(
        label=_("Penilaian perilaku kerja"),
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": RATING_ERROR, "required": RATING_ERROR},
    )
