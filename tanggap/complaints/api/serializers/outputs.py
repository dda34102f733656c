"""What the complaints API answers: a report as the reporter or the staff see it, its steps, files and
deadlines, categories, the filing receipt and errors. Never a secret; the reporter's identity only when
the caller may see it (the staff detail decides per report)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tanggap.complaints.api.serializers.fields import DEADLINE_STATES, DEADLINE_TARGETS
from tanggap.complaints.models import Complaint, ComplaintCategory, ComplaintEvent

# --- output ---------------------------------------------------------------------------------------------


__all__ = [
    "ComplaintAttachmentSerializer",
    "ComplaintBaseSerializer",
    "ComplaintCategorySerializer",
    "ComplaintDeadlineSerializer",
    "ComplaintErrorSerializer",
    "ComplaintEventSerializer",
    "ComplaintFiledSerializer",
    "ComplaintNamedSerializer",
    "ComplaintReporterIdentitySerializer",
    "ComplaintReporterViewSerializer",
    "ComplaintStaffDetailSerializer",
    "ComplaintStaffEventSerializer",
    "ComplaintStaffListSerializer",
    "StepsMixin",
]


class ComplaintErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    field = serializers.CharField(required=False)


class ComplaintCategorySerializer(serializers.ModelSerializer):
    default_unit = serializers.CharField(source="default_unit.name", default=None, allow_null=True)

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
    message = serializers.CharField(
        source="text", help_text="What the step says, in the request's language."
    )
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
    category = serializers.CharField(source="category.name", default=None, allow_null=True)
    unit = serializers.CharField(source="unit.name", default=None, allow_null=True)

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

    kecamatan = serializers.CharField(source="kecamatan.name", default=None, allow_null=True)
    desa = serializers.CharField(source="desa.name", default=None, allow_null=True)
    category_slug = serializers.CharField(source="category.slug", default=None, allow_null=True)
    reporter = serializers.SerializerMethodField()
    merged_into = serializers.CharField(
        source="merged_into.tracking_code", default=None, allow_null=True
    )
    suggested_unit = serializers.CharField(
        source="suggested_unit.name", default=None, allow_null=True
    )
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
