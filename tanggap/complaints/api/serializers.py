"""Serializers of the complaints API: what it accepts (input) and what it answers (output).

Input serializers check shape and types only; every rule (who may act, which move is legal, deadlines,
attachment checks) lives in the services. Output serializers never show a reporter's identity unless
the caller may see it (the staff detail decides per report), and never show a secret.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tanggap.complaints.models import (
    Channel,
    Complaint,
    ComplaintCategory,
    ComplaintEvent,
    ComplaintType,
)

MAX_ID = 2**63 - 1
# Choice sets with stable names in the schema (SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]).
API_CHANNELS = [
    (value, label)
    for value, label in Channel.choices
    if value not in (Channel.WEB, Channel.OPEN311)
]
NOTE_VISIBILITIES = [
    (value, label)
    for value, label in ComplaintEvent.Visibility.choices
    if value in (ComplaintEvent.Visibility.INTERNAL, ComplaintEvent.Visibility.PUBLIC)
]
DEADLINE_TARGETS = ["verify", "response", "resolve"]
DEADLINE_STATES = ["on_track", "due_soon", "breached", "met", "met_late", "none"]
TEXT_ERRORS: dict[str, Any] = {"blank": _("Wajib diisi."), "required": _("Wajib diisi.")}


def id_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


class CoordinateField(serializers.DecimalField):
    """A latitude or longitude; more than six decimals are rounded, not refused (GPS gives more)."""

    def __init__(self, limit: int, **kwargs):
        super().__init__(
            max_digits=20,
            decimal_places=None,
            min_value=Decimal(-limit),
            max_value=Decimal(limit),
            required=False,
            allow_null=True,
            **kwargs,
        )

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        return value.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


class FilesField(serializers.ListField):
    """Photos or documents (multipart `files`, repeated); checked by content in the services."""

    def __init__(self, **kwargs):
        super().__init__(
            child=serializers.FileField(allow_empty_file=False),
            required=False,
            max_length=20,
            help_text="JPEG, PNG, WebP or PDF; size and count limits apply (multipart only)",
            **kwargs,
        )


# --- input: the reporter -------------------------------------------------------------------------------


class ComplaintFileSerializer(serializers.Serializer):
    region = serializers.SlugField(max_length=64, help_text="Region slug, e.g. kab-blitar")
    report_type = serializers.ChoiceField(choices=ComplaintType.choices)
    title = serializers.CharField(max_length=200, error_messages=TEXT_ERRORS)
    description = serializers.CharField(max_length=4000, error_messages=TEXT_ERRORS)
    category = serializers.SlugField(
        max_length=80, required=False, allow_blank=True, help_text="Category slug (see categories)"
    )
    service = id_field(required=False, allow_null=True, help_text="Catalogue service id")
    kecamatan = serializers.CharField(
        max_length=20, required=False, allow_blank=True, help_text="Kecamatan code (kode wilayah)"
    )
    desa = serializers.CharField(
        max_length=20, required=False, allow_blank=True, help_text="Desa/kelurahan code"
    )
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    latitude = CoordinateField(90)
    longitude = CoordinateField(180)
    is_confidential = serializers.BooleanField(
        default=False, help_text="rahasia: the report is never shown publicly"
    )
    is_anonymous = serializers.BooleanField(
        default=False, help_text="anonim: the reporter's identity is hidden from the handling unit"
    )
    reporter_name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    reporter_phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    reporter_email = serializers.EmailField(required=False, allow_blank=True)
    channel = serializers.ChoiceField(
        choices=API_CHANNELS,
        default=Channel.API,
        help_text="Only staff of the region may record other channels (phone, letter, media, ...)",
    )
    source_url = serializers.URLField(
        max_length=500, required=False, allow_blank=True, help_text="Needed for channel media"
    )
    files = FilesField()

    def validate(self, attrs):
        if (attrs.get("latitude") is None) != (attrs.get("longitude") is None):
            raise serializers.ValidationError(
                {"longitude": _("Lintang dan bujur harus diisi bersama.")}
            )
        return attrs


class ComplaintTrackSerializer(serializers.Serializer):
    tracking_code = serializers.CharField(max_length=16, error_messages=TEXT_ERRORS)
    secret = serializers.CharField(max_length=32, error_messages=TEXT_ERRORS)


class ComplaintSecretSerializer(serializers.Serializer):
    secret = serializers.CharField(
        max_length=32, error_messages=TEXT_ERRORS, help_text="The secret given when filing"
    )


class ComplaintReporterReplySerializer(ComplaintSecretSerializer):
    message = serializers.CharField(max_length=4000, error_messages=TEXT_ERRORS)
    files = FilesField()


class ComplaintRateSerializer(ComplaintSecretSerializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ComplaintReopenSerializer(ComplaintSecretSerializer):
    reason = serializers.CharField(max_length=2000, error_messages=TEXT_ERRORS)


# --- input: staff ---------------------------------------------------------------------------------------


class ComplaintStaffListQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Complaint.Status.choices, required=False)
    unit = id_field(required=False, help_text="Handling unit id")
    q = serializers.CharField(
        max_length=100, required=False, allow_blank=True, help_text="Code, title or text"
    )


class ComplaintNoteOnlySerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ComplaintVerifyDispatchSerializer(ComplaintNoteOnlySerializer):
    unit = id_field(help_text="The unit that will handle the report")
    category = serializers.SlugField(
        max_length=80, required=False, allow_blank=True, help_text="Re-categorise (slug)"
    )


class ComplaintRedispatchSerializer(ComplaintNoteOnlySerializer):
    unit = id_field(help_text="The unit that will handle the report instead")


class ComplaintRequestInfoSerializer(serializers.Serializer):
    question = serializers.CharField(max_length=2000, error_messages=TEXT_ERRORS)


class ComplaintTransferOutSerializer(ComplaintNoteOnlySerializer):
    destination = serializers.CharField(
        max_length=200, error_messages=TEXT_ERRORS, help_text="The authority it belongs to"
    )


class ComplaintMergeSerializer(serializers.Serializer):
    into = serializers.CharField(max_length=16, help_text="Tracking code of the report kept")


class ComplaintArchiveSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, error_messages=TEXT_ERRORS)


class ComplaintAssignSerializer(serializers.Serializer):
    assignee = id_field(help_text="User id of a member of the unit's responsive team")


class ComplaintStaffNoteSerializer(serializers.Serializer):
    message = serializers.CharField(max_length=4000, error_messages=TEXT_ERRORS)
    visibility = serializers.ChoiceField(
        choices=NOTE_VISIBILITIES,
        default=ComplaintEvent.Visibility.INTERNAL,
        help_text="public: the reporter and (unless rahasia) everyone read it",
    )


class ComplaintAnswerSerializer(serializers.Serializer):
    message = serializers.CharField(max_length=4000, error_messages=TEXT_ERRORS)
    files = FilesField()


# --- output ---------------------------------------------------------------------------------------------


class ComplaintErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    field = serializers.CharField(required=False)


class ComplaintCategorySerializer(serializers.ModelSerializer):
    default_unit = serializers.CharField(source="default_unit.name", default=None)

    class Meta:
        model = ComplaintCategory
        fields = ["slug", "name", "name_en", "default_unit"]


class ComplaintFiledSerializer(serializers.Serializer):
    tracking_code = serializers.CharField()
    secret = serializers.CharField(help_text="Shown only now: the reporter needs it to follow up")
    status = serializers.ChoiceField(choices=Complaint.Status.choices)
    verify_due_at = serializers.DateTimeField()


class ComplaintNamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ComplaintAttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    by_reporter = serializers.BooleanField()


class ComplaintEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor_label")
    attachments = ComplaintAttachmentSerializer(many=True, source="attachments.all")

    class Meta:
        model = ComplaintEvent
        fields = [
            "at",
            "action",
            "from_status",
            "to_status",
            "actor",
            "by_reporter",
            "message",
            "attachments",
        ]


class ComplaintStaffEventSerializer(ComplaintEventSerializer):
    class Meta(ComplaintEventSerializer.Meta):
        fields = [*ComplaintEventSerializer.Meta.fields, "visibility"]


class ComplaintDeadlineSerializer(serializers.Serializer):
    target = serializers.ChoiceField(choices=DEADLINE_TARGETS)
    due_at = serializers.DateTimeField(allow_null=True)
    met_at = serializers.DateTimeField(allow_null=True)
    state = serializers.ChoiceField(choices=DEADLINE_STATES)


class ComplaintBaseSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    category = serializers.CharField(source="category.name", default=None)
    unit = serializers.CharField(source="unit.name", default=None)

    class Meta:
        model = Complaint
        fields = [
            "tracking_code",
            "report_type",
            "status",
            "status_label",
            "title",
            "category",
            "unit",
            "is_confidential",
            "is_anonymous",
            "created_at",
        ]


class StepsMixin(serializers.Serializer):
    """`timeline`, `attachments` (the report's own files) and `deadlines` come from the context: the
    view reads them through the selectors that decide which steps the reader may see."""

    timeline_serializer: type[serializers.Serializer] = ComplaintEventSerializer
    timeline = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()
    deadlines = serializers.SerializerMethodField()

    def get_timeline(self, complaint):
        return self.timeline_serializer(self.context["timeline"], many=True).data

    @extend_schema_field(ComplaintAttachmentSerializer(many=True))
    def get_attachments(self, complaint):
        return ComplaintAttachmentSerializer(self.context["files"], many=True).data

    @extend_schema_field(ComplaintDeadlineSerializer(many=True))
    def get_deadlines(self, complaint):
        return ComplaintDeadlineSerializer(self.context["deadlines"], many=True).data


class ComplaintReporterViewSerializer(StepsMixin, ComplaintBaseSerializer):
    """What the reporter sees with the code and secret: their report, its steps meant for them."""

    @extend_schema_field(ComplaintEventSerializer(many=True))
    def get_timeline(self, complaint):
        return super().get_timeline(complaint)

    class Meta(ComplaintBaseSerializer.Meta):
        fields = [
            *ComplaintBaseSerializer.Meta.fields,
            "description",
            "address",
            "answered_at",
            "closed_at",
            "rating",
            "rating_comment",
            "reopen_count",
            "deadlines",
            "timeline",
            "attachments",
        ]


class ComplaintStaffListSerializer(ComplaintBaseSerializer):
    unit_id = serializers.IntegerField(allow_null=True)
    assignee = serializers.SerializerMethodField()

    class Meta(ComplaintBaseSerializer.Meta):
        fields = [
            *ComplaintBaseSerializer.Meta.fields,
            "channel",
            "unit_id",
            "assignee",
            "verify_due_at",
            "response_due_at",
            "resolve_due_at",
        ]

    @extend_schema_field(ComplaintNamedSerializer(allow_null=True))
    def get_assignee(self, complaint):
        user = complaint.assignee
        return {"id": user.pk, "name": str(user)} if user is not None else None


class ComplaintReporterIdentitySerializer(serializers.Serializer):
    name = serializers.CharField(source="reporter_name")
    phone = serializers.CharField(source="reporter_phone")
    email = serializers.CharField(source="reporter_email")


class ComplaintStaffDetailSerializer(StepsMixin, ComplaintStaffListSerializer):
    """A report as the staff see it; `reporter` is null when the caller may not see who filed it."""

    kecamatan = serializers.CharField(source="kecamatan.name", default=None)
    desa = serializers.CharField(source="desa.name", default=None)
    category_slug = serializers.CharField(source="category.slug", default=None)
    reporter = serializers.SerializerMethodField()
    merged_into = serializers.CharField(source="merged_into.tracking_code", default=None)
    suggested_unit = serializers.CharField(source="suggested_unit.name", default=None)
    timeline_serializer = ComplaintStaffEventSerializer

    class Meta(ComplaintStaffListSerializer.Meta):
        fields = [
            *ComplaintStaffListSerializer.Meta.fields,
            "category_slug",
            "description",
            "maladministration",
            "kecamatan",
            "desa",
            "address",
            "latitude",
            "longitude",
            "source_url",
            "reporter",
            "merged_into",
            "suggested_unit",
            "suggestion_confidence",
            "closing_reason",
            "verified_at",
            "dispatched_at",
            "first_response_at",
            "answered_at",
            "closed_at",
            "rating",
            "rating_comment",
            "reopen_count",
            "deadlines",
            "timeline",
            "attachments",
        ]

    @extend_schema_field(ComplaintStaffEventSerializer(many=True))
    def get_timeline(self, complaint):
        return super().get_timeline(complaint)

    @extend_schema_field(ComplaintReporterIdentitySerializer(allow_null=True))
    def get_reporter(self, complaint):
        if not self.context.get("show_reporter"):
            return None
        return ComplaintReporterIdentitySerializer(complaint).data
