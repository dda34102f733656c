"""Forms of the competition pages: a round's settings, a category, the rubric (one line per criterion),
a stage, a proposal, and the screening reason. Services check every rule; forms only parse."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from tanggap.innovation.models import Innovation, Round, RoundStage

DATE = forms.DateInput(attrs={"type": "date"})


class RoundForm(forms.ModelForm):
    class Meta:
        model = Round
        fields = [
            "name",
            "year",
            "style",
            "description",
            "opens_on",
            "closes_on",
            "min_stage",
            "min_years_implemented",
            "max_proposals_per_unit",
            "require_qualified",
            "reviews_per_proposal",
            "blind",
            "tie_rule",
            "outlier_gap",
            "top_n",
        ]
        widgets = {"opens_on": DATE, "closes_on": DATE}

    def __init__(self, *args, organisers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisers is not None:
            self.fields["organiser"] = forms.ModelChoiceField(
                queryset=organisers, label=_l("Penyelenggara")
            )
            self.order_fields(["organiser"])


class CategoryForm(forms.Form):
    code = forms.SlugField(label=_l("Kode"), max_length=40)
    name = forms.CharField(label=_l("Nama kategori"), max_length=200)
    forms = forms.MultipleChoiceField(
        label=_l("Bentuk inovasi yang boleh (kosong: semua)"),
        choices=Innovation.Form.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        # The round page holds this form and the stage form: their "name" fields need distinct ids.
        kwargs.setdefault("auto_id", "category_%s")
        super().__init__(*args, **kwargs)


class RubricForm(forms.Form):
    lines = forms.CharField(
        label=_l(
            "Kriteria (satu per baris: kode | nama | bobot | nilai terendah | nilai tertinggi)"
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
    )

    def clean_lines(self):
        items = []
        for number, line in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) not in (3, 5):
                raise forms.ValidationError(
                    _(
                        "Baris %(n)s: tulis kode | nama | bobot, boleh ditambah | terendah | tertinggi."
                    )
                    % {"n": number}
                )
            item = {"code": parts[0], "name": parts[1], "weight": parts[2]}
            if len(parts) == 5:
                item |= {"min_score": parts[3], "max_score": parts[4]}
            items.append(item)
        if not items:
            raise forms.ValidationError(_("Tulis minimal satu kriteria."))
        return items


class StageForm(forms.Form):
    kind = forms.ChoiceField(label=_l("Jenis"), choices=RoundStage.Kind.choices)
    name = forms.CharField(label=_l("Nama tahap"), max_length=120)
    starts_on = forms.DateField(label=_l("Mulai"), widget=DATE)
    ends_on = forms.DateField(label=_l("Selesai"), widget=DATE)
    pass_score = forms.DecimalField(
        label=_l("Nilai lolos"), required=False, max_digits=6, decimal_places=2
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "stage_%s")
        super().__init__(*args, **kwargs)


class ProposalForm(forms.Form):
    innovation = forms.ModelChoiceField(label=_l("Inovasi"), queryset=Innovation.objects.none())
    category = forms.ModelChoiceField(label=_l("Kategori"), queryset=None)
    title = forms.CharField(
        label=_l("Judul proposal (kosong: nama inovasi)"), max_length=200, required=False
    )
    summary = forms.CharField(
        label=_l("Ringkasan (kosong: manfaat inovasi)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        required=False,
    )

    def __init__(self, *args, round_, innovations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["innovation"].queryset = Innovation.objects.filter(
            pk__in=[i.pk for i in innovations]
        )
        self.fields["category"].queryset = round_.categories.all()


class ScreenForm(forms.Form):
    reason = forms.CharField(
        label=_l("Alasan (wajib bila tidak lolos)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
