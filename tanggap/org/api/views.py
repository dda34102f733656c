"""REST API of the org app: regions, areas, units, officials and rotation decrees.

Thin like the pages: serializers type the input, selectors decide what the caller sees, services make
every change. Errors are JSON `{code, message}` (see tanggap.core.api.exception_handler).
"""

from __future__ import annotations

import re

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from tanggap.accounts.permissions import IsStaffMember as StaffOnly
from tanggap.org import selectors, services
from tanggap.org.api.serializers import (
    AreaSerializer,
    DecreeSerializer,
    EntriesInputSerializer,
    ErrorSerializer,
    OfficialArchiveSerializer,
    OfficialCreateSerializer,
    OfficialDetailSerializer,
    OfficialFilterSerializer,
    OfficialSerializer,
    OfficialUpdateSerializer,
    OrgArchiveSerializer,
    RegionSerializer,
    UnitSerializer,
)
from tanggap.org.models import Area, Unit

# --- permissions --------------------------------------------------------------------


class IsStaffMember(StaffOnly):
    """Signed-in staff (anyone holding a role); what each may see is decided by the selectors."""

    message = _("Hanya petugas yang dapat mengakses data organisasi.")


# --- views ----------------------------------------------------------------------------------------------


class OrgViewSet(viewsets.GenericViewSet):
    permission_classes = [IsStaffMember]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]


# List, read, create and correct through serializer_class; each write is one org service call.
# (A comment, not a docstring: drf-spectacular would publish a docstring in every operation.)
class ServiceWriteViewSet(OrgViewSet):
    def call_create_service(self, data: dict):
        """Create the record from validated data through its service; return it."""
        raise NotImplementedError

    def call_update_service(self, instance, changes: dict) -> None:
        """Apply validated changes to the record through its service."""
        raise NotImplementedError

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(self.get_object()).data)

    def create(self, request):
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        instance = self.call_create_service(data.validated_data)
        return Response(self.get_serializer(instance).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        instance = self.get_object()
        data = self.get_serializer(instance, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        # A record keeps the region it was made in; the update services do not take one.
        changes = {k: v for k, v in data.validated_data.items() if k != "region"}
        self.call_update_service(instance, changes)
        return Response(self.get_serializer(instance).data)


@extend_schema_view(
    list=extend_schema(summary="Regions visible to the caller"),
    retrieve=extend_schema(summary="One region"),
    partial_update=extend_schema(
        summary="Update a region's profile, time zone and working calendar"
    ),
)
class RegionViewSet(OrgViewSet):
    serializer_class = RegionSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.region_list_visible_to(user=self.request.user)

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(RegionSerializer(page, many=True).data)

    def retrieve(self, request, slug=None):
        return Response(RegionSerializer(self.get_object()).data)

    def partial_update(self, request, slug=None):
        region = self.get_object()
        data = RegionSerializer(region, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.region_update(actor=request.user, region=region, **data.validated_data)
        return Response(RegionSerializer(region).data)


@extend_schema_view(
    list=extend_schema(
        summary="Kecamatan and desa/kelurahan",
        parameters=[
            OpenApiParameter("region", str, description="Region slug"),
            OpenApiParameter("kind", str, enum=Area.Kind.values),
            OpenApiParameter("parent", int, description="Kecamatan id: its desa/kelurahan"),
        ],
    ),
    create=extend_schema(summary="Add a kecamatan or desa/kelurahan"),
    partial_update=extend_schema(summary="Correct an area"),
)
class AreaViewSet(ServiceWriteViewSet):
    serializer_class = AreaSerializer

    def get_queryset(self):
        areas = selectors.area_list_visible_to(user=self.request.user)
        params = self.request.query_params
        if params.get("region"):
            areas = areas.filter(region__slug=params["region"])
        if params.get("kind"):
            areas = areas.filter(kind=params["kind"])
        if re.fullmatch(r"[0-9]{1,18}", params.get("parent", "")):
            areas = areas.filter(parent_id=int(params["parent"]))
        return areas

    def call_create_service(self, data):
        return services.area_create(actor=self.request.user, **data)

    def call_update_service(self, instance, changes):
        services.area_update(actor=self.request.user, area=instance, **changes)


@extend_schema_view(
    list=extend_schema(
        summary="Units visible to the caller",
        parameters=[
            OpenApiParameter("region", str, description="Region slug"),
            OpenApiParameter("kind", str, enum=Unit.Kind.values),
            OpenApiParameter("archived", bool, description="Include archived units"),
        ],
    ),
    create=extend_schema(summary="Add a unit"),
    partial_update=extend_schema(summary="Change a unit"),
)
class UnitViewSet(ServiceWriteViewSet):
    serializer_class = UnitSerializer

    def get_queryset(self):
        params = self.request.query_params
        include_archived = params.get("archived") in ("1", "true") or self.action != "list"
        units = selectors.unit_list_visible_to(
            user=self.request.user, include_archived=include_archived
        )
        if params.get("region"):
            units = units.filter(region__slug=params["region"])
        if params.get("kind"):
            units = units.filter(kind=params["kind"])
        return units

    def call_create_service(self, data):
        return services.unit_create(actor=self.request.user, **data)

    def call_update_service(self, instance, changes):
        services.unit_update(actor=self.request.user, unit=instance, **changes)

    @extend_schema(
        summary="Archive a unit with a reason",
        request=OrgArchiveSerializer,
        responses=UnitSerializer,
    )
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        unit = self.get_object()
        data = OrgArchiveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.unit_archive(actor=request.user, unit=unit, reason=data.validated_data["reason"])
        return Response(self.get_serializer(unit).data)


@extend_schema_view(
    list=extend_schema(
        summary="Officials visible to the caller, with tenure in the current position",
        parameters=[OfficialFilterSerializer],
    ),
    retrieve=extend_schema(
        summary="One official with position history", responses=OfficialDetailSerializer
    ),
    create=extend_schema(
        summary="Register an official",
        request=OfficialCreateSerializer,
        responses=OfficialSerializer,
    ),
    partial_update=extend_schema(
        summary="Correct an official",
        request=OfficialUpdateSerializer,
        responses=OfficialSerializer,
    ),
)
class OfficialViewSet(OrgViewSet):
    serializer_class = OfficialSerializer

    def get_queryset(self):
        return selectors.official_list_visible_to(user=self.request.user, status=None)

    def list(self, request):
        params = OfficialFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        f = params.validated_data
        region = (
            selectors.region_get_visible_to(user=request.user, slug=f["region"])
            if f.get("region")
            else None
        )
        unit = (
            get_object_or_404(selectors.unit_list_visible_to(user=request.user), pk=f["unit"])
            if f.get("unit")
            else None
        )
        officials = selectors.official_list_visible_to(
            user=request.user,
            region=region,
            unit=unit,
            rank=f.get("rank"),
            search=f.get("q"),
            min_tenure_years=f.get("min_tenure_years"),
            status=None if f["status"] == "all" else f["status"],
            order=f["order"],
        )
        page = self.paginate_queryset(officials)
        return self.get_paginated_response(OfficialSerializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(OfficialDetailSerializer(self.get_object()).data)

    def create(self, request):
        data = OfficialCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        official = services.official_create(actor=request.user, **data.validated_data)
        return Response(OfficialSerializer(official).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        official = self.get_object()
        data = OfficialUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.official_update(actor=request.user, official=official, **data.validated_data)
        return Response(OfficialSerializer(official).data)

    @extend_schema(
        summary="Take an official off the active roll",
        request=OfficialArchiveSerializer,
        responses=OfficialSerializer,
    )
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        official = self.get_object()
        data = OfficialArchiveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.official_archive(actor=request.user, official=official, **data.validated_data)
        return Response(OfficialSerializer(official).data)


@extend_schema_view(
    list=extend_schema(summary="Rotation decrees (SK mutasi) of the regions the caller reads"),
    retrieve=extend_schema(summary="One decree with every move"),
    create=extend_schema(summary="Draft a rotation decree"),
    partial_update=extend_schema(summary="Correct a draft decree"),
)
class DecreeViewSet(ServiceWriteViewSet):
    serializer_class = DecreeSerializer

    def get_queryset(self):
        decrees = selectors.decree_list_visible_to(user=self.request.user)
        if self.request.query_params.get("region"):
            decrees = decrees.filter(region__slug=self.request.query_params["region"])
        return decrees

    def call_create_service(self, data):
        return services.rotation_decree_create(actor=self.request.user, **data)

    def call_update_service(self, instance, changes):
        services.rotation_decree_update(actor=self.request.user, decree=instance, **changes)

    @extend_schema(
        summary="Add moves to a draft decree: all of them, or none when any is wrong",
        request=EntriesInputSerializer,
        responses={201: DecreeSerializer, 400: ErrorSerializer, 409: ErrorSerializer},
    )
    @action(detail=True, methods=["post"])
    def entries(self, request, pk=None):
        decree = self.get_object()
        data = EntriesInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rows = [
            services.EntryRow(line=i, **row)
            for i, row in enumerate(data.validated_data["entries"], start=1)
        ]
        try:
            services.rotation_entries_add(actor=request.user, decree=decree, rows=rows)
        except services.EntryRowsError as exc:
            body = {
                "code": exc.code,
                "message": str(exc.message),
                "problems": [
                    {"line": line, "message": str(message)} for line, message in exc.problems
                ],
            }
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        return Response(self.get_serializer(decree).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Take a move out of a draft decree",
        request=None,
        responses={204: None, 409: ErrorSerializer},
    )
    @action(detail=True, methods=["delete"], url_path=r"entries/(?P<entry_id>\d+)")
    def remove_entry(self, request, pk=None, entry_id=None):
        decree = self.get_object()
        entry = get_object_or_404(decree.entries.select_related("decree"), pk=entry_id)
        services.rotation_entry_remove(actor=request.user, entry=entry)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Enact a decree: every official in it moves at once",
        request=None,
        responses={200: DecreeSerializer, 403: ErrorSerializer, 409: ErrorSerializer},
    )
    @action(detail=True, methods=["post"])
    def enact(self, request, pk=None):
        decree = self.get_object()
        services.rotation_decree_enact(actor=request.user, decree=decree)
        decree.refresh_from_db()
        return Response(self.get_serializer(decree).data)
