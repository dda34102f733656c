"""Assessments and the index through the API: list the year's assessments and read one (the office,
region readers and the owning unit), decide a criterion, validate evidence and finish (the office), and
read the region's index. An assessment the user may not read answers 404; a move the user may not make
403; a refused rule 400 (nothing changed)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from tanggap.core.api import STAFF_AUTHENTICATION
from tanggap.core.errors import NotFound
from tanggap.core.openapi import ApiErrorSerializer
from tanggap.innovation.criteria import Criterion
from tanggap.innovation.models import Assessment, Evidence
from tanggap.innovation.selectors import assessment as sel
from tanggap.innovation.services import assessment as svc

ERRORS = {
    400: OpenApiResponse(ApiErrorSerializer, description="Bad input or refused; nothing changed"),
    401: OpenApiResponse(ApiErrorSerializer, description="Not signed in"),
    403: OpenApiResponse(ApiErrorSerializer, description="Not allowed"),
    404: OpenApiResponse(ApiErrorSerializer, description="Not found among what you may read"),
}


class MayOpenAssessments(permissions.BasePermission):
    message = _("Hanya kantor inovasi, pembaca wilayah, dan unit pemilik yang dapat mengakses ini.")

    def has_permission(self, request, view) -> bool:
        return sel.may_open_assessments(request.user)


class Base(APIView):
    authentication_classes = STAFF_AUTHENTICATION
    permission_classes = [permissions.IsAuthenticated, MayOpenAssessments]


class AssessmentSerializer(serializers.ModelSerializer):
    innovation_code = serializers.CharField(source="innovation.code")
    innovation_name = serializers.CharField(source="innovation.name")
    unit = serializers.CharField(source="innovation.unit.name")
    year = serializers.IntegerField(source="scheme.year")
    criteria = serializers.DictField(child=serializers.BooleanField(allow_null=True))
    criteria_notes = serializers.DictField(child=serializers.CharField())

    class Meta:
        model = Assessment
        fields = [
            "id", "innovation", "innovation_code", "innovation_name", "unit", "year", "status",
            "result", "criteria", "criteria_notes", "note", "started_at", "finished_at",
        ]  # fmt: skip


class YearQuery(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    region = serializers.SlugField(required=False)


class DecideInput(serializers.Serializer):
    criterion = serializers.ChoiceField(choices=Criterion.choices)
    met = serializers.BooleanField(allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class FinishInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ValidateInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=[Evidence.Status.VALID, Evidence.Status.INVALID])
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class EvidenceOut(serializers.ModelSerializer):
    indicator = serializers.CharField(source="indicator.code")

    class Meta:
        model = Evidence
        fields = ["id", "indicator", "innovation", "level", "status", "reason", "validated_at"]


class IndexOut(serializers.Serializer):
    year = serializers.IntegerField()
    region = serializers.CharField()
    index = serializers.DecimalField(max_digits=6, decimal_places=2)
    band = serializers.CharField()
    innovation_count = serializers.IntegerField()
    spd_score = serializers.DecimalField(max_digits=12, decimal_places=4)
    sid_score = serializers.DecimalField(max_digits=12, decimal_places=4)
    count_score = serializers.DecimalField(max_digits=12, decimal_places=4)
    missing = serializers.IntegerField()


def _valid(cls, data) -> dict:
    s = cls(data=data)
    s.is_valid(raise_exception=True)
    return dict(s.validated_data)


@extend_schema(tags=["innovation-assessment"])
class AssessmentListView(Base):
    @extend_schema(
        summary="The year's assessments the user may read",
        parameters=[YearQuery],
        responses={200: AssessmentSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        query = _valid(YearQuery, request.query_params)
        rows = sel.assessments_visible_to(user=request.user, year=query.get("year"))[:500]
        return Response(AssessmentSerializer(rows, many=True).data)


@extend_schema(tags=["innovation-assessment"])
class AssessmentDetailView(Base):
    @extend_schema(summary="One assessment", responses={200: AssessmentSerializer, **ERRORS})
    def get(self, request, assessment_id: int):
        found = sel.assessment_visible(user=request.user, assessment_id=assessment_id)
        return Response(AssessmentSerializer(found).data)


@extend_schema(tags=["innovation-assessment"])
class AssessmentDecideView(Base):
    @extend_schema(
        summary="Decide one criterion (the office)",
        request=DecideInput,
        responses={200: AssessmentSerializer, **ERRORS},
    )
    def post(self, request, assessment_id: int):
        data = _valid(DecideInput, request.data)
        found = sel.assessment_visible(user=request.user, assessment_id=assessment_id)
        done = svc.assessment_decide_criterion(
            actor=request.user,
            assessment=found,
            criterion=data["criterion"],
            met=data["met"],
            note=data.get("note", ""),
        )
        return Response(AssessmentSerializer(done).data)


@extend_schema(tags=["innovation-assessment"])
class AssessmentFinishView(Base):
    @extend_schema(
        summary="Finish the assessment (every criterion decided, no evidence pending)",
        request=FinishInput,
        responses={200: AssessmentSerializer, **ERRORS},
    )
    def post(self, request, assessment_id: int):
        data = _valid(FinishInput, request.data)
        found = sel.assessment_visible(user=request.user, assessment_id=assessment_id)
        done = svc.assessment_finish(actor=request.user, assessment=found, note=data.get("note"))
        return Response(AssessmentSerializer(done).data)


@extend_schema(tags=["innovation-assessment"])
class EvidenceValidateView(Base):
    @extend_schema(
        summary="Validate a piece of evidence: valid, or invalid with a reason (the office)",
        request=ValidateInput,
        responses={200: EvidenceOut, **ERRORS},
    )
    def post(self, request, evidence_id: int):
        data = _valid(ValidateInput, request.data)
        evidence = (
            Evidence.objects.select_related("innovation__unit").filter(pk=evidence_id).first()
        )
        visible = evidence is not None and (
            sel.may_read_region(request.user, evidence.region_id)
            if evidence.innovation is None
            else sel.may_view_assessment(request.user, evidence.innovation)
        )
        if not visible:
            raise NotFound(_("Bukti dukung tidak ditemukan."))
        done = svc.evidence_validate(
            actor=request.user,
            evidence=evidence,
            status=data["status"],
            reason=data.get("reason", ""),
        )
        return Response(EvidenceOut(done).data)


@extend_schema(tags=["innovation-assessment"])
class IndexView(Base):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="The region's innovation index for a year (?region= for a system administrator)",
        parameters=[YearQuery],
        responses={200: IndexOut, **ERRORS},
    )
    def get(self, request):
        query = _valid(YearQuery, request.query_params)
        if not sel.may_open_index(request.user):
            raise NotFound(_("Wilayah tidak ditemukan."))
        region = sel.region_for(request.user, query.get("region"))
        latest = sel.latest_scheme()
        scheme = sel.scheme_for_year(query.get("year", latest.year if latest else 0))
        result = sel.region_index(region, scheme)
        return Response(
            IndexOut(
                {
                    "year": scheme.year,
                    "region": region.slug,
                    "index": result.index,
                    "band": result.band.value,
                    "innovation_count": result.innovation_count,
                    "spd_score": result.spd_score,
                    "sid_score": result.sid_score,
                    "count_score": result.count_score,
                    "missing": len(result.missing),
                }
            ).data
        )
