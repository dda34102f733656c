"""Shapes of the registry API: what it answers (innovations, evidence) and what it reads (bodies and
query parameters, checked here for a 400 before any write; the rules are the services')."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from tanggap.innovation.models import Evidence, Innovation, Replication
from tanggap.innovation.models.choices import Affair, Form, Initiator, Kind, Stage

MAX_ID = 2**63 - 1


def id_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


class InnovationSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Innovation
        fields = [
            "id",
            "code",
            "name",
            "unit",
            "unit_name",
            "region",
            "form",
            "kind",
            "initiator",
            "affair",
            "stage",
            "initiated_on",
            "trial_on",
            "implemented_on",
            "is_public",
            "is_active",
        ]
        read_only_fields = fields


class ReplicationSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True, default="")

    class Meta:
        model = Replication
        fields = ["id", "unit", "unit_name", "other_institution", "replicated_on", "note"]
        read_only_fields = fields


class InnovationDetailSerializer(InnovationSerializer):
    owners = serializers.SerializerMethodField()
    replications = ReplicationSerializer(many=True, read_only=True)

    class Meta(InnovationSerializer.Meta):
        fields = [
            *InnovationSerializer.Meta.fields,
            "problem",
            "approach",
            "benefits",
            "results",
            "budget",
            "owners",
            "replications",
        ]
        read_only_fields = fields

    def get_owners(self, obj) -> list[str]:
        return [o.name for o in obj.owners.all()]


class EvidenceSerializer(serializers.ModelSerializer):
    indicator_code = serializers.CharField(source="indicator.code", read_only=True)

    class Meta:
        model = Evidence
        fields = [
            "id",
            "indicator",
            "indicator_code",
            "level",
            "medium",
            "link",
            "original_name",
            "content_type",
            "size",
            "description",
            "status",
            "reason",
            "uploaded_at",
        ]
        read_only_fields = fields


class RegistryQuery(serializers.Serializer):
    unit = id_field(required=False)
    stage = serializers.ChoiceField(choices=Stage.choices, required=False)
    form = serializers.ChoiceField(choices=Form.choices, required=False)
    kind = serializers.ChoiceField(choices=Kind.choices, required=False)
    affair = serializers.ChoiceField(choices=Affair.choices, required=False)
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)
    q = serializers.CharField(max_length=100, required=False)


class InnovationChangeInput(serializers.Serializer):
    """The fields an owner may change (PATCH: any subset)."""

    name = serializers.CharField(max_length=200)
    form = serializers.ChoiceField(choices=Form.choices)
    kind = serializers.ChoiceField(choices=Kind.choices)
    initiator = serializers.ChoiceField(choices=Initiator.choices)
    affair = serializers.ChoiceField(choices=Affair.choices)
    initiated_on = serializers.DateField()
    trial_on = serializers.DateField(required=False, allow_null=True)
    implemented_on = serializers.DateField(required=False, allow_null=True)
    problem = serializers.CharField(max_length=5000)
    approach = serializers.CharField(max_length=5000)
    benefits = serializers.CharField(max_length=5000)
    results = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    budget = serializers.DecimalField(
        max_digits=15, decimal_places=0, min_value=0, required=False, allow_null=True
    )
    is_public = serializers.BooleanField(required=False)


class InnovationCreateInput(InnovationChangeInput):
    unit = id_field()
    stage = serializers.ChoiceField(choices=Stage.choices, required=False)


class EvidenceInput(serializers.Serializer):
    """Evidence for an indicator: a link, or a file sent as multipart/form-data."""

    indicator = id_field()
    level = serializers.IntegerField(min_value=1, max_value=20)
    link = serializers.URLField(max_length=500, required=False)
    file = serializers.FileField(required=False)
    description = serializers.CharField(max_length=300, required=False, allow_blank=True)

    def validate(self, attrs):
        if bool(attrs.get("link")) == bool(attrs.get("file")):
            raise serializers.ValidationError(_("Isi satu: tautan atau berkas."))
        return attrs
