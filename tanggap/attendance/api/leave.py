"""Leave through the API: the leave types, the own annual balance with its ledger, the leave requests
the user may read, filing one for oneself, and the superior's decision or a cancellation.

A request the user may not read answers 404; a move the user may not make 403, one its state does not
allow 409, both decided by the services (tanggap.attendance.services.leave)."""

from __future__ import annotations

import contextlib

from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, parsers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from tanggap.attendance import selectors
from tanggap.attendance.api.checkins import ERRORS, SignedInMixin, own_official, valid
from tanggap.attendance.api.serializers import (
    DecisionInputSerializer,
    LeaveBalanceSerializer,
    LeaveListQuerySerializer,
    LeaveRequestInputSerializer,
    LeaveRequestSerializer,
    LeaveTypeSerializer,
    NoteInputSerializer,
    YearQuerySerializer,
)
from tanggap.attendance.forms import DOCUMENT_EXTENSIONS, MAX_DOCUMENT_BYTES
from tanggap.attendance.models import LeaveRequest
from tanggap.attendance.services.leave import (
    leave_cancel,
    leave_decide,
    leave_request_create,
    leave_year_open,
)
from tanggap.core.errors import DomainError, NotFound

PARSERS = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]


def visible_request(user, request_id: int) -> LeaveRequest:
    found = selectors.leave_requests_visible_to(user).filter(pk=request_id).first()
    if found is None:
        raise NotFound(_("Permohonan cuti tidak ditemukan."))
    return found


def fresh(user, leave: LeaveRequest) -> dict:
    """The request read again after a move, as its answer."""
    again = LeaveRequest.objects.select_related("official", "leave_type").get(pk=leave.pk)
    return LeaveRequestSerializer(again).data


@extend_schema(tags=["attendance-leave"])
class LeaveTypeListView(SignedInMixin, APIView):
    @extend_schema(
        summary="The leave types an official may request",
        responses={200: LeaveTypeSerializer(many=True), 401: ERRORS[401]},
    )
    def get(self, request):
        types = selectors.requestable_leave_types()
        return Response(LeaveTypeSerializer(types, many=True).data)


@extend_schema(tags=["attendance-leave"])
class LeaveBalanceView(SignedInMixin, APIView):
    @extend_schema(
        summary="Your own annual-leave balance of a year (default this year) with its ledger rows",
        parameters=[YearQuerySerializer],
        responses={
            200: LeaveBalanceSerializer,
            400: ERRORS[400],
            401: ERRORS[401],
            403: ERRORS[403],
        },
    )
    def get(self, request):
        official = own_official(request.user)
        year = valid(YearQuerySerializer, request.query_params).get("year")
        year = year or timezone.localdate().year
        if year == timezone.localdate().year:
            # As the page does: the year's entitlement is written the first time it is needed.
            with contextlib.suppress(IntegrityError):
                leave_year_open(official=official, year=year)
        balance = selectors.annual_balance(official, year)
        pending = selectors.pending_annual_days(official, year)
        ledger = selectors.leave_ledger_visible_to(request.user).filter(
            official=official, year=year
        )
        body = {
            "year": year,
            "balance": balance,
            "pending": pending,
            "available": max(balance - pending, 0),
            "ledger": ledger,
        }
        return Response(LeaveBalanceSerializer(body).data)


@extend_schema(tags=["attendance-leave"])
class LeaveRequestCollectionView(SignedInMixin, generics.GenericAPIView):
    serializer_class = LeaveRequestSerializer
    parser_classes = PARSERS

    @extend_schema(
        summary="Leave requests the signed-in user may read, latest start first",
        parameters=[LeaveListQuerySerializer],
        responses={200: LeaveRequestSerializer(many=True), 400: ERRORS[400], 401: ERRORS[401]},
    )
    def get(self, request):
        query = valid(LeaveListQuerySerializer, request.query_params)
        requests = selectors.leave_requests_visible_to(request.user).order_by("-start", "-id")
        if query.get("status"):
            requests = requests.filter(status=query["status"])
        if query.get("official"):
            requests = requests.filter(official_id=query["official"])
        page = self.paginate_queryset(requests)
        return self.get_paginated_response(LeaveRequestSerializer(page, many=True).data)

    @extend_schema(
        summary="Request leave for yourself",
        description=(
            "JSON, or multipart/form-data with `document` (PDF, JPG or PNG, at most 5 MB) for the "
            "types that need one (400 `document_required` otherwise). Dates, overlap and balance "
            "are checked by the service; a refusal is a 400 and files nothing."
        ),
        request={
            "application/json": LeaveRequestInputSerializer,
            "multipart/form-data": LeaveRequestInputSerializer,
        },
        responses={
            201: LeaveRequestSerializer,
            400: ERRORS[400],
            401: ERRORS[401],
            403: ERRORS[403],
        },
    )
    def post(self, request):
        official = own_official(request.user)
        data = valid(LeaveRequestInputSerializer, request.data)
        leave_type = selectors.requestable_leave_types().filter(pk=data["leave_type"]).first()
        if leave_type is None:
            raise DomainError(_("Jenis cuti ini tidak tersedia."), field="leave_type")
        document = data.get("document")
        if document is not None:
            extension = document.name.rsplit(".", 1)[-1].lower() if "." in document.name else ""
            if extension not in DOCUMENT_EXTENSIONS:
                raise DomainError(
                    _("Dokumen harus PDF, JPG, atau PNG."), field="document", code="bad_document"
                )
            if document.size > MAX_DOCUMENT_BYTES:
                raise DomainError(
                    _("Dokumen paling besar 5 MB."), field="document", code="bad_document"
                )
        created = leave_request_create(
            actor=request.user,
            official=official,
            leave_type=leave_type,
            start=data["start"],
            end=data["end"],
            reason=data.get("reason", ""),
            document=document,
        )
        return Response(fresh(request.user, created), status=status.HTTP_201_CREATED)


@extend_schema(tags=["attendance-leave"])
class LeaveRequestDetailView(SignedInMixin, APIView):
    @extend_schema(
        summary="One leave request the user may read",
        responses={200: LeaveRequestSerializer, 401: ERRORS[401], 404: ERRORS[404]},
    )
    def get(self, request, request_id: int):
        return Response(LeaveRequestSerializer(visible_request(request.user, request_id)).data)


MOVE_RESPONSES = {
    200: LeaveRequestSerializer,
    400: ERRORS[400],
    401: ERRORS[401],
    403: ERRORS[403],
    404: ERRORS[404],
    409: ERRORS[409],
}


@extend_schema(tags=["attendance-leave"])
class LeaveDecideView(SignedInMixin, APIView):
    @extend_schema(
        summary="The direct superior approves or rejects a pending request",
        description="A rejection needs its reason in `note` (400 `reason_required`).",
        request=DecisionInputSerializer,
        responses=MOVE_RESPONSES,
    )
    def post(self, request, request_id: int):
        data = valid(DecisionInputSerializer, request.data)
        leave = visible_request(request.user, request_id)
        leave_decide(
            actor=request.user, request=leave, approve=data["approve"], note=data.get("note", "")
        )
        return Response(fresh(request.user, leave))


@extend_schema(tags=["attendance-leave"])
class LeaveCancelView(SignedInMixin, APIView):
    @extend_schema(
        summary="Withdraw a pending request, or cancel an approved leave before its first day",
        request=NoteInputSerializer,
        responses=MOVE_RESPONSES,
    )
    def post(self, request, request_id: int):
        data = valid(NoteInputSerializer, request.data)
        leave = visible_request(request.user, request_id)
        leave_cancel(actor=request.user, request=leave, note=data.get("note", ""))
        return Response(fresh(request.user, leave))
