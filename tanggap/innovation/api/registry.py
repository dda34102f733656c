"""The innovation registry through the API: list and register innovations, read and change one, list and
add its evidence (a link, or a file as multipart/form-data checked like complaint attachments).

Scoped like the pages: staff of a region read its registry; the owning unit (or the innovation office)
writes. An innovation the user may not read answers 404; a write the user may not make 403; bad input or
a refused rule 400 with a message."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, parsers, permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from tanggap.core.api import STAFF_AUTHENTICATION
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.openapi import ApiErrorSerializer
from tanggap.innovation import permissions as p
from tanggap.innovation.api.registry_serializers import (
    EvidenceInput,
    EvidenceSerializer,
    InnovationChangeInput,
    InnovationCreateInput,
    InnovationDetailSerializer,
    InnovationSerializer,
    RegistryQuery,
)
from tanggap.innovation.models import Evidence
from tanggap.innovation.selectors import registry as sel
from tanggap.innovation.services import evidence as evidence_services
from tanggap.innovation.services import registry as services
from tanggap.org.models import Unit

ERRORS = {
    400: OpenApiResponse(ApiErrorSerializer, description="Bad input or refused; nothing changed"),
    401: OpenApiResponse(ApiErrorSerializer, description="Not signed in"),
    403: OpenApiResponse(ApiErrorSerializer, description="Not allowed"),
    404: OpenApiResponse(ApiErrorSerializer, description="Not found among what you may read"),
}


class RegistryReader(permissions.BasePermission):
    """Staff of a region (a role or an official record); a citizen's account is refused."""

    message = _("Hanya pegawai dan petugas daerah yang dapat mengakses registri inovasi.")

    def has_permission(self, request, view) -> bool:
        return sel.may_open_registry(getattr(request, "user", None))


class StaffMixin:
    authentication_classes = STAFF_AUTHENTICATION
    permission_classes = [permissions.IsAuthenticated, RegistryReader]


def valid(serializer_class, data, **kwargs) -> dict:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def detail_body(user, innovation_id: int) -> dict:
    return InnovationDetailSerializer(
        sel.innovation_detail_for(user=user, innovation_id=innovation_id)
    ).data


@extend_schema(tags=["innovation-registry"])
class InnovationCollectionView(StaffMixin, generics.GenericAPIView):
    serializer_class = InnovationSerializer

    @extend_schema(
        summary="Innovations of the registry the user reads, filtered",
        parameters=[RegistryQuery],
        responses={200: InnovationSerializer(many=True), 400: ERRORS[400], 401: ERRORS[401]},
    )
    def get(self, request):
        query = valid(RegistryQuery, request.query_params)
        innovations = sel.innovation_list_visible_to(
            user=request.user,
            unit_id=query.get("unit"),
            stage=query.get("stage", ""),
            form=query.get("form", ""),
            kind=query.get("kind", ""),
            affair=query.get("affair", ""),
            year=query.get("year"),
            text=query.get("q", ""),
        )
        page = self.paginate_queryset(innovations)
        return self.get_paginated_response(InnovationSerializer(page, many=True).data)

    @extend_schema(
        summary="Register an innovation of a unit the user owns",
        request=InnovationCreateInput,
        responses={201: InnovationDetailSerializer, **ERRORS},
    )
    def post(self, request):
        data = dict(valid(InnovationCreateInput, request.data))
        unit = Unit.objects.filter(pk=data.pop("unit"), is_active=True).first()
        if unit is None:
            raise DomainError(_("Unit tidak ditemukan."), field="unit", code="unknown_unit")
        created = services.innovation_register(actor=request.user, unit=unit, **data)
        return Response(detail_body(request.user, created.pk), status=status.HTTP_201_CREATED)


@extend_schema(tags=["innovation-registry"])
class InnovationDetailView(StaffMixin, APIView):
    @extend_schema(
        summary="One innovation with its owners and replications",
        responses={200: InnovationDetailSerializer, 401: ERRORS[401], 404: ERRORS[404]},
    )
    def get(self, request, innovation_id: int):
        return Response(detail_body(request.user, innovation_id))

    @extend_schema(
        summary="Change an innovation's details (the stage moves through the pages' actions)",
        request=InnovationChangeInput,
        responses={200: InnovationDetailSerializer, **ERRORS},
    )
    def patch(self, request, innovation_id: int):
        innovation = sel.innovation_detail_for(user=request.user, innovation_id=innovation_id)
        if not p.may_edit_innovation(request.user, innovation):
            raise PermissionDenied(_("Anda tidak berwenang mengubah inovasi ini."))
        changes = valid(InnovationChangeInput, request.data, partial=True)
        if not changes:
            raise DomainError(_("Tidak ada kolom yang diubah."))
        services.innovation_update(actor=request.user, innovation=innovation, **changes)
        return Response(detail_body(request.user, innovation_id))


@extend_schema(tags=["innovation-registry"])
class EvidenceCollectionView(StaffMixin, APIView):
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]

    @extend_schema(
        summary="The innovation's evidence, in the order of the scheme's indicators",
        responses={200: EvidenceSerializer(many=True), 401: ERRORS[401], 404: ERRORS[404]},
    )
    def get(self, request, innovation_id: int):
        innovation = sel.innovation_detail_for(user=request.user, innovation_id=innovation_id)
        items = Evidence.objects.filter(innovation=innovation).select_related("indicator")
        return Response(EvidenceSerializer(items, many=True).data)

    @extend_schema(
        summary="Add evidence for an SID indicator: a link (JSON) or a file (multipart)",
        request={"multipart/form-data": EvidenceInput, "application/json": EvidenceInput},
        responses={201: EvidenceSerializer, **ERRORS},
    )
    def post(self, request, innovation_id: int):
        innovation = sel.innovation_detail_for(user=request.user, innovation_id=innovation_id)
        if not p.may_edit_innovation(request.user, innovation):
            raise PermissionDenied(_("Anda tidak berwenang menambah bukti inovasi ini."))
        data = valid(EvidenceInput, request.data)
        indicator = (
            sel.evidence_indicators(sel.current_scheme()).filter(pk=data["indicator"]).first()
        )
        if indicator is None:
            raise DomainError(
                _("Indikator tidak ditemukan di antara indikator inovasi (SID) skema tahun ini."),
                field="indicator",
                code="unknown_indicator",
            )
        common = {
            "actor": request.user,
            "innovation": innovation,
            "indicator": indicator,
            "level": data["level"],
            "description": data.get("description", ""),
        }
        if data.get("file"):
            item = evidence_services.evidence_add_file(uploaded_file=data["file"], **common)
        else:
            item = evidence_services.evidence_add_link(link=data["link"], **common)
        return Response(EvidenceSerializer(item).data, status=status.HTTP_201_CREATED)
