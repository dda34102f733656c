"""A juror's reviews through the API: the caller's own reviews, one review with the rubric and its scores,
saving scores (a draft), and sending the review.

Only the caller's own reviews exist here (any other id answers 404). In a blind round the proposal comes
without its unit, region or innovation name. A score outside its item's range answers 400 with the
message and saves nothing."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from tanggap.core.api import STAFF_AUTHENTICATION
from tanggap.core.openapi import ApiErrorSerializer
from tanggap.innovation.selectors import jury as selectors
from tanggap.innovation.services import jury as services

ERRORS = {
    400: OpenApiResponse(ApiErrorSerializer, description="Bad input or refused; nothing changed"),
    401: OpenApiResponse(ApiErrorSerializer, description="Not signed in"),
    403: OpenApiResponse(ApiErrorSerializer, description="Not allowed"),
    404: OpenApiResponse(ApiErrorSerializer, description="Not one of your reviews"),
}


class ProposalForJurySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    category = serializers.CharField()
    unit = serializers.CharField(required=False, help_text="Absent for a juror of a blind round")
    region = serializers.CharField(required=False, help_text="Absent for a juror of a blind round")
    innovation = serializers.CharField(
        required=False, help_text="Absent for a juror of a blind round"
    )

    class Meta:
        ref_name = "InnovationJuryProposal"


class ScoreRowSerializer(serializers.Serializer):
    item = serializers.IntegerField(help_text="Rubric item id")
    code = serializers.CharField()
    name = serializers.CharField()
    guidance = serializers.CharField()
    weight = serializers.DecimalField(max_digits=6, decimal_places=2)
    min_score = serializers.DecimalField(max_digits=6, decimal_places=2)
    max_score = serializers.DecimalField(max_digits=6, decimal_places=2)
    value = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    comment = serializers.CharField()

    class Meta:
        ref_name = "InnovationJuryScoreRow"


class ReviewSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    round = serializers.IntegerField()
    round_name = serializers.CharField()
    status = serializers.CharField()
    comment = serializers.CharField()
    total = serializers.DecimalField(max_digits=7, decimal_places=3, allow_null=True)
    assigned_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    proposal = ProposalForJurySerializer()

    class Meta:
        ref_name = "InnovationJuryReview"


class ReviewDetailSerializer(ReviewSerializer):
    scores = ScoreRowSerializer(many=True)

    class Meta:
        ref_name = "InnovationJuryReviewDetail"


class ScoreInputSerializer(serializers.Serializer):
    item = serializers.IntegerField()
    value = serializers.CharField(
        allow_blank=True,
        allow_null=True,
        max_length=32,
        help_text="A number; blank clears the item's score",
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=4000)

    class Meta:
        ref_name = "InnovationJuryScoreInput"


class ScoresInputSerializer(serializers.Serializer):
    scores = ScoreInputSerializer(many=True)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=4000)

    class Meta:
        ref_name = "InnovationJuryScoresInput"


def _body(review, proposal: dict) -> dict:
    return {
        "id": review.pk,
        "round": review.round_id,
        "round_name": review.round.name,
        "status": review.status,
        "comment": review.comment,
        "total": review.total,
        "assigned_at": review.assigned_at,
        "submitted_at": review.submitted_at,
        "proposal": proposal,
    }


def detail_body(user, review) -> dict:
    body = _body(review, selectors.proposal_view(user, review.proposal))
    sheet = selectors.score_sheet(user, review)
    body["scores"] = [
        {
            "item": row.item.pk,
            "code": row.item.code,
            "name": row.item.name,
            "guidance": row.item.guidance,
            "weight": row.item.weight,
            "min_score": row.item.min_score,
            "max_score": row.item.max_score,
            "value": row.score.value if row.score else None,
            "comment": row.score.comment if row.score else "",
        }
        for row in (sheet.rows if sheet else [])
    ]
    return ReviewDetailSerializer(body).data


class IsJuror(permissions.BasePermission):
    """Only jurors (of any round) reach the jury API; every other account is refused."""

    def has_permission(self, request, view) -> bool:
        return selectors.is_juror(request.user)


class SignedIn:
    authentication_classes = STAFF_AUTHENTICATION
    permission_classes = [permissions.IsAuthenticated, IsJuror]


@extend_schema(tags=["innovation-jury"])
class ReviewCollectionView(SignedIn, generics.GenericAPIView):
    serializer_class = ReviewSerializer

    @extend_schema(
        summary="The caller's own jury reviews across rounds (withdrawn ones left out)",
        responses={200: ReviewSerializer(many=True), 401: ERRORS[401], 403: ERRORS[403]},
    )
    def get(self, request):
        reviews = list(selectors.my_reviews(request.user))
        page = self.paginate_queryset(reviews)
        shown: dict[int, bool] = {}
        rows = []
        for review in page:
            if review.round_id not in shown:
                shown[review.round_id] = selectors.shows_unit(request.user, review.round)
            proposal = selectors.proposal_view(
                request.user, review.proposal, shown[review.round_id]
            )
            rows.append(_body(review, proposal))
        return self.get_paginated_response(ReviewSerializer(rows, many=True).data)


@extend_schema(tags=["innovation-jury"])
class ReviewDetailView(SignedIn, APIView):
    @extend_schema(
        summary="One of the caller's reviews with the rubric and its scores",
        responses={200: ReviewDetailSerializer, 401: ERRORS[401], 404: ERRORS[404]},
    )
    def get(self, request, review_id: int):
        review = selectors.review_for_juror(request.user, review_id)
        return Response(detail_body(request.user, review))


@extend_schema(tags=["innovation-jury"])
class ReviewScoresView(SignedIn, APIView):
    @extend_schema(
        summary="Save the caller's scores on a review (a draft)",
        description=(
            "Each value is checked against its rubric item's range; one value out of range (or not "
            "a number) answers 400 with the message and saves nothing."
        ),
        request=ScoresInputSerializer,
        responses={200: ReviewDetailSerializer, **ERRORS},
    )
    def put(self, request, review_id: int):
        review = selectors.review_for_juror(request.user, review_id)
        data = ScoresInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.review_score(
            actor=request.user,
            review=review,
            scores=[dict(row) for row in data.validated_data["scores"]],
            comment=data.validated_data.get("comment"),
        )
        return Response(detail_body(request.user, review))


@extend_schema(tags=["innovation-jury"])
class ReviewSendView(SignedIn, APIView):
    @extend_schema(
        summary="Send the caller's review (every rubric item scored)",
        description="400 `incomplete` while an item has no score.",
        request=None,
        responses={200: ReviewDetailSerializer, **ERRORS},
    )
    def post(self, request, review_id: int):
        review = selectors.review_for_juror(request.user, review_id)
        services.review_send(actor=request.user, review=review)
        return Response(detail_body(request.user, review))
