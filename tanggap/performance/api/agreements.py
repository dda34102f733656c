"""A unit's performance agreements through the API: list and start one, read it with its indicators and
realisation (achievement, the not-rising flag), add indicators, sign it, record a quarter's realisation.

An agreement or indicator the user may not read answers 404; a write the user may not make 403 (the
services decide: the unit's head or unit admin, the region admin); a refused rule 400."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, parsers, permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from tanggap.attendance.permissions import IsOfficialOrStaff
from tanggap.core.api import STAFF_AUTHENTICATION
from tanggap.core.errors import DomainError, NotFound
from tanggap.core.openapi import ApiErrorSerializer
from tanggap.org.models import Unit
from tanggap.performance import selectors, services
from tanggap.performance.api.inputs import (
    AgreementCreateInput,
    AgreementListQuery,
    IndicatorInput,
    RealisationInput,
)
from tanggap.performance.api.serializers import (
    AgreementDetailSerializer,
    AgreementSerializer,
    IndicatorSerializer,
    RealisationSerializer,
)
from tanggap.performance.models import Indicator

ERRORS = {
    400: OpenApiResponse(ApiErrorSerializer, description="Bad input or refused; nothing changed"),
    401: OpenApiResponse(ApiErrorSerializer, description="Not signed in"),
    403: OpenApiResponse(ApiErrorSerializer, description="Not allowed"),
    404: OpenApiResponse(ApiErrorSerializer, description="Not found among what you may read"),
}
WRITE_ERRORS = {400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404]}


def valid(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class SignedInMixin:
    authentication_classes = STAFF_AUTHENTICATION
    permission_classes = [permissions.IsAuthenticated, IsOfficialOrStaff]


def agreement_body(user, agreement_id: int) -> dict:
    return AgreementDetailSerializer(
        selectors.agreement_detail_for(user=user, agreement_id=agreement_id)
    ).data


def visible_agreement(user, agreement_id: int):
    found = selectors.agreement_list_visible_to(user=user).filter(pk=agreement_id).first()
    if found is None:
        raise NotFound(_("Perjanjian kinerja tidak ditemukan."))
    return found


@extend_schema(tags=["performance-agreements"])
class AgreementCollectionView(SignedInMixin, generics.GenericAPIView):
    serializer_class = AgreementSerializer

    @extend_schema(
        summary="Performance agreements the user may read, newest year first",
        parameters=[AgreementListQuery],
        responses={
            200: AgreementSerializer(many=True),
            400: ERRORS[400],
            401: ERRORS[401],
            403: ERRORS[403],
        },
    )
    def get(self, request):
        query = valid(AgreementListQuery, request.query_params)
        agreements = selectors.agreement_list_visible_to(
            user=request.user, unit_id=query.get("unit"), year=query.get("year")
        ).order_by("-year", "unit_id", "id")
        page = self.paginate_queryset(agreements)
        return self.get_paginated_response(AgreementSerializer(page, many=True).data)

    @extend_schema(
        summary="Start a unit's agreement for a year (a draft)",
        request=AgreementCreateInput,
        responses={201: AgreementDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request):
        data = valid(AgreementCreateInput, request.data)
        unit = Unit.objects.filter(pk=data["unit"]).first()
        if unit is None:
            raise DomainError(_("Unit tidak ditemukan."), field="unit", code="unknown_unit")
        created = services.agreement_create(actor=request.user, unit=unit, year=data["year"])
        return Response(agreement_body(request.user, created.pk), status=status.HTTP_201_CREATED)


@extend_schema(tags=["performance-agreements"])
class AgreementDetailView(SignedInMixin, APIView):
    @extend_schema(
        summary="One agreement with its indicators, their realisation and achievement",
        responses={
            200: AgreementDetailSerializer,
            401: ERRORS[401],
            403: ERRORS[403],
            404: ERRORS[404],
        },
    )
    def get(self, request, agreement_id: int):
        return Response(agreement_body(request.user, agreement_id))


@extend_schema(tags=["performance-agreements"])
class IndicatorCreateView(SignedInMixin, APIView):
    @extend_schema(
        summary="Add an indicator to a draft agreement",
        description="400 `signed` once the agreement is signed.",
        request=IndicatorInput,
        responses={201: IndicatorSerializer, **WRITE_ERRORS},
    )
    def post(self, request, agreement_id: int):
        data = valid(IndicatorInput, request.data)
        agreement = visible_agreement(request.user, agreement_id)
        indicator = services.indicator_add(
            actor=request.user,
            agreement=agreement,
            name=data["name"],
            measure=data["measure"],
            target_year=data["target_year"],
            direction=data["direction"],
            baseline=data.get("baseline"),
            quarter_targets=tuple(data.get(f"target_q{q}") for q in (1, 2, 3, 4)),
            plan_goal_code=data.get("plan_goal_code", ""),
            plan_goal=data.get("plan_goal", ""),
            evidence_required=data["evidence_required"],
        )
        fresh = Indicator.objects.prefetch_related("realisations").get(pk=indicator.pk)
        return Response(IndicatorSerializer(fresh).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["performance-agreements"])
class AgreementSignView(SignedInMixin, APIView):
    @extend_schema(
        summary="Sign a draft agreement (it needs an indicator); its targets are fixed from then on",
        request=None,
        responses={200: AgreementDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request, agreement_id: int):
        agreement = visible_agreement(request.user, agreement_id)
        services.agreement_sign(actor=request.user, agreement=agreement)
        return Response(agreement_body(request.user, agreement_id))


@extend_schema(tags=["performance-agreements"])
class RealisationRecordView(SignedInMixin, APIView):
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]

    @extend_schema(
        summary="Record (or correct) an indicator's realisation for a quarter of a signed agreement",
        description=(
            "Evidence: `evidence_url` (a full http(s) address) or `evidence_file` (multipart, a "
            "photo or PDF checked by its content); required where the indicator says (400 "
            "`evidence_required`). 400 `draft` before the agreement is signed."
        ),
        request={
            "application/json": RealisationInput,
            "multipart/form-data": RealisationInput,
        },
        responses={200: RealisationSerializer, **WRITE_ERRORS},
    )
    def post(self, request, indicator_id: int):
        data = valid(RealisationInput, request.data)
        visible = selectors.agreement_list_visible_to(user=request.user)
        indicator = (
            Indicator.objects.select_related("agreement", "agreement__unit")
            .filter(pk=indicator_id, agreement__in=visible)
            .first()
        )
        if indicator is None:
            raise NotFound(_("Indikator tidak ditemukan."))
        realisation = services.realisation_record(
            actor=request.user,
            indicator=indicator,
            quarter=data["quarter"],
            value=data["value"],
            evidence_file=data.get("evidence_file"),
            evidence_url=data.get("evidence_url", ""),
        )
        return Response(RealisationSerializer(realisation).data)
