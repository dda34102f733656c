"""Serializers of the catalogue API: what it answers (output) and what it accepts (input)."""

from __future__ import annotations

from drf_spectacular.utils import (
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers

from tanggap.catalog import documents, importexport, selectors
from tanggap.catalog.components import LIST_FIELDS, STANDARD_FIELDS
from tanggap.catalog.models import Service, ServiceCategory, StandardVersion
from tanggap.org.models import Unit

# --- output ----------------------------------------------------------------------------------------


class StandardSerializer(serializers.ModelSerializer):
    """One version of a service's standard: all 14 components and its enactment."""

    class Meta:
        model = StandardVersion
        fields = [
            "version",
            "status",
            *STANDARD_FIELDS,
            "decree_number",
            "decree_date",
            "enacted_at",
        ]


class UnitRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "slug", "name", "kind"]


class CategoryRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceCategory
        fields = ["id", "slug", "name"]


class ServiceSerializer(serializers.ModelSerializer):
    """A service with its provider, locations and the standard in force (null when none is)."""

    region = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    unit = UnitRefSerializer(read_only=True)
    category = CategoryRefSerializer(read_only=True, allow_null=True)
    locations = UnitRefSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()
    standard = serializers.SerializerMethodField()

    class Meta:
        model = Service
        fields = [
            "id",
            "region",
            "code",
            "slug",
            "name",
            "name_en",
            "description",
            "unit",
            "category",
            "is_adminduk",
            "is_online",
            "is_active",
            "locations",
            "url",
            "standard",
        ]

    def get_url(self, obj) -> str:
        return documents.service_absolute_url(obj)

    @extend_schema_field(StandardSerializer(allow_null=True))
    def get_standard(self, obj):
        standard = selectors.enacted_standard(obj)
        return StandardSerializer(standard).data if standard else None


# --- input -----------------------------------------------------------------------------------------


class ServiceFilterSerializer(serializers.Serializer):
    region = serializers.SlugField(
        required=False, max_length=64, help_text="Region slug, e.g. kab-blitar"
    )
    q = serializers.CharField(
        required=False, max_length=200, allow_blank=True, help_text="Search words"
    )
    category = serializers.SlugField(required=False, max_length=80, help_text="Category slug")
    unit = serializers.SlugField(
        required=False, max_length=100, help_text="Providing unit (agency) slug"
    )
    location = serializers.SlugField(required=False, max_length=100, help_text="Location unit slug")


class ServiceWriteSerializer(serializers.Serializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all())
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=200)
    name_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    category = serializers.PrimaryKeyRelatedField(
        queryset=ServiceCategory.objects.all(), required=False, allow_null=True
    )
    is_adminduk = serializers.BooleanField(required=False)
    is_online = serializers.BooleanField(required=False)
    locations = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.all(), many=True, required=False
    )


class TextOrLinesField(serializers.Field):
    """A list component: a JSON array of strings, or one string with one item per line."""

    def to_internal_value(self, data):
        if isinstance(data, str | list):
            return data
        raise serializers.ValidationError("Isi dengan daftar teks atau teks satu butir per baris.")

    def to_representation(self, value):
        return value


def _standard_input_fields() -> dict:
    fields: dict = {}
    for name in STANDARD_FIELDS:
        if name in LIST_FIELDS:
            fields[name] = extend_schema_field({"type": "array", "items": {"type": "string"}})(
                TextOrLinesField
            )(required=False)
        elif name == "duration_value":
            fields[name] = serializers.IntegerField(required=False, min_value=0)
        elif name == "duration_unit":
            fields[name] = serializers.ChoiceField(
                choices=StandardVersion.DurationUnit.choices, required=False
            )
        elif name == "cost":
            fields[name] = serializers.CharField(
                required=False, max_length=30, help_text="Rupiah, e.g. 0 or 10000"
            )
        else:
            fields[name] = serializers.CharField(required=False, allow_blank=True)
    return fields


StandardWriteSerializer = type(
    "StandardWriteSerializer", (serializers.Serializer,), _standard_input_fields()
)


class EnactSerializer(serializers.Serializer):
    decree_number = serializers.CharField(max_length=120)
    decree_date = serializers.DateField()


class ArchiveSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class ImportSerializer(serializers.Serializer):
    region = serializers.SlugField(max_length=64)
    file = serializers.FileField()
    format = serializers.ChoiceField(
        choices=importexport.FORMATS, required=False, help_text="Default: file extension"
    )
    dry_run = serializers.BooleanField(required=False, default=False)


class ImportRowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField()

    class Meta:
        ref_name = "ImportRowError"


def _import_report_fields() -> dict:
    # A new dict each time: DRF's serializer metaclass takes the fields out of the dict it is given.
    return {
        "ok": serializers.BooleanField(),
        "saved": serializers.BooleanField(),
        "dry_run": serializers.BooleanField(),
        "rows": serializers.IntegerField(),
        "services_created": serializers.IntegerField(),
        "services_updated": serializers.IntegerField(),
        "drafts_created": serializers.IntegerField(),
        "drafts_updated": serializers.IntegerField(),
        "enacted": serializers.IntegerField(),
        "unchanged": serializers.IntegerField(),
        "errors": ImportRowErrorSerializer(many=True),
    }


ImportReportSerializer = inline_serializer("ImportReport", _import_report_fields())
# The 400 answer of an import whose rows have errors: the error's code and message, and the report.
ImportRefusedSerializer = inline_serializer(
    "ImportRefused",
    {
        "code": serializers.CharField(help_text="import_invalid"),
        "message": serializers.CharField(),
        **_import_report_fields(),
    },
)


def valid_data(serializer_class, data, **kwargs):
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
