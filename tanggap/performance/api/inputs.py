"""What the performance API reads: bodies of the writes and query parameters. Shapes and ranges are
checked here (a 400 before any write); the rules are the services'."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from tanggap.performance.achievement import Direction
from tanggap.performance.models import FIGURE, AutoSource
from tanggap.performance.services.skp import FEEDBACK_MAX
from tanggap.performance.skp import Behaviour, Rating, UnitRating

MAX_ID = 2**63 - 1  # a bigint primary key: larger ids are bad input, not a database error


def id_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def year_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=2000, max_value=2100, **kwargs)


def quarter_field() -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=4)


def figure(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(**FIGURE, **kwargs)


def text_field(max_length: int, **kwargs) -> serializers.CharField:
    return serializers.CharField(max_length=max_length, **kwargs)


class AgreementListQuery(serializers.Serializer):
    unit = id_field(required=False)
    year = year_field(required=False)


class AgreementCreateInput(serializers.Serializer):
    unit = id_field()
    year = year_field()


class IndicatorInput(serializers.Serializer):
    name = text_field(300)
    measure = text_field(60)
    direction = serializers.ChoiceField(
        choices=Direction.choices, default=Direction.HIGHER_IS_BETTER
    )
    baseline = figure(required=False, allow_null=True, help_text="Last year's realisation.")
    target_year = figure()
    target_q1 = figure(required=False, allow_null=True)
    target_q2 = figure(required=False, allow_null=True)
    target_q3 = figure(required=False, allow_null=True)
    target_q4 = figure(required=False, allow_null=True)
    plan_goal_code = text_field(60, required=False, allow_blank=True)
    plan_goal = text_field(300, required=False, allow_blank=True)
    evidence_required = serializers.BooleanField(default=True)


class RealisationInput(serializers.Serializer):
    quarter = quarter_field()
    value = figure()
    evidence_url = text_field(500, required=False, allow_blank=True)
    evidence_file = serializers.FileField(
        required=False, help_text="A photo or PDF (multipart/form-data), checked by its content."
    )


class SkpListQuery(serializers.Serializer):
    year = year_field(required=False)
    official = id_field(required=False)


class SkpCreateInput(serializers.Serializer):
    official = id_field()
    year = year_field()


class SkpResultInput(serializers.Serializer):
    text = text_field(300)
    target = figure()
    measure = text_field(60)
    direction = serializers.ChoiceField(
        choices=Direction.choices, default=Direction.HIGHER_IS_BETTER
    )
    indicator = id_field(
        required=False, allow_null=True, help_text="An indicator of the unit's agreement."
    )
    parent_result = id_field(
        required=False, allow_null=True, help_text="A result of the superior's SKP."
    )
    source = serializers.ChoiceField(choices=AutoSource.choices, default="", allow_blank=True)


class ResultRealisationInput(serializers.Serializer):
    result = id_field()
    value = figure()


class BehaviourFeedbackInput(serializers.Serializer):
    def get_fields(self):
        return {
            value: serializers.CharField(
                required=False, allow_blank=True, max_length=FEEDBACK_MAX, label=str(label)
            )
            for value, label in Behaviour.choices
        }

    def to_internal_value(self, data):
        if isinstance(data, dict) and set(data) - set(Behaviour.values):
            raise serializers.ValidationError(
                _("Perilaku kerja harus salah satu dari tujuh nilai BerAKHLAK.")
            )
        return super().to_internal_value(data)


class SkpReviewInput(serializers.Serializer):
    quarter = quarter_field()
    realisations = ResultRealisationInput(many=True, required=False)
    results_feedback = text_field(FEEDBACK_MAX, required=False, allow_blank=True)
    behaviour_feedback = BehaviourFeedbackInput(required=False)


class SkpRatingInput(serializers.Serializer):
    hasil_kerja = serializers.ChoiceField(choices=Rating.choices)
    perilaku = serializers.ChoiceField(choices=Rating.choices)


class PredikatQuery(serializers.Serializer):
    year = year_field()
    unit_rating = serializers.ChoiceField(
        choices=UnitRating.choices,
        required=False,
        help_text=(
            "A what-if rating of the unit. Omitted: the unit's stored rating of the year, else baik."
        ),
    )
