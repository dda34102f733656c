"""Serializers of the org API: they type input and shape output; services decide what is allowed.

Related records are chosen by id among those the caller may see, so a record outside the caller's
scope reads as "does not exist" rather than revealing itself through a permission error.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tanggap.org import selectors
from tanggap.org.models import (
    Area,
    Official,
    PositionAssignment,
    Region,
    RotationDecree,
    RotationEntry,
    Unit,
)
from tanggap.org.tenure import tenure_between

# --- scoped inputs ---------------------------------------------------------------------------------------


@extend_schema_field(OpenApiTypes.INT)
class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A related record chosen by id among those the caller may see (others read as 'does not exist')."""

    def __init__(self, *, scope, **kwargs):
        self.scope = scope
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.scope(self.context["request"].user)


def _visible_regions(user):
    return selectors.region_list_visible_to(user=user)


def _visible_units(user):
    return selectors.unit_list_visible_to(user=user)


def _visible_areas(user):
    return selectors.area_list_visible_to(user=user)


def _visible_officials(user):
    return selectors.official_list_visible_to(user=user)


class RegionSlugField(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", **kwargs)

    def get_queryset(self):
        return _visible_regions(self.context["request"].user)


# --- serializers ----------------------------------------------------------------------------------------


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "code",
            "timezone",
            "head_title",
            "head_name",
            "address",
            "website",
            "work_days",
            "work_start",
            "work_end",
            "is_active",
        ]
        read_only_fields = ["id", "slug", "is_active"]


class AreaSerializer(serializers.ModelSerializer):
    region = RegionSlugField()
    parent = ScopedRelatedField(scope=_visible_areas, required=False, allow_null=True)

    class Meta:
        model = Area
        fields = [
            "id",
            "region",
            "kind",
            "code",
            "name",
            "parent",
            "latitude",
            "longitude",
            "is_remote",
        ]
        read_only_fields = ["id"]
        validators: list = []


class UnitSerializer(serializers.ModelSerializer):
    region = RegionSlugField()
    parent = ScopedRelatedField(scope=_visible_units, required=False, allow_null=True)
    area = ScopedRelatedField(scope=_visible_areas, required=False, allow_null=True)
    head = ScopedRelatedField(scope=_visible_officials, required=False, allow_null=True)

    class Meta:
        model = Unit
        fields = [
            "id",
            "region",
            "kind",
            "slug",
            "name",
            "short_name",
            "parent",
            "area",
            "head",
            "address",
            "phone",
            "email",
            "work_days",
            "work_start",
            "work_end",
            "is_service_location",
            "latitude",
            "longitude",
            "is_active",
            "archived_reason",
        ]
        read_only_fields = ["id", "is_active", "archived_reason"]
        # Uniqueness is the service's job (with a message that names the clash).
        validators: list = []


class TenureSerializer(serializers.Serializer):
    years = serializers.IntegerField()
    months = serializers.IntegerField()


class UnitBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "slug", "name"]


class OfficialSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    unit = UnitBriefSerializer(read_only=True)
    tenure = serializers.SerializerMethodField()
    display_name = serializers.CharField(read_only=True)

    class Meta:
        model = Official
        fields = [
            "id",
            "region",
            "nip",
            "name",
            "front_title",
            "back_title",
            "display_name",
            "sex",
            "birth_date",
            "appointed_on",
            "rank",
            "position_title",
            "unit",
            "position_started_on",
            "tenure",
            "status",
        ]

    @extend_schema_field(TenureSerializer)
    def get_tenure(self, official) -> dict:
        span = tenure_between(official.position_started_on, timezone.localdate())
        return {"years": span.years, "months": span.months}


class OfficialCreateSerializer(serializers.Serializer):
    """A new official: sex, birth date and appointment month are read from the NIP, not typed."""

    unit = ScopedRelatedField(scope=_visible_units)
    nip = serializers.CharField(max_length=30)
    name = serializers.CharField(max_length=200)
    front_title = serializers.CharField(max_length=40, required=False, default="", allow_blank=True)
    back_title = serializers.CharField(max_length=60, required=False, default="", allow_blank=True)
    rank = serializers.ChoiceField(choices=Official.Rank.choices)
    position_title = serializers.CharField(max_length=200)
    position_started_on = serializers.DateField()


class OfficialUpdateSerializer(serializers.Serializer):
    """Corrections to an official; a move to another unit goes through a rotation decree."""

    nip = serializers.CharField(max_length=30, required=False)
    name = serializers.CharField(max_length=200, required=False)
    front_title = serializers.CharField(max_length=40, required=False, allow_blank=True)
    back_title = serializers.CharField(max_length=60, required=False, allow_blank=True)
    rank = serializers.ChoiceField(choices=Official.Rank.choices, required=False)
    position_title = serializers.CharField(max_length=200, required=False)
    position_started_on = serializers.DateField(required=False)


class PositionSerializer(serializers.ModelSerializer):
    unit = UnitBriefSerializer(read_only=True)
    decree = serializers.SlugRelatedField(slug_field="number", read_only=True, allow_null=True)

    class Meta:
        model = PositionAssignment
        fields = ["unit", "position_title", "rank", "start_date", "end_date", "decree", "note"]


class OfficialDetailSerializer(OfficialSerializer):
    positions = serializers.SerializerMethodField()

    class Meta(OfficialSerializer.Meta):
        fields = [*OfficialSerializer.Meta.fields, "positions"]

    @extend_schema_field(PositionSerializer(many=True))
    def get_positions(self, official) -> list:
        return PositionSerializer(selectors.position_history(official=official), many=True).data


class OrgArchiveSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class OfficialArchiveSerializer(OrgArchiveSerializer):
    status = serializers.ChoiceField(
        choices=[Official.Status.RETIRED, Official.Status.ARCHIVED],
        default=Official.Status.ARCHIVED,
    )
    end_date = serializers.DateField(required=False, allow_null=True)


class OfficialRefSerializer(serializers.Serializer):
    """The official an entry moves: id, NIP and name."""

    id = serializers.IntegerField()
    nip = serializers.CharField()
    name = serializers.CharField()


class EntrySerializer(serializers.ModelSerializer):
    official = serializers.SerializerMethodField()
    to_unit = UnitBriefSerializer(read_only=True)
    from_unit = UnitBriefSerializer(read_only=True)

    class Meta:
        model = RotationEntry
        fields = [
            "id",
            "official",
            "from_unit",
            "from_position_title",
            "to_unit",
            "to_position_title",
            "to_rank",
        ]

    @extend_schema_field(OfficialRefSerializer)
    def get_official(self, entry) -> dict:
        return {
            "id": entry.official_id,
            "nip": entry.official.nip,
            "name": entry.official.display_name,
        }


class DecreeSerializer(serializers.ModelSerializer):
    region = RegionSlugField()
    entries = serializers.SerializerMethodField()

    class Meta:
        model = RotationDecree
        fields = [
            "id",
            "region",
            "number",
            "title",
            "decree_date",
            "effective_date",
            "status",
            "enacted_at",
            "entries",
        ]
        read_only_fields = ["id", "status", "enacted_at", "entries"]
        validators: list = []

    @extend_schema_field(EntrySerializer(many=True))
    def get_entries(self, decree) -> list:
        return EntrySerializer(selectors.decree_entries(decree=decree), many=True).data


class EntryInputSerializer(serializers.Serializer):
    nip = serializers.CharField(max_length=30)
    unit = serializers.CharField(max_length=100, help_text="Slug of the target unit")
    position_title = serializers.CharField(max_length=200, allow_blank=True)
    rank = serializers.CharField(max_length=8, required=False, default="", allow_blank=True)


class EntriesInputSerializer(serializers.Serializer):
    entries = EntryInputSerializer(many=True, allow_empty=False)


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    problems = serializers.ListField(child=serializers.DictField(), required=False)


class OfficialFilterSerializer(serializers.Serializer):
    region = serializers.CharField(required=False)
    unit = serializers.IntegerField(required=False)
    rank = serializers.ChoiceField(choices=Official.Rank.choices, required=False)
    q = serializers.CharField(required=False, max_length=100)
    min_tenure_years = serializers.IntegerField(required=False, min_value=0, max_value=45)
    status = serializers.ChoiceField(
        choices=[*Official.Status.values, "all"], required=False, default="active"
    )
    order = serializers.ChoiceField(choices=["name", "tenure"], required=False, default="name")
