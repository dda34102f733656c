"""Competition rounds through the API: the rounds the user may see, one round with its categories,
rubric and stages, its proposals (list; a unit's POST makes and submits one), and its results (public
after publication: ranks, final scores and the Top N; the organiser before it: the full ranking with the
spread and outlier flags). A round the user may not see answers 404; a refused rule 400."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from tanggap.accounts.permissions import IsStaffMember
from tanggap.core.api import STAFF_AUTHENTICATION
from tanggap.core.errors import DomainError, NotFound
from tanggap.core.openapi import ApiErrorSerializer
from tanggap.innovation import permissions as p
from tanggap.innovation.models import Category, Innovation, Proposal, Round, RoundStage, RubricItem
from tanggap.innovation.selectors import rounds as selectors
from tanggap.innovation.services import proposals as services

ERRORS = {
    400: OpenApiResponse(ApiErrorSerializer, description="Bad input or refused; nothing changed"),
    401: OpenApiResponse(ApiErrorSerializer, description="Not signed in"),
    403: OpenApiResponse(ApiErrorSerializer, description="Not allowed"),
    404: OpenApiResponse(ApiErrorSerializer, description="Not found among what you may read"),
}


class RoundSerializer(serializers.ModelSerializer):
    organiser = serializers.CharField(source="organiser.name")

    class Meta:
        model = Round
        fields = [
            "id",
            "name",
            "year",
            "style",
            "status",
            "organiser",
            "opens_on",
            "closes_on",
            "top_n",
        ]


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "code", "name", "forms"]


class RubricItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = RubricItem
        fields = ["code", "name", "weight", "min_score", "max_score"]


class StageSerializer(serializers.ModelSerializer):
    class Meta:
        model = RoundStage
        fields = ["order", "kind", "name", "starts_on", "ends_on", "pass_score"]


class RoundDetailSerializer(RoundSerializer):
    categories = CategorySerializer(many=True)
    rubric = RubricItemSerializer(many=True)
    stages = StageSerializer(many=True)

    class Meta(RoundSerializer.Meta):
        fields = [
            *RoundSerializer.Meta.fields,
            "description",
            "min_stage",
            "min_years_implemented",
            "max_proposals_per_unit",
            "require_qualified",
            "tie_rule",
            "categories",
            "rubric",
            "stages",
        ]


class ProposalSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.name")
    category = serializers.CharField(source="category.code")

    class Meta:
        model = Proposal
        fields = ["id", "code", "title", "status", "unit", "category", "innovation", "submitted_at"]


class ProposalInput(serializers.Serializer):
    innovation = serializers.IntegerField()
    category = serializers.IntegerField()
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    summary = serializers.CharField(max_length=10000, required=False, allow_blank=True)
    submit = serializers.BooleanField(default=True)


class ResultSerializer(serializers.Serializer):
    """What anyone sees after publication: ranks, final scores and the Top N."""

    rank = serializers.IntegerField(allow_null=True)
    code = serializers.CharField()
    title = serializers.CharField()
    unit = serializers.CharField()
    score = serializers.FloatField(allow_null=True)
    top_n = serializers.BooleanField()


class OrganiserResultSerializer(ResultSerializer):
    """The organiser's ranking before publication (the extra fields are absent after it)."""

    # Not required: after publication the same endpoint answers the public ranking without them.
    lowest = serializers.FloatField(allow_null=True, required=False)
    highest = serializers.FloatField(allow_null=True, required=False)
    sd = serializers.FloatField(allow_null=True, required=False)
    reviews = serializers.IntegerField(required=False)
    outliers = serializers.IntegerField(required=False)
    tied = serializers.BooleanField(required=False)


class ResultsSerializer(serializers.Serializer):
    published = serializers.BooleanField()
    tie_rule = serializers.CharField()
    results = OrganiserResultSerializer(many=True)


class PublicResultsSerializer(ResultsSerializer):
    results = ResultSerializer(many=True)  # type: ignore[assignment]


class SignedInMixin:
    authentication_classes = STAFF_AUTHENTICATION
    permission_classes = [permissions.IsAuthenticated, IsStaffMember]


@extend_schema(tags=["innovation-rounds"])
class RoundListView(SignedInMixin, generics.GenericAPIView):
    serializer_class = RoundSerializer

    @extend_schema(
        summary="Competition rounds the user may see",
        responses={200: RoundSerializer(many=True), 401: ERRORS[401], 403: ERRORS[403]},
    )
    def get(self, request):
        rounds = selectors.rounds_visible_to(user=request.user).order_by("-year", "name", "pk")
        page = self.paginate_queryset(rounds)
        return self.get_paginated_response(RoundSerializer(page, many=True).data)


@extend_schema(tags=["innovation-rounds"])
class RoundDetailView(SignedInMixin, APIView):
    @extend_schema(
        summary="One round with its categories, rubric and stages",
        responses={
            200: RoundDetailSerializer,
            401: ERRORS[401],
            403: ERRORS[403],
            404: ERRORS[404],
        },
    )
    def get(self, request, round_id: int):
        round_ = selectors.round_for(user=request.user, round_id=round_id)
        return Response(RoundDetailSerializer(round_).data)


@extend_schema(tags=["innovation-rounds"])
class ProposalListView(SignedInMixin, generics.GenericAPIView):
    serializer_class = ProposalSerializer

    @extend_schema(
        summary="The round's proposals the user may see (organiser: all; a unit: its own)",
        responses={
            200: ProposalSerializer(many=True),
            401: ERRORS[401],
            403: ERRORS[403],
            404: ERRORS[404],
        },
    )
    def get(self, request, round_id: int):
        round_ = selectors.round_for(user=request.user, round_id=round_id)
        page = self.paginate_queryset(
            selectors.proposals_visible_to(user=request.user, round_=round_)
        )
        return self.get_paginated_response(ProposalSerializer(page, many=True).data)

    @extend_schema(
        summary="A unit's proposal from one of its innovations (submitted unless submit=false)",
        description="400 `ineligible` with every reason; `closed` when the round is not open.",
        request=ProposalInput,
        responses={201: ProposalSerializer, **ERRORS},
    )
    def post(self, request, round_id: int):
        serializer = ProposalInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        round_ = selectors.round_for(user=request.user, round_id=round_id)
        innovation = Innovation.objects.select_related("unit").filter(pk=data["innovation"]).first()
        if innovation is None or not p.owns_unit(request.user, innovation.unit):
            raise DomainError(_("Inovasi tidak ditemukan."), field="innovation", code="unknown")
        category = round_.categories.filter(pk=data["category"]).first()
        if category is None:
            raise DomainError(_("Pilih kategori dari lomba ini."), field="category")
        proposal = services.proposal_create(
            actor=request.user,
            round_=round_,
            innovation=innovation,
            category=category,
            title=data.get("title", ""),
            summary=data.get("summary", ""),
        )
        if data["submit"]:
            proposal = services.proposal_submit(actor=request.user, proposal=proposal)
        proposal = Proposal.objects.select_related("unit", "category").get(pk=proposal.pk)
        return Response(ProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["innovation-rounds"])
class ResultsView(APIView):
    authentication_classes = STAFF_AUTHENTICATION
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary="The round's results: public after publication, the organiser's ranking before",
        description="Never a juror's individual scores.",
        responses={200: ResultsSerializer, 404: ERRORS[404]},
    )
    def get(self, request, round_id: int):
        round_ = Round.objects.filter(pk=round_id).first()
        if round_ is None:
            raise NotFound(_("Lomba tidak ditemukan."))
        if round_.is_published:
            rows = [
                {
                    "rank": pr.rank,
                    "code": pr.code,
                    "title": pr.title,
                    "unit": pr.unit.name,
                    "score": float(pr.final_score) if pr.final_score is not None else None,
                    "top_n": pr.status == Proposal.Status.WINNER,
                }
                for pr in selectors.published_ranking(round_)
            ]
            body = {"published": True, "tie_rule": round_.tie_rule, "results": rows}
            return Response(PublicResultsSerializer(body).data)
        if not p.is_organiser(request.user, round_):
            raise NotFound(_("Hasil lomba belum diumumkan."))
        results = selectors.round_results(round_)
        rows = [
            {
                "rank": row.ranked.rank,
                "code": row.proposal.code,
                "title": row.proposal.title,
                "unit": row.proposal.unit.name,
                "score": row.ranked.mean,
                "top_n": False,
                "lowest": row.ranked.lowest,
                "highest": row.ranked.highest,
                "sd": row.ranked.sd,
                "reviews": row.ranked.reviews,
                "outliers": sum(t.outlier for t in row.ranked.juror_totals),
                "tied": row.tied,
            }
            for row in results.rows
        ]
        body = {"published": False, "tie_rule": results.tie_rule, "results": rows}
        return Response(ResultsSerializer(body).data)
