"""Forms of the officials (ASN) pages: register or correct an official, take one off the roll, filter the
list for rotation planning."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tanggap.org.forms.inputs import DateInput, ServiceInputForm
from tanggap.org.forms.structure import ArchiveForm
from tanggap.org.models import Official, Region, Unit


class OfficialForm(ServiceInputForm):
    # Not bound to the model field: the service reads the NIP (spaces and dots allowed) and explains errors.
    nip = forms.CharField(
        label=gettext_lazy("NIP"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=gettext_lazy(
            "18 angka. Jenis kelamin, tanggal lahir, dan TMT CPNS dibaca dari NIP."
        ),
    )
    field_order = ["nip"]

    class Meta:
        model = Official
        fields = [
            "front_title",
            "name",
            "back_title",
            "rank",
            "unit",
            "position_title",
            "position_started_on",
        ]
        widgets = {"position_started_on": DateInput()}

    def __init__(self, *args, region: Region, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(region=region, is_active=True).order_by(
            "name"
        )
        if editing:
            self.fields["unit"].disabled = True
            self.fields["unit"].help_text = _("Pindah unit dilakukan melalui SK mutasi.")


class OfficialArchiveForm(ArchiveForm):
    status = forms.ChoiceField(
        label=gettext_lazy("Status baru"),
        choices=[
            (Official.Status.RETIRED, Official.Status.RETIRED.label),
            (Official.Status.ARCHIVED, Official.Status.ARCHIVED.label),
        ],
    )
    end_date = forms.DateField(
        label=gettext_lazy("Tanggal berakhir jabatan"),
        required=False,
        widget=DateInput(),
        help_text=gettext_lazy("Kosongkan untuk hari ini."),
    )


class OfficialFilterForm(forms.Form):
    """Filters of the officials list; a wrong value is ignored, never an error page."""

    q = forms.CharField(
        label=gettext_lazy("Cari nama atau NIP"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": gettext_lazy("Nama atau NIP")}
        ),
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"), queryset=Unit.objects.none(), required=False
    )
    rank = forms.ChoiceField(
        label=gettext_lazy("Golongan"),
        choices=[("", gettext_lazy("Semua"))] + list(Official.Rank.choices),
        required=False,
    )
    tenure = forms.IntegerField(
        label=gettext_lazy("Masa jabatan minimal (tahun)"),
        required=False,
        min_value=0,
        max_value=45,
        help_text=gettext_lazy("Untuk perencanaan mutasi."),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[("active", gettext_lazy("Aktif")), ("all", gettext_lazy("Semua"))],
        required=False,
    )
    order = forms.ChoiceField(
        label=gettext_lazy("Urutkan"),
        choices=[("name", gettext_lazy("Nama")), ("tenure", gettext_lazy("Masa jabatan terlama"))],
        required=False,
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def filters(self) -> dict:
        """The valid filters as selector arguments (invalid ones dropped)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "search": data.get("q") or None,
            "unit": data.get("unit"),
            "rank": data.get("rank") or None,
            "min_tenure_years": data.get("tenure"),
            "status": None if data.get("status") == "all" else Official.Status.ACTIVE,
            "order": data.get("order") or "name",
        }
