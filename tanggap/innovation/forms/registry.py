"""Forms of the registry pages: filters, an innovation, evidence, a replication, the showcase filter.
The services decide every rule (dates, stage, levels, files); a refusal lands on the field it names."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tanggap.innovation.models import Innovation
from tanggap.innovation.models.choices import Affair, Form, Initiator, Kind, Stage

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _blank(choices):
    return [("", "—"), *choices]


class RegistryFilterForm(forms.Form):
    """The registry's filters (GET)."""

    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False)
    tahap = forms.ChoiceField(label=_("Tahapan"), choices=_blank(Stage.choices), required=False)
    bentuk = forms.ChoiceField(label=_("Bentuk"), choices=_blank(Form.choices), required=False)
    jenis = forms.ChoiceField(label=_("Jenis"), choices=_blank(Kind.choices), required=False)
    urusan = forms.ChoiceField(label=_("Urusan"), choices=_blank(Affair.choices), required=False)
    tahun = forms.IntegerField(
        label=_("Tahun didaftarkan"), required=False, min_value=2000, max_value=2100
    )
    q = forms.CharField(label=_("Cari"), required=False, max_length=100)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def selection(self) -> dict:
        """The selector's keyword arguments (empty when the filters are invalid)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "unit_id": data["unit"].pk if data.get("unit") else None,
            "stage": data.get("tahap") or "",
            "form": data.get("bentuk") or "",
            "kind": data.get("jenis") or "",
            "affair": data.get("urusan") or "",
            "year": data.get("tahun"),
            "text": data.get("q") or "",
        }


class InnovationForm(forms.ModelForm):
    """Register or edit an innovation (the unit only when registering)."""

    unit = forms.ModelChoiceField(
        label=_("Unit pemilik"),
        queryset=None,
        error_messages={"invalid_choice": _("Unit tidak ditemukan atau bukan wewenang Anda.")},
    )
    stage = forms.ChoiceField(label=_("Tahapan"), choices=Stage.choices)
    photo_file = forms.FileField(label=_("Foto utama"), required=False)

    class Meta:
        model = Innovation
        fields = [
            "name",
            "form",
            "kind",
            "initiator",
            "affair",
            "initiated_on",
            "trial_on",
            "implemented_on",
            "problem",
            "approach",
            "benefits",
            "results",
            "budget",
            "owners",
            "is_public",
        ]
        widgets = {
            "initiated_on": DATE,
            "trial_on": DATE,
            "implemented_on": DATE,
            "problem": forms.Textarea(attrs={"rows": 3}),
            "approach": forms.Textarea(attrs={"rows": 3}),
            "benefits": forms.Textarea(attrs={"rows": 3}),
            "results": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, units, officials, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["owners"].queryset = officials
        self.fields["owners"].required = False
        self.fields["form"].choices = Form.choices
        self.fields["kind"].choices = Kind.choices
        self.fields["initiator"].choices = Initiator.choices
        self.fields["affair"].choices = Affair.choices
        if editing:
            del self.fields["unit"]
            del self.fields["stage"]

    def _post_clean(self):
        # The services validate the record; the form must not touch the instance.
        pass


class IndicatorChoice(forms.ModelChoiceField):
    """An indicator with its evidence options: "code name (1: 25% · 2: 50% · ...)"."""

    def label_from_instance(self, obj) -> str:
        options = " · ".join(
            f"{number}: {float(level.get('share', 0)) * 100:.0f}%"
            for number, level in enumerate(obj.levels or [], start=1)
        )
        return f"{obj.code} {obj.name} ({options})" if options else f"{obj.code} {obj.name}"


class EvidenceForm(forms.Form):
    """Evidence for one SID indicator: the claimed option, and a link or a file."""

    indicator = IndicatorChoice(label=_("Indikator"), queryset=None)
    level = forms.IntegerField(
        label=_("Pilihan bukti (nomor)"),
        min_value=1,
        max_value=20,
        help_text=_(
            "Nomor pilihan yang dibuktikan; di samping indikator tertera bagian skor tiap pilihan "
            "(nomor tertinggi = bukti terlengkap)."
        ),
    )
    link = forms.URLField(label=_("Tautan"), required=False, max_length=500, assume_scheme="https")
    file = forms.FileField(label=_("Berkas atau foto"), required=False)
    description = forms.CharField(label=_("Keterangan"), required=False, max_length=300)

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators

    def clean(self):
        data = super().clean()
        if bool(data.get("link")) == bool(data.get("file")):
            raise forms.ValidationError(_("Isi satu: tautan atau berkas."))
        return data


class ReplicationForm(forms.Form):
    """Who replicated the innovation and when."""

    unit = forms.ModelChoiceField(label=_("Unit di platform"), queryset=None, required=False)
    other_institution = forms.CharField(
        label=_("Atau nama instansi lain"), required=False, max_length=200
    )
    replicated_on = forms.DateField(label=_("Tanggal replikasi"), widget=DATE)
    note = forms.CharField(
        label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class StageForm(forms.Form):
    """Advance the stage with its date."""

    action = forms.CharField(widget=forms.HiddenInput)
    on = forms.DateField(label=_("Tanggal"), widget=DATE)


class ShowcaseFilterForm(forms.Form):
    """The showcase's filters (GET)."""

    daerah = forms.ModelChoiceField(label=_("Daerah"), queryset=None, required=False)
    urusan = forms.ChoiceField(label=_("Urusan"), choices=_blank(Affair.choices), required=False)
    bentuk = forms.ChoiceField(label=_("Bentuk"), choices=_blank(Form.choices), required=False)
    q = forms.CharField(label=_("Cari"), required=False, max_length=100)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["daerah"].queryset = regions

    def selection(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "region_id": data["daerah"].pk if data.get("daerah") else None,
            "affair": data.get("urusan") or "",
            "form": data.get("bentuk") or "",
            "text": data.get("q") or "",
        }
