"""What the attendance API reads and answers. Personal data stays out: an official is named by id and
name only (never the NIP), and an event's coordinates are not sent back."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from tanggap.attendance.models import (
    AttendanceEvent,
    LeaveLedgerEntry,
    LeaveRequest,
    LeaveType,
)

MAX_ID = 2**63 - 1  # a bigint primary key: larger ids are bad input, not a database error
K = AttendanceEvent.Kind
M = AttendanceEvent.Method


def id_field(**kwargs) -> serializers.IntegerField:
    """A database id: a whole number in the integer column's range (a larger one is a 400)."""
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


# --- check-ins --------------------------------------------------------------------------------------


class CheckInInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[K.IN, K.OUT], default=K.IN)
    method = serializers.ChoiceField(
        choices=[M.QR, M.GEO],
        default=M.QR,
        help_text="qr: `token` (scanned) or `code` (typed); geo: the phone's position.",
    )
    token = serializers.CharField(
        required=False, allow_blank=True, max_length=500, help_text="The signed token of the QR."
    )
    code = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="The six characters under the QR code, typed.",
    )
    location = id_field(
        required=False,
        allow_null=True,
        help_text=(
            "The office location. Optional: a QR names its own, a typed code is looked for in the "
            "region's locations, a position picks the nearest."
        ),
    )
    latitude = serializers.FloatField(required=False, allow_null=True, min_value=-90, max_value=90)
    longitude = serializers.FloatField(
        required=False, allow_null=True, min_value=-180, max_value=180
    )
    accuracy_m = serializers.FloatField(
        required=False, allow_null=True, min_value=0, max_value=1_000_000
    )

    def validate(self, data):
        if data["method"] == M.QR:
            token = (data.get("token") or "").strip() or (data.get("code") or "").strip()
            if not token:
                raise serializers.ValidationError(
                    {"token": [_("Pindai kode QR atau ketik kode yang tampil di layar kantor.")]}
                )
            data["qr"] = token
        elif None in (data.get("latitude"), data.get("longitude"), data.get("accuracy_m")):
            raise serializers.ValidationError(
                {
                    "latitude": [
                        _("Lokasi ponsel belum diterima. Izinkan akses lokasi lalu coba lagi.")
                    ]
                }
            )
        return data


class AttendanceEventSerializer(serializers.ModelSerializer):
    location = NamedSerializer()
    official = NamedSerializer()
    recorded_at = serializers.DateTimeField(help_text="The server's time of the check-in.")
    distance_m = serializers.FloatField(allow_null=True, help_text="From the fence's centre (geo).")
    accuracy_m = serializers.FloatField(allow_null=True)

    class Meta:
        model = AttendanceEvent
        fields = [
            "id",
            "official",
            "kind",
            "method",
            "recorded_at",
            "location",
            "distance_m",
            "accuracy_m",
        ]


class EventListQuerySerializer(serializers.Serializer):
    date = serializers.DateField(required=False, help_text="Only events of this day (YYYY-MM-DD).")
    official = id_field(required=False, help_text="Only this official's (within your scope).")


# --- leave ------------------------------------------------------------------------------------------


class LeaveTypeSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="get_code_display")
    max_working_days = serializers.IntegerField(allow_null=True)

    class Meta:
        model = LeaveType
        fields = [
            "id",
            "code",
            "name",
            "uses_annual_balance",
            "requires_document",
            "max_working_days",
        ]


class LedgerRowSerializer(serializers.ModelSerializer):
    leave_type = serializers.CharField(source="leave_type.code")
    request = serializers.IntegerField(source="request_id", allow_null=True)

    class Meta:
        model = LeaveLedgerEntry
        fields = ["id", "year", "kind", "days", "leave_type", "request", "note", "created_at"]


class LeaveBalanceSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    balance = serializers.IntegerField(help_text="Working days on the annual balance.")
    pending = serializers.IntegerField(help_text="Held back by pending requests.")
    available = serializers.IntegerField()
    ledger = LedgerRowSerializer(many=True)


class YearQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)


class LeaveRequestSerializer(serializers.ModelSerializer):
    official = NamedSerializer()
    leave_type = LeaveTypeSerializer()
    has_document = serializers.SerializerMethodField()
    decided_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        model = LeaveRequest
        fields = [
            "id",
            "official",
            "leave_type",
            "start",
            "end",
            "working_days",
            "status",
            "reason",
            "has_document",
            "created_at",
            "decided_at",
            "decision_note",
        ]

    def get_has_document(self, obj) -> bool:
        return bool(obj.document)


class LeaveRequestInputSerializer(serializers.Serializer):
    leave_type = id_field()
    start = serializers.DateField()
    end = serializers.DateField()
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    document = serializers.FileField(
        required=False, help_text="PDF, JPG or PNG, at most 5 MB (multipart/form-data)."
    )


class LeaveListQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=LeaveRequest.Status.choices, required=False)
    official = id_field(required=False)


class DecisionInputSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class NoteInputSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
