"""Officials' SKP through the API: list and start one, read it (results, quarter reviews, ratings,
predikat), add results, write a quarter review, give the year-end rating, and a unit's predikat
distribution with the rules it breaks.

An SKP or unit the user may not read answers 404; a write the user may not make 403 (the services
decide: the official or the direct superior; reviews and ratings by the superior recorded on the SKP)."""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from tanggap.attendance.selectors import officials_visible_to
from tanggap.core.errors import DomainError, NotFound, PermissionDenied
from tanggap.org.models import Unit
from tanggap.performance import selectors, services
from tanggap.performance.api.agreements import ERRORS, WRITE_ERRORS, SignedInMixin, valid
from tanggap.performance.api.inputs import (
    PredikatQuery,
    SkpCreateInput,
    SkpListQuery,
    SkpRatingInput,
    SkpResultInput,
    SkpReviewInput,
)
from tanggap.performance.api.serializers import (
    PredikatDistributionSerializer,
    SkpDetailSerializer,
    SkpResultSerializer,
    SkpReviewSerializer,
    SkpSerializer,
)
from tanggap.performance.models import Indicator, SkpQuarterReview, SkpResult


def skp_body(user, skp_id: int) -> dict:
    return SkpDetailSerializer(selectors.skp_detail_for(user=user, skp_id=skp_id)).data


def visible_skp(user, skp_id: int):
    found = selectors.skp_list_visible_to(user=user).filter(pk=skp_id).first()
    if found is None:
        raise NotFound(_("SKP tidak ditemukan."))
    return found


@extend_schema(tags=["performance-skp"])
class SkpCollectionView(SignedInMixin, generics.GenericAPIView):
    serializer_class = SkpSerializer

    @extend_schema(
        summary="SKP the user may read (own, the team's, the unit's, the region's), newest first",
        parameters=[SkpListQuery],
        responses={
            200: SkpSerializer(many=True),
            400: ERRORS[400],
            401: ERRORS[401],
            403: ERRORS[403],
        },
    )
    def get(self, request):
        query = valid(SkpListQuery, request.query_params)
        skps = selectors.skp_list_visible_to(
            user=request.user, year=query.get("year"), official_id=query.get("official")
        ).order_by("-year", "official_id", "id")
        page = self.paginate_queryset(skps)
        return self.get_paginated_response(SkpSerializer(page, many=True).data)

    @extend_schema(
        summary="Start an official's SKP for a year (the official or the direct superior)",
        description="400 `no_superior` when the official has no direct superior yet.",
        request=SkpCreateInput,
        responses={201: SkpDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request):
        data = valid(SkpCreateInput, request.data)
        official = officials_visible_to(request.user).filter(pk=data["official"]).first()
        if official is None:
            raise DomainError(
                _("Pegawai tidak ditemukan."), field="official", code="unknown_official"
            )
        skp = services.skp_create(actor=request.user, official=official, year=data["year"])
        return Response(skp_body(request.user, skp.pk), status=status.HTTP_201_CREATED)


@extend_schema(tags=["performance-skp"])
class SkpDetailView(SignedInMixin, APIView):
    @extend_schema(
        summary="One SKP with its results, quarter reviews, ratings and predikat",
        responses={200: SkpDetailSerializer, 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404]},
    )
    def get(self, request, skp_id: int):
        return Response(skp_body(request.user, skp_id))


@extend_schema(tags=["performance-skp"])
class SkpResultCreateView(SignedInMixin, APIView):
    @extend_schema(
        summary="Add a result to an SKP not yet rated",
        description=(
            "Cascaded from `indicator` (of the unit's agreement, same year) or `parent_result` (of "
            "the superior's SKP, same year), or neither. 400 `closed` once rated."
        ),
        request=SkpResultInput,
        responses={201: SkpResultSerializer, **WRITE_ERRORS},
    )
    def post(self, request, skp_id: int):
        data = valid(SkpResultInput, request.data)
        skp = visible_skp(request.user, skp_id)
        indicator = parent = None
        if data.get("indicator"):
            indicator = Indicator.objects.filter(pk=data["indicator"]).first()
            if indicator is None:
                raise DomainError(_("Indikator tidak ditemukan."), field="indicator")
        if data.get("parent_result"):
            parent = SkpResult.objects.filter(pk=data["parent_result"]).first()
            if parent is None:
                raise DomainError(_("Hasil kerja atasan tidak ditemukan."), field="parent_result")
        result = services.skp_result_add(
            actor=request.user,
            skp=skp,
            text=data["text"],
            target=data["target"],
            measure=data["measure"],
            direction=data["direction"],
            indicator=indicator,
            parent_result=parent,
            source=data.get("source", ""),
        )
        return Response(SkpResultSerializer(result).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["performance-skp"])
class SkpReviewView(SignedInMixin, APIView):
    @extend_schema(
        summary="The superior's review of a quarter (writing a quarter again replaces it)",
        description=(
            "`realisations`: each result's figure by the quarter's end; `behaviour_feedback`: "
            "feedback on any of the seven BerAKHLAK values. Only the superior recorded on the SKP "
            "(403 otherwise); 400 `closed` once rated."
        ),
        request=SkpReviewInput,
        responses={200: SkpReviewSerializer, **WRITE_ERRORS},
    )
    def post(self, request, skp_id: int):
        data = valid(SkpReviewInput, request.data)
        skp = visible_skp(request.user, skp_id)
        values: dict[int, object] = {}
        for row in data.get("realisations") or []:
            if row["result"] in values:
                raise DomainError(
                    _("Setiap hasil kerja hanya sekali dalam satu triwulan."), field="realisations"
                )
            values[row["result"]] = row["value"]
        review = services.skp_quarter_review_write(
            actor=request.user,
            skp=skp,
            quarter=data["quarter"],
            realisations=values,
            results_feedback=data.get("results_feedback", ""),
            behaviour_feedback=dict(data.get("behaviour_feedback") or {}),
        )
        fresh = SkpQuarterReview.objects.prefetch_related("realisations").get(pk=review.pk)
        return Response(SkpReviewSerializer(fresh).data)


@extend_schema(tags=["performance-skp"])
class SkpRatingView(SignedInMixin, APIView):
    @extend_schema(
        summary="The year-end ratings; the predikat follows and the SKP is closed",
        description="Rating again corrects it. Only the superior recorded on the SKP (403).",
        request=SkpRatingInput,
        responses={200: SkpDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request, skp_id: int):
        data = valid(SkpRatingInput, request.data)
        skp = visible_skp(request.user, skp_id)
        services.skp_rate_year_end(
            actor=request.user, skp=skp, hasil_kerja=data["hasil_kerja"], perilaku=data["perilaku"]
        )
        return Response(skp_body(request.user, skp_id))


@extend_schema(tags=["performance-skp"])
class UnitPredikatView(SignedInMixin, APIView):
    @extend_schema(
        summary="A unit's predikat distribution of a year against the unit's own rating",
        description=(
            "The unit's own rating is the `unit_rating` parameter (a what-if) when given, else the "
            "rating stored for the unit and year, else baik; `unit_rating_source` says which. "
            "`violations` lists the distribution rules the officials' predikat break: warnings, "
            "never a block. The unit's head and the region admin may read it (404 otherwise)."
        ),
        parameters=[PredikatQuery],
        responses={
            200: PredikatDistributionSerializer,
            400: ERRORS[400],
            401: ERRORS[401],
            403: ERRORS[403],
            404: ERRORS[404],
        },
    )
    def get(self, request, unit_id: int):
        query = valid(PredikatQuery, request.query_params)
        unit = Unit.objects.filter(pk=unit_id).first()
        if unit is None:
            raise NotFound(_("Unit tidak ditemukan."))
        try:
            choice = selectors.unit_rating_to_check(
                unit_id=unit.pk, year=query["year"], chosen=query.get("unit_rating")
            )
            found = selectors.unit_predikat_distribution(
                user=request.user, unit=unit, year=query["year"], unit_rating=choice.rating
            )
        except PermissionDenied:
            raise NotFound(_("Unit tidak ditemukan.")) from None
        body = {
            "unit": unit,
            "year": query["year"],
            "unit_rating": found.unit_rating,
            "unit_rating_source": choice.source,
            "predikats": found.predikats,
            "counts": dict(Counter(found.predikats)),
            "violations": [
                {
                    "rule": v.rule.kind,
                    "percent": v.rule.percent,
                    "predikats": sorted(str(p) for p in v.rule.predikats),
                    "count": v.count,
                    "total": v.total,
                    "message": v.message,
                }
                for v in found.violations
            ],
        }
        return Response(PredikatDistributionSerializer(body).data)
