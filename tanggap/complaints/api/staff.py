"""The staff side of the complaints API: the reports a user may read, and one POST per workflow move.

Every endpoint needs a signed-in user (401 otherwise). A report the user may not read answers 404, as
if it did not exist; a move the user may not make answers 403, and a move the report's state does not
allow answers 409, both decided by the services. Every answer to a move is the report afterwards.
The collection path also takes the public POST that files a report (see public.py).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from tanggap.accounts.permissions import IsStaffMember
from tanggap.complaints import selectors, services
from tanggap.complaints.api import public
from tanggap.complaints.api.public import ERRORS, valid
from tanggap.complaints.api.serializers import (
    ComplaintAnswerSerializer,
    ComplaintArchiveSerializer,
    ComplaintAssignSerializer,
    ComplaintMergeSerializer,
    ComplaintRedispatchSerializer,
    ComplaintRequestInfoSerializer,
    ComplaintStaffDetailSerializer,
    ComplaintStaffListQuerySerializer,
    ComplaintStaffListSerializer,
    ComplaintStaffNoteSerializer,
    ComplaintTransferOutSerializer,
    ComplaintVerifyDispatchSerializer,
)
from tanggap.complaints.api.throttles import FILING_THROTTLES
from tanggap.complaints.models import Complaint, ComplaintCategory
from tanggap.complaints.permissions import can_see_reporter_identity
from tanggap.complaints.selectors import LIST_RELATIONS
from tanggap.core.api import STAFF_AUTHENTICATION
from tanggap.core.errors import DomainError, NotFound
from tanggap.org.models import Unit

STAFF_ERRORS = {
    401: OpenApiResponse(description="Not signed in"),
    403: ERRORS[403],
    404: OpenApiResponse(
        public.ComplaintErrorSerializer, description="No such report among those the user may read"
    ),
    409: ERRORS[409],
}
DETAIL_RELATIONS = ("desa", "merged_into", "suggested_unit", "assignee")


def staff_complaint(user, code: str) -> Complaint:
    """A report the user may read, by tracking code; 404 for every other code."""
    found = (
        selectors.complaint_list_visible_to(user=user)
        .filter(tracking_code=(code or "").strip().upper()[:16])
        .select_related(*DETAIL_RELATIONS)
        .first()
    )
    if found is None:
        raise NotFound(_("Laporan tidak ditemukan."))
    return found


def staff_body(user, complaint: Complaint) -> dict:
    """A report the user may read (or just moved) as they see it, with its timeline and deadlines."""
    context = {
        "timeline": complaint.events.select_related("unit").prefetch_related("attachments"),
        "files": complaint.attachments.filter(event__isnull=True),
        "deadlines": selectors.complaint_targets(complaint, timezone.now()),
        "show_reporter": can_see_reporter_identity(user, complaint),
    }
    return ComplaintStaffDetailSerializer(complaint, context=context).data


def after_move(complaint: Complaint) -> Complaint:
    """The report read afresh after a move. Not through the scope again: handing a report to another
    unit takes it out of the mover's sight, yet the answer still shows them what they did."""
    return Complaint.objects.select_related(*LIST_RELATIONS, *DETAIL_RELATIONS).get(pk=complaint.pk)


AUTHENTICATION = STAFF_AUTHENTICATION


class StaffView(APIView):
    authentication_classes = AUTHENTICATION
    permission_classes = [permissions.IsAuthenticated]


@extend_schema(tags=["complaints-staff"])
class ComplaintCollectionView(generics.GenericAPIView):
    """GET: the reports the signed-in user may read. POST: anyone files a report."""

    authentication_classes = AUTHENTICATION
    serializer_class = ComplaintStaffListSerializer

    def get_permissions(self):
        if self.request is not None and self.request.method == "POST":
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated(), IsStaffMember()]

    def get_throttles(self):
        if self.request is not None and self.request.method == "POST":
            return [throttle() for throttle in FILING_THROTTLES]
        return super().get_throttles()

    @extend_schema(
        summary="Reports the signed-in user may read, newest first",
        description=(
            "Verifiers and region readers see their regions; unit staff and team members their "
            "units' reports; an assignee what they were given. `q` searches the tracking code, "
            "title and description (never the reporter's name)."
        ),
        parameters=[ComplaintStaffListQuerySerializer],
        responses={
            200: ComplaintStaffListSerializer(many=True),
            400: ERRORS[400],
            401: STAFF_ERRORS[401],
        },
    )
    def get(self, request):
        query = valid(ComplaintStaffListQuerySerializer, request.query_params)
        reports = selectors.complaint_list_visible_to(
            user=request.user,
            status=query.get("status"),
            unit=query.get("unit"),
            q=query.get("q"),
        )
        page = self.paginate_queryset(reports)
        return self.get_paginated_response(ComplaintStaffListSerializer(page, many=True).data)

    @public.FILE_SCHEMA
    def post(self, request):
        return public.file_report(request)


@extend_schema(tags=["complaints-staff"])
class ComplaintDetailView(StaffView):
    @extend_schema(
        summary="One report with its whole timeline (internal notes included) and deadlines",
        description=(
            "`reporter` is null for the handling unit of an anonymous report (verifiers still "
            "see it)."
        ),
        responses={200: ComplaintStaffDetailSerializer, **STAFF_ERRORS},
    )
    def get(self, request, code: str):
        return Response(staff_body(request.user, staff_complaint(request.user, code)))


@extend_schema(tags=["complaints-staff"])
class AttachmentDownloadView(StaffView):
    @extend_schema(
        summary="Download one file of a report the user may read",
        description="Images open inline; PDFs download. Files were re-encoded without metadata.",
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            401: STAFF_ERRORS[401],
            404: STAFF_ERRORS[404],
        },
    )
    def get(self, request, code: str, attachment_id: int):
        complaint = staff_complaint(request.user, code)
        found = complaint.attachments.filter(pk=attachment_id).first()
        if found is None:
            raise NotFound(_("Lampiran tidak ditemukan."))
        inline = found.content_type.startswith("image/")
        return FileResponse(
            found.file.open("rb"),
            content_type=found.content_type,
            as_attachment=not inline,
            filename=found.original_name,
        )


class ActionView(StaffView):
    """One workflow move on a report the user may read; answers the report afterwards."""

    input_serializer: type | None = None

    def post(self, request, code: str):
        data = valid(self.input_serializer, request.data) if self.input_serializer else {}
        complaint = staff_complaint(request.user, code)
        self.act(complaint, request.user, data)
        return Response(staff_body(request.user, after_move(complaint)))

    def act(self, complaint: Complaint, user, data: dict) -> None:
        raise NotImplementedError


def action_schema(summary: str, request=None, description: str = ""):
    return extend_schema(
        tags=["complaints-staff"],
        summary=summary,
        description=description,
        request=request,
        responses={200: ComplaintStaffDetailSerializer, 400: ERRORS[400], **STAFF_ERRORS},
    )


def _unit(unit_id: int):
    # Any id: the service refuses a unit of another region with the same message as an unknown one.
    return Unit.objects.filter(pk=unit_id).first()


def _category(complaint: Complaint, slug: str):
    if not slug:
        return None
    category = ComplaintCategory.objects.filter(region_id=complaint.region_id, slug=slug).first()
    if category is None:
        raise DomainError(_("Kategori tidak dikenal di daerah ini."), field="category")
    return category


class VerifyDispatchView(ActionView):
    input_serializer = ComplaintVerifyDispatchSerializer

    @action_schema(
        "Verify a new report and dispatch it to a unit (verifier)",
        ComplaintVerifyDispatchSerializer,
        "The response and resolve deadlines start now. `note` is an internal note for the unit.",
    )
    def post(self, request, code: str):
        return super().post(request, code)

    def act(self, complaint, user, data):
        services.complaint_verify_dispatch(
            actor=user,
            complaint=complaint,
            unit=_unit(data["unit"]),
            category=_category(complaint, data.get("category", "")),
            note=data.get("note", ""),
        )


class RequestInfoView(ActionView):
    input_serializer = ComplaintRequestInfoSerializer

    @action_schema(
        "Ask the reporter for details (the deadlines stop counting)", ComplaintRequestInfoSerializer
    )
    def post(self, request, code: str):
        return super().post(request, code)

    def act(self, complaint, user, data):
        services.complaint_request_info(actor=user, complaint=complaint, question=data["question"])


class TransferOutView(ActionView):
    input_serializer = ComplaintTransferOutSerializer

    @action_schema(
        "Not this region's authority: close as transferred to another authority (verifier)",
        ComplaintTransferOutSerializer,
    )
    def post(self, request, code: str):
        return super().post(request, code)

    def act(self, complaint, user, data):
        services.complaint_transfer_out(
            actor=user,
            complaint=complaint,
            destination=data["destination"],
            note=data.get("note", ""),
            confirm_public=data["confirm_public"],
        )


class MergeView(ActionView):
    input_serializer = ComplaintMergeSerializer

    @action_schema(
        "Merge a duplicate into another report (verifier)",
        ComplaintMergeSerializer,
        "`into` must be a report the user may read; this one is closed as merged.",
    )
    def post(self, request, code: str):
        return super().post(request, code)

    def act(self, complaint, user, data):
        services.complaint_merge(
            actor=user, complaint=complaint, into=staff_complaint(user, data["into"])
        )


class ArchiveView(ActionView):
    input_serializer = ComplaintArchiveSerializer

    @action_schema("Archive a new report with a reason (verifier)", ComplaintArchiveSerializer)
    def post(self, request, code: str):
        return super().post(request, code)

    def act(self, complaint, user, data):
        services.complaint_archive(
            actor=user,
            complaint=complaint,
            reason=data["reason"],
            confirm_public=data["confirm_public"],
        )


class RedispatchView(ActionView):
    input_serializer = ComplaintRedispatchSerializer

    @action_schema("Hand a dispatched report on to another unit", ComplaintRedispatchSerializer)
    def post(self, request, code: str):
        return super().post(request, code)

    def act(self, complaint, user, data):
        services.complaint_redispatch(
            actor=user, complaint=complaint, unit=_unit(data["unit"]), note=data.get("note", "")
        )


class AssignView(ActionView):
    input_serializer = ComplaintAssignSerializer

    @action_schema(
        "Assign the report to a member of the unit's responsive team (head, admin, coordinator)",
        ComplaintAssignSerializer,
    )
    def post(self, request, code: str):
        return super().post(request, code)

    def act(self, complaint, user, data):
        # An unknown id gets the service's "not an eligible member" answer, like a stranger's id.
        assignee = get_user_model().objects.filter(pk=data["assignee"]).first()
        services.complaint_assign(actor=user, complaint=complaint, assignee=assignee)


class TakeView(ActionView):
    @action_schema(
        "Take a dispatched, unassigned report oneself (a complaint handler or responsive-team member "
        "of the handling unit); it is then in progress and the caller's to answer"
    )
    def post(self, request, code: str):
        return super().post(request, code)

    def act(self, complaint, user, data):
        services.complaint_take(actor=user, complaint=complaint)


class NoteView(ActionView):
    input_serializer = ComplaintStaffNoteSerializer

    @action_schema(
        "Write a follow-up note: internal, or public (the first public one is the first response)",
        ComplaintStaffNoteSerializer,
        "A public note of a report that is not rahasia is on its public page: see `confirm_public`.",
    )
    def post(self, request, code: str):
        return super().post(request, code)

    def act(self, complaint, user, data):
        services.complaint_note(
            actor=user,
            complaint=complaint,
            message=data["message"],
            visibility=data["visibility"],
            confirm_public=data["confirm_public"],
        )


class AnswerView(ActionView):
    input_serializer = ComplaintAnswerSerializer

    @action_schema(
        "Answer the reporter (JSON, or multipart with `files`); the reporter may then rate or reopen",
        ComplaintAnswerSerializer,
        "A public answer of a report that is not rahasia is on its public page: see "
        "`confirm_public`, or send it with `visibility` reporter.",
    )
    def post(self, request, code: str):
        return super().post(request, code)

    def act(self, complaint, user, data):
        services.complaint_answer(
            actor=user,
            complaint=complaint,
            message=data["message"],
            files=data.get("files", []),
            visibility=data["visibility"],
            confirm_public=data["confirm_public"],
        )


class CloseView(ActionView):
    @action_schema("Close an answered report (handling staff)")
    def post(self, request, code: str):
        return super().post(request, code)

    def act(self, complaint, user, data):
        services.complaint_close(actor=user, complaint=complaint)
