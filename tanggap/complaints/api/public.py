"""The reporter's side of the complaints API: no account needed, rate limited.

Filing answers the tracking code and the secret once; everything after that takes both (track, reply,
rate, reopen) and answers 404 when either is wrong, the same whichever one it was. Each view parses
input with a serializer, reads through a selector and makes one service call.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from tanggap.accounts.permissions import visible_region_ids
from tanggap.catalog.models import Service
from tanggap.complaints import selectors, services
from tanggap.complaints.api.serializers import (
    ComplaintCategorySerializer,
    ComplaintErrorSerializer,
    ComplaintFiledSerializer,
    ComplaintFileSerializer,
    ComplaintRateSerializer,
    ComplaintReopenSerializer,
    ComplaintReporterReplySerializer,
    ComplaintReporterViewSerializer,
    ComplaintTrackSerializer,
)
from tanggap.complaints.api.throttles import (
    PUBLIC_THROTTLES,
    REPORTER_THROTTLES,
)
from tanggap.complaints.models import Channel, Complaint, ComplaintCategory
from tanggap.complaints.open311.selectors import jurisdiction_get, open311_services
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.org.models import Area

ERRORS = {
    400: OpenApiResponse(ComplaintErrorSerializer, description="Bad input; nothing changed"),
    403: OpenApiResponse(ComplaintErrorSerializer, description="Not allowed"),
    404: OpenApiResponse(
        ComplaintErrorSerializer, description="Unknown code, or the code and secret do not match"
    ),
    409: OpenApiResponse(
        ComplaintErrorSerializer, description="Not allowed in the report's current state"
    ),
    429: OpenApiResponse(ComplaintErrorSerializer, description="Too many requests"),
}


def valid(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def reporter_body(complaint: Complaint) -> dict:
    """The reporter's view of their report: steps meant for them, files, deadline states."""
    context = {
        "timeline": selectors.reporter_timeline(complaint),
        "files": complaint.attachments.filter(event__isnull=True),
        "deadlines": selectors.complaint_targets(complaint, timezone.now()),
    }
    return ComplaintReporterViewSerializer(complaint, context=context).data


def reporter_complaint(code: str, secret: str) -> Complaint:
    return selectors.complaint_get_for_reporter(tracking_code=code, secret=secret)


class PublicView(APIView):
    permission_classes = [permissions.AllowAny]
    throttle_classes = REPORTER_THROTTLES


# --- filing ---------------------------------------------------------------------------------------------


def _region(slug: str):
    region = jurisdiction_get(slug)
    if region is None:
        raise DomainError(_("Daerah %(slug)s tidak dikenal.") % {"slug": slug}, field="region")
    return region


def _lookup(model, region, field: str, message: str, **filters):
    found = model.objects.filter(region=region, **filters).first()
    if found is None:
        raise DomainError(message, field=field)
    return found


def filing_arguments(data: dict, region) -> dict:
    """complaint_file's arguments from validated input: slugs and area codes become records."""
    kwargs = {
        key: data.get(key, "")
        for key in (
            "report_type",
            "title",
            "description",
            "address",
            "reporter_name",
            "reporter_phone",
            "reporter_email",
            "source_url",
        )
    }
    kwargs.update(
        region=region,
        channel=data["channel"],
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        is_confidential=data["is_confidential"],
        is_anonymous=data["is_anonymous"],
    )
    if data.get("category"):
        kwargs["category"] = _lookup(
            ComplaintCategory,
            region,
            "category",
            _("Kategori tidak dikenal di daerah ini."),
            slug=data["category"],
            is_active=True,
        )
    if data.get("service"):
        kwargs["service"] = _lookup(
            Service,
            region,
            "service",
            _("Layanan tidak dikenal di daerah ini."),
            pk=data["service"],
        )
    if data.get("kecamatan"):
        kwargs["kecamatan"] = _lookup(
            Area,
            region,
            "kecamatan",
            _("Kecamatan tidak dikenal di daerah ini."),
            code=data["kecamatan"],
            kind=Area.Kind.KECAMATAN,
        )
    if data.get("desa"):
        desa = _lookup(
            Area,
            region,
            "desa",
            _("Desa/kelurahan tidak dikenal di daerah ini."),
            code=data["desa"],
            kind__in=[Area.Kind.DESA, Area.Kind.KELURAHAN],
        )
        kwargs["desa"] = desa
        kwargs.setdefault("kecamatan", desa.parent)
    return kwargs


def may_record_for(user, region) -> bool:
    """Staff with a role in the region record reports received by other channels."""
    if not getattr(user, "is_authenticated", False):
        return False
    ids = visible_region_ids(user)
    return ids is None or region.pk in ids


def file_report(request):
    """POST /api/complaints/: file a report (called by the collection view in staff.py)."""
    data = valid(ComplaintFileSerializer, request.data)
    region = _region(data["region"])
    actor = None
    if data["channel"] != Channel.API:
        if not may_record_for(request.user, region):
            raise PermissionDenied(
                _("Hanya petugas daerah ini yang dapat mencatat laporan dari kanal lain.")
            )
        actor = request.user
    complaint, secret = services.complaint_file_with_attachments(
        filing_arguments(data, region),
        data.get("files", []),
        reporter_user=request.user if actor is None else None,
        actor=actor,
    )
    body = {
        "tracking_code": complaint.tracking_code,
        "secret": secret,
        "status": complaint.status,
        "verify_due_at": complaint.verify_due_at,
    }
    return Response(ComplaintFiledSerializer(body).data, status=status.HTTP_201_CREATED)


FILE_SCHEMA = extend_schema(
    tags=["complaints"],
    summary="File a report (no account needed)",
    description=(
        "JSON, or multipart/form-data with `files` (repeated) for photos and documents. The answer "
        "carries the tracking code and the secret, shown only now. Signed-in staff of the region "
        "may record other channels (phone, WhatsApp, SMS, letter, counter, media with `source_url`); "
        "the channel is `api` otherwise. Rate limited per client."
    ),
    request=ComplaintFileSerializer,
    responses={201: ComplaintFiledSerializer, 400: ERRORS[400], 403: ERRORS[403], 429: ERRORS[429]},
)


# --- categories and the reporter's own actions ----------------------------------------------------------


@extend_schema(tags=["complaints"])
class CategoryListView(PublicView):
    throttle_classes = PUBLIC_THROTTLES

    @extend_schema(
        summary="The categories a region takes reports about",
        parameters=[OpenApiParameter("region", str, required=True, description="Region slug")],
        responses={200: ComplaintCategorySerializer(many=True), 400: ERRORS[400]},
    )
    def get(self, request):
        region = _region((request.query_params.get("region") or "").strip()[:64])
        return Response(ComplaintCategorySerializer(open311_services(region), many=True).data)


@extend_schema(tags=["complaints"])
class TrackView(PublicView):
    @extend_schema(
        summary="The reporter's view of a report (tracking code and secret)",
        description=(
            "Answers the report, its deadline states and every step meant for the reporter "
            "(questions from the handler included, internal notes never). POST so that the secret "
            "stays out of URLs and logs."
        ),
        request=ComplaintTrackSerializer,
        responses={200: ComplaintReporterViewSerializer, 400: ERRORS[400], 404: ERRORS[404]},
    )
    def post(self, request):
        data = valid(ComplaintTrackSerializer, request.data)
        return Response(reporter_body(reporter_complaint(data["tracking_code"], data["secret"])))


@extend_schema(tags=["complaints"])
class ReporterReplyView(PublicView):
    @extend_schema(
        summary="The reporter answers a question or writes to the handlers",
        description="When the report waited for the reporter, it resumes and its deadlines move on.",
        request=ComplaintReporterReplySerializer,
        responses={200: ComplaintReporterViewSerializer, **ERRORS},
    )
    def post(self, request, code: str):
        data = valid(ComplaintReporterReplySerializer, request.data)
        complaint = reporter_complaint(code, data["secret"])
        services.complaint_reporter_reply(
            complaint=complaint, message=data["message"], files=data.get("files", [])
        )
        return Response(reporter_body(complaint))


@extend_schema(tags=["complaints"])
class RateView(PublicView):
    @extend_schema(
        summary="The reporter rates the answer (1–5); rating an answered report closes it",
        request=ComplaintRateSerializer,
        responses={200: ComplaintReporterViewSerializer, **ERRORS},
    )
    def post(self, request, code: str):
        data = valid(ComplaintRateSerializer, request.data)
        complaint = reporter_complaint(code, data["secret"])
        services.complaint_rate(
            complaint=complaint, rating=data["rating"], comment=data.get("comment", "")
        )
        return Response(reporter_body(complaint))


@extend_schema(tags=["complaints"])
class ReopenView(PublicView):
    @extend_schema(
        summary="The reporter reopens an answered or closed report within the response window",
        request=ComplaintReopenSerializer,
        responses={200: ComplaintReporterViewSerializer, **ERRORS},
    )
    def post(self, request, code: str):
        data = valid(ComplaintReopenSerializer, request.data)
        complaint = reporter_complaint(code, data["secret"])
        services.complaint_reopen(complaint=complaint, reason=data["reason"])
        return Response(reporter_body(complaint))
