"""Forms of the catalogue pages: they check the shape of input; the rules live in services.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tanggap.catalog import importexport
from tanggap.catalog.components import COMPONENTS, LIST_FIELDS, MAX_DURATION_VALUE
from tanggap.catalog.models import ServiceCategory, StandardVersion
from tanggap.catalog.services import parse_cost
from tanggap.core.errors import DomainError
from tanggap.org.models import Unit

PAGE_QUERY_MAX = 200


class CatalogFilterForm(forms.Form):
    """The public catalogue's search box and filters (all optional; a bad value is ignored)."""

    q = forms.CharField(label=_("Cari layanan"), required=False, max_length=PAGE_QUERY_MAX)
    wilayah = forms.SlugField(label=_("Daerah"), required=False, max_length=64)
    kategori = forms.SlugField(label=_("Kategori"), required=False, max_length=80)
    instansi = forms.SlugField(label=_("Instansi"), required=False, max_length=100)
    lokasi = forms.SlugField(label=_("Lokasi"), required=False, max_length=100)

    def filters(self) -> dict[str, str]:
        """The valid filters; a filter whose value did not validate is dropped, never an error page."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: (data.get(name) or "").strip() for name in self.fields}


class ServiceForm(forms.Form):
    """A service's catalogue entry. Unit, category and location choices come from the user's scope."""

    unit = forms.ModelChoiceField(label=_("Unit penyelenggara"), queryset=Unit.objects.none())
    code = forms.CharField(
        label=_("Kode layanan"), max_length=40, help_text=_("Unik di wilayah, mis. DUK-KTP-BARU")
    )
    name = forms.CharField(label=_("Nama layanan"), max_length=200)
    name_en = forms.CharField(label=_("Nama (Inggris)"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Uraian singkat"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    category = forms.ModelChoiceField(
        label=_("Kategori"),
        queryset=ServiceCategory.objects.none(),
        required=False,
        empty_label=_("(tanpa kategori)"),
    )
    is_adminduk = forms.BooleanField(
        label=_("Layanan administrasi kependudukan (wajib gratis menurut UU 24/2013)"),
        required=False,
    )
    is_online = forms.BooleanField(label=_("Dapat diajukan daring"), required=False)
    locations = forms.ModelMultipleChoiceField(
        label=_("Lokasi layanan"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "Tempat warga dapat dilayani (kantor, kecamatan, gerai MPP). Tahan Ctrl untuk memilih beberapa."
        ),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        units = units.select_related("region")
        self.fields["unit"].queryset = units
        region_ids = units.values("region_id")
        self.fields["category"].queryset = ServiceCategory.objects.filter(
            region_id__in=region_ids
        ).select_related("region")
        self.fields["locations"].queryset = (
            Unit.objects.filter(region_id__in=region_ids, is_active=True)
            .filter(is_service_location=True)
            .order_by("name")
        )
        if len({u.region_id for u in units}) > 1:
            self.fields["unit"].label_from_instance = lambda u: f"{u.name} — {u.region.name}"
            self.fields["category"].label_from_instance = lambda c: f"{c.name} — {c.region.name}"


def _component_field(name: str, label) -> forms.Field:
    model_field = StandardVersion._meta.get_field(name)
    if name in LIST_FIELDS:
        return forms.CharField(
            label=label,
            required=False,
            widget=forms.Textarea(attrs={"rows": 6}),
            help_text=_("Satu butir per baris."),
        )
    if name == "duration_value":
        return forms.IntegerField(
            label=_("Jangka waktu (angka)"), min_value=0, max_value=MAX_DURATION_VALUE
        )
    if name == "duration_unit":
        return forms.ChoiceField(label=_("Satuan"), choices=StandardVersion.DurationUnit.choices)
    if name == "cost":
        return forms.CharField(
            label=_("Biaya/tarif (Rp)"),
            max_length=30,
            required=False,
            help_text=_("Isi 0 bila gratis. Contoh: 10000 atau 10.000"),
        )
    if name in ("duration_note", "cost_note"):
        return forms.CharField(
            label=model_field.verbose_name.capitalize(), max_length=300, required=False
        )
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 3}))


class StandardForm(forms.Form):
    """All 14 components of a draft standard; list components are one item per line."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for component in COMPONENTS:
            label = f"{component.number}. {component.label}"
            for name in component.fields:
                self.fields[name] = _component_field(name, label)

    def clean_cost(self):
        try:
            return parse_cost(self.cleaned_data.get("cost"))
        except DomainError as exc:
            raise forms.ValidationError(str(exc.message)) from None

    def groups(self):
        """(component, [bound fields]) in component order, for the template."""
        return [(c, [self[name] for name in c.fields]) for c in COMPONENTS]

    @staticmethod
    def initial_from(standard: StandardVersion) -> dict:
        data = {}
        for component in COMPONENTS:
            for name in component.fields:
                value = getattr(standard, name)
                data[name] = "\n".join(value) if name in LIST_FIELDS else value
        return data


class EnactForm(forms.Form):
    """The decree that enacts a draft: its number and date."""

    decree_number = forms.CharField(
        label=_("Nomor keputusan"), max_length=120, help_text=_("mis. 400.12/123/409.201/2025")
    )
    decree_date = forms.DateField(
        label=_("Tanggal keputusan"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class ArchiveForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan pengarsipan"), max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )


class ImportForm(forms.Form):
    """Upload a CSV, XLSX or JSON file of standards for one region."""

    region = forms.ModelChoiceField(label=_("Daerah"), queryset=None)
    file = forms.FileField(label=_("Berkas (CSV, XLSX, atau JSON)"))
    dry_run = forms.BooleanField(label=_("Periksa saja, jangan simpan"), required=False)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        if regions.count() == 1:
            self.fields["region"].initial = regions.first()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if importexport.guess_format(upload.name) is None:
            raise forms.ValidationError(_("Gunakan berkas berakhiran .csv, .xlsx, atau .json."))
        if upload.size > importexport.MAX_FILE_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar (paling besar 5 MB)."))
        return upload


class ExportForm(forms.Form):
    """Download a region's or a unit's standards."""

    region = forms.ModelChoiceField(label=_("Seluruh daerah"), queryset=None, required=False)
    unit = forms.ModelChoiceField(label=_("atau satu unit"), queryset=None, required=False)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("xlsx", "Excel (XLSX)"), ("csv", "CSV"), ("json", "JSON")],
        initial="xlsx",
    )

    def __init__(self, *args, regions, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda u: f"{u.name} — {u.region.name}"

    def clean(self):
        data = super().clean()
        if not data.get("region") and not data.get("unit"):
            raise forms.ValidationError(_("Pilih daerah atau unit yang akan diekspor."))
        return data
