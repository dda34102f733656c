"""The P2B library through the API, open to anyone (read-only): search the published articles
(`?q=&region=&affair=&page=`, best match first, with a highlighted snippet) and read one article.
Unknown or unpublished ids answer 404 JSON; bad input 400 JSON `{code, message}`."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from tanggap.core.openapi import ApiErrorSerializer
from tanggap.innovation.models import Article, Innovation
from tanggap.innovation.search import MAX_QUERY_CHARS, PER_PAGE, search_articles
from tanggap.innovation.selectors import library as selectors
from tanggap.org.models import Region


class ArticleQuery(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=MAX_QUERY_CHARS)
    region = serializers.SlugField(required=False, help_text="Region slug")
    affair = serializers.ChoiceField(required=False, choices=Innovation.Affair.choices)
    page = serializers.IntegerField(required=False, min_value=1, max_value=10_000)


class ArticleSummarySerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.name")
    innovation = serializers.CharField(source="innovation.name", allow_null=True, default=None)

    class Meta:
        model = Article
        fields = ["id", "title", "summary", "unit", "innovation", "tags", "published_at"]


class ArticleSerializer(ArticleSummarySerializer):
    region = serializers.CharField(source="region.name")
    affair = serializers.CharField(source="innovation.affair", allow_null=True, default=None)

    class Meta(ArticleSummarySerializer.Meta):
        fields = [*ArticleSummarySerializer.Meta.fields, "region", "affair", "body", "lessons"]


class HitSerializer(serializers.Serializer):
    article = ArticleSummarySerializer()
    score = serializers.FloatField()
    snippet = serializers.CharField(help_text="HTML: escaped text, matching words in <mark>")


class SearchPageSerializer(serializers.Serializer):
    query = serializers.CharField()
    terms = serializers.ListField(child=serializers.CharField(), help_text="Stemmed query terms")
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    per_page = serializers.IntegerField(default=PER_PAGE)
    hits = HitSerializer(many=True)


ERRORS = {
    400: OpenApiResponse(ApiErrorSerializer, description="Bad input"),
    404: OpenApiResponse(ApiErrorSerializer, description="Unknown or unpublished article"),
}


class PublicView(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []


@extend_schema(tags=["innovation-library"])
class ArticleSearchView(PublicView):
    @extend_schema(
        summary="Search the P2B library (stemmed Indonesian, ranked)",
        operation_id="innovation_articles_search",
        parameters=[ArticleQuery],
        responses={200: SearchPageSerializer, 400: ERRORS[400]},
    )
    def get(self, request):
        query = ArticleQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        region = None
        if data.get("region"):
            region = Region.objects.filter(slug=data["region"]).first()
            if region is None:
                raise serializers.ValidationError({"region": [_("Daerah tidak dikenal.")]})
        result = search_articles(
            data.get("q") or "",
            region=region,
            affair=data.get("affair") or "",
            page=data.get("page") or 1,
        )
        return Response(SearchPageSerializer(result).data)


@extend_schema(tags=["innovation-library"])
class ArticleDetailView(PublicView):
    @extend_schema(
        summary="One published P2B article",
        responses={200: ArticleSerializer, 404: ERRORS[404]},
    )
    def get(self, request, article_id: int):
        return Response(ArticleSerializer(selectors.public_article(article_id)).data)
