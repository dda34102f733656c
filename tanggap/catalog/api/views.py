"""REST API of the catalogue under /api/catalog/: public reads, staff writes, import and export.

Views are thin: a serializer checks the shape of input, a selector fetches (scoped to the user), one
service writes. Domain errors become JSON {code, message} through tanggap.core.api.exception_handler.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from tanggap.catalog import importexport, selectors, services
from tanggap.catalog.api.serializers import (
    ArchiveSerializer,
    EnactSerializer,
    ImportRefusedSerializer,
    ImportReportSerializer,
    ImportSerializer,
    ServiceFilterSerializer,
    ServiceSerializer,
    ServiceWriteSerializer,
    StandardSerializer,
    StandardWriteSerializer,
    valid_data,
)
from tanggap.catalog.models import Service
from tanggap.catalog.permissions import may_open_in_staff_catalogue
from tanggap.core.errors import DomainError, NotFound
from tanggap.core.openapi import ApiErrorSerializer

# --- services and standards ------------------------------------------------------------------------


@extend_schema(tags=["catalog"])
class ServiceViewSet(viewsets.GenericViewSet):
    """Public catalogue reads; staff writes on services and their standards."""

    serializer_class = ServiceSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    queryset = Service.objects.none()  # every read goes through a selector

    def _staff_service(self, pk) -> Service:
        return selectors.service_get_for_staff(user=self.request.user, pk=_int(pk))

    @extend_schema(
        summary="Published services with their standard in force",
        parameters=[ServiceFilterSerializer],
    )
    def list(self, request):
        f = valid_data(ServiceFilterSerializer, request.query_params)
        qs = selectors.service_list_public(
            region=f.get("region"),
            q=f.get("q", ""),
            category=f.get("category"),
            unit=f.get("unit"),
            location=f.get("location"),
        ).prefetch_related("locations")
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(ServiceSerializer(page, many=True).data)

    @extend_schema(summary="One service (published, or manageable by the signed-in user)")
    def retrieve(self, request, pk=None):
        service = selectors.service_get_for_api(user=request.user, pk=_int(pk))
        return Response(ServiceSerializer(service).data)

    @extend_schema(
        summary="Create a service (staff)",
        request=ServiceWriteSerializer,
        responses={201: ServiceSerializer},
    )
    def create(self, request):
        data = valid_data(ServiceWriteSerializer, request.data)
        service = services.service_create(actor=request.user, **data)
        return Response(ServiceSerializer(service).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a service (staff)",
        request=ServiceWriteSerializer,
        responses=ServiceSerializer,
    )
    def partial_update(self, request, pk=None):
        service = self._staff_service(pk)
        data = dict(valid_data(ServiceWriteSerializer, request.data, partial=True))
        locations = data.pop("locations", None)
        service = services.service_update(
            actor=request.user, service=service, locations=locations, **data
        )
        return Response(ServiceSerializer(service).data)

    @extend_schema(
        summary="Archive a service with a reason (staff)",
        request=ArchiveSerializer,
        responses=ServiceSerializer,
    )
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        service = self._staff_service(pk)
        data = valid_data(ArchiveSerializer, request.data)
        service = services.service_archive(
            actor=request.user, service=service, reason=data["reason"]
        )
        return Response(ServiceSerializer(service).data)

    @extend_schema(
        summary="Versions of a service's standard", responses=StandardSerializer(many=True)
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def versions(self, request, pk=None):
        service = selectors.service_get_for_api(user=request.user, pk=_int(pk))
        if may_open_in_staff_catalogue(request.user, service.unit):
            versions = selectors.standard_versions_for_staff(service)
        else:
            versions = selectors.standard_versions_public(service)
        return Response(StandardSerializer(versions, many=True).data)

    @extend_schema(
        methods=["GET"], summary="The draft standard (staff)", responses=StandardSerializer
    )
    @extend_schema(
        methods=["PATCH"],
        summary="Change the draft standard (staff); list components as arrays or one item per line",
        request=StandardWriteSerializer,
        responses=StandardSerializer,
    )
    @action(detail=True, methods=["get", "patch"])
    def draft(self, request, pk=None):
        service = self._staff_service(pk)
        draft = selectors.standard_draft(service)
        if draft is None:
            raise NotFound(_no_draft_message(), code="no_draft")
        if request.method == "PATCH":
            data = valid_data(StandardWriteSerializer, request.data, partial=True)
            draft = services.standard_update(actor=request.user, standard=draft, **data)
        return Response(StandardSerializer(draft).data)

    @extend_schema(
        summary="Start a new draft version from the enacted one (staff)",
        request=None,
        responses={201: StandardSerializer},
    )
    @action(detail=True, methods=["post"], url_path="new-version")
    def new_version(self, request, pk=None):
        service = self._staff_service(pk)
        draft = services.standard_draft_create(actor=request.user, service=service)
        return Response(StandardSerializer(draft).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Enact the draft by decree (unit head or admin)",
        request=EnactSerializer,
        responses=StandardSerializer,
    )
    @action(detail=True, methods=["post"])
    def enact(self, request, pk=None):
        service = self._staff_service(pk)
        data = valid_data(EnactSerializer, request.data)
        draft = selectors.standard_draft(service)
        if draft is None:
            raise NotFound(_no_draft_message(), code="no_draft")
        standard = services.standard_enact(actor=request.user, standard=draft, **data)
        return Response(StandardSerializer(standard).data)


def _no_draft_message():
    return _("Layanan ini tidak memiliki konsep standar.")


def _int(pk) -> int:
    try:
        return int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None


# --- import and export -----------------------------------------------------------------------------


class StandardsImportView(APIView):
    """Create/update a region's services and draft standards from a CSV, XLSX or JSON file."""

    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        tags=["catalog"],
        summary="Import standards (all-or-nothing, row-level errors)",
        request={"multipart/form-data": ImportSerializer},
        responses={
            200: ImportReportSerializer,
            400: OpenApiResponse(
                PolymorphicProxySerializer(
                    component_name="ImportBadRequest",
                    serializers=[ImportRefusedSerializer, ApiErrorSerializer],
                    resource_type_field_name=None,
                ),
                description="Rows with errors (nothing saved), or a missing or unreadable file",
            ),
        },
    )
    def post(self, request):
        data = valid_data(ImportSerializer, request.data)
        region = selectors.import_region_for(user=request.user, slug=data["region"])
        fmt = data.get("format") or importexport.guess_format(data["file"].name)
        if fmt is None:
            raise DomainError(_format_message(), code="invalid_format", field="format")
        rows = importexport.read_rows(data["file"].read(), fmt)
        report = importexport.standards_import(
            actor=request.user, region=region, rows=rows, dry_run=data["dry_run"]
        )
        body = report.as_dict()
        if not report.ok:
            body = {
                "code": "import_invalid",
                "message": _("Impor dibatalkan: %(n)s baris bermasalah; tidak ada yang disimpan.")
                % {"n": len(report.errors)},
                **body,
            }
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        return Response(body)


def _format_message():
    return _("Format berkas tidak dikenal; gunakan csv, xlsx, atau json.")


class FileDownloadNegotiation(DefaultContentNegotiation):
    """The export's `format` parameter names the file format, not an API renderer: answer in JSON
    (used only for errors) whatever it says."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class StandardsExportView(APIView):
    """Download the standards of a region or a unit."""

    permission_classes = [permissions.IsAuthenticated]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = FileDownloadNegotiation

    @extend_schema(
        tags=["catalog"],
        summary="Export standards as CSV, XLSX or JSON",
        parameters=[
            OpenApiParameter("format", str, enum=list(importexport.FORMATS), default="json"),
            OpenApiParameter("region", str, description="Region slug"),
            OpenApiParameter(
                "unit", int, description="Unit id (exports the unit and its sub-units)"
            ),
        ],
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    def get(self, request):
        fmt = request.query_params.get("format", "json")
        if fmt not in importexport.FORMATS:
            raise DomainError(_format_message(), code="invalid_format", field="format")
        unit = region = None
        if request.query_params.get("unit"):
            unit = selectors.export_unit_for(
                user=request.user, pk=_int(request.query_params["unit"])
            )
        elif request.query_params.get("region"):
            region = selectors.export_region_for(
                user=request.user, slug=request.query_params["region"]
            )
        else:
            raise DomainError(
                _("Sebutkan region atau unit yang akan diekspor."), code="required", field="region"
            )
        qs = selectors.services_for_export(region=region, unit=unit)
        response = HttpResponse(
            importexport.export_standards(qs, fmt, region=region, unit=unit),
            content_type=importexport.CONTENT_TYPES[fmt],
        )
        filename = importexport.export_filename(fmt, region=region, unit=unit)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
