"""What the complaints API accepts: the reporter's input (filing, tracking, reply, rating, reopening) and
the staff's (the list's filters, one body per workflow move). Shape and types only: every rule lives in the
services."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from tanggap.complaints.api.serializers.fields import (
    ANSWER_VISIBILITIES,
    API_CHANNELS,
    CONFIRM_PUBLIC_HELP,
    NOTE_VISIBILITIES,
    TEXT_ERRORS,
    CoordinateField,
    FilesField,
    id_field,
)
from tanggap.complaints.models import Channel, Complaint, ComplaintEvent, ComplaintType

# --- input: the reporter -------------------------------------------------------------------------------


__all__ = [
    "ComplaintAnswerSerializer",
    "ComplaintArchiveSerializer",
    "ComplaintAssignSerializer",
    "ComplaintFileSerializer",
    "ComplaintMergeSerializer",
    "ComplaintNoteOnlySerializer",
    "ComplaintRateSerializer",
    "ComplaintRedispatchSerializer",
    "ComplaintReopenSerializer",
    "ComplaintReporterReplySerializer",
    "ComplaintRequestInfoSerializer",
    "ComplaintSecretSerializer",
    "ComplaintStaffListQuerySerializer",
    "ComplaintStaffNoteSerializer",
    "ComplaintTrackSerializer",
    "ComplaintTransferOutSerializer",
    "ComplaintVerifyDispatchSerializer",
]


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


def confirm_public_field():
    return serializers.BooleanField(default=False, help_text=CONFIRM_PUBLIC_HELP)


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
        max_length=200,
        error_messages=TEXT_ERRORS,
        help_text="The authority it belongs to (shown on the public page)",
    )
    confirm_public = confirm_public_field()


class ComplaintMergeSerializer(serializers.Serializer):
    into = serializers.CharField(max_length=16, help_text="Tracking code of the report kept")


class ComplaintArchiveSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=300, error_messages=TEXT_ERRORS, help_text="Shown on the public page"
    )
    confirm_public = confirm_public_field()


class ComplaintAssignSerializer(serializers.Serializer):
    assignee = id_field(help_text="User id of a member of the unit's responsive team")


class ComplaintStaffNoteSerializer(serializers.Serializer):
    message = serializers.CharField(max_length=4000, error_messages=TEXT_ERRORS)
    visibility = serializers.ChoiceField(
        choices=NOTE_VISIBILITIES,
        default=ComplaintEvent.Visibility.INTERNAL,
        help_text="public: the reporter and (unless rahasia) everyone read it",
    )
    confirm_public = confirm_public_field()


class ComplaintAnswerSerializer(serializers.Serializer):
    message = serializers.CharField(max_length=4000, error_messages=TEXT_ERRORS)
    visibility = serializers.ChoiceField(
        choices=ANSWER_VISIBILITIES,
        default=ComplaintEvent.Visibility.PUBLIC,
        help_text=(
            "public: the reporter and (unless rahasia) everyone read it on the public page; "
            "reporter: only the reporter (the public page says an answer was given, not its text)"
        ),
    )
    confirm_public = confirm_public_field()
    files = FilesField()
