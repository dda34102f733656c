"""Forms of a region's structure pages: the region's profile and calendar, days off, areas, units."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from tanggap.org.forms.inputs import DateInput, ServiceInputForm, TimeInput, WorkDaysField
from tanggap.org.models import Area, Official, Region, Unit
from tanggap.org.services.structure import REGION_FIELDS


class RegionForm(ServiceInputForm):
    work_days = WorkDaysField(label=gettext_lazy("Hari kerja"))
    website = forms.URLField(label=gettext_lazy("situs web"), required=False, assume_scheme="https")

    class Meta:
        model = Region
        fields = list(REGION_FIELDS)
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
