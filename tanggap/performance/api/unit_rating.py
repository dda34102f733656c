"""A unit's own performance rating of a year through the API: the region admin records or changes it
(the same service as the predikat page's form)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from tanggap.core.errors import NotFound
from tanggap.performance import selectors, services
from tanggap.performance.api.agreements import ERRORS, SignedInMixin, valid
from tanggap.performance.api.inputs import year_field
from tanggap.performance.api.serializers import NamedSerializer
from tanggap.performance.services.unit_rating import BASIS_MAX
from tanggap.performance.skp import UnitRating


class UnitRatingInput(serializers.Serializer):
    year = year_field()
    rating = serializers.ChoiceField(choices=UnitRating.choices)
    basis = serializers.CharField(
        max_length=BASIS_MAX, help_text="The decree or evaluation the rating comes from."
    )


class UnitRatingSerializer(serializers.Serializer):
    unit = NamedSerializer()
    year = serializers.IntegerField()
    rating = serializers.ChoiceField(choices=UnitRating.choices)
    basis = serializers.CharField()
    decided_by = serializers.CharField(
        allow_null=True, help_text="Who recorded it (null: the system)."
    )
    decided_at = serializers.DateTimeField()


@extend_schema(tags=["performance-skp"])
class UnitRatingView(SignedInMixin, APIView):
    @extend_schema(
        summary="Record or change a unit's own performance rating of a year, with its basis",
        description=(
            "Region admin (or system administrator) only. 201 when the year's rating is new, 200 when "
            "it was changed; one audit row either way. The predikat distribution then checks against it."
        ),
        request=UnitRatingInput,
        responses={
            201: OpenApiResponse(UnitRatingSerializer, description="Recorded"),
            200: OpenApiResponse(UnitRatingSerializer, description="Changed"),
            400: ERRORS[400],
            401: ERRORS[401],
            403: ERRORS[403],
            404: ERRORS[404],
        },
    )
    def post(self, request, unit_id: int):
        unit = selectors.predikat_units_visible_to(user=request.user).filter(pk=unit_id).first()
        if unit is None:
            raise NotFound(_("Unit tidak ditemukan."))
        data = valid(UnitRatingInput, request.data)
        existed = selectors.unit_rating_of(unit_id=unit.pk, year=data["year"]) is not None
        row = services.unit_rating_set(actor=request.user, unit=unit, **data)
        body = UnitRatingSerializer(row).data
        return Response(body, status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED)
