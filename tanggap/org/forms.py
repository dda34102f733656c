"""Forms of the org pages: they parse and type the input; the services decide what is allowed.

Model forms here are never saved and never bound to an existing record (binding would change the
record in memory before the service compares old and new values): views pass `cleaned_data` to a
service. Uniqueness is the services' job, so model-level unique checks are skipped.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tanggap.org.models import Area, Official, Region, RotationDecree, Unit
from tanggap.org.services import EntryRow

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


class RegionForm(ServiceInputForm):
    work_days = WorkDaysField(label=gettext_lazy("Hari kerja"))
    website = forms.URLField(label=gettext_lazy("situs web"), required=False, assume_scheme="https")

    class Meta:
        model = Region
        fields = [
            "name",
            "kind",
            "code",
            "head_title",
            "head_name",
            "address",
            "website",
            "timezone",
            "work_days",
            "work_start",
            "work_end",
        ]
        widgets = {
            "work_start": TimeInput(),
            "work_end": TimeInput(),
            "address": forms.Textarea(attrs={"rows": 3}),
        }


class DayOffForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Tanggal"), widget=DateInput())
    name = forms.CharField(label=gettext_lazy("Keterangan"), max_length=200)


class AreaForm(ServiceInputForm):
    class Meta:
        model = Area
        fields = ["kind", "parent", "code", "name", "latitude", "longitude", "is_remote"]
        help_texts = {
            "parent": gettext_lazy("Wajib untuk desa/kelurahan; kosongkan untuk kecamatan.")
        }

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Area.objects.filter(
            region=region, kind=Area.Kind.KECAMATAN
        ).order_by("name")


class UnitForm(ServiceInputForm):
    work_days = WorkDaysField(
        label=gettext_lazy("Hari kerja"),
        required=False,
        help_text=gettext_lazy("Kosongkan untuk mengikuti hari kerja wilayah."),
    )

    class Meta:
        model = Unit
        fields = [
            "kind",
            "name",
            "short_name",
            "slug",
            "parent",
            "head",
            "area",
            "address",
            "phone",
            "email",
            "work_days",
            "work_start",
            "work_end",
            "is_service_location",
            "latitude",
            "longitude",
        ]
        widgets = {
            "work_start": TimeInput(),
            "work_end": TimeInput(),
            "address": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, region: Region, unit: Unit | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Unit.objects.filter(region=region, is_active=True).order_by("name")
        if unit is not None:
            parents = parents.exclude(pk=unit.pk)
        self.fields["parent"].queryset = parents
        self.fields["head"].queryset = Official.objects.filter(
            region=region, status=Official.Status.ACTIVE
        ).order_by("name")
        self.fields["area"].queryset = Area.objects.filter(region=region).order_by("kind", "name")


class ArchiveForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Alasan"), max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )


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


class DecreeForm(ServiceInputForm):
    class Meta:
        model = RotationDecree
        fields = ["number", "title", "decree_date", "effective_date"]
        widgets = {"decree_date": DateInput(), "effective_date": DateInput()}


class DecreeEntriesForm(forms.Form):
    """Moves pasted as lines `NIP;slug unit;jabatan baru[;golongan]` (a tab works as well as a semicolon)."""

    lines = forms.CharField(
        label=gettext_lazy("Daftar mutasi"),
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false", "wrap": "off"}),
        help_text=gettext_lazy(
            "Satu pegawai per baris: NIP;slug unit tujuan;jabatan baru;golongan (golongan boleh kosong). "
            "Baris yang diawali # diabaikan."
        ),
    )

    def clean_lines(self) -> list[EntryRow]:
        """Rows to hand to the service; a malformed line becomes a row carrying its error, so the
        service reports it together with every other wrong line."""
        rows = []
        for number, raw in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            text = raw.strip()
            if not text or text.startswith("#"):
                continue
            parts = [p.strip() for p in text.replace("\t", ";").split(";")]
            if len(parts) == 4 and not parts[3]:
                parts = parts[:3]
            if len(parts) not in (3, 4):
                error = _("Tulis NIP;slug unit;jabatan baru;golongan (golongan boleh kosong).")
                rows.append(EntryRow(nip="", unit="", position_title="", line=number, error=error))
                continue
            nip, unit, title, *rest = parts
            rows.append(
                EntryRow(
                    nip=nip,
                    unit=unit,
                    position_title=title,
                    rank=rest[0] if rest else "",
                    line=number,
                )
            )
        if not rows:
            raise forms.ValidationError(_("Tidak ada baris mutasi."))
        return rows


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("Saya sudah memeriksa seluruh daftar dan TMT SK ini."),
        required=True,
    )
