"""The performance link as API: how units and officials handle their reports (read by performance cards).

`GET /api/complaints/performance/units/?region=<slug>` lists every unit of a region with its figures;
`.../units/{id}/` gives one unit and its officials; `.../officials/{user_id}/` one official. Each takes an
optional period `from`/`to` (YYYY-MM-DD, region time; default the last 12 months). Region readers,
verifiers and administrators read a region; a unit's staff read their unit; an official reads their own.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from tanggap.accounts.models import Role
from tanggap.accounts.permissions import (
    can_view_region_internal,
    can_view_unit_internal,
    has_region_role,
    is_sysadmin,
)
from tanggap.complaints.models import TeamMember
from tanggap.complaints.reports import performance as perf
from tanggap.core.api import StaffSessionAuthentication
from tanggap.core.errors import DomainError, NotFound, PermissionDenied
from tanggap.org.models import Region, Unit

MAX_DAYS = 731


class TargetSerializer(serializers.Serializer):
    met = serializers.IntegerField()
    late = serializers.IntegerField()
    breached = serializers.IntegerField()
    pending = serializers.IntegerField()
    share_on_time = serializers.FloatField(allow_null=True)


class PerformanceSerializer(serializers.Serializer):
    handled = serializers.IntegerField()
    open = serializers.IntegerField()
    answered = serializers.IntegerField()
    closed = serializers.IntegerField()
    reopened = serializers.IntegerField()
    reopen_rate = serializers.FloatField(allow_null=True)
    rating_avg = serializers.FloatField(allow_null=True)
    rating_count = serializers.IntegerField()
    median_response_hours = serializers.FloatField(allow_null=True)
    median_close_hours = serializers.FloatField(allow_null=True)
    verify = TargetSerializer()
    response = TargetSerializer()
    resolve = TargetSerializer()


class UnitPerformanceSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    unit_name = serializers.CharField()
    performance = PerformanceSerializer()


class OfficialPerformanceSerializer(serializers.Serializer):
    user = serializers.IntegerField()
    name = serializers.CharField()
    performance = PerformanceSerializer()


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()


class RegionPerformanceResponse(serializers.Serializer):
    region = serializers.CharField()
    period = PeriodSerializer()
    units = UnitPerformanceSerializer(many=True)


class UnitPerformanceResponse(serializers.Serializer):
    unit = serializers.IntegerField()
    unit_name = serializers.CharField()
    period = PeriodSerializer()
    performance = PerformanceSerializer()
    officials = OfficialPerformanceSerializer(many=True)


class OfficialPerformanceResponse(serializers.Serializer):
    user = serializers.IntegerField()
    name = serializers.CharField()
    period = PeriodSerializer()
    performance = PerformanceSerializer()


def figures(p: perf.Performance) -> dict:
    """A Performance as plain JSON-ready data."""

    def target(t: perf.TargetFigures) -> dict:
        return {
            "met": t.met,
            "late": t.late,
            "breached": t.breached,
            "pending": t.pending,
            "share_on_time": t.share,
        }

    return {
        "handled": p.handled,
        "open": p.open,
        "answered": p.answered,
        "closed": p.closed,
        "reopened": p.reopened,
        "reopen_rate": p.reopen_rate,
        "rating_avg": p.rating_avg,
        "rating_count": p.rating_count,
        "median_response_hours": p.median_response_hours,
        "median_close_hours": p.median_close_hours,
        "verify": target(p.verify),
        "response": target(p.response),
        "resolve": target(p.resolve),
    }


def period_from(request, region: Region) -> perf.Period:
    """The `from`/`to` query parameters as a period (default: the last 12 months)."""
    raw_from, raw_to = request.query_params.get("from"), request.query_params.get("to")
    if not raw_from and not raw_to:
        return perf.Period.last_months(region, 12)
    try:
        start = dt.date.fromisoformat(raw_from or "")
        end = dt.date.fromisoformat(raw_to or "")
    except ValueError as exc:
        raise DomainError(
            _("Isi `from` dan `to` sebagai tanggal YYYY-MM-DD."), code="invalid_period"
        ) from exc
    if end < start or (end - start).days > MAX_DAYS:
        raise DomainError(
            _("Periode harus maju dan paling panjang dua tahun."), code="invalid_period"
        )
    return perf.Period.of(region, start, end)


def _period_json(period: perf.Period) -> dict:
    return {"start": period.start, "end": period.end}


def _region_reader(user, region_id: int) -> bool:
    return can_view_region_internal(user, region_id) or has_region_role(
        user, region_id, {Role.COMPLAINT_VERIFIER}
    )


PERIOD_PARAMS = [
    OpenApiParameter("from", str, description="First day, YYYY-MM-DD (with `to`)"),
    OpenApiParameter("to", str, description="Last day, YYYY-MM-DD (with `from`)"),
]


class _Base(APIView):
    authentication_classes = [StaffSessionAuthentication]
    permission_classes = [permissions.IsAuthenticated]


class RegionUnitsPerformanceView(_Base):
    @extend_schema(
        parameters=[OpenApiParameter("region", str, required=True), *PERIOD_PARAMS],
        responses=RegionPerformanceResponse,
        summary="Complaint handling of every unit of a region",
        operation_id="complaints_performance_units_list",
    )
    def get(self, request):
        region = Region.objects.filter(slug=request.query_params.get("region", "")).first()
        if region is None:
            raise NotFound(_("Daerah tidak ditemukan."))
        if not _region_reader(request.user, region.pk):
            raise PermissionDenied()
        period = period_from(request, region)
        units = [
            {"unit": unit.pk, "unit_name": unit.name, "performance": figures(p)}
            for unit, p in perf.units_complaint_performance(region, period)
        ]
        return Response({"region": region.slug, "period": _period_json(period), "units": units})


class UnitPerformanceView(_Base):
    @extend_schema(
        parameters=PERIOD_PARAMS,
        responses=UnitPerformanceResponse,
        summary="One unit and its officials",
    )
    def get(self, request, unit_id: int):
        unit = Unit.objects.select_related("region").filter(pk=unit_id).first()
        if unit is None or not can_view_unit_internal(request.user, unit):
            raise NotFound(_("Unit tidak ditemukan."))
        period = period_from(request, unit.region)
        officials = [
            {"user": user.pk, "name": str(user), "performance": figures(p)}
            for user, p in perf.officials_complaint_performance(unit, period)
        ]
        return Response(
            {
                "unit": unit.pk,
                "unit_name": unit.name,
                "period": _period_json(period),
                "performance": figures(perf.unit_complaint_performance(unit, period)),
                "officials": officials,
            }
        )


class OfficialPerformanceView(_Base):
    @extend_schema(
        parameters=PERIOD_PARAMS, responses=OfficialPerformanceResponse, summary="One official"
    )
    def get(self, request, user_id: int):
        official = get_user_model().objects.filter(pk=user_id).first()
        if official is None:
            raise NotFound(_("Petugas tidak ditemukan."))
        units = list(
            Unit.objects.select_related("region").filter(
                pk__in=TeamMember.objects.filter(user=official).values("unit_id")
            )
        )
        allowed = (
            request.user.pk == official.pk
            or is_sysadmin(request.user)
            or any(can_view_unit_internal(request.user, unit) for unit in units)
        )
        if not allowed:
            raise NotFound(_("Petugas tidak ditemukan."))
        region = units[0].region if units else Region.objects.order_by("pk").first()
        if region is None:
            raise NotFound(_("Petugas tidak ditemukan."))
        period = period_from(request, region)
        return Response(
            {
                "user": official.pk,
                "name": str(official),
                "period": _period_json(period),
                "performance": figures(perf.official_complaint_performance(official, period)),
            }
        )
