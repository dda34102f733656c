"""Checking in from a phone (a future native app) and reading check-ins.

POST records the signed-in official's own check-in or check-out at the server's time (the phone's clock
is never read), by the office's QR (scanned token or typed code) or the phone's position inside the
office's geofence. Every refusal (outside the fence, an expired or replayed QR, an unknown location) is a
400 with the Indonesian message and a stable code, and records nothing. GET lists the events the user
may read: their own, their team's as a superior, a unit's as its head, the region's as its admin.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.response import Response

from tanggap.attendance import selectors
from tanggap.attendance.api.serializers import (
    AttendanceEventSerializer,
    CheckInInputSerializer,
    EventListQuerySerializer,
)
from tanggap.attendance.models import AttendanceEvent
from tanggap.attendance.permissions import official_of
from tanggap.attendance.services.checkin import check_in
from tanggap.core.api import STAFF_AUTHENTICATION
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.openapi import ApiErrorSerializer

ERRORS = {
    400: OpenApiResponse(ApiErrorSerializer, description="Bad input or refused; nothing changed"),
    401: OpenApiResponse(ApiErrorSerializer, description="Not signed in"),
    403: OpenApiResponse(ApiErrorSerializer, description="Not allowed"),
    404: OpenApiResponse(ApiErrorSerializer, description="Not found among what you may read"),
    409: OpenApiResponse(ApiErrorSerializer, description="Not allowed in the current state"),
}
M = AttendanceEvent.Method


def valid(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def own_official(user):
    """The official whose account is signed in; 403 for an account of no official."""
    official = official_of(user)
    if official is None:
        raise PermissionDenied(
            _("Akun ini belum terhubung ke data pegawai. Hubungi admin kepegawaian."),
            code="no_official",
        )
    return official


class SignedInMixin:
    authentication_classes = STAFF_AUTHENTICATION
    permission_classes = [permissions.IsAuthenticated]


def _location(official, data: dict):
    """The named location among the official's region's active ones (400 otherwise); for a position
    without one, the nearest."""
    if data.get("location") is not None:
        place = selectors.checkin_locations(official).filter(pk=data["location"]).first()
        if place is None:
            raise DomainError(
                _("Lokasi presensi ini tidak dikenal."), code="unknown_location", field="location"
            )
        return place
    if data["method"] == M.GEO:
        place = selectors.nearest_checkin_location(official, data["latitude"], data["longitude"])
        if place is None:
            raise DomainError(
                _("Belum ada lokasi presensi di daerah Anda."), code="unknown_location"
            )
        return place
    return None


@extend_schema(tags=["attendance"])
class CheckInCollectionView(SignedInMixin, generics.GenericAPIView):
    serializer_class = AttendanceEventSerializer

    @extend_schema(
        summary="Check-ins and check-outs the signed-in user may read, newest first",
        parameters=[EventListQuerySerializer],
        responses={200: AttendanceEventSerializer(many=True), 400: ERRORS[400], 401: ERRORS[401]},
    )
    def get(self, request):
        query = valid(EventListQuerySerializer, request.query_params)
        events = selectors.attendance_events_visible_to(request.user).order_by(
            "-recorded_at", "-id"
        )
        if query.get("date"):
            events = events.filter(recorded_at__date=query["date"])
        if query.get("official"):
            events = events.filter(official_id=query["official"])
        page = self.paginate_queryset(events)
        return self.get_paginated_response(AttendanceEventSerializer(page, many=True).data)

    @extend_schema(
        summary="Check in (or out) now, for yourself",
        description=(
            "The server's time is recorded, never the phone's. `method=qr`: `token` (the signed "
            "token scanned from the office screen) or `code` (its six characters, typed); a token "
            "works for its 30-second window and the one before, once. `method=geo`: `latitude`, "
            "`longitude`, `accuracy_m` inside the location's fence. Refusals are 400 with a code: "
            "`qr_invalid`, `qr_expired`, `qr_replayed`, `outside_geofence`, `no_position`, "
            "`bad_position`, `unknown_location`, `official_inactive`; 403 `no_official` for an "
            "account of no official."
        ),
        request=CheckInInputSerializer,
        responses={
            201: AttendanceEventSerializer,
            400: ERRORS[400],
            401: ERRORS[401],
            403: ERRORS[403],
        },
    )
    def post(self, request):
        official = own_official(request.user)
        data = valid(CheckInInputSerializer, request.data)
        arguments = {
            "actor": request.user,
            "official": official,
            "kind": data["kind"],
            "method": data["method"],
            "location": _location(official, data),
            "device_hint": request.headers.get("User-Agent", ""),
        }
        if data["method"] == M.QR:
            arguments["token"] = data["qr"]
        else:
            arguments.update(
                latitude=data["latitude"],
                longitude=data["longitude"],
                accuracy_m=data["accuracy_m"],
            )
        event = check_in(**arguments)
        event = selectors.attendance_events_visible_to(request.user).get(pk=event.pk)
        return Response(AttendanceEventSerializer(event).data, status=status.HTTP_201_CREATED)
