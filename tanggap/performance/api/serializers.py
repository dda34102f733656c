"""What the performance API answers. Figures are decimal strings ("85.5000"); an official is named by
id and name only (never the NIP); a rating not given yet is null."""

from __future__ import annotations

from rest_framework import serializers

from tanggap.performance.achievement import Direction
from tanggap.performance.models import (
    FIGURE,
    AutoSource,
    Indicator,
    PerformanceAgreement,
    Realisation,
    Skp,
    SkpQuarterReview,
    SkpResult,
)
from tanggap.performance.selectors import RatingSource
from tanggap.performance.skp import Behaviour, Predikat, Rating, UnitRating


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()

    class Meta:
        ref_name = "PerformanceNamed"


def figure(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(**FIGURE, **kwargs)


class BlankAsNullChoiceField(serializers.ChoiceField):
    """A choice stored as "" until it is made: answered as null."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, read_only=True, **kwargs)

    def to_representation(self, value):
        return value or None


# --- agreements --------------------------------------------------------------------------------------


class RealisationSerializer(serializers.ModelSerializer):
    value = figure()
    achievement = serializers.DecimalField(
        max_digits=30,
        decimal_places=2,
        allow_null=True,
        help_text="Percent of the quarter's target; null without a quarterly target or a ratio.",
    )
    has_evidence_file = serializers.SerializerMethodField()

    class Meta:
        model = Realisation
        fields = [
            "id",
            "quarter",
            "value",
            "achievement",
            "evidence_url",
            "evidence_name",
            "has_evidence_file",
            "recorded_at",
        ]

    def get_has_evidence_file(self, obj) -> bool:
        return bool(obj.evidence_file)


class IndicatorSerializer(serializers.ModelSerializer):
    direction = serializers.ChoiceField(choices=Direction.choices)
    baseline = figure(allow_null=True)
    target_year = figure()
    target_q1 = figure(allow_null=True)
    target_q2 = figure(allow_null=True)
    target_q3 = figure(allow_null=True)
    target_q4 = figure(allow_null=True)
    target_not_rising = serializers.BooleanField(
        help_text="The yearly target does not improve on the baseline (last year's realisation)."
    )
    realisations = RealisationSerializer(many=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "name",
            "measure",
            "direction",
            "baseline",
            "target_year",
            "target_q1",
            "target_q2",
            "target_q3",
            "target_q4",
            "plan_goal_code",
            "plan_goal",
            "evidence_required",
            "target_not_rising",
            "realisations",
        ]


class AgreementSerializer(serializers.ModelSerializer):
    unit = NamedSerializer()
    status = serializers.ChoiceField(choices=PerformanceAgreement.Status.choices)
    signed_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        model = PerformanceAgreement
        fields = ["id", "unit", "year", "status", "signed_at", "created_at"]


class AgreementDetailSerializer(AgreementSerializer):
    indicators = IndicatorSerializer(many=True)

    class Meta(AgreementSerializer.Meta):
        fields = [*AgreementSerializer.Meta.fields, "indicators"]


# --- SKP ---------------------------------------------------------------------------------------------


class SkpSerializer(serializers.ModelSerializer):
    official = NamedSerializer()
    superior = NamedSerializer()
    status = serializers.ChoiceField(choices=Skp.Status.choices)
    hasil_kerja_rating = BlankAsNullChoiceField(choices=Rating.choices)
    perilaku_rating = BlankAsNullChoiceField(choices=Rating.choices)
    predikat = BlankAsNullChoiceField(choices=Predikat.choices)
    rated_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        model = Skp
        fields = [
            "id",
            "official",
            "superior",
            "year",
            "status",
            "hasil_kerja_rating",
            "perilaku_rating",
            "predikat",
            "rated_at",
        ]


class SkpResultSerializer(serializers.ModelSerializer):
    target = figure()
    direction = serializers.ChoiceField(choices=Direction.choices)
    indicator = serializers.IntegerField(source="indicator_id", allow_null=True)
    parent_result = serializers.IntegerField(source="parent_result_id", allow_null=True)
    source = BlankAsNullChoiceField(
        choices=AutoSource.choices,
        help_text="Where the realisation is fed from automatically; null when typed.",
    )

    class Meta:
        model = SkpResult
        fields = [
            "id",
            "text",
            "target",
            "measure",
            "direction",
            "indicator",
            "parent_result",
            "source",
        ]


class ResultRealisationSerializer(serializers.Serializer):
    result = serializers.IntegerField(source="result_id")
    value = figure()


class BehaviourFeedbackSerializer(serializers.Serializer):
    """Feedback on each of the seven BerAKHLAK values (a value without feedback is left out)."""

    def get_fields(self):
        return {
            value: serializers.CharField(required=False, label=str(label))
            for value, label in Behaviour.choices
        }


class SkpReviewSerializer(serializers.ModelSerializer):
    results_feedback = serializers.CharField()
    behaviour_feedback = BehaviourFeedbackSerializer()
    realisations = ResultRealisationSerializer(many=True)

    class Meta:
        model = SkpQuarterReview
        fields = [
            "id",
            "quarter",
            "results_feedback",
            "behaviour_feedback",
            "realisations",
            "reviewed_at",
        ]


class SkpDetailSerializer(SkpSerializer):
    results = SkpResultSerializer(many=True)
    reviews = SkpReviewSerializer(many=True)

    class Meta(SkpSerializer.Meta):
        fields = [*SkpSerializer.Meta.fields, "results", "reviews"]


class ViolationSerializer(serializers.Serializer):
    """One broken distribution rule (the view builds it from skp.Violation)."""

    rule = serializers.ChoiceField(choices=["at_most", "at_least", "some"])
    percent = serializers.IntegerField()
    predikats = serializers.ListField(child=serializers.ChoiceField(choices=Predikat.choices))
    count = serializers.IntegerField()
    total = serializers.IntegerField()
    message = serializers.CharField()


class PredikatDistributionSerializer(serializers.Serializer):
    unit = NamedSerializer()
    year = serializers.IntegerField()
    unit_rating = serializers.ChoiceField(choices=UnitRating.choices)
    unit_rating_source = serializers.ChoiceField(
        choices=list(RatingSource.ALL),
        help_text=(
            "Where `unit_rating` comes from: ditetapkan (the unit's stored rating of the year), "
            "dipilih (the `unit_rating` parameter), bawaan (neither: the default, baik)."
        ),
    )
    predikats = serializers.ListField(
        child=serializers.ChoiceField(choices=Predikat.choices),
        help_text="One per rated official placed directly in the unit.",
    )
    counts = serializers.DictField(child=serializers.IntegerField())
    violations = ViolationSerializer(
        many=True, help_text="Distribution rules broken: warnings, never a block."
    )
